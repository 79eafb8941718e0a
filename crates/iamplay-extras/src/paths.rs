//! "Every way this could be allowed": for the selected request, each path by which its
//! principal obtains the permission (its own policies, each group, each role it may
//! assume, each launch with a profile) with every step's decision, and who else in the
//! scenario may do the same — `iamplay paths` and `iamplay who-can`, as HTML.

use crate::text;
use iamplay_core::paths::{access_paths, who_can, AccessPath, Hop};
use iamplay_core::scenario::Scenario;

/// The context a request of the Request text gives (`context` of its `index`th object):
/// the keys set by hand, which every path's requests take too.
pub(crate) fn given_context(requests: &str, index: usize) -> Vec<(String, Vec<String>)> {
    let Ok(root) = iamplay_core::json::parse(requests, iamplay_core::source::SourceId::File) else { return Vec::new() };
    let one = match &root.value {
        iamplay_core::json::JsonValue::Array(items) => items.get(index),
        iamplay_core::json::JsonValue::Object(_) if index == 0 => Some(&root),
        _ => None,
    };
    let Some(members) = one.and_then(|r| r.get("context")).and_then(|c| c.value.as_object()) else { return Vec::new() };
    members
        .iter()
        .map(|m| {
            let values = match &m.value.value {
                iamplay_core::json::JsonValue::Array(vs) => vs.iter().filter_map(|v| v.scalar_text()).collect(),
                _ => m.value.scalar_text().into_iter().collect(),
            };
            (m.key.clone(), values)
        })
        .collect()
}

fn hop_html(sc: &Scenario, h: &Hop) -> String {
    let by = iamplay_core::report::words::decided_by(sc, &h.evaluation);
    let gate = iamplay_core::report::words::blocked_by(&h.evaluation);
    format!(
        r#"<li data-decision="{}">{} {} on {}: {}{}{}</li>"#,
        h.evaluation.decision.as_str(),
        text(&h.request.principal_text),
        text(&h.request.action),
        text(&h.request.resource),
        iamplay_core::report::words::decision(h.evaluation.decision),
        text(&by),
        text(&gate)
    )
}

/// A button that lights `option` (`path:N`, `who:N`) on the graph.
fn show_button(option: &str) -> String {
    format!(
        r#" <button type="button" class="show-on-graph" data-testid="show-on-graph" data-option="{option}">Show on the graph</button>"#
    )
}

fn path_html(sc: &Scenario, i: usize, p: &AccessPath) -> String {
    let verdict = if p.allowed() { "allowed" } else { "not allowed" };
    let hops: String = p.hops.iter().map(|h| hop_html(sc, h)).collect();
    format!(
        r#"<li class="access-path" data-testid="access-path" data-kind="{}" data-allowed="{}"><b>{}</b> — {verdict}{}<ol>{hops}</ol></li>"#,
        p.kind.as_str(),
        p.allowed(),
        text(&p.description),
        show_button(&format!("path:{i}"))
    )
}

pub fn html(policies: &str, principals: &str, requests: &str, index: usize) -> String {
    let sc = crate::load_parts(policies, principals, requests);
    if let Some(why) = crate::unanswerable(&sc) {
        return format!(r#"<p class="muted">{}</p>"#, text(why));
    }
    let Some(Some(req)) = sc.requests.get(index) else {
        return r#"<p class="muted">Select a request that can be read to see its paths.</p>"#.into();
    };
    let context = given_context(requests, index);
    let paths = access_paths(&sc, &req.caller, &req.action, &req.resource, &context);
    let any = paths.iter().any(AccessPath::allowed);
    let mut out = format!(
        r#"<p>How <code>{}</code> could do <code>{}</code> on <code>{}</code>: {}</p><ol class="access-paths">"#,
        text(&req.principal_text),
        text(&req.action),
        text(&req.resource),
        if any { "allowed by at least one path" } else { "no path allows it" }
    );
    out.extend(paths.iter().enumerate().map(|(i, p)| path_html(&sc, i, p)));
    out.push_str("</ol>");
    let who = who_can(&sc, &req.action, &req.resource, &context);
    out.push_str(&format!(r#"<p>Who can do it: {} principal(s)</p><ul class="who-can">"#, who.len()));
    for (i, w) in who.iter().enumerate() {
        let how: Vec<String> = w.paths.iter().map(|p| text(&p.description)).collect();
        out.push_str(&format!(
            r#"<li data-testid="who-can" data-principal="{}"><b>{}</b> ({}): {}{}</li>"#,
            text(&w.principal),
            text(&w.principal),
            w.kind,
            how.join("; "),
            show_button(&format!("who:{i}"))
        ));
    }
    out.push_str("</ul>");
    out
}
