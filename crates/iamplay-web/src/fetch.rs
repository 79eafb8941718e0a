//! Fetching from the page's own origin, and nowhere else: exercise packs and AWS managed
//! policies. An address is resolved against a base, refused unless it is http(s) on the
//! page's origin (an opaque origin, `null`, as of `data:` or a sandboxed page, is no
//! origin); the request is made in `same-origin` mode, so a redirect to another site
//! fails, and the address the response came from is checked again.

use wasm_bindgen::JsCast;

/// `address` resolved against `base`, when it is http(s) on the page's own origin; the
/// error says why not, in words for the person who wrote the address.
pub fn on_this_origin(address: &str, base: &str) -> Result<String, String> {
    let url = web_sys::Url::new_with_base(address, base).map_err(|_| format!("`{address}` is not an address"))?;
    check_origin(&url, address)?;
    Ok(url.href())
}

fn check_origin(url: &web_sys::Url, address: &str) -> Result<(), String> {
    let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    if !matches!(url.protocol().as_str(), "http:" | "https:") {
        return Err(format!("`{address}` is not an http(s) address; packs are read only from this page's own origin"));
    }
    if origin == "null" || url.origin() == "null" {
        return Err(format!("`{address}` cannot be read: this page has no origin to read from"));
    }
    if url.origin() != origin {
        return Err(format!("`{address}` is on another site; packs are read only from this page's own origin"));
    }
    Ok(())
}

/// The response for `url` (see [`on_this_origin`]), after every check, or why there is none.
async fn response(url: &str) -> Result<(web_sys::Response, String), String> {
    use wasm_bindgen_futures::JsFuture;
    let here = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let url = on_this_origin(url, &here)?;
    let window = web_sys::window().ok_or("no window")?;
    let init = web_sys::RequestInit::new();
    init.set_mode(web_sys::RequestMode::SameOrigin);
    init.set_credentials(web_sys::RequestCredentials::SameOrigin);
    let fetched = JsFuture::from(window.fetch_with_str_and_init(&url, &init))
        .await
        .map_err(|_| format!("{url} cannot be fetched (not found, or it leads to another site)"))?;
    let response: web_sys::Response = fetched.dyn_into().map_err(|_| format!("{url} cannot be fetched"))?;
    // a redirect is followed only on this origin; the final address is checked all the same
    let landed = web_sys::Url::new(&response.url()).map_err(|_| format!("{url} cannot be fetched"))?;
    check_origin(&landed, &url)?;
    if !response.ok() {
        return Err(format!("{url} cannot be fetched (HTTP {})", response.status()));
    }
    Ok((response, url))
}

/// The text at `url` (see [`on_this_origin`]), or why it cannot be had.
pub async fn text(url: &str) -> Result<String, String> {
    let (response, url) = response(url).await?;
    let text = wasm_bindgen_futures::JsFuture::from(response.text().map_err(|_| format!("{url} is not text"))?)
        .await
        .map_err(|_| format!("{url} is not text"))?;
    text.as_string().ok_or_else(|| format!("{url} is not text"))
}

/// The bytes at `url` (see [`on_this_origin`]), or why they cannot be had.
pub async fn bytes(url: &str) -> Result<Vec<u8>, String> {
    let (response, url) = response(url).await?;
    let promise = response.array_buffer().map_err(|_| format!("{url} cannot be read"))?;
    let buffer = wasm_bindgen_futures::JsFuture::from(promise).await.map_err(|_| format!("{url} cannot be read"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
