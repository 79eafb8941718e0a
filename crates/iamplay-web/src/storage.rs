//! Work is never lost: the three raw editor texts are kept in localStorage (the
//! share-link format itself lives in `iamplay_core::share`), and so are the last few
//! pieces of work that something else replaced (a share link, an example, an import),
//! so the Restore list brings them back, also after a reload.
//!
//! Every write reports failure (storage full, or disabled by the browser): the page shows
//! it instead of letting the work silently go unsaved.

use crate::examples::Texts;
use iamplay_core::share::{from_json, to_json};

const WORK: &str = "iamplay:work:v1";
const REPLACED: &str = "iamplay:replaced:v1";
/// How many replaced pieces of work are kept.
pub const KEPT: usize = 5;

/// A piece of work that something replaced, with when it was kept (ms since the epoch).
#[derive(Clone, Debug, PartialEq)]
pub struct Kept {
    pub texts: Texts,
    pub kept_at: f64,
}

fn local_storage() -> Result<web_sys::Storage, String> {
    let window = web_sys::window().ok_or("there is no window")?;
    match window.local_storage() {
        Ok(Some(s)) => Ok(s),
        _ => Err("this browser does not let the page store anything (storage is disabled)".into()),
    }
}

fn write(key: &str, value: &str) -> Result<(), String> {
    local_storage()?
        .set_item(key, value)
        .map_err(|_| "the browser refused to store it (its storage for this site is full or disabled)".to_string())
}

/// The saved work, if any.
pub fn load_work() -> Option<Texts> {
    let text = local_storage().ok()?.get_item(WORK).ok()??;
    from_json(&text).ok()
}

/// Saves the current work.
pub fn save_work(t: &Texts) -> Result<(), String> {
    write(WORK, &to_json(t))
}

/// The replaced pieces of work, newest first.
pub fn kept() -> Vec<Kept> {
    let Some(text) = local_storage().ok().and_then(|s| s.get_item(REPLACED).ok().flatten()) else {
        return Vec::new();
    };
    let Some(serde_json::Value::Array(items)) = iamplay_core::json::value(&text) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| {
            let texts = from_json(&item.get("texts")?.to_string()).ok()?;
            let kept_at = item.get("keptAt").and_then(serde_json::Value::as_f64).unwrap_or(0.0);
            Some(Kept { texts, kept_at })
        })
        .take(KEPT)
        .collect()
}

fn write_kept(list: &[Kept]) -> Result<(), String> {
    let items: Vec<serde_json::Value> = list
        .iter()
        .take(KEPT)
        .map(|k| {
            let texts: serde_json::Value = iamplay_core::json::value(&to_json(&k.texts)).unwrap_or_default();
            serde_json::json!({"keptAt": k.kept_at, "texts": texts})
        })
        .collect();
    write(REPLACED, &serde_json::Value::Array(items).to_string())
}

/// Keeps `t` at the top of the replaced list (once; the oldest beyond [`KEPT`] go).
pub fn keep(t: &Texts) -> Result<(), String> {
    let mut list = kept();
    list.retain(|k| k.texts != *t);
    list.insert(0, Kept { texts: t.clone(), kept_at: js_sys::Date::now() });
    write_kept(&list)
}

/// Removes `t` from the replaced list (it is the current work again).
pub fn forget(t: &Texts) -> Result<(), String> {
    let mut list = kept();
    let before = list.len();
    list.retain(|k| k.texts != *t);
    if list.len() == before {
        return Ok(());
    }
    write_kept(&list)
}
