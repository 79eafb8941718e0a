//! Reading a scenario: the file (one JSON document) or the playground's three editor
//! texts, into a [`Scenario`] with located diagnostics for anything wrong or unknown.
//! The policies (`policies.rs`), the principals of each account (`principals.rs`) and
//! the requests (`request.rs`) are read in that order: later parts name earlier ones.

mod policies;
mod principals;
mod request;
mod request_catalog;

use super::*;
use crate::aws_managed::{NoData, Provider};
use crate::code::Code;
use crate::json::read::{Reader, SCENARIO};
use crate::json::{self, Json, JsonValue};
use std::collections::HashMap;

const TOP_FIELDS: &[&str] = &["formatVersion", "policies", "principals", "requests", "request", "awsManagedPolicies"];
pub(super) use crate::scenario::fields::{ACCOUNT_FIELDS, GROUP_FIELDS, REQUEST_FIELDS, ROLE_FIELDS, USER_FIELDS};

/// Reads a scenario file (CLI, imports). Never fails: problems become diagnostics.
/// AWS managed policies named by ARN are unavailable: see [`load_file_with`].
pub fn load_file(text: &str) -> Scenario {
    load_file_with(text, &NoData)
}

/// Reads a scenario file, AWS managed policies named by ARN taken from `aws`.
pub fn load_file_with(text: &str, aws: &dyn Provider) -> Scenario {
    let mut l = Loader::new(aws);
    l.sc.sources.add(SourceId::File, text);
    if l.refuse_large_text(text, SourceId::File) {
        return l.finish();
    }
    let json = match json::parse(text, SourceId::File) {
        Ok(j) => j,
        Err(d) => {
            l.push(d);
            return l.finish();
        }
    };
    if l.refuse_beyond_limits(&json) {
        return l.finish();
    }
    let Some(members) = l.object(&json, "a scenario") else {
        return l.finish();
    };
    l.fields(members, TOP_FIELDS, "a scenario");
    if let Some(v) = json.get("formatVersion") {
        if v.value.scalar_text().as_deref() != Some("1") {
            l.error(
                Code::ScenarioFormatVersion,
                v.value.span,
                "this scenario's `formatVersion` is not supported (this version reads 1)",
                None,
            );
        }
    }
    let policies = json.get("policies").map(|m| &m.value);
    let principals = json.get("principals").map(|m| &m.value);
    if principals.is_none() {
        l.error(
            Code::ScenarioFieldMissing,
            json.span.start_point(),
            "the scenario has no `principals`",
            Some("add `\"principals\": {\"account\": \"111122223333\", \"users\": {...}}`"),
        );
    }
    let requests = match (json.get("requests"), json.get("request")) {
        (Some(m), Some(other)) => {
            l.error(Code::ScenarioFieldConflict, other.key_span, "give `requests` or `request`, not both", None);
            Some(&m.value)
        }
        (Some(m), None) | (None, Some(m)) => Some(&m.value),
        (None, None) => None,
    };
    if let Some(m) = json.get("awsManagedPolicies") {
        l.aws_managed = l.one_or_more_strings(&m.value, "`awsManagedPolicies`").into_iter().map(|(n, _)| n).collect();
    }
    l.build(policies, principals, requests);
    l.finish()
}

/// Reads the playground's three editor texts: the `policies` object, the `principals`
/// object, and one request or a list of them.
pub fn load_parts(policies: &str, principals: &str, requests: &str) -> Scenario {
    load_parts_with(policies, principals, requests, &NoData)
}

/// Reads the playground's three editor texts, AWS managed policies named by ARN taken
/// from `aws`.
pub fn load_parts_with(policies: &str, principals: &str, requests: &str, aws: &dyn Provider) -> Scenario {
    let mut l = Loader::new(aws);
    l.sc.sources.add(SourceId::Policies, policies);
    l.sc.sources.add(SourceId::Principals, principals);
    l.sc.sources.add(SourceId::Request, requests);
    let texts = [(policies, SourceId::Policies), (principals, SourceId::Principals), (requests, SourceId::Request)];
    let mut too_large = false;
    for (text, id) in texts.iter().filter(|(t, _)| t.len() > crate::limits::EDITOR_TEXT_BYTES) {
        too_large = true;
        l.error(
            Code::TextTooLarge,
            Span::new(*id, 0, 0),
            format!(
                "this text is {}; the playground evaluates texts of at most {}",
                crate::limits::bytes_words(text.len() as u64),
                crate::limits::bytes_words(crate::limits::EDITOR_TEXT_BYTES as u64)
            ),
            Some("the text is kept as it is; nothing is evaluated until it is smaller (the CLI reads larger files)"),
        );
    }
    if too_large {
        return l.finish();
    }
    let mut refused = false;
    let mut parse = |text: &str, id: SourceId, l: &mut Loader<'_>| -> Option<Json> {
        if text.trim().is_empty() && id == SourceId::Policies {
            return None;
        }
        if l.refuse_large_text(text, id) {
            refused = true;
            return None;
        }
        match json::parse(text, id) {
            Ok(j) => Some(j),
            Err(d) => {
                l.push(d);
                None
            }
        }
    };
    let p = parse(policies, SourceId::Policies, &mut l);
    let pr = parse(principals, SourceId::Principals, &mut l);
    let r = parse(requests, SourceId::Request, &mut l);
    for json in [&p, &pr, &r].into_iter().flatten() {
        refused |= l.refuse_beyond_limits(json);
    }
    if !refused {
        l.build(p.as_ref(), pr.as_ref(), r.as_ref());
    }
    l.finish()
}

struct Loader<'a> {
    sc: Scenario,
    /// Where AWS managed policies named by ARN come from.
    aws: &'a dyn Provider,
    /// Reads the JSON, and holds every diagnostic until the policies are validated.
    r: Reader,
    names: HashMap<String, PolicyId>,
    /// Policies marked as AWS managed (exempt from the customer managed size quota).
    aws_managed: Vec<String>,
    /// The context derived from each caller, shared by its requests.
    callers: crate::scenario::prepare::CallerContexts,
    /// What AWS's catalog says of each action and resource the requests ask about.
    #[cfg(not(target_arch = "wasm32"))]
    catalog_findings: request_catalog::Findings,
}

impl Loader<'_> {
    /// Reports every string over [`crate::limits::STRING_CHARS`] and every policy document
    /// over [`crate::limits::POLICY_BYTES`]; true when there is one (then nothing of the
    /// scenario is read further, let alone evaluated).
    fn refuse_beyond_limits(&mut self, json: &Json) -> bool {
        use crate::limits::{POLICY_BYTES, STRING_CHARS};
        let long = json::long_strings(json, STRING_CHARS);
        for (span, chars) in &long {
            self.error(
                Code::ValueTooLong,
                *span,
                format!("this string has {chars} characters; iamplay reads strings of at most {STRING_CHARS}"),
                Some("no AWS value is this long (an ARN has at most 2048 characters); nothing is evaluated until it is shortened"),
            );
        }
        let large = json::large_policies(json, POLICY_BYTES);
        self.refuse_large_policies(&large);
        !long.is_empty() || !large.is_empty()
    }

    /// Refuses a text holding a policy document over [`crate::limits::POLICY_BYTES`] before
    /// it is parsed (a scan of the text, so a huge one costs no tree); true when there is one.
    fn refuse_large_text(&mut self, text: &str, id: SourceId) -> bool {
        let large = json::scan::large_policies_in_text(text, crate::limits::POLICY_BYTES, id);
        self.refuse_large_policies(&large);
        !large.is_empty()
    }

    fn refuse_large_policies(&mut self, large: &[(Span, usize)]) {
        use crate::limits::{bytes_words, POLICY_BYTES};
        for (span, bytes) in large {
            self.error(
                Code::PolicyTooLarge,
                span.start_point(),
                format!(
                    "this policy document has {}; iamplay reads policies of at most {}",
                    bytes_words(*bytes as u64),
                    bytes_words(POLICY_BYTES as u64)
                ),
                Some("no AWS policy is this large (a customer managed policy holds 6,144 characters, the largest AWS managed policy 152,297); nothing is evaluated until it is smaller"),
            );
        }
    }
}

impl std::ops::Deref for Loader<'_> {
    type Target = Reader;
    fn deref(&self) -> &Reader {
        &self.r
    }
}

impl std::ops::DerefMut for Loader<'_> {
    fn deref_mut(&mut self) -> &mut Reader {
        &mut self.r
    }
}

impl<'a> Loader<'a> {
    fn new(aws: &'a dyn Provider) -> Self {
        Loader {
            sc: Scenario::default(),
            aws,
            r: Reader::new(&SCENARIO),
            names: HashMap::new(),
            aws_managed: Vec::new(),
            callers: Default::default(),
            #[cfg(not(target_arch = "wasm32"))]
            catalog_findings: Default::default(),
        }
    }

    fn error(&mut self, code: Code, span: Span, message: impl Into<String>, help: Option<&str>) {
        let mut d = Diagnostic::error(code, span, message);
        d.help = help.map(str::to_string);
        self.r.push(d);
    }

    fn warning(&mut self, code: Code, span: Span, message: impl Into<String>, help: Option<String>) {
        let mut d = Diagnostic::warning(code, span, message);
        d.help = help;
        self.r.push(d);
    }

    /// The scenario, with every diagnostic reported while reading it.
    fn finish(mut self) -> Scenario {
        self.sc.diagnostics.append(&mut self.r.diagnostics);
        self.sc
    }

    fn build(&mut self, policies: Option<&Json>, principals: Option<&Json>, requests: Option<&Json>) {
        if let Some(p) = policies {
            if let Some(members) = self.object(p, "`policies` (policy name → policy document)") {
                for m in members {
                    self.check_policy_name(&m.key, m.key_span);
                    self.add_policy(m.key.clone(), m.key_span, &m.value, false);
                }
            }
        }
        if let Some(pr) = principals {
            self.account(pr, None);
        }
        if self.sc.accounts.is_empty() {
            // keep evaluating with a placeholder so requests still get located errors
            self.sc.accounts.push(Account { id: "111122223333".into(), ..Account::default() });
        }
        if let Some(r) = requests {
            let items: Vec<&Json> = match &r.value {
                JsonValue::Array(items) => items.iter().collect(),
                JsonValue::Object(_) => vec![r],
                _ => {
                    self.error(
                        Code::ScenarioType,
                        r.span,
                        format!("expected a request object or a list of them, found {}", r.kind_name()),
                        None,
                    );
                    Vec::new()
                }
            };
            // the list's own size: grown by doubling, it held up to twice the requests' memory
            self.sc.requests.reserve_exact(items.len());
            for item in items {
                let req = self.request(item);
                self.sc.requests.push(req);
            }
        }
        self.validate_policies();
    }
}
