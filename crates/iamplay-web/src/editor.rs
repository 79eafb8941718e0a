//! The three code editors: CodeMirror 6 (bundled from web/editor by esbuild) driven
//! through a small JS interface (`window.IamplayEditor`).

use iamplay_core::workspace::Place;
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// An editor made by `IamplayEditor.create`.
    pub type EditorHandle;

    #[wasm_bindgen(js_namespace = IamplayEditor, js_name = create)]
    fn create_editor(
        parent: &web_sys::HtmlElement,
        text: &str,
        on_change: &js_sys::Function,
        testid: &str,
        read_only: bool,
    ) -> EditorHandle;

    #[wasm_bindgen(method, js_name = getText)]
    fn get_text(this: &EditorHandle) -> String;
    #[wasm_bindgen(method, js_name = setText)]
    fn set_text(this: &EditorHandle, text: &str);
    #[wasm_bindgen(method, js_name = setDiagnostics)]
    fn set_diagnostics(this: &EditorHandle, diags: JsValue);
    #[wasm_bindgen(method, js_name = setHighlights)]
    fn set_highlights(this: &EditorHandle, ranges: JsValue);
    #[wasm_bindgen(method, js_name = getCursor)]
    fn get_cursor(this: &EditorHandle) -> u32;
    #[wasm_bindgen(method, js_name = replaceKeepingCursor)]
    fn replace_keeping_cursor(this: &EditorHandle, text: &str, pos: u32);
    #[wasm_bindgen(method, js_name = setWrap)]
    fn set_wrap(this: &EditorHandle, on: bool);
    #[wasm_bindgen(method, js_name = scrollTo)]
    fn scroll_to(this: &EditorHandle, pos: u32);

    /// Markdown rendered to safe HTML (micromark, web/editor/src/markdown.js); only once
    /// [`load_markdown`] has finished.
    #[wasm_bindgen(js_namespace = IamplayMarkdown, js_name = markdown)]
    pub fn markdown(text: &str) -> String;

    #[wasm_bindgen(js_namespace = IamplayEditor, js_name = loadScript)]
    fn load_script(src: &str) -> js_sys::Promise;

    #[wasm_bindgen(js_namespace = IamplayEditor, js_name = loadExtras)]
    fn load_extras() -> js_sys::Promise;
}

/// Runs `ready` each time the page's second wasm module (iamplay-extras, loaded with the
/// editors' extras) says it can make more: its `iamplay-extras` event, once it is loaded
/// and again once it has the catalog.
pub fn on_extras_ready(ready: impl Fn() + 'static) {
    let listener = Closure::<dyn Fn()>::new(ready);
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback("iamplay-extras", listener.as_ref().unchecked_ref());
    }
    listener.forget();
}

/// Asks for the editors' extras, once (their own chunk, web/editor/src/extras.js, which
/// loads the second wasm module: completions, hover, summary; search and closing brackets):
/// the editor bundle loads them two frames later, after what is on screen has been painted.
pub fn want_extras() {
    thread_local!(static ASKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    if !ASKED.with(|a| a.replace(true)) {
        let _ = load_extras();
    }
}

/// Loads the Markdown renderer (its own bundle: only exercise mode needs it).
#[cfg(feature = "exercises")]
pub async fn load_markdown() -> Result<(), String> {
    wasm_bindgen_futures::JsFuture::from(load_script("markdown.js"))
        .await
        .map(|_| ())
        .map_err(|_| "markdown.js (the instructions' renderer) cannot be loaded".to_string())
}

thread_local! {
    static EDITORS: RefCell<HashMap<&'static str, EditorHandle>> = RefCell::new(HashMap::new());
    /// The text each editor last reported, so a keystroke's own change is not pushed back.
    static REPORTED: RefCell<HashMap<&'static str, String>> = RefCell::new(HashMap::new());
}

/// Scrolls an editor to a place and focuses it.
pub fn reveal(place: &Place) {
    EDITORS.with(|e| {
        if let Some(h) = e.borrow().get(place.editor) {
            h.scroll_to(u32::try_from(place.from).unwrap_or(0));
        }
    });
}

#[derive(serde::Serialize)]
struct CmDiagnostic<'a> {
    from: usize,
    to: usize,
    severity: &'a str,
    message: String,
}

#[derive(serde::Serialize)]
struct CmRange {
    from: usize,
    to: usize,
    kind: &'static str,
}

fn with_editor(name: &str, f: impl FnOnce(&EditorHandle)) {
    EDITORS.with(|e| {
        if let Some(h) = e.borrow().get(name) {
            f(h);
        }
    });
}

fn apply_diagnostics(name: &str, diagnostics: Vec<(usize, usize, &'static str, String)>) {
    // as many markers as the problems panel lists: a text with thousands of problems has
    // its first ones marked, and stays quick to type in
    let ds: Vec<CmDiagnostic> = diagnostics
        .into_iter()
        .take(iamplay_core::limits::SHOWN_DIAGNOSTICS)
        .map(|(from, to, severity, message)| CmDiagnostic {
            from,
            to,
            severity: match severity {
                "error" => "error",
                "warning" => "warning",
                _ => "info",
            },
            message,
        })
        .collect();
    let value = serde_wasm_bindgen::to_value(&ds).unwrap_or(JsValue::NULL);
    with_editor(name, |h| h.set_diagnostics(value));
}

fn apply_highlights(name: &str, highlights: Vec<(usize, usize, bool)>) {
    let rs: Vec<CmRange> = highlights
        .into_iter()
        .map(|(from, to, deny)| CmRange { from, to, kind: if deny { "deny" } else { "allow" } })
        .collect();
    let value = serde_wasm_bindgen::to_value(&rs).unwrap_or(JsValue::NULL);
    with_editor(name, |h| h.set_highlights(value));
}

/// One editor. `text` is the source of truth; typing writes to it, and loading an
/// example (a write from elsewhere) replaces the editor's text.
#[component]
pub fn Editor(
    name: &'static str,
    title: &'static str,
    text: RwSignal<String>,
    diagnostics: Signal<Vec<(usize, usize, &'static str, String)>>,
    highlights: Signal<Vec<(usize, usize, bool)>>,
    #[prop(optional)] read_only: bool,
) -> impl IntoView {
    let node = NodeRef::<leptos::html::Div>::new();
    node.on_load(move |el| {
        let on_change = Closure::<dyn FnMut(String)>::new(move |t: String| {
            REPORTED.with(|r| r.borrow_mut().insert(name, t.clone()));
            text.set(t);
        });
        let handle = create_editor(
            &el,
            &text.get_untracked(),
            on_change.as_ref().unchecked_ref(),
            &format!("editor-{name}"),
            read_only,
        );
        on_change.forget();
        EDITORS.with(|e| e.borrow_mut().insert(name, handle));
        apply_diagnostics(name, diagnostics.get_untracked());
        apply_highlights(name, highlights.get_untracked());
    });
    Effect::new(move |_| {
        let t = text.get();
        if REPORTED.with(|r| r.borrow().get(name) == Some(&t)) {
            return;
        }
        with_editor(name, |h| {
            if h.get_text() != t {
                h.set_text(&t);
            }
        });
    });
    Effect::new(move |_| apply_diagnostics(name, diagnostics.get()));
    Effect::new(move |_| apply_highlights(name, highlights.get()));
    // long lines wrap (an ARN is compared whole, not by scrolling sideways), unless turned off
    // (set by hand on the button: a reactive attribute costs more wasm than this)
    let toggle_wrap = move |ev: leptos::ev::MouseEvent| {
        use wasm_bindgen::JsCast;
        let Some(button) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let on = button.get_attribute("aria-pressed").as_deref() != Some("true");
        let _ = button.set_attribute("aria-pressed", if on { "true" } else { "false" });
        with_editor(name, |h| h.set_wrap(on));
    };
    // Format (the button, or Shift+Alt+F): pretty-printed, the cursor kept on its value;
    // text that is not JSON is left as it is
    let format_text = move || {
        with_editor(name, |h| {
            let text = h.get_text();
            match iamplay_core::json::format::format_utf16(&text, h.get_cursor() as usize) {
                Some((formatted, at)) => h.replace_keeping_cursor(&formatted, u32::try_from(at).unwrap_or(0)),
                None => h.scroll_to(h.get_cursor()),
            }
        });
    };
    let format_keys = move |ev: leptos::ev::KeyboardEvent| {
        if ev.shift_key() && ev.alt_key() && ev.code() == "KeyF" && !read_only {
            ev.prevent_default();
            format_text();
        }
    };
    view! {
        <section class=format!("pane editor-pane pane-{name}") aria-label=title on:keydown=format_keys>
            <h2 class="pane-title">
                {title}
                <button
                    class="wrap-toggle"
                    data-testid="wrap"
                    data-editor=name
                    aria-pressed="true"
                    title="wrap long lines inside the pane"
                    on:click=toggle_wrap
                >
                    "Wrap"
                </button>
                {(!read_only).then(|| view! {
                    <button
                        class="wrap-toggle"
                        data-testid="format"
                        data-editor=name
                        title="format the JSON (Shift+Alt+F); text that is not JSON is left as it is"
                        on:click=move |_| format_text()
                    >
                        "Format"
                    </button>
                })}
                {(!read_only).then(|| view! { <span class="muted kbd-hint">"Esc then Tab leaves the editor"</span> })}
            </h2>
            <div class="editor-host" node_ref=node></div>
        </section>
    }
}
