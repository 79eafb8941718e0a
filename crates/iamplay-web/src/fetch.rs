//! Fetching from the page's own origin: exercise packs and AWS managed policies.

use wasm_bindgen::JsCast;

/// The text at `url` (a path on the page's own origin), or why it cannot be had.
pub async fn text(url: &str) -> Result<String, String> {
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| format!("{url} cannot be fetched"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| format!("{url} cannot be fetched"))?;
    if !response.ok() {
        return Err(format!("{url} cannot be fetched (HTTP {})", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|_| format!("{url} is not text"))?)
        .await
        .map_err(|_| format!("{url} is not text"))?;
    text.as_string().ok_or_else(|| format!("{url} is not text"))
}
