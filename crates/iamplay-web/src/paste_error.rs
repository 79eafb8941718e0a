//! "Paste an AccessDenied message": AWS's error text read as a request by the page's
//! second wasm module (iamplay-extras, `window.IamplayExplainError`), added to the Request
//! text and selected, with whether the scenario reproduces the deny AWS named. A paste (or
//! any change of more than one character at once) adds it; typed text waits for the button.

use crate::work::TextSignals;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// iamplay-extras' reader; throws while that module is not here yet.
    #[wasm_bindgen(catch, js_namespace = window, js_name = IamplayExplainError)]
    fn extras_explain(message: &str, policies: &str, principals: &str, requests: &str) -> Result<JsValue, JsValue>;
}

#[derive(Clone, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Explained {
    said: String,
    requests: Option<String>,
    index: Option<usize>,
    agreement: Option<String>,
    verdict: Option<String>,
}

/// How many characters an edit from `a` to `b` inserted or removed, at most, once their
/// common start and end are set aside (a keystroke: 1; a paste over a selection: more).
fn changed(a: &str, b: &str) -> usize {
    let start = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let end = a.chars().rev().zip(b.chars().rev()).take_while(|(x, y)| x == y).count();
    let kept = start + end;
    a.chars().count().saturating_sub(kept).max(b.chars().count().saturating_sub(kept))
}

#[component]
pub fn PasteError(texts: TextSignals, selected: RwSignal<usize>) -> impl IntoView {
    let message = RwSignal::new(String::new());
    let shown = RwSignal::new(None::<Explained>);
    let add = move || {
        let text = message.get_untracked();
        if text.trim().is_empty() {
            shown.set(None);
            return;
        }
        let got = extras_explain(
            &text,
            &texts.policies.get_untracked(),
            &texts.principals.get_untracked(),
            &texts.request.get_untracked(),
        );
        let explained = match got.ok().and_then(|v| serde_wasm_bindgen::from_value::<Explained>(v).ok()) {
            Some(e) => e,
            None => Explained {
                said: "The reader of AccessDenied messages is still loading: try again in a moment.".into(),
                ..Default::default()
            },
        };
        if let (Some(requests), Some(index)) = (&explained.requests, explained.index) {
            texts.request.set(requests.clone());
            selected.set(index);
        }
        shown.set(Some(explained));
    };
    let on_input = move |ev: leptos::ev::Event| {
        let next = event_target_value(&ev);
        let before = message.get_untracked();
        message.set(next.clone());
        // a paste, a drop or a filled field: more than one character at once
        if changed(&before, &next) > 1 {
            add();
        }
    };
    view! {
        <details class="paste-error-panel">
            <summary>"Paste an AccessDenied message"</summary>
            <textarea
                data-testid="paste-error"
                aria-label="AccessDenied message"
                rows="3"
                placeholder="User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::reports/q1.csv because no identity-based policy allows the s3:GetObject action"
                prop:value=move || message.get()
                on:input=on_input
            ></textarea>
            <button type="button" data-testid="paste-error-add" on:click=move |_| add()>"Add as a request"</button>
            {move || shown.get().map(|e| view! {
                <p data-testid="paste-error-said">{e.said.clone()}</p>
                {e.verdict.clone().map(|v| view! {
                    <p data-testid="paste-error-verdict" data-agreement=e.agreement.clone().unwrap_or_default()>{v}</p>
                })}
            })}
        </details>
    }
}
