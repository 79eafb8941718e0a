//! # iamplay for JavaScript
//!
//! A thin wasm-bindgen layer over `iamplay-core` for pages that call the evaluator
//! themselves. Everything crosses the boundary as plain JSON-shaped objects (the CLI's
//! report of docs/scenario.md, "CLI output"); no internal type does. Types: `js/iamplay.d.ts`.

use iamplay_aws_data::catalog::Catalog;
use iamplay_core::aws_managed::{AwsPolicy, Lookup, Provider};
use iamplay_core::report::{diagnostic, evaluate_all, report_with};
use iamplay_core::scenario::{load_file_with, load_parts_with, Scenario};
use iamplay_core::share::{encode, Texts};
use serde::Serialize;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;

fn to_js(value: &impl Serialize) -> JsValue {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL)
}

/// The options of `evaluate` and `evaluateParts`.
struct Options {
    explain: bool,
    aws: Given,
}

/// AWS managed policies a page hands in (`awsManagedPolicies: { ARN: { versionId,
/// document } }`, the document an object or its JSON text), as the evaluator's provider.
struct Given(HashMap<String, (String, String)>);

impl Provider for Given {
    fn lookup(&self, arn: &str) -> Lookup {
        match self.0.get(arn) {
            Some((version, document)) => {
                Lookup::Found(AwsPolicy { arn: arn.to_string(), version: version.clone(), document: document.clone() })
            }
            None => Lookup::Unavailable(
                "its document was not given: pass it in the `awsManagedPolicies` option (ARN → { versionId, document })"
                    .into(),
            ),
        }
    }

    fn arns(&self) -> Vec<String> {
        self.0.keys().cloned().collect()
    }

    fn data_version(&self) -> Option<String> {
        None
    }

    fn vocabulary(&self) -> Option<&dyn iamplay_core::vocabulary::Vocabulary> {
        catalog().map(|c| c as &dyn iamplay_core::vocabulary::Vocabulary)
    }
}

thread_local! {
    /// AWS's catalog, once a page has handed it in (`loadCatalog`): kept for the page's life.
    static CATALOG: std::cell::Cell<Option<&'static Catalog>> = const { std::cell::Cell::new(None) };
}

fn catalog() -> Option<&'static Catalog> {
    CATALOG.with(std::cell::Cell::get)
}

fn options(options: &JsValue) -> Options {
    let v: serde_json::Value = serde_wasm_bindgen::from_value(options.clone()).unwrap_or_default();
    let explain = v.get("explain").and_then(serde_json::Value::as_bool).unwrap_or(false);
    let mut given = HashMap::new();
    if let Some(map) = v.get("awsManagedPolicies").and_then(serde_json::Value::as_object) {
        for (arn, p) in map {
            let version = p.get("versionId").and_then(serde_json::Value::as_str).unwrap_or("v1").to_string();
            let document = match p.get("document") {
                Some(serde_json::Value::String(text)) => text.clone(),
                Some(doc) => serde_json::to_string_pretty(doc).unwrap_or_default(),
                None => continue,
            };
            given.insert(arn.clone(), (version, document));
        }
    }
    Options { explain, aws: Given(given) }
}

fn evaluate_scenario(sc: &Scenario, explain: bool) -> JsValue {
    let evaluations = evaluate_all(sc);
    let vocabulary = catalog().map(|c| c as &dyn iamplay_core::vocabulary::Vocabulary);
    to_js(&report_with(sc, &evaluations, explain, vocabulary))
}

/// Decides every request of a scenario file (one JSON text). Returns
/// `{ results, diagnostics }` exactly as `iamplay eval` prints it; `{ explain: true }`
/// adds each result's trace. Never throws: broken input comes back as diagnostics.
#[wasm_bindgen]
pub fn evaluate(scenario: &str, options: JsValue) -> JsValue {
    let o = self::options(&options);
    evaluate_scenario(&load_file_with(scenario, &o.aws), o.explain)
}

/// The same over the playground's three texts: the `policies` object, the
/// `principals` object, and one request or a list of them. Diagnostics carry `source`
/// (`policies`, `principals` or `request`) and lines within that text.
#[wasm_bindgen(js_name = evaluateParts)]
pub fn evaluate_parts(policies: &str, principals: &str, requests: &str, options: JsValue) -> JsValue {
    let o = self::options(&options);
    evaluate_scenario(&load_parts_with(policies, principals, requests, &o.aws), o.explain)
}

/// Every AWS managed policy a scenario file names by ARN (`arn:aws:iam::aws:policy/…`),
/// in order: what to pass in `awsManagedPolicies` (a page can fetch them from the
/// playground's `aws-managed/p/NAME.json`).
#[wasm_bindgen(js_name = awsManagedPoliciesNamed)]
pub fn aws_managed_policies_named(scenario: &str) -> Vec<String> {
    struct Asking;
    impl Provider for Asking {
        fn lookup(&self, _: &str) -> Lookup {
            Lookup::Pending
        }
        fn arns(&self) -> Vec<String> {
            Vec::new()
        }
        fn data_version(&self) -> Option<String> {
            None
        }
    }
    load_file_with(scenario, &Asking).pending_aws
}

/// Every diagnostic of a scenario file, without deciding anything.
#[wasm_bindgen]
pub fn validate(scenario: &str) -> JsValue {
    let sc = iamplay_core::scenario::load_file(scenario);
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

/// Hands in AWS's catalog: the bytes of `aws-catalog/catalog.tsv.deflate` (served with the
/// playground, and in this package). Returns `{ version }` ("PACKAGE VERSION, DATE"), or
/// `{ error }` when the bytes are not the catalog. Once loaded, `evaluate` and
/// `evaluateParts` add the findings that need it (unknown actions, keys, resource types),
/// and `expand` and `summary` work.
#[wasm_bindgen(js_name = loadCatalog)]
pub fn load_catalog(deflated: &[u8]) -> JsValue {
    #[derive(Serialize)]
    struct Loaded {
        #[serde(skip_serializing_if = "Option::is_none")]
        version: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        error: Option<String>,
    }
    match Catalog::from_deflated(deflated) {
        Ok(c) => {
            let c: &'static Catalog = Box::leak(Box::new(c));
            CATALOG.with(|slot| slot.set(Some(c)));
            to_js(&Loaded { version: Some(c.data_version()), error: None })
        }
        Err(why) => to_js(&Loaded { version: None, error: Some(why) }),
    }
}

/// The actions an action pattern (`s3:Get*`) covers, with their access levels:
/// `{ pattern, actions: [{ action, accessLevel }] }`; null before `loadCatalog`.
#[wasm_bindgen]
pub fn expand(pattern: &str) -> JsValue {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Action {
        action: String,
        access_level: &'static str,
    }
    #[derive(Serialize)]
    struct Expanded<'a> {
        pattern: &'a str,
        actions: Vec<Action>,
    }
    let Some(c) = catalog() else { return JsValue::NULL };
    let actions = c.expand(pattern).into_iter().map(|a| Action { action: a.action, access_level: a.level.as_str() });
    to_js(&Expanded { pattern, actions: actions.collect() })
}

/// Each policy's summary, as `iamplay summary --format json` prints it: `text` is one
/// policy document or a scenario file (each of its policies); null before `loadCatalog`
/// or when `text` is not JSON.
#[wasm_bindgen]
pub fn summary(text: &str) -> JsValue {
    use iamplay_core::report::summary::summary_report;
    let Some(c) = catalog() else { return JsValue::NULL };
    let Ok(json) = iamplay_core::json::parse(text, iamplay_core::source::SourceId::File) else { return JsValue::NULL };
    if json.get("Statement").is_some() {
        let policy = iamplay_core::policy::parse_policy(&json, text);
        return to_js(&summary_report([("policy", &policy)], c));
    }
    let sc = load_file_with(text, &Given(HashMap::new()));
    to_js(&summary_report(iamplay_core::report::summary::summarized(&sc), c))
}

/// The playground's Format: `text` pretty-printed (two spaces, every value as written) and
/// where the cursor at UTF-16 offset `cursor` goes: `{ text, cursor }`; null when `text`
/// is not JSON (it is never changed).
#[wasm_bindgen]
pub fn format(text: &str, cursor: usize) -> JsValue {
    #[derive(Serialize)]
    struct Formatted {
        text: String,
        cursor: usize,
    }
    match iamplay_core::json::format::format_utf16(text, cursor) {
        Some((text, cursor)) => to_js(&Formatted { text, cursor }),
        None => JsValue::NULL,
    }
}

/// A question's fields (`principal`, `action`, `resource`, `context`: key → string or
/// list of strings), read from the object a page passes.
struct Question {
    principal: String,
    action: String,
    resource: String,
    context: Vec<(String, Vec<String>)>,
    explain: bool,
}

fn question(q: &JsValue) -> Question {
    let v: serde_json::Value = serde_wasm_bindgen::from_value(q.clone()).unwrap_or_default();
    let text = |k: &str| v.get(k).and_then(serde_json::Value::as_str).unwrap_or("").to_string();
    let mut context = Vec::new();
    if let Some(map) = v.get("context").and_then(serde_json::Value::as_object) {
        for (key, value) in map {
            let values = match value {
                serde_json::Value::Array(vs) => vs.iter().map(scalar).collect(),
                other => vec![scalar(other)],
            };
            context.push((key.clone(), values));
        }
    }
    Question {
        principal: text("principal"),
        action: text("action"),
        resource: text("resource"),
        context,
        explain: v.get("explain").and_then(serde_json::Value::as_bool).unwrap_or(false),
    }
}

fn scalar(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[derive(Serialize)]
struct Refused {
    error: String,
}

/// The scenario a question is asked of, or why it cannot be.
fn asked(scenario: &str, q: &Question) -> Result<Scenario, JsValue> {
    let sc = iamplay_core::scenario::load_file(scenario);
    if let Some(d) = sc.diagnostics.iter().find(|d| d.is_error()) {
        let error = format!("the scenario has errors; the first: {}", d.message);
        return Err(to_js(&Refused { error }));
    }
    if !q.action.contains(':') || q.action.contains(['*', '?']) {
        let error = format!("`{}` is not an action (write one action, as in `s3:GetObject`)", q.action);
        return Err(to_js(&Refused { error }));
    }
    Ok(sc)
}

/// Every way `principal` obtains (or could obtain) `action` on `resource` in a scenario
/// file, as `iamplay paths --format json` prints it; `{ error }` when the scenario has
/// errors or the question cannot be asked. `{ principal, action, resource, context?,
/// explain? }`.
#[wasm_bindgen]
pub fn paths(scenario: &str, question: JsValue) -> JsValue {
    let q = self::question(&question);
    let sc = match asked(scenario, &q) {
        Ok(sc) => sc,
        Err(refused) => return refused,
    };
    let caller = match iamplay_core::scenario::resolve_principal(&sc, &q.principal, None, None) {
        Ok(c) => c,
        Err((message, help)) => {
            let error = format!("{message}{}", help.map(|h| format!(" ({h})")).unwrap_or_default());
            return to_js(&Refused { error });
        }
    };
    let found = iamplay_core::paths::access_paths(&sc, &caller, &q.action, &q.resource, &q.context);
    to_js(&iamplay_core::report::paths_report(&sc, &q.principal, &q.action, &q.resource, &found, q.explain))
}

/// Every principal of a scenario file allowed to do `action` on `resource`, each with
/// its paths, as `iamplay who-can --format json` prints it; `{ error }` as for `paths`.
#[wasm_bindgen(js_name = whoCan)]
pub fn who_can(scenario: &str, question: JsValue) -> JsValue {
    let q = self::question(&question);
    let sc = match asked(scenario, &q) {
        Ok(sc) => sc,
        Err(refused) => return refused,
    };
    let who = iamplay_core::paths::who_can(&sc, &q.action, &q.resource, &q.context);
    to_js(&iamplay_core::report::who_can_report(&sc, &q.action, &q.resource, &who))
}

/// A scenario file as a graph, as `iamplay graph --format json` prints it: `{ nodes,
/// edges, lit?, trimmed_from? }`, with what request `requestIndex` (0-based) went through
/// lit when it is given.
#[wasm_bindgen]
pub fn graph(scenario: &str, request_index: Option<usize>) -> JsValue {
    let sc = iamplay_core::scenario::load_file(scenario);
    to_js(&iamplay_core::report::graph::with_request(&sc, request_index))
}
