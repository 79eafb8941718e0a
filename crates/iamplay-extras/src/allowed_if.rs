//! "What would change it": the selected request's "allowed only if…" options
//! (iamplay_core::allowed_if, each checked by deciding it) as HTML, each with the Request
//! text its "Try it" makes (the values added to that request's context).

use crate::text;
use iamplay_core::scenario::editor_texts::with_context;
use wasm_bindgen::JsValue;

#[derive(serde::Serialize)]
struct Out {
    html: String,
    /// The Request text once option `i` is tried (its button has `data-option="i"`).
    requests: Vec<String>,
}

pub fn at(policies: &str, principals: &str, requests: &str, index: usize) -> JsValue {
    let sc = crate::load_parts(policies, principals, requests);
    if let Some(why) = crate::unanswerable(&sc) {
        let html = format!(r#"<p class="muted">{}</p>"#, text(why));
        return serde_wasm_bindgen::to_value(&Out { html, requests: Vec::new() }).unwrap_or(JsValue::NULL);
    }
    let Some(Some(req)) = sc.requests.get(index) else {
        let html = r#"<p class="muted">Select a request that can be read.</p>"#.to_string();
        return serde_wasm_bindgen::to_value(&Out { html, requests: Vec::new() }).unwrap_or(JsValue::NULL);
    };
    // without options for keys the action never carries, once AWS's catalog is here
    let catalog = crate::catalog::get().map(|c| c as &dyn iamplay_core::vocabulary::Vocabulary);
    let found = iamplay_core::allowed_if::allowed_if_with(&sc, req, catalog);
    let mut tried = Vec::new();
    let mut html = String::from(r#"<ul class="allowed-if-options">"#);
    for o in &found.options {
        let values: Vec<(String, String)> = o.values.iter().map(|v| (v.key.clone(), v.value.clone())).collect();
        let Some(t) = with_context(requests, index, &values) else { continue };
        html += &format!(
            r#"<li data-testid="allowed-if-option" data-decision="{}">{} <button type="button" data-testid="try-it" data-option="{}">Try it</button></li>"#,
            o.gives.as_str(),
            text(&iamplay_core::report::allowed_if::option_words(&sc, o)),
            tried.len()
        );
        tried.push(t);
    }
    html += "</ul>";
    if found.not_summarised {
        html += &format!(r#"<p class="muted">{}</p>"#, text(iamplay_core::report::allowed_if::NOT_SUMMARISED));
    } else if tried.is_empty() {
        html += r#"<p class="muted">Nothing this request lacks would change its decision.</p>"#;
    }
    serde_wasm_bindgen::to_value(&Out { html, requests: tried }).unwrap_or(JsValue::NULL)
}
