//! Work is never lost: autosave of the three raw editor texts to localStorage (the
//! share-link format itself lives in `iamplay_core::share`).

use crate::examples::Texts;
use iamplay_core::share::{from_json, to_json};

const KEY: &str = "iamplay:work:v1";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

pub fn save(t: &Texts) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(KEY, &to_json(t));
    }
}

pub fn restore() -> Option<Texts> {
    let text = local_storage()?.get_item(KEY).ok()??;
    from_json(&text).ok()
}
