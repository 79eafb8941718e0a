//! "Paste an AccessDenied message": the message read as a request
//! (iamplay_core::access_denied), added to the Request text, and whether the scenario's
//! decision of it is the deny AWS named — the words of `iamplay explain-error`.

use crate::text;
use iamplay_core::access_denied::{agreement, read, request_json};
use iamplay_core::report::access_denied::{agreement_out, reading_words, unreadable_words};
use wasm_bindgen::JsValue;

#[derive(serde::Serialize)]
struct Explained {
    /// What AWS said (or why the text cannot be read) and the verdict, as HTML.
    html: String,
    /// The Request text with the message's request added, and its index.
    #[serde(skip_serializing_if = "Option::is_none")]
    requests: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
}

fn html(said: &str, verdict: Option<(&str, &str)>) -> String {
    let mut out = format!(r#"<p data-testid="paste-error-said">{}</p>"#, text(said));
    if let Some((agreement, words)) = verdict {
        out += &format!(r#"<p data-testid="paste-error-verdict" data-agreement="{agreement}">{}</p>"#, text(words));
    }
    out
}

pub fn explain(message: &str, policies: &str, principals: &str, requests: &str) -> JsValue {
    let out = match read(message) {
        Err(why) => Explained { html: html(&unreadable_words(&why), None), requests: None, index: None },
        Ok(m) => {
            // the scenario's own account: a caller of another account keeps its ARN
            let home = iamplay_core::scenario::load_parts(policies, principals, "[]");
            let one = request_json(&m, home.accounts.first().map(|a| a.id.as_str()));
            // decided alone, against the scenario's policies and principals
            let sc = iamplay_core::scenario::load_parts(policies, principals, &format!("[{one}]"));
            let added = iamplay_core::scenario::editor_texts::with_request(requests, &one);
            match (sc.requests.first().and_then(Option::as_ref), added) {
                (Some(r), Some((requests, index))) => {
                    let (code, words) = agreement_out(&agreement(&m, &sc, &iamplay_core::decision::evaluate(&sc, r)));
                    Explained {
                        html: html(&reading_words(&m), Some((code, &words))),
                        requests: Some(requests),
                        index: Some(index),
                    }
                }
                (Some(_), None) => {
                    let words = "Not added to the requests: the Request text is not a request or a list of them (mend it, or empty it, and add the message again).";
                    Explained {
                        html: html(&reading_words(&m), Some(("not-added", words))),
                        requests: None,
                        index: None,
                    }
                }
                (None, _) => {
                    // a caller the Principals text does not declare, or a scenario with errors:
                    // nothing is added, and the page says why
                    let why = sc.diagnostics.iter().find(|d| d.is_error()).map_or_else(
                        || "the scenario has errors".to_string(),
                        |d| iamplay_core::report::visible::visible(&d.message).into_owned(),
                    );
                    let words = format!("Not added to the requests: {why}.");
                    Explained {
                        html: html(&reading_words(&m), Some(("not-added", &words))),
                        requests: None,
                        index: None,
                    }
                }
            }
        }
    };
    serde_wasm_bindgen::to_value(&out).unwrap_or(JsValue::NULL)
}
