//! "Copy embed snippet": the HTML a docs author pastes to embed the current example (the
//! chosen editors, read-only or not), made by `iamplay_core::embed` with this page's own
//! address, copied to the clipboard and shown to copy by hand.

use crate::work::Work;
use iamplay_core::embed::{snippet_with, EDITORS};
use leptos::prelude::*;

/// This page's folder (`https://host/path/`): the address the snippet's frame loads.
fn base() -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else { return String::new() };
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    let folder = path.rsplit_once('/').map_or("", |(folder, _)| folder);
    format!("{origin}{folder}/")
}

/// The panel, as static HTML (the checkboxes keep their own state; one listener reads
/// them and writes the snippet into the text area): reactive views here cost the first
/// visit about 11 KB of gzipped wasm, these two listeners almost nothing.
const PANEL: &str = concat!(
    "<p>Copied. Paste it into a page of your docs; the frame sizes itself to its content.",
    "<button class=\"close\" title=\"close\" data-close>×</button></p>",
    "<fieldset><legend>Show</legend>",
    "<label><input type=\"checkbox\" data-testid=\"embed-pane\" value=\"policies\" checked> policies</label>",
    "<label><input type=\"checkbox\" data-testid=\"embed-pane\" value=\"principals\"> principals</label>",
    "<label><input type=\"checkbox\" data-testid=\"embed-pane\" value=\"request\" checked> request</label>",
    "<label><input type=\"checkbox\" data-testid=\"embed-readonly\" checked> read-only</label>",
    "<label>colours <select data-testid=\"embed-theme\"><option value=\"\">the reader's</option>",
    "<option value=\"light\">light</option><option value=\"dark\">dark</option></select></label>",
    "</fieldset>",
    "<textarea readonly rows=\"4\" data-testid=\"embed-html\"></textarea>"
);

thread_local! {
    /// How many snippets were asked for: only the latest one is shown and copied.
    static ASKED: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Makes the snippet from the options the panel's checkboxes hold (no editor chosen: all),
/// writes it into the panel's text area and copies it.
fn refresh(panel: &web_sys::Element, texts: &iamplay_core::share::Texts) {
    let checked = |selector: &str| panel.query_selector(selector).ok().flatten().is_some();
    let editors: Vec<&str> =
        EDITORS.into_iter().filter(|e| checked(&format!("input[value=\"{e}\"]:checked"))).collect();
    let theme = panel
        .query_selector("select")
        .ok()
        .flatten()
        .and_then(|el| js_sys::Reflect::get(&el, &"value".into()).ok())
        .and_then(|v| v.as_string());
    let read_only = checked("[data-testid=\"embed-readonly\"]:checked");
    let editors: Vec<String> = editors.into_iter().map(str::to_string).collect();
    let (panel, texts) = (panel.clone(), texts.clone());
    let this = ASKED.with(|n| {
        n.set(n.get().wrapping_add(1));
        n.get()
    });
    leptos::task::spawn_local(async move {
        let html = match crate::share_link::fragment(&texts).await {
            Ok(fragment) => {
                let editors: Vec<&str> = editors.iter().map(String::as_str).collect();
                snippet_with(&base(), &editors, read_only, theme.as_deref(), &texts, &fragment)
            }
            Err(why) => format!("No snippet could be made: {why}."),
        };
        if ASKED.with(std::cell::Cell::get) != this {
            return; // the options changed meanwhile: a newer snippet is on its way
        }
        if let Some(area) = panel.query_selector("textarea").ok().flatten() {
            // a read-only text area shows its text content (it is never edited)
            area.set_text_content(Some(&html));
        }
        if let Some(w) = web_sys::window() {
            let _ = w.navigator().clipboard().write_text(&html);
        }
    });
}

#[component]
pub fn CopyEmbed(work: Work) -> impl IntoView {
    let panel = NodeRef::<leptos::html::Div>::new();
    let open = move |_| {
        if let Some(p) = panel.get_untracked() {
            let _ = p.remove_attribute("hidden");
            refresh(&p, &work.texts.get_untracked());
        }
    };
    let changed = move |_: leptos::ev::Event| {
        if let Some(p) = panel.get_untracked() {
            refresh(&p, &work.texts.get_untracked());
        }
    };
    let close = move |ev: leptos::ev::MouseEvent| {
        use wasm_bindgen::JsCast;
        let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        if target.is_some_and(|t| t.has_attribute("data-close")) {
            if let Some(p) = panel.get_untracked() {
                let _ = p.set_attribute("hidden", "");
            }
        }
    };
    view! {
        <button data-testid="copy-embed" on:click=open>"Copy embed snippet"</button>
        <div
            class="embed-snippet"
            data-testid="embed-snippet"
            role="dialog"
            aria-label="Embed snippet"
            hidden=true
            node_ref=panel
            on:change=changed
            on:click=close
            inner_html=PANEL
        ></div>
    }
}
