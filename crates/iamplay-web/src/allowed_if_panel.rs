//! "What would allow it (allowed only if…)": the selected request's context values that
//! would allow it, each checked by deciding it, made by the page's second wasm module
//! (`window.IamplayAllowedIf`) while the section is open; "Try it" writes them into that
//! request's `context` in the Request text.

use crate::work::TextSignals;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// iamplay-extras' "allowed only if…"; throws while that module is not here yet.
    #[wasm_bindgen(catch, js_namespace = window, js_name = IamplayAllowedIf)]
    fn extras_allowed_if(policies: &str, principals: &str, requests: &str, index: usize) -> Result<JsValue, JsValue>;
}

#[derive(Clone, Default, PartialEq, serde::Deserialize)]
struct Found {
    options: Vec<Choice>,
    note: Option<String>,
}

#[derive(Clone, PartialEq, serde::Deserialize)]
struct Choice {
    words: String,
    requests: String,
}

#[component]
pub fn AllowedIfPanel(texts: TextSignals, selected: RwSignal<usize>, revision: Signal<u64>) -> impl IntoView {
    let open = RwSignal::new(false);
    let toggled = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let details = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        open.set(details.is_some_and(|d| d.has_attribute("open")));
    };
    let found = Memo::new(move |_| {
        revision.track();
        if !open.get() {
            return None;
        }
        let got =
            extras_allowed_if(&texts.policies.get(), &texts.principals.get(), &texts.request.get(), selected.get());
        Some(got.ok().and_then(|v| serde_wasm_bindgen::from_value::<Found>(v).ok()))
    });
    let body = move || {
        match found.get() {
        None => ().into_any(),
        Some(None) => view! { <p class="muted">"Waiting for the rest of the playground (it loads after the first decision)…"</p> }.into_any(),
        Some(Some(f)) if f.options.is_empty() && f.note.is_none() => {
            view! { <p class="muted">"Nothing this request lacks would change its decision."</p> }.into_any()
        }
        Some(Some(f)) => view! {
            <ul class="allowed-if-options">
                {f.options.into_iter().map(|c| {
                    let requests = c.requests.clone();
                    view! {
                        <li data-testid="allowed-if-option">
                            {c.words}" "
                            <button type="button" data-testid="try-it" on:click=move |_| texts.request.set(requests.clone())>"Try it"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {f.note.map(|n| view! { <p class="muted">{n}</p> })}
        }
        .into_any(),
    }
    };
    view! {
        <details class="summary-panel" data-testid="allowed-if" on:toggle=toggled>
            <summary>"What would allow it (allowed only if…)"</summary>
            {body}
        </details>
    }
}
