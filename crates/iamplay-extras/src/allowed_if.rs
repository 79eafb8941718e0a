//! "What would allow it": the selected request's "allowed only if…" options
//! (iamplay_core::allowed_if, each checked by deciding it), each with the Request text its
//! "try it" makes (the values added to that request's context).

use iamplay_core::scenario::editor_texts::with_context;
use wasm_bindgen::JsValue;

#[derive(serde::Serialize)]
struct Out {
    options: Vec<Choice>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'static str>,
}

#[derive(serde::Serialize)]
struct Choice {
    words: String,
    /// The Request text once tried.
    requests: String,
}

pub fn at(policies: &str, principals: &str, requests: &str, index: usize) -> JsValue {
    let sc = iamplay_core::scenario::load_parts(policies, principals, requests);
    let Some(Some(req)) = sc.requests.get(index) else { return JsValue::NULL };
    let found = iamplay_core::allowed_if::allowed_if(&sc, req);
    let options = found
        .options
        .iter()
        .filter_map(|o| {
            let values: Vec<(String, String)> = o.values.iter().map(|v| (v.key.clone(), v.value.clone())).collect();
            let tried = with_context(requests, index, &values)?;
            Some(Choice { words: iamplay_core::report::allowed_if::option_words(&sc, o), requests: tried })
        })
        .collect();
    let note = found.not_summarised.then_some(iamplay_core::report::allowed_if::NOT_SUMMARISED);
    serde_wasm_bindgen::to_value(&Out { options, note }).unwrap_or(JsValue::NULL)
}
