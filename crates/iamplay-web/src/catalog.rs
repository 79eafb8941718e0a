//! AWS's catalog in the browser (services, actions, resource types, condition keys):
//! fetched from the page's own origin (`aws-catalog/catalog.tsv.deflate`, about 230 KB)
//! once the first decision is on screen — it never enters the first visit's download —
//! and handed to the page's second wasm module, which reads it and makes what needs it
//! (lint findings, completions, hover, the summary). Decisions never wait for it.

use std::cell::RefCell;
use wasm_bindgen::prelude::*;

const ADDRESS: &str = "aws-catalog/catalog.tsv.deflate";

#[wasm_bindgen]
extern "C" {
    // the second module's reading of the file: {version}, {error}, or null before it has it;
    // throws while that module is not here
    #[wasm_bindgen(catch, js_namespace = window, js_name = IamplayCatalogState)]
    fn extras_catalog_state() -> Result<JsValue, JsValue>;
}

enum State {
    NotAsked,
    Loading,
    Fetched,
    Failed(String),
}

thread_local! {
    static STATE: RefCell<State> = const { RefCell::new(State::NotAsked) };
}

/// Starts fetching the catalog, once, two frames from now (when what is on screen has
/// been painted); `arrived` runs when it is here (or failed). Later calls do nothing.
pub fn want(arrived: impl FnOnce() + 'static) {
    let start = STATE.with(|s| {
        let mut s = s.borrow_mut();
        let asked = !matches!(*s, State::NotAsked);
        if !asked {
            *s = State::Loading;
        }
        !asked
    });
    if start {
        use leptos::prelude::request_animation_frame;
        request_animation_frame(move || request_animation_frame(move || fetch(arrived)));
    }
}

/// Leaves the catalog's file for the page's second wasm module (web/editor/src/extras.js
/// reads `window.__iamplayCatalog`, now or when it loads; the event says it is there).
fn hand_to_extras(bytes: &[u8]) {
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(&w, &"__iamplayCatalog".into(), &js_sys::Uint8Array::from(bytes));
        if let Ok(event) = web_sys::Event::new("iamplay-catalog") {
            let _ = w.dispatch_event(&event);
        }
    }
}

fn fetch(arrived: impl FnOnce() + 'static) {
    leptos::task::spawn_local(async move {
        let state = match crate::fetch::bytes(ADDRESS).await {
            Ok(bytes) => {
                hand_to_extras(&bytes);
                State::Fetched
            }
            Err(why) => State::Failed(why),
        };
        STATE.with(|s| *s.borrow_mut() = state);
        arrived();
    });
}

/// Whether it will not come: its fetch failed, or the second module could not read it.
pub fn unavailable() -> bool {
    STATE.with(|s| match &*s.borrow() {
        State::Failed(_) => true,
        State::Fetched => extras_catalog_state()
            .ok()
            .and_then(|read| js_sys::Reflect::get(&read, &"error".into()).ok())
            .is_some_and(|e| e.is_string()),
        State::NotAsked | State::Loading => false,
    })
}

/// What the page says of it: "IAM data: PACKAGE VERSION, DATE", or that it is on its way
/// or could not be had.
pub fn shown() -> String {
    let unavailable = |why: &str| format!("IAM data: unavailable ({why}); checks that need AWS's catalog are off");
    STATE.with(|s| match &*s.borrow() {
        State::NotAsked | State::Loading => "IAM data: loading…".to_string(),
        State::Failed(why) => unavailable(why),
        State::Fetched => {
            let read = extras_catalog_state().unwrap_or(JsValue::NULL);
            let field = |name: &str| js_sys::Reflect::get(&read, &name.into()).ok().and_then(|v| v.as_string());
            match (field("version"), field("error")) {
                (Some(version), _) => format!("IAM data: {version}"),
                (None, Some(why)) => unavailable(&why),
                (None, None) => "IAM data: loading…".to_string(),
            }
        }
    })
}
