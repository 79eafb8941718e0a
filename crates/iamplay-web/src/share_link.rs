//! Share links made with the browser's own compressor (`CompressionStream`, raw
//! deflate): the link format is the core's (`iamplay_core::share`), but a compressor in
//! this module would cost the first visit about 9 KB of gzipped wasm. Reading a link
//! (inflating) stays in the core: it is needed before the first decision.

use iamplay_core::share::{fragment_of_deflated, to_json, Texts};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The fragment (without `#`) that holds these texts; the error says why the browser
/// could not make it.
pub async fn fragment(texts: &Texts) -> Result<String, String> {
    let deflated = deflate_raw(to_json(texts).as_bytes()).await.map_err(|e| {
        let why = e.as_string().or_else(|| js_sys::Reflect::get(&e, &"message".into()).ok()?.as_string());
        why.unwrap_or_else(|| "this browser cannot compress".to_string())
    })?;
    Ok(fragment_of_deflated(&deflated))
}

/// `new Response(new Response(bytes).body.pipeThrough(new CompressionStream("deflate-raw"))).arrayBuffer()`
async fn deflate_raw(bytes: &[u8]) -> Result<Vec<u8>, JsValue> {
    let constructor = js_sys::Reflect::get(&js_sys::global(), &"CompressionStream".into())?;
    let constructor = constructor
        .dyn_into::<js_sys::Function>()
        .map_err(|_| JsValue::from_str("this browser has no CompressionStream"))?;
    let compressor = js_sys::Reflect::construct(&constructor, &js_sys::Array::of1(&"deflate-raw".into()))?;
    let readable: web_sys::ReadableStream = js_sys::Reflect::get(&compressor, &"readable".into())?.unchecked_into();
    let writable: web_sys::WritableStream = js_sys::Reflect::get(&compressor, &"writable".into())?.unchecked_into();
    let mut input = bytes.to_vec();
    let body = web_sys::Response::new_with_opt_u8_array(Some(&mut input))?
        .body()
        .ok_or_else(|| JsValue::from_str("no stream to compress"))?;
    let compressed = body.pipe_through(&web_sys::ReadableWritablePair::new(&readable, &writable));
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&compressed))?;
    let buffer = JsFuture::from(response.array_buffer()?).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
