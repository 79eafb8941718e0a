//! Sections made by the page's second wasm module (iamplay-extras), once it is here, and
//! only while open: "What each policy allows" (the policy summary: per service, each
//! access level, full or limited; grants that allow privilege escalation), "What would
//! allow it" (the selected request's "allowed only if…", each option checked by deciding
//! it, with a Try it that writes its values into the request's `context`) and "Every way
//! this could be allowed" (the selected request's paths and who-can).

use crate::work::TextSignals;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    // iamplay-extras' functions; each throws while that module is not here yet
    #[wasm_bindgen(catch, js_namespace = window, js_name = IamplaySummary)]
    fn extras_summary(policies: &str, principals: &str) -> Result<String, JsValue>;
    // `{html, requests}`: the options, and the Request text each one's Try it makes
    #[wasm_bindgen(catch, js_namespace = window, js_name = IamplayAllowedIf)]
    fn extras_allowed_if(policies: &str, principals: &str, requests: &str, index: usize) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = window, js_name = IamplayPaths)]
    fn extras_paths(policies: &str, principals: &str, requests: &str, index: usize) -> Result<String, JsValue>;
}

pub const WAITING: &str =
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
/// module or the catalog arrived). A click on an element of it with `data-option` calls
/// `pick` with that value (one listener for every button of the HTML).
#[component]
pub fn ExtrasPanel(
    title: &'static str,
    class: &'static str,
    testid: &'static str,
    revision: Signal<u64>,
    // boxed: one copy of this component's code for every panel
    make: Box<dyn Fn() -> String + Send + Sync>,
    #[prop(optional)] pick: Option<Callback<String>>,
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
    let clicked = move |ev: leptos::ev::MouseEvent| {
        use wasm_bindgen::JsCast;
        let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let option =
            target.and_then(|t| t.closest("[data-option]").ok().flatten()).and_then(|e| e.get_attribute("data-option"));
        if let (Some(pick), Some(option)) = (pick, option) {
            pick.run(option);
        }
    };
    view! {
        <details class=class data-testid=testid on:toggle=toggled>
            <summary>{title}</summary>
            <div inner_html=move || html.get() on:click=clicked></div>
        </details>
    }
}

/// The sections under the requests that the second module makes: the AccessDenied reader
/// (`playground`: not in exercises or embeds), the summary, and (`full`: not in embeds)
/// "allowed only if…" and the paths. One view of erased type: the result pane's own view
/// type stays small (each child of a view is compiled into it).
#[component]
pub fn Analyses(
    texts: TextSignals,
    selected: RwSignal<usize>,
    revision: Signal<u64>,
    full: bool,
    playground: bool,
) -> impl IntoView {
    view! {
        {playground.then(|| view! { <crate::paste_error::PasteError texts=texts selected=selected /> })}
        <ExtrasPanel
            title="What each policy allows (summary)"
            class="summary-panel"
            testid="summary"
            revision=revision
            make=Box::new(move || summary(&texts.policies.get(), &texts.principals.get()))
        />
        {full.then(|| view! { <AllowedIfPanel texts=texts selected=selected revision=revision /> })}
        {full.then(|| view! {
            <ExtrasPanel
                title="Every way this could be allowed (paths and who-can)"
                class="summary-panel paths-panel"
                testid="paths"
                revision=revision
                make=Box::new(move || paths(&texts.policies.get(), &texts.principals.get(), &texts.request.get(), selected.get()))
            />
        })}
    }
    .into_any()
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
        Err(_) => WAITING.to_string(),
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
