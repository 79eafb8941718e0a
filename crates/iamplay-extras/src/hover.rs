//! The editors' hover over an action, an action pattern or a condition key: what AWS's
//! catalog says of it (the actions a pattern covers with their access levels, an action's
//! level, a key's type), as an HTML string. The descriptions are fetched by the editor
//! bundle for one service at a time, on the first hover over its names
//! (web/editor/src/extras.js fills the element marked `data-describe`).

use crate::text;
use iamplay_aws_data::catalog::Catalog;
use iamplay_core::hover::{pointed, Named};
use iamplay_core::vocabulary::Vocabulary;
use wasm_bindgen::JsValue;

/// At most this many of a pattern's actions are listed (the CLI's `iamplay expand` lists all).
const LISTED: usize = 40;

#[derive(serde::Serialize)]
struct Shown {
    /// UTF-16 offsets of the string's content.
    from: usize,
    to: usize,
    html: String,
}

/// What the name at UTF-16 offset `pos` of the editor `testid`'s `source` is: null where
/// nothing is named or before the catalog is here.
pub fn at(testid: &str, source: &str, pos: u32) -> JsValue {
    let editor = testid.strip_prefix("editor-").unwrap_or_default();
    let cursor = iamplay_core::source::byte_of_utf16(source, pos as usize);
    let (Some(found), Some(catalog)) = (pointed(editor, source, cursor), crate::catalog::get()) else {
        return JsValue::NULL;
    };
    let html = match &found.name {
        Named::Action(pattern) => action_html(catalog, pattern),
        Named::ConditionKey(key) => key_html(catalog, key),
    } + &format!(r#"<div class="hover-data">IAM data: {}</div>"#, text(&catalog.data_version()));
    let from = iamplay_core::source::utf16_of_byte(source, found.from);
    let to = iamplay_core::source::utf16_of_byte(source, found.to);
    serde_wasm_bindgen::to_value(&Shown { from, to, html }).unwrap_or(JsValue::NULL)
}

/// An element the editor bundle fills with the description of `name` (an action's name or
/// a key) of the service `prefix`.
fn description(prefix: &str, kind: &str, name: &str) -> String {
    format!(
        r#"<p class="hover-description" data-describe="{kind}" data-service="{}" data-name="{}"></p>"#,
        text(prefix),
        text(name)
    )
}

fn action_html(c: &Catalog, pattern: &str) -> String {
    let covered = c.expand(pattern);
    let wildcard = pattern.contains(['*', '?']);
    let mut html = String::new();
    match (wildcard, covered.as_slice()) {
        (false, [one]) => {
            let (prefix, name) = one.action.split_once(':').unwrap_or_default();
            let service = c.service(prefix).map_or(prefix, |s| s.name.as_str());
            html += &format!(
                r#"<div class="hover-head"><code>{}</code> <span class="hover-level">{}</span></div><div class="hover-service">{}</div>"#,
                text(&one.action),
                one.level.as_str(),
                text(service)
            );
            html += &description(prefix, "action", name);
        }
        (_, []) => {
            html +=
                &format!(r#"<div class="hover-head"><code>{}</code>: AWS lists no such action</div>"#, text(pattern));
            // the nearest name AWS lists, as the finding under it says
            use iamplay_core::vocabulary::{unlisted, Unlisted};
            let near = match unlisted(c, pattern) {
                Some(Unlisted::Service { near: Some(n) }) => Some(format!("a service <code>{}</code>", text(n))),
                Some(Unlisted::Action { near: Some(n), .. }) => {
                    let prefix = pattern.split(':').next().unwrap_or_default();
                    Some(format!("<code>{}</code>", text(&format!("{prefix}:{n}"))))
                }
                _ => None,
            };
            if let Some(near) = near {
                html += &format!(r#"<div class="hover-near" data-testid="hover-near">Did you mean {near}?</div>"#);
            }
        }
        (_, all) => {
            let services =
                all.iter().map(|a| a.action.split(':').next().unwrap_or_default()).fold(Vec::new(), |mut v, p| {
                    if !v.contains(&p) {
                        v.push(p);
                    }
                    v
                });
            let whose = match services.as_slice() {
                [one] => format!("of {}", text(c.service(one).map_or(*one, |s| s.name.as_str()))),
                many => format!("of {} services", many.len()),
            };
            let noun = if all.len() == 1 { "action" } else { "actions" };
            html += &format!(
                r#"<div class="hover-head"><code>{}</code> covers {} {noun} {whose}</div><ul class="hover-actions">"#,
                text(pattern),
                all.len()
            );
            for a in all.iter().take(LISTED) {
                html +=
                    &format!(r#"<li><span class="hover-level">{}</span> {}</li>"#, a.level.as_str(), text(&a.action));
            }
            html += "</ul>";
            if all.len() > LISTED {
                html += &format!(
                    r#"<div class="hover-more">and {} more (<code>iamplay expand</code> lists them all)</div>"#,
                    all.len() - LISTED
                );
            }
        }
    }
    html
}

fn key_html(c: &Catalog, key: &str) -> String {
    let Some(kind) = c.key_type(key) else {
        return format!(r#"<div class="hover-head"><code>{}</code>: AWS lists no such condition key</div>"#, text(key));
    };
    let prefix = key.split(':').next().unwrap_or_default();
    // AWS's data describes services' keys, not the global ones
    let (whose, described) = if c.is_global_key(key) {
        ("a global condition key (any request may carry it)".to_string(), String::new())
    } else {
        let service = text(c.service(prefix).map_or(prefix, |s| s.name.as_str()));
        (format!("a condition key of {service}"), description(prefix, "key", key))
    };
    format!(
        r#"<div class="hover-head"><code>{}</code> <span class="hover-level">{}</span></div><div class="hover-service">{whose}</div>{described}"#,
        text(key),
        text(kind),
    )
}
