//! Export and import of the scenario as a file.

use crate::examples::Texts;
use iamplay_core::scenario::editor_texts::split;
use wasm_bindgen::JsCast;

/// The three texts as one scenario file, when each is JSON (written as they are, only
/// indented: nothing typed is reordered or dropped).
pub fn scenario_file(t: &Texts) -> Option<String> {
    iamplay_core::scenario::editor_texts::join(t).ok()
}

/// Reads an imported file: a scenario file, or raw texts saved by Export. The error says
/// why, with the line and column of a problem.
pub fn texts_from_file(text: &str) -> Result<Texts, String> {
    use iamplay_core::source::{LineIndex, SourceId};
    let located = |d: iamplay_core::diagnostic::Diagnostic| {
        let at = LineIndex::new(text).position(d.span.start);
        format!("line {}, column {}: {}", at.line, at.column, iamplay_core::report::visible::visible(&d.message))
    };
    let root = iamplay_core::json::parse(text, SourceId::File).map_err(located)?;
    if root.get("v").is_some() {
        return iamplay_core::share::from_json(text);
    }
    if root.as_object().is_none() || root.get("principals").is_none() {
        return Err("it is neither a scenario file (with `principals`) nor saved work".into());
    }
    split(text).map_err(located)
}

pub fn download(name: &str, text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Some(a) = document.create_element("a").ok().and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok()) {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

pub fn chosen_file(ev: &leptos::ev::Event) -> Option<web_sys::File> {
    let input = ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
    let file = input.files()?.get(0);
    input.set_value("");
    file
}

pub async fn read_text(file: &web_sys::File) -> Result<String, String> {
    let value = wasm_bindgen_futures::JsFuture::from(file.text()).await.map_err(|_| "it cannot be read".to_string())?;
    value.as_string().ok_or_else(|| "it is not text".to_string())
}
