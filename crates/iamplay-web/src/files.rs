//! Export and import of the scenario as a file.

use crate::examples::{split, Texts};
use wasm_bindgen::JsCast;

/// The three texts as one scenario file, when each is JSON.
pub fn scenario_file(t: &Texts) -> Option<String> {
    let parse = |s: &str| serde_json::from_str::<serde_json::Value>(s).ok();
    let requests = parse(&t.request)?;
    let doc = serde_json::json!({
        "formatVersion": 1,
        "policies": parse(&t.policies)?,
        "principals": parse(&t.principals)?,
        "requests": if requests.is_array() { requests } else { serde_json::Value::Array(vec![requests]) },
    });
    serde_json::to_string_pretty(&doc).ok()
}

/// Reads an imported file: a scenario file, or raw texts saved by Export.
pub fn texts_from_file(text: &str) -> Result<Texts, String> {
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("it is not JSON ({e})"))?;
    if v.get("v").is_some() {
        return iamplay_core::share::from_json(text);
    }
    if !v.is_object() || v.get("principals").is_none() {
        return Err("it is neither a scenario file (with `principals`) nor saved work".into());
    }
    split(text).ok_or_else(|| "it is not a scenario file".into())
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
