//! "What would allow it (allowed only if…)": the selected request's context values that
//! would allow it, each checked by deciding it, made as HTML by the page's second wasm
//! module (`window.IamplayAllowedIf`) while the section is open; a "Try it" button
//! (`data-option`) writes its option's values into that request's `context`.

use crate::extras_panel::ExtrasPanel;
use crate::work::TextSignals;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// iamplay-extras' "allowed only if…" (`{html, requests}`); throws while that module is
    /// not here yet.
    #[wasm_bindgen(catch, js_namespace = window, js_name = IamplayAllowedIf)]
    fn extras_allowed_if(policies: &str, principals: &str, requests: &str, index: usize) -> Result<JsValue, JsValue>;
}

fn field(v: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(v, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

#[component]
pub fn AllowedIfPanel(texts: TextSignals, selected: RwSignal<usize>, revision: Signal<u64>) -> impl IntoView {
    // the Request text each shown option's Try it makes
    let tried = StoredValue::new(Vec::<String>::new());
    let make = move || match extras_allowed_if(
        &texts.policies.get(),
        &texts.principals.get(),
        &texts.request.get(),
        selected.get(),
    ) {
        Ok(v) => {
            let requests = js_sys::Array::from(&field(&v, "requests")).iter().filter_map(|r| r.as_string()).collect();
            tried.set_value(requests);
            field(&v, "html").as_string().unwrap_or_default()
        }
        Err(_) => crate::extras_panel::WAITING.to_string(),
    };
    let pick = Callback::new(move |option: String| {
        if let Some(text) = option.parse::<usize>().ok().and_then(|i| tried.with_value(|t| t.get(i).cloned())) {
            texts.request.set(text);
        }
    });
    view! {
        <ExtrasPanel
            title="What would allow it (allowed only if…)"
            class="summary-panel"
            testid="allowed-if"
            revision=revision
            make=Box::new(make)
            pick=pick
        />
    }
}
