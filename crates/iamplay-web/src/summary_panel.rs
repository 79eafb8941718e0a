//! "What each policy allows": the policy summary (per service, each access level, full or
//! limited; grants that allow privilege escalation) of the Policies editor's documents,
//! made by the page's second wasm module (iamplay-extras, `window.IamplaySummary`) once it
//! and AWS's catalog are here, and only while the section is open.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// iamplay-extras' summary; throws while that module is not here yet.
    #[wasm_bindgen(catch, js_namespace = window, js_name = IamplaySummary)]
    fn extras_summary(policies: &str, principals: &str) -> Result<String, JsValue>;
}

fn summary_html(policies: &str, principals: &str) -> String {
    extras_summary(policies, principals)
        .unwrap_or_else(|_| "<p class=\"muted\">Waiting for AWS's catalog (IAM data: loading…).</p>".into())
}

#[component]
pub fn SummaryPanel(policies: RwSignal<String>, principals: RwSignal<String>, revision: Signal<u64>) -> impl IntoView {
    let open = RwSignal::new(false);
    let toggled = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let details = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        open.set(details.is_some_and(|d| d.has_attribute("open")));
    };
    // the catalog's arrival re-evaluates the texts: the revision follows it
    let html = Memo::new(move |_| {
        revision.track();
        match open.get() {
            true => summary_html(&policies.get(), &principals.get()),
            false => String::new(),
        }
    });
    view! {
        <details class="summary-panel" data-testid="summary" on:toggle=toggled>
            <summary>"What each policy allows (summary)"</summary>
            <div inner_html=move || html.get()></div>
        </details>
    }
}
