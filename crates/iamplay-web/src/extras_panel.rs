//! Sections made by the page's second wasm module (iamplay-extras), once it is here, and
//! only while open: "What each policy allows" (the policy summary: per service, each
//! access level, full or limited; grants that allow privilege escalation), "What would
//! allow it" (the selected request's "allowed only if…", each option checked by deciding
//! it, with a Try it that writes its values into the request's `context`) and "Every way
//! this could be allowed" (the selected request's paths and who-can); and the reader of
//! a pasted AccessDenied message, which adds its request to the Request text (a paste, or
//! any change of more than one character at once, adds it; typed text waits for the button).

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
    // `{html, requests, index}`: what AWS said and the verdict, and the Request text with
    // the message's request added
    #[wasm_bindgen(catch, js_namespace = window, js_name = IamplayExplainError)]
    fn extras_explain(message: &str, policies: &str, principals: &str, requests: &str) -> Result<JsValue, JsValue>;
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
        {playground.then(|| view! { <PasteError texts=texts selected=selected /> })}
        {full.then(|| view! { <GraphPanel selected=selected /> })}
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

/// The graph's place: drawn by the second module's chunk (web/editor/src/extras.js).
const GRAPH_PANEL: &str = r#"<details class="summary-panel graph-panel" open><summary>How they play together (graph)</summary><p class="graph-caption" data-graph-caption aria-live="polite">Waiting for the rest of the playground (it loads after the first decision)…</p><div class="graph-host" data-testid="graph"></div><ul class="graph-legend" aria-label="How to read the graph" hidden><li><span class="graph-swatch graph-swatch-lit"></span>on the lit path</li><li><span class="graph-swatch graph-swatch-blocked"></span>where it was stopped</li><li><span class="graph-swatch graph-swatch-dashed"></span>boundary, account, or a trust whose sts:AssumeRole is denied</li><li>Click a box (or Tab to it and press Enter) to see its text.</li></ul><button type="button" class="show-on-graph" data-testid="graph-show-request" hidden>Light the request itself</button></details>"#;

/// "How they play together": the place of the scenario's graph, as fixed HTML. The second
/// module's chunk draws it (web/editor/src/extras.js watches the result's `data-revision`,
/// which moves with every evaluation, and this element's `data-request`, the selected
/// request; dagre lays it out after the decision is painted, again only when nodes or
/// edges change) and lights the path picked with "Show on the graph". This module only
/// marks the place: what draws it, and its styles, load later.
#[component]
pub fn GraphPanel(selected: RwSignal<usize>) -> impl IntoView {
    view! { <div data-request=move || selected.get() inner_html=GRAPH_PANEL></div> }
}

/// A field of an object the second module returned (read without serde: no
/// deserializer code in the first module).
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
            title="What would change it (allowed only if…)"
            class="summary-panel"
            testid="allowed-if"
            revision=revision
            make=Box::new(make)
            pick=pick
        />
    }
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
