//! # iamplay for JavaScript
//!
//! A thin wasm-bindgen layer over `iamplay-core` for pages that call the evaluator
//! themselves. Everything crosses the boundary as plain JSON-shaped objects (the CLI's
//! report of CONTRACT.md §2); no internal type does. Types: `js/iamplay.d.ts`.

use iamplay_core::report::{diagnostic, evaluate_all, report};
use iamplay_core::scenario::{load_file, load_parts, Scenario};
use iamplay_core::share::{encode, Texts};
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn to_js(value: &impl Serialize) -> JsValue {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL)
}

fn explain_option(options: &JsValue) -> bool {
    js_sys_get_bool(options, "explain")
}

fn js_sys_get_bool(options: &JsValue, key: &str) -> bool {
    serde_wasm_bindgen::from_value::<serde_json::Value>(options.clone())
        .ok()
        .and_then(|v| v.get(key).and_then(serde_json::Value::as_bool))
        .unwrap_or(false)
}

fn evaluate_scenario(sc: &Scenario, explain: bool) -> JsValue {
    let evaluations = evaluate_all(sc);
    to_js(&report(sc, &evaluations, explain))
}

/// Decides every request of a scenario file (one JSON text). Returns
/// `{ results, diagnostics }` exactly as `iamplay eval` prints it; `{ explain: true }`
/// adds each result's trace. Never throws: broken input comes back as diagnostics.
#[wasm_bindgen]
pub fn evaluate(scenario: &str, options: JsValue) -> JsValue {
    evaluate_scenario(&load_file(scenario), explain_option(&options))
}

/// The same over the playground's three texts: the `policies` object, the
/// `principals` object, and one request or a list of them. Diagnostics carry `source`
/// (`policies`, `principals` or `request`) and lines within that text.
#[wasm_bindgen(js_name = evaluateParts)]
pub fn evaluate_parts(policies: &str, principals: &str, requests: &str, options: JsValue) -> JsValue {
    evaluate_scenario(&load_parts(policies, principals, requests), explain_option(&options))
}

/// Every diagnostic of a scenario file, without deciding anything.
#[wasm_bindgen]
pub fn validate(scenario: &str) -> JsValue {
    let sc = load_file(scenario);
    to_js(&sc.diagnostics.iter().map(|d| diagnostic(&sc, d)).collect::<Vec<_>>())
}

/// The URL fragment (`s=v1.…`) that opens these three texts in the playground.
#[wasm_bindgen(js_name = shareFragment)]
pub fn share_fragment(policies: &str, principals: &str, requests: &str) -> String {
    format!(
        "s={}",
        encode(&Texts { policies: policies.into(), principals: principals.into(), request: requests.into() })
    )
}

/// The evaluator's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
