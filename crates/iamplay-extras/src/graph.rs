//! The graph of the playground's scenario (iamplay_core::graph), with what concerns the
//! selected request lit: what the request itself went through, or, once picked in "Every
//! way this could be allowed", one of its access paths or one path of a principal who can.

use iamplay_core::graph::Graph;
use iamplay_core::paths::{access_paths, who_can};
use iamplay_core::report::graph::{path_lit, request_lit, GraphReport};
use iamplay_core::scenario::Scenario;
use std::cell::RefCell;

thread_local! {
    /// The graph of the last Policies and Principals texts (its "may assume" edges decide
    /// sts:AssumeRole for every pair): typing in the Request text only lights it again.
    static LAST: RefCell<Option<(String, String, usize, Graph)>> = const { RefCell::new(None) };
}

/// The graph of the scenario's parts, made again only when those texts changed (or the
/// policies a request brings, an AWS managed session policy, changed their count).
fn parts(sc: &Scenario, policies: &str, principals: &str) -> Graph {
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        match last.as_ref() {
            Some((p, q, n, g)) if p == policies && q == principals && *n == sc.policies.len() => g.clone(),
            _ => {
                let g = Graph::of(sc);
                *last = Some((policies.to_string(), principals.to_string(), sc.policies.len(), g.clone()));
                g
            }
        }
    })
}
use serde::Serialize;
use wasm_bindgen::JsValue;

/// What to light: `""` the request; `path:N` its Nth access path; `who:N` the first path
/// of the Nth principal who can do it.
fn lit(sc: &Scenario, g: Graph, requests: &str, index: usize, pick: &str) -> GraphReport {
    let req = sc.requests.get(index).and_then(Option::as_ref);
    let (Some(req), Some((what, n))) = (req, pick.split_once(':')) else {
        return request_lit(sc, g, Some(index));
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
        Some(p) => path_lit(sc, g, &p),
        None => request_lit(sc, g, Some(index)),
    }
}

pub fn at(policies: &str, principals: &str, requests: &str, index: usize, pick: &str) -> JsValue {
    let sc = crate::load_parts(policies, principals, requests);
    if let Some(why) = crate::unanswerable(&sc) {
        // the drawing stays as it was, said to be from before
        #[derive(serde::Serialize)]
        struct Unanswerable {
            unanswerable: &'static str,
        }
        let out = Unanswerable { unanswerable: why };
        return out.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL);
    }
    let report = lit(&sc, parts(&sc, policies, principals), requests, index, pick);
    report.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL)
}
