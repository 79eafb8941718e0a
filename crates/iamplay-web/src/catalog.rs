//! AWS's catalog in the browser (services, actions, resource types, condition keys):
//! fetched from the page's own origin (`aws-catalog/catalog.tsv.deflate`, about 230 KB)
//! once the first decision is on screen — it never enters the first visit's download —
//! then inflated, read once and kept for the page's life. The lint findings that need it
//! appear when it arrives (the texts are evaluated again); decisions never wait for it.

use iamplay_aws_data::catalog::Catalog;
use std::cell::RefCell;

const ADDRESS: &str = "aws-catalog/catalog.tsv.deflate";

enum State {
    NotAsked,
    Loading,
    Ready(&'static Catalog),
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
/// reads `window.__iamplayCatalog`, now or when it loads; the event says it is there), so
/// the file is fetched once.
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
        let perf = web_sys::window().and_then(|w| w.performance());
        let got = crate::fetch::bytes(ADDRESS).await.and_then(|bytes| {
            let t0 = perf.as_ref().map_or(0.0, |p| p.now());
            hand_to_extras(&bytes);
            let catalog = Catalog::from_deflated(&bytes);
            // read by scripts/measure-web: inflating and reading the catalog, in ms
            if let Some(w) = web_sys::window() {
                let ms = perf.as_ref().map_or(0.0, |p| p.now()) - t0;
                let _ = js_sys::Reflect::set(&w, &"__iamplayCatalogMs".into(), &ms.into());
            }
            catalog
        });
        let state = match got {
            // kept for the page's life: leaked once, so every evaluation can borrow it
            Ok(c) => State::Ready(Box::leak(Box::new(c))),
            Err(why) => State::Failed(why),
        };
        STATE.with(|s| *s.borrow_mut() = state);
        arrived();
    });
}

/// The catalog, once it is here.
pub fn get() -> Option<&'static Catalog> {
    STATE.with(|s| match *s.borrow() {
        State::Ready(c) => Some(c),
        _ => None,
    })
}

/// What the page says of it: "IAM data: PACKAGE VERSION, DATE", or that it is on its way
/// or could not be had.
pub fn shown() -> String {
    STATE.with(|s| match &*s.borrow() {
        State::Ready(c) => format!("IAM data: {}", c.data_version()),
        State::NotAsked | State::Loading => "IAM data: loading…".to_string(),
        State::Failed(why) => format!("IAM data: unavailable ({why}); checks that need AWS's catalog are off"),
    })
}
