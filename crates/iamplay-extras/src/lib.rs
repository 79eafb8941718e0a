//! # iamplay-extras
//!
//! The playground's second wasm module. The first module (iamplay-web) decides and draws;
//! this one holds what the first decision does not need, so the first visit does not
//! download it: completions while typing, the hover over actions and condition keys, the
//! policy summary (all over AWS's catalog), an AccessDenied message read as a request,
//! the paths and who-can of a request, the scenario's graph, and the lint findings (the
//! rules and AWS's catalog: the first module makes every other diagnostic). The editor bundle loads it once the first
//! decision is painted (web/editor/src/extras.js) and hands its functions to the page
//! (`window.IamplayComplete`, `IamplayHover`, `IamplaySummary`); the first module leaves the
//! catalog's file for it, so that file is fetched once. The texts cross as strings.

mod allowed_if;
mod catalog;
mod complete;
mod explain;
mod findings;
mod graph;
mod hover;
mod paths;
mod summary;

use wasm_bindgen::prelude::*;

/// Reads AWS's catalog from its file (`catalog.tsv.deflate`); the error says why not.
#[wasm_bindgen(js_name = loadCatalog)]
pub fn load_catalog(deflated: &[u8]) -> Result<(), String> {
    catalog::load(deflated)
}

/// Reads the ARNs of AWS managed policies (`aws-managed/index.json`) for completions; the
/// error says why not.
#[wasm_bindgen(js_name = loadAwsManagedNames)]
pub fn load_aws_managed_names(index: &str) -> Result<(), String> {
    complete::load_aws_managed(index)
}

/// The completions at UTF-16 offset `pos` of the editor `testid`'s `text`, given the
/// Policies and Principals texts: `{from, options: [{label, detail, type, boost}]}` or null.
#[wasm_bindgen]
pub fn complete(testid: &str, text: &str, pos: u32, policies: &str, principals: &str) -> JsValue {
    complete::at(testid, text, pos, policies, principals)
}

/// What AWS's catalog says of the name at UTF-16 offset `pos`: `{from, to, html}` or null.
#[wasm_bindgen]
pub fn hover(testid: &str, text: &str, pos: u32) -> JsValue {
    hover::at(testid, text, pos)
}

/// An AccessDenied message read as a request: what AWS said, the Request text with that
/// request added (`requests`, `index`), and the scenario's decision of it (`decision`,
/// `agreement`, `verdict`).
#[wasm_bindgen(js_name = explainError)]
pub fn explain_error(message: &str, policies: &str, principals: &str, requests: &str) -> JsValue {
    explain::explain(message, policies, principals, requests)
}

/// Every way the `index`th request's principal could do what it asks, each step decided,
/// and who else in the scenario may, as HTML.
#[wasm_bindgen]
pub fn paths(policies: &str, principals: &str, requests: &str, index: usize) -> String {
    paths::html(policies, principals, requests, index)
}

/// The `index`th request's "allowed only if…": `{options: [{words, requests}], note}`
/// (`requests`: the Request text its "try it" makes), or null.
#[wasm_bindgen(js_name = allowedIf)]
pub fn allowed_if(policies: &str, principals: &str, requests: &str, index: usize) -> JsValue {
    allowed_if::at(policies, principals, requests, index)
}

/// The scenario as a graph (nodes, edges, what is lit: iamplay_core::report::graph's
/// report) with the `index`th request lit, or what `pick` names (`path:N`, `who:N`: a path
/// of "Every way this could be allowed").
#[wasm_bindgen]
pub fn graph(policies: &str, principals: &str, requests: &str, index: usize, pick: &str) -> JsValue {
    graph::at(policies, principals, requests, index, pick)
}

/// The policy summary of the Policies text, as HTML.
#[wasm_bindgen]
pub fn summary(policies: &str, principals: &str) -> String {
    summary::html(policies, principals)
}

/// The findings of the three texts that need the linter or AWS's catalog (the first
/// module makes every other diagnostic, and asks for these once the edits pause):
/// `{diagnostics: [{editor, severity, code, message, help, line, column, from, to}], more,
/// catalog}` (`catalog`: whether AWS's catalog was here, so its rules ran).
#[wasm_bindgen]
pub fn lint(policies: &str, principals: &str, requests: &str) -> JsValue {
    findings::of(policies, principals, requests)
}

/// Of the context keys `keys` (one per line) that a request for `action` lacks, those it
/// never carries by AWS's catalog (one per line; none while the catalog is not here).
#[wasm_bindgen(js_name = neverCarried)]
pub fn never_carried(action: &str, keys: &str) -> String {
    let Some(c) = catalog::get() else { return String::new() };
    let keys: Vec<String> = keys.lines().map(str::to_string).collect();
    iamplay_core::vocabulary::never_carried(c, action, &keys).join("\n")
}

/// The catalog's state, for the page to show: `{version}` once it is read, `{error}` when
/// its file could not be, null before it is handed over.
#[wasm_bindgen(js_name = catalogState)]
pub fn catalog_state() -> JsValue {
    catalog::state()
}

/// AWS managed policies are fetched by the first module, which leaves each document it
/// has for this one (`window.__iamplayAwsManaged[ARN] = [version, document]`); one not
/// there yet is pending, so the panels say they cannot answer rather than decide without it.
/// `linting`: the linter runs, with AWS's catalog once it is here (for [`lint`]; the panels
/// show no diagnostics, so they load without it).
struct HeldByTheFirstModule {
    linting: bool,
}

impl iamplay_core::aws_managed::Provider for HeldByTheFirstModule {
    fn lookup(&self, arn: &str) -> iamplay_core::aws_managed::Lookup {
        use iamplay_core::aws_managed::{AwsPolicy, Lookup};
        let held = js_sys::Reflect::get(&js_sys::global(), &"__iamplayAwsManaged".into())
            .ok()
            .filter(|m| m.is_object())
            .and_then(|m| js_sys::Reflect::get(&m, &arn.into()).ok());
        let entry = held.map(|v| js_sys::Array::from(&v)).filter(|a| a.length() == 2);
        match entry.and_then(|a| Some((a.get(0).as_string()?, a.get(1).as_string()?))) {
            Some((version, document)) => Lookup::Found(AwsPolicy { arn: arn.to_string(), version, document }),
            None => Lookup::Pending,
        }
    }
    fn arns(&self) -> Vec<String> {
        Vec::new()
    }
    fn data_version(&self) -> Option<String> {
        None
    }
    fn vocabulary(&self) -> Option<&dyn iamplay_core::vocabulary::Vocabulary> {
        catalog::get().filter(|_| self.linting).map(|c| c as &dyn iamplay_core::vocabulary::Vocabulary)
    }
    fn lint(
        &self,
        policy: &iamplay_core::policy::Policy,
        scope: Option<iamplay_core::policy::PolicyType>,
        catalog: bool,
    ) -> Vec<iamplay_core::diagnostic::Diagnostic> {
        match self.linting {
            true => iamplay_core::lint::findings(policy, scope, self.vocabulary().filter(|_| catalog)),
            false => Vec::new(),
        }
    }
}

/// The playground's three texts as a scenario, for this module's panels.
pub(crate) fn load_parts(policies: &str, principals: &str, requests: &str) -> iamplay_core::scenario::Scenario {
    iamplay_core::scenario::load_parts_with(policies, principals, requests, &HeldByTheFirstModule { linting: false })
}

/// Why the panels of this module cannot answer for these texts, when they cannot: texts
/// with errors (the result above shows the last good decision), or AWS managed policies
/// named by ARN, whose documents only the first module holds. Never a wrong answer.
pub(crate) fn unanswerable(sc: &iamplay_core::scenario::Scenario) -> Option<&'static str> {
    if !sc.pending_aws.is_empty() {
        return Some("The AWS managed policies this scenario names are still being fetched.");
    }
    sc.has_errors().then_some("The texts have errors: this shows again once they can be read.")
}

/// Text from the input as HTML: what could move or reorder text shown escaped, then
/// escaped as markup (the same as the first module's panels).
pub(crate) fn text(s: &str) -> String {
    iamplay_core::exercise::escape_markup(&iamplay_core::report::visible::visible(s))
}
