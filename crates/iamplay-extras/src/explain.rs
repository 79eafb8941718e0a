//! "Paste an AccessDenied message": the message read as a request
//! (iamplay_core::access_denied), added to the Request text, and whether the scenario's
//! decision of it is the deny AWS named — the words of `iamplay explain-error`.

use iamplay_core::access_denied::{agreement, read, request_json};
use iamplay_core::report::access_denied::{agreement_out, reading_words, unreadable_words};
use wasm_bindgen::JsValue;

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Explained {
    /// What AWS said, or why the text cannot be read.
    said: String,
    /// The Request text with the message's request added, and its index.
    #[serde(skip_serializing_if = "Option::is_none")]
    requests: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
    /// The scenario's decision of it, and whether that is what AWS said.
    #[serde(skip_serializing_if = "Option::is_none")]
    decision: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    agreement: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    verdict: Option<String>,
}

pub fn explain(message: &str, policies: &str, principals: &str, requests: &str) -> JsValue {
    let out = match read(message) {
        Err(why) => Explained {
            said: unreadable_words(&why),
            requests: None,
            index: None,
            decision: None,
            agreement: None,
            verdict: None,
        },
        Ok(m) => {
            let one = request_json(&m);
            let (requests, index) = iamplay_core::scenario::editor_texts::with_request(requests, &one);
            // decided alone, against the scenario's policies and principals
            let sc = iamplay_core::scenario::load_parts(policies, principals, &format!("[{one}]"));
            let decided =
                sc.requests.first().and_then(Option::as_ref).map(|r| iamplay_core::decision::evaluate(&sc, r));
            let (decision, agreement, verdict) = match decided {
                Some(e) => {
                    let (code, words) = agreement_out(&agreement(&m, &sc, &e));
                    (Some(e.decision.as_str()), Some(code), Some(words))
                }
                None => (
                    None,
                    None,
                    Some("The request cannot be decided until the scenario's errors are fixed.".to_string()),
                ),
            };
            Explained {
                said: reading_words(&m),
                requests: Some(requests),
                index: Some(index),
                decision,
                agreement,
                verdict,
            }
        }
    };
    serde_wasm_bindgen::to_value(&out).unwrap_or(JsValue::NULL)
}
