//! The graph of the playground's scenario (iamplay_core::graph), with what concerns the
//! selected request lit: what the request itself went through, or, once picked in "Every
//! way this could be allowed", one of its access paths or one path of a principal who can.

use iamplay_core::paths::{access_paths, who_can};
use iamplay_core::report::graph::{with_path, with_request, GraphReport};
use iamplay_core::scenario::Scenario;
use serde::Serialize;
use wasm_bindgen::JsValue;

/// What to light: `""` the request; `path:N` its Nth access path; `who:N` the first path
/// of the Nth principal who can do it.
fn lit(sc: &Scenario, requests: &str, index: usize, pick: &str) -> GraphReport {
    let req = sc.requests.get(index).and_then(Option::as_ref);
    let (Some(req), Some((what, n))) = (req, pick.split_once(':')) else {
        return with_request(sc, Some(index));
    };
    let n = n.parse::<usize>().unwrap_or(usize::MAX);
    let context = crate::paths::given_context(requests, index);
    let path = match what {
        "path" => access_paths(sc, &req.caller, &req.action, &req.resource, &context).into_iter().nth(n),
        "who" => who_can(sc, &req.action, &req.resource, &context)
            .into_iter()
            .nth(n)
            .and_then(|w| w.paths.into_iter().next()),
        _ => None,
    };
    match path {
        Some(p) => with_path(sc, &p),
        None => with_request(sc, Some(index)),
    }
}

pub fn at(policies: &str, principals: &str, requests: &str, index: usize, pick: &str) -> JsValue {
    let sc = iamplay_core::scenario::load_parts(policies, principals, requests);
    let report = lit(&sc, requests, index, pick);
    report.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL)
}
