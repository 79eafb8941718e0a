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

fn field(v: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(v, &name.into()).unwrap_or(JsValue::UNDEFINED)
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
    // what AWS said and the verdict, as HTML made by the second module
    let shown = RwSignal::new(String::new());
    let add = move || {
        let text = message.get_untracked();
        if text.trim().is_empty() {
            shown.set(String::new());
            return;
        }
        let got = extras_explain(
            &text,
            &texts.policies.get_untracked(),
            &texts.principals.get_untracked(),
            &texts.request.get_untracked(),
        );
        let Ok(v) = got else {
            shown.set("<p data-testid=\"paste-error-said\">The reader of AccessDenied messages is still loading: try again in a moment.</p>".into());
            return;
        };
        if let (Some(requests), Some(index)) = (field(&v, "requests").as_string(), field(&v, "index").as_f64()) {
            texts.request.set(requests);
            selected.set(index as usize);
        }
        shown.set(field(&v, "html").as_string().unwrap_or_default());
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
            <div inner_html=move || shown.get()></div>
        </details>
    }
}
