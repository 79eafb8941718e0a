//! The findings only the linter and AWS's catalog make (lint rules; a request's action or
//! resource the catalog does not know), asked of the page's second wasm module once the
//! edits pause, and shown beside this module's own diagnostics. This module decides and
//! makes every other diagnostic at each keystroke; the rules and the catalog's reader stay
//! out of the first download. Findings made for texts a moment old are carried through
//! the edits since (`workspace::carry`): they stay on their text while a person types, and
//! the next answer replaces them.

use crate::examples::Texts;
use iamplay_core::code::Code;
use iamplay_core::workspace::{carry, Diag};
use std::cell::Cell;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    // iamplay-extras' functions; each throws while that module is not here yet
    #[wasm_bindgen(catch, js_namespace = window, js_name = IamplayLint)]
    fn extras_lint(policies: &str, principals: &str, requests: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = window, js_name = IamplayNeverCarried)]
    fn extras_never_carried(action: &str, keys: &str) -> Result<String, JsValue>;
}

/// The second module's answer for one set of texts.
#[derive(Clone, Debug, PartialEq)]
pub struct Linted {
    pub texts: Texts,
    pub diagnostics: Vec<Diag>,
    /// How many more it found than it sent.
    pub more: usize,
    /// Whether AWS's catalog was there (the rules that need it ran).
    pub catalog: bool,
}

/// How long the edits must pause before the findings are asked for, and how long at most
/// they wait while the edits go on (ms): a keystroke's decision never waits for them.
const PAUSE: f64 = 120.0;
const AT_MOST: f64 = 1000.0;

thread_local! {
    /// The call waiting for the pause, and since when it has waited.
    static WAITING: Cell<Option<(leptos::leptos_dom::helpers::TimeoutHandle, f64)>> = const { Cell::new(None) };
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Asks for the findings of `texts` once the edits pause; `answered` gets them (nothing
/// while the second module is not here: its arrival evaluates the texts again, and asks).
pub fn ask(texts: Texts, answered: impl FnOnce(Linted) + 'static) {
    let t = now();
    let since = WAITING.take().map_or(t, |(pending, since)| {
        pending.clear();
        since
    });
    let wait = PAUSE.min((since + AT_MOST - t).max(0.0));
    let run = move || {
        WAITING.set(None);
        if let Some(linted) = lint(texts) {
            answered(linted);
        }
    };
    let handle =
        leptos::leptos_dom::helpers::set_timeout_with_handle(run, std::time::Duration::from_millis(wait as u64));
    if let Ok(handle) = handle {
        WAITING.set(Some((handle, since)));
    }
}

/// The second module's findings of `texts`, read without serde (no deserializer code in
/// this module); None while it is not here.
fn lint(texts: Texts) -> Option<Linted> {
    let answer = extras_lint(&texts.policies, &texts.principals, &texts.request).ok()?;
    let get = |v: &JsValue, name: &str| js_sys::Reflect::get(v, &name.into()).unwrap_or(JsValue::UNDEFINED);
    let text = |v: &JsValue, name: &str| get(v, name).as_string();
    let number = |v: &JsValue, name: &str| get(v, name).as_f64().unwrap_or(0.0) as usize;
    let list = js_sys::Array::from(&get(&answer, "diagnostics"));
    let diagnostics = list
        .iter()
        .filter_map(|d| {
            // the names this module knows, as the diagnostics it makes itself hold them
            let editor =
                ["policies", "principals", "request"].into_iter().find(|e| text(&d, "editor").as_deref() == Some(e))?;
            let severity =
                ["error", "warning", "suggestion"].into_iter().find(|s| text(&d, "severity").as_deref() == Some(s))?;
            Some(Diag {
                editor,
                severity,
                code: Code::parse(&text(&d, "code")?)?.as_str(),
                message: text(&d, "message")?,
                help: text(&d, "help"),
                line: number(&d, "line"),
                column: number(&d, "column"),
                from: number(&d, "from"),
                to: number(&d, "to"),
            })
        })
        .collect();
    let catalog = get(&answer, "catalog").as_bool().unwrap_or(false);
    Some(Linted { texts, diagnostics, more: number(&answer, "more"), catalog })
}

/// Every diagnostic to show for the texts `now`: this module's own, and the findings of
/// `linted` carried into `now`, in editor order and by place in each; as many as people
/// are shown, and how many more there are.
pub fn merged(own: &[Diag], own_more: usize, linted: Option<&Linted>, now: &Texts) -> (Vec<Diag>, usize) {
    let mut all = own.to_vec();
    let mut more = own_more;
    if let Some(l) = linted {
        let mut found = l.diagnostics.clone();
        for (editor, before, after) in [
            ("policies", &l.texts.policies, &now.policies),
            ("principals", &l.texts.principals, &now.principals),
            ("request", &l.texts.request, &now.request),
        ] {
            found = carry(&found, editor, before, after);
        }
        all.extend(found);
        more += l.more;
    }
    let rank = |e: &str| ["policies", "principals", "request"].iter().position(|x| *x == e).unwrap_or(3);
    iamplay_core::sort::sort_by_key(&mut all, |d| (rank(d.editor), d.from));
    let shown = iamplay_core::limits::SHOWN_DIAGNOSTICS;
    more += all.len().saturating_sub(shown);
    all.truncate(shown);
    (all, more)
}

/// Of the context keys a request for `action` lacks, those it never carries by AWS's
/// catalog (none while the second module or the catalog is not here).
pub fn never_carried(action: &str, keys: &[String]) -> Vec<String> {
    match extras_never_carried(action, &keys.join("\n")) {
        Ok(found) => found.lines().map(str::to_string).collect(),
        Err(_) => Vec::new(),
    }
}
