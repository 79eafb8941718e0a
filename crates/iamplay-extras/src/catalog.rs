//! AWS's catalog, once the page has handed its file over.

use iamplay_aws_data::catalog::Catalog;
use std::cell::RefCell;

enum State {
    NotGiven,
    Ready(&'static Catalog),
    Failed(String),
}

thread_local! {
    static CATALOG: RefCell<State> = const { RefCell::new(State::NotGiven) };
}

pub fn load(deflated: &[u8]) -> Result<(), String> {
    let (state, answer) = match Catalog::from_deflated(deflated) {
        // kept for the page's life: leaked once, so every call can borrow it
        Ok(c) => (State::Ready(Box::leak(Box::new(c))), Ok(())),
        Err(why) => (State::Failed(why.clone()), Err(why)),
    };
    CATALOG.with(|slot| *slot.borrow_mut() = state);
    answer
}

/// The catalog, once it is here.
pub fn get() -> Option<&'static Catalog> {
    CATALOG.with(|s| match *s.borrow() {
        State::Ready(c) => Some(c),
        _ => None,
    })
}

/// `{version}`, `{error}`, or null (see `catalogState`).
pub fn state() -> wasm_bindgen::JsValue {
    let (key, value) = CATALOG.with(|s| match &*s.borrow() {
        State::NotGiven => (None, String::new()),
        State::Ready(c) => (Some("version"), c.data_version()),
        State::Failed(why) => (Some("error"), why.clone()),
    });
    let Some(key) = key else { return wasm_bindgen::JsValue::NULL };
    let o = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&o, &key.into(), &value.into());
    o.into()
}
