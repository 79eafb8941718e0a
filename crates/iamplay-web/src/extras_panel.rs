//! Sections made by the page's second wasm module (iamplay-extras), once it is here, and
//! only while open: "What each policy allows" (the policy summary: per service, each
//! access level, full or limited; grants that allow privilege escalation) and "Every way
//! this could be allowed" (the selected request's paths and who-can).

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    // iamplay-extras' functions; each throws while that module is not here yet
    #[wasm_bindgen(catch, js_namespace = window, js_name = IamplaySummary)]
    fn extras_summary(policies: &str, principals: &str) -> Result<String, JsValue>;
    #[wasm_bindgen(catch, js_namespace = window, js_name = IamplayPaths)]
    fn extras_paths(policies: &str, principals: &str, requests: &str, index: usize) -> Result<String, JsValue>;
}

const WAITING: &str =
    "<p class=\"muted\">Waiting for the rest of the playground (it loads after the first decision)…</p>";

/// The policy summary of the Policies text.
pub fn summary(policies: &str, principals: &str) -> String {
    extras_summary(policies, principals)
        .unwrap_or_else(|_| "<p class=\"muted\">Waiting for AWS's catalog (IAM data: loading…).</p>".into())
}

/// The paths and who-can of the `index`th request.
pub fn paths(policies: &str, principals: &str, requests: &str, index: usize) -> String {
    extras_paths(policies, principals, requests, index).unwrap_or_else(|_| WAITING.into())
}

/// A `<details>` whose content `make` writes (as HTML) while it is open, again whenever
/// what `make` reads changes or `revision` moves (the texts re-evaluated: the second
/// module or the catalog arrived).
#[component]
pub fn ExtrasPanel(
    title: &'static str,
    class: &'static str,
    testid: &'static str,
    revision: Signal<u64>,
    make: impl Fn() -> String + Send + Sync + 'static,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let toggled = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let details = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        open.set(details.is_some_and(|d| d.has_attribute("open")));
    };
    let html = Memo::new(move |_| {
        revision.track();
        match open.get() {
            true => make(),
            false => String::new(),
        }
    });
    view! {
        <details class=class data-testid=testid on:toggle=toggled>
            <summary>{title}</summary>
            <div inner_html=move || html.get()></div>
        </details>
    }
}
