//! Import of an account export: the output of `aws iam get-account-authorization-details`
//! (the `GetAccountAuthorizationDetails` API) becomes a scenario (CONTRACT.md §1) with
//! `formatVersion`, `policies` and `principals`, and no requests.
//!
//! What is read:
//! - `Policies`: each managed policy's default version (`IsDefaultVersion`, else the
//!   version named by `DefaultVersionId`) goes under `policies`, named by `PolicyName`.
//!   When two managed policies share a name (an AWS managed and a customer managed one),
//!   the customer managed one keeps it and the other is renamed deterministically
//!   (`NAME-aws-managed`, or `NAME-2`, `NAME-3` …), with the warning
//!   `import-policy-renamed`.
//! - `UserDetailList`, `GroupDetailList`, `RoleDetailList`: names, paths, groups, attached
//!   managed policies (by ARN), inline policies, permissions boundaries and tags. A role's
//!   trust policy becomes the policy `trust-ROLE` (renamed like above if that name is
//!   taken). Instance profiles listed under roles become `instanceProfiles`, once each.
//! - A reference to a managed policy the export lacks (an export filtered without AWS
//!   managed policies) is the warning `import-policy-missing`, and the reference is
//!   dropped.
//!
//! Policy documents are JSON objects (the AWS CLI decodes them) or strings. A string that
//! starts with `{` is JSON text; any other string is URL-encoded as the API returns it
//! ("URL-encoded compliant with RFC 3986"): only `%XX` escapes are decoded and `+` stays a
//! plus sign (it is a form-encoding convention, not RFC 3986, and IAM encodes spaces as
//! `%20`). A document that cannot be decoded or parsed is a located error and is skipped.
//!
//! Every problem is a diagnostic located in the input text (`SourceId::File`), with a code
//! `import-*`; nothing here panics.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::json::read::{Reader, IMPORT};
use crate::json::{self, Json, JsonValue};
use crate::source::{SourceId, Span};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The result of an import.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The scenario as JSON (formatVersion 1, policies, principals; no requests), or None when the input could not be read at all.
    pub scenario: Option<serde_json::Value>,
    /// Located problems (crate::diagnostic::Diagnostic, spans with SourceId::File into the input text).
    pub diagnostics: Vec<crate::diagnostic::Diagnostic>,
}

const LISTS: [&str; 4] = ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"];
const MAX_NAME: usize = 128;

/// Converts the text of a `get-account-authorization-details` output into a scenario.
/// `account` is the account id to use; without it the id is read from the ARNs.
pub fn import(text: &str, account: Option<&str>) -> Imported {
    let root = match json::parse(text, SourceId::File) {
        Ok(j) => j,
        Err(d) => {
            let message = d.message.strip_prefix("invalid JSON: ").unwrap_or(&d.message).to_string();
            let d = Diagnostic::error(Code::ImportJson, d.span, format!("the input is not JSON: {message}")).with_help(
                "give the output of `aws iam get-account-authorization-details` with `--output json` (the default)",
            );
            return Imported { scenario: None, diagnostics: vec![d] };
        }
    };
    let mut im = Importer::new(text);
    let scenario = im.run(&root, account);
    let mut diagnostics = im.r.diagnostics;
    diagnostics.sort_by_key(|d| d.span.start);
    Imported { scenario, diagnostics }
}

/// A managed policy read from `Policies`.
struct Managed {
    original: String,
    name_span: Span,
    arn: String,
    aws: bool,
    document: Value,
}

struct Profile {
    name: String,
    role: String,
    role_span: Span,
}

struct Importer<'t> {
    text: &'t str,
    /// Reads the export (AWS's format: fields it does not know are not reported).
    r: Reader,
    /// Spans of repeated member names (already reported).
    duplicates: Vec<Span>,
    /// Managed policy ARN → its name in the scenario, or None when it could not be imported.
    by_arn: HashMap<String, Option<String>>,
    policies: Map<String, Value>,
    /// Every name given to a policy of the scenario.
    taken: HashSet<String>,
    /// Names of the AWS managed policies (exempt from the customer managed size quota).
    aws_managed: Vec<String>,
}

fn file_span(start: usize, end: usize) -> Span {
    Span::new(SourceId::File, start, end)
}

/// The opening character of a value (the `{` of an object), where "this entry has no
/// such field" is reported.
fn opening(j: &Json) -> Span {
    file_span(j.span.start, j.span.start.saturating_add(1).min(j.span.end))
}

fn is_account_id(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

/// The account field of an IAM ARN (`arn:PARTITION:iam::ACCOUNT:...`).
fn arn_account(arn: &str) -> Option<&str> {
    let mut parts = arn.splitn(6, ':');
    match (parts.next(), parts.next(), parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some("arn"), Some(_), Some("iam"), Some(""), Some(account), Some(_)) => Some(account),
        _ => None,
    }
}

/// The last segment of a policy ARN: its name.
fn arn_name(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().count() <= MAX_NAME
        && name.chars().all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c))
}

/// `base`, or `base-2`, `base-3` … (cut to 128 characters), whichever is not taken.
fn unique_name(base: &str, taken: &HashSet<String>, plain_allowed: bool) -> String {
    if plain_allowed && base.chars().count() <= MAX_NAME && !taken.contains(base) {
        return base.to_string();
    }
    let mut n = 2usize;
    loop {
        let suffix = format!("-{n}");
        let keep = MAX_NAME.saturating_sub(suffix.len());
        let candidate: String = base.chars().take(keep).chain(suffix.chars()).collect();
        if !taken.contains(&candidate) {
            return candidate;
        }
        n += 1;
    }
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// RFC 3986 percent-decoding (`+` is left as it is). Returns the text and, for each of
/// its bytes, the offset in `s` it came from; or the range in `s` of the problem and a
/// description.
fn percent_decode(s: &str) -> Result<(String, Vec<usize>), (usize, usize, &'static str)> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut map = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            match (bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
                (Some(hi), Some(lo)) => {
                    out.push(hi << 4 | lo);
                    map.push(i);
                    i += 3;
                }
                _ => {
                    let end = (i + 3).min(bytes.len());
                    return Err((i, end, "`%` is not followed by two hexadecimal digits"));
                }
            }
        } else {
            out.push(b);
            map.push(i);
            i += 1;
        }
    }
    match String::from_utf8(out) {
        Ok(text) => Ok((text, map)),
        Err(e) => {
            let at = map.get(e.utf8_error().valid_up_to()).copied().unwrap_or(s.len());
            Err((at, (at + 3).min(s.len()), "the decoded bytes are not UTF-8 text"))
        }
    }
}

/// Converts a parsed value into `serde_json`. A number whose text would not survive the
/// conversion unchanged is kept as a string (IAM reads numbers as their text).
fn to_value(j: &Json) -> Value {
    match &j.value {
        JsonValue::Null => Value::Null,
        JsonValue::Bool(b) => Value::Bool(*b),
        JsonValue::Number(n) => match n.parse::<serde_json::Number>() {
            Ok(num) if num.to_string() == *n => Value::Number(num),
            _ => Value::String(n.clone()),
        },
        JsonValue::String(s) => Value::String(s.clone()),
        JsonValue::Array(items) => Value::Array(items.iter().map(to_value).collect()),
        JsonValue::Object(members) => {
            Value::Object(members.iter().map(|m| (m.key.clone(), to_value(&m.value))).collect())
        }
    }
}

/// The text around byte `at` (30 characters before, 10 after), white space runs shown as
/// one space and the position marked with `⟨here⟩`.
fn excerpt(text: &str, at: usize) -> String {
    let squash = |s: &str| {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            if !c.is_whitespace() {
                out.push(c);
            } else if !out.ends_with(' ') {
                out.push(' ');
            }
        }
        out
    };
    let (before, after) = match (text.get(..at), text.get(at..)) {
        (Some(b), Some(a)) => (b, a),
        _ => (text, ""),
    };
    let before = squash(before);
    let after = squash(after);
    let skip = before.chars().count().saturating_sub(30);
    let before: String = before.chars().skip(skip).collect();
    let after: String = after.chars().take(10).collect();
    format!("{before}⟨here⟩{after}")
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl<'t> Importer<'t> {
    fn new(text: &'t str) -> Self {
        Importer {
            text,
            r: Reader::new(&IMPORT),
            duplicates: Vec::new(),
            by_arn: HashMap::new(),
            policies: Map::new(),
            taken: HashSet::new(),
            aws_managed: Vec::new(),
        }
    }

    fn emit(&mut self, d: Diagnostic) {
        self.r.push(d);
    }

    fn run(&mut self, root: &Json, account: Option<&str>) -> Option<Value> {
        let mut repeated = Vec::new();
        json::check_duplicate_keys(root, &mut repeated);
        for d in repeated {
            self.duplicates.push(d.span);
            self.emit(Diagnostic { code: Code::ImportDuplicateKey, ..d }.with_help(
                "JSON parsers disagree on which copy wins; keep one (a policy document with a repeated member is not imported)",
            ));
        }
        if root.as_object().is_none() {
            self.emit(Diagnostic::error(
                Code::ImportType,
                opening(root),
                format!(
                    "expected the JSON object that `aws iam get-account-authorization-details` prints, found {}",
                    root.kind_name()
                ),
            ));
            return None;
        }
        if !LISTS.iter().any(|k| root.get(k).is_some()) {
            self.emit(
                Diagnostic::error(
                    Code::ImportNotExport,
                    opening(root),
                    "this is not the output of `aws iam get-account-authorization-details`",
                )
                .with_help("it has none of `UserDetailList`, `GroupDetailList`, `RoleDetailList` and `Policies`"),
            );
            return None;
        }
        if let Some(m) = root.get("IsTruncated") {
            if m.value.value == JsonValue::Bool(true) {
                self.emit(
                    Diagnostic::warning(
                        Code::ImportTruncated,
                        m.value.span,
                        "the export is truncated: later pages are missing",
                    )
                    .with_help(
                        "run the command without `--max-items` / `--no-paginate` so that every page is included",
                    ),
                );
            }
        }
        let users = self.list(root, "UserDetailList");
        let groups = self.list(root, "GroupDetailList");
        let roles = self.list(root, "RoleDetailList");
        let policies = self.list(root, "Policies");
        let account = self.account(root, [users, groups, roles, policies], account);

        self.managed_policies(policies);
        let (groups_out, group_names) = self.groups(groups);
        let users_out = self.users(users, &group_names, root.get("GroupDetailList").is_some());
        let (roles_out, profiles) = self.roles(roles);
        let role_names: HashSet<&str> = roles_out.keys().map(String::as_str).collect();
        let mut profiles_out = Map::new();
        for p in profiles {
            if role_names.contains(p.role.as_str()) {
                let mut entry = Map::new();
                entry.insert("role".into(), Value::String(p.role));
                profiles_out.insert(p.name, Value::Object(entry));
            } else {
                self.emit(
                    Diagnostic::warning(
                        Code::ImportRoleMissing,
                        p.role_span,
                        format!(
                            "the instance profile `{}` holds the role `{}`, which the export does not include",
                            p.name, p.role
                        ),
                    )
                    .with_help("the instance profile is not imported"),
                );
            }
        }

        let mut principals = Map::new();
        if let Some(a) = account {
            principals.insert("account".into(), Value::String(a));
        }
        for (key, map) in
            [("users", users_out), ("groups", groups_out), ("roles", roles_out), ("instanceProfiles", profiles_out)]
        {
            if !map.is_empty() {
                principals.insert(key.into(), Value::Object(map));
            }
        }
        let mut scenario = Map::new();
        scenario.insert("formatVersion".into(), Value::from(1));
        scenario.insert("policies".into(), Value::Object(std::mem::take(&mut self.policies)));
        scenario.insert("principals".into(), Value::Object(principals));
        if !self.aws_managed.is_empty() {
            self.aws_managed.sort();
            scenario.insert("awsManagedPolicies".into(), Value::from(std::mem::take(&mut self.aws_managed)));
        }
        Some(Value::Object(scenario))
    }

    // ---- reading helpers ----

    /// The array under `key` (empty when absent or of another type, which is reported).
    fn list<'j>(&mut self, obj: &'j Json, key: &str) -> &'j [Json] {
        match obj.get(key) {
            None => &[],
            Some(m) => match &m.value.value {
                JsonValue::Array(items) => items,
                _ => {
                    let message = format!("`{key}` must be an array, not {}", m.value.kind_name());
                    let help = if LISTS.contains(&key) {
                        format!("its entries are not imported; write `\"{key}\": [ ... ]`")
                    } else {
                        "it is ignored".to_string()
                    };
                    self.emit(Diagnostic::error(Code::ImportType, m.value.span, message).with_help(help));
                    &[]
                }
            },
        }
    }

    /// The entries of the array under `key` that are objects (others are reported).
    fn objects<'j>(&mut self, obj: &'j Json, key: &str) -> Vec<&'j Json> {
        let items = self.list(obj, key);
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            if item.as_object().is_some() {
                out.push(item);
            } else {
                self.r.wrong_type(item, &format!("an entry of `{key}`"), "an object");
            }
        }
        out
    }

    /// A required string member, checked against IAM's name rules.
    fn name<'j>(&mut self, obj: &'j Json, key: &str, what: &str) -> Option<(&'j str, Span)> {
        let (name, span) = self.r.required_str(obj, key, what)?;
        if valid_name(name) {
            Some((name, span))
        } else {
            self.emit(
                Diagnostic::error(Code::ImportNameInvalid, span, format!("`{name}` is not a valid IAM name"))
                    .with_help(
                    "IAM names use letters, digits and `+=,.@_-`, at most 128 characters; this entry is not imported",
                ),
            );
            None
        }
    }

    fn path(&mut self, obj: &Json) -> Option<String> {
        let (path, span) = self.r.str_member(obj, "Path")?;
        if path.starts_with('/') && path.ends_with('/') {
            Some(path.to_string())
        } else {
            self.emit(
                Diagnostic::error(
                    Code::ImportPathInvalid,
                    span,
                    format!("the path `{path}` must begin and end with `/`"),
                )
                .with_help("the default path `/` is used instead"),
            );
            None
        }
    }

    /// Reports a name that another entry of the same kind already has (IAM names are
    /// unique regardless of case); true when it is new.
    fn first_of_name(&mut self, seen: &mut Vec<String>, name: &str, span: Span, kind: &str) -> bool {
        if let Some(first) = seen.iter().find(|s| s.eq_ignore_ascii_case(name)) {
            let message = if first == name {
                format!("the {kind} `{name}` is listed twice")
            } else {
                format!("the {kind} `{name}` has the same name as `{first}` but for letter case")
            };
            self.emit(
                Diagnostic::error(Code::ImportNameDuplicate, span, message)
                    .with_help("IAM names are unique regardless of case; only the first is imported"),
            );
            return false;
        }
        seen.push(name.to_string());
        true
    }

    // ---- the account ----

    fn account(&mut self, root: &Json, lists: [&[Json]; 4], given: Option<&str>) -> Option<String> {
        let mut found: Vec<(String, Span)> = Vec::new();
        for item in lists.iter().flat_map(|l| l.iter()) {
            if let Some(m) = item.get("Arn") {
                if let Some(acct) = m.value.as_str().and_then(arn_account) {
                    if is_account_id(acct) {
                        found.push((acct.to_string(), m.value.span));
                    }
                }
            }
        }
        if let Some(given) = given {
            if is_account_id(given) {
                if let Some((other, span)) = found.iter().find(|(a, _)| a != given) {
                    let message = format!(
                        "this ARN names the account `{other}`, but the account `{given}` was asked for; the scenario uses `{given}`"
                    );
                    self.emit(Diagnostic::warning(Code::ImportAccountMismatch, *span, message));
                }
                return Some(given.to_string());
            }
            self.emit(
                Diagnostic::error(
                    Code::ImportAccountInvalid,
                    file_span(0, 0),
                    format!("the account `{given}` is not an account id"),
                )
                .with_help("an account id is 12 digits; the account is read from the export's ARNs instead"),
            );
        }
        let Some((first, _)) = found.first().cloned() else {
            self.emit(
                Diagnostic::error(
                    Code::ImportAccountMissing,
                    opening(root),
                    "the export names no account: none of its ARNs has an account id",
                )
                .with_help("give the 12-digit account id explicitly (the `account` option of the import)"),
            );
            return None;
        };
        if let Some((other, span)) = found.iter().find(|(a, _)| *a != first) {
            let message = format!(
                "this ARN names the account `{other}`, but earlier ARNs name `{first}`; the scenario uses `{first}`"
            );
            self.emit(
                Diagnostic::error(Code::ImportAccountMismatch, *span, message)
                    .with_help("an export holds one account; give the account id explicitly to choose another"),
            );
        }
        Some(first)
    }

    // ---- policy documents ----

    /// The document under `key` of `obj`, as JSON, or None (reported) when it cannot be
    /// used. `shown` names the policy in diagnostics.
    fn document(&mut self, obj: &Json, key: &str, what: &str, shown: &str) -> Option<Value> {
        let Some(m) = obj.get(key) else {
            self.emit(
                Diagnostic::error(Code::ImportFieldMissing, opening(obj), format!("{what} has no `{key}`"))
                    .in_policy(shown),
            );
            return None;
        };
        let j = &m.value;
        match &j.value {
            JsonValue::Object(_) => {
                if self.duplicates.iter().any(|s| s.start >= j.span.start && s.end <= j.span.end) {
                    return None; // the repeated member is reported already
                }
                Some(to_value(j))
            }
            JsonValue::String(s) => self.encoded_document(s, j.span, shown),
            _ => {
                let message =
                    format!("the policy document must be a JSON object or a URL-encoded string, not {}", j.kind_name());
                self.emit(Diagnostic::error(Code::ImportType, j.span, message).in_policy(shown));
                None
            }
        }
    }

    /// The span in the input of the bytes `start..end` of the string value `value` whose
    /// literal is at `literal` (the whole literal when escapes make the mapping unsure).
    fn inside(&self, literal: Span, value: &str, start: usize, end: usize) -> Span {
        let inner = literal.start + 1;
        if self.text.get(inner..literal.end.saturating_sub(1)) == Some(value) {
            // an empty range (where a parser stopped) covers the next encoded character
            let end = if end > start {
                end
            } else {
                let next = value.get(start..).and_then(|rest| rest.chars().next());
                start + if next == Some('%') { 3 } else { next.map_or(0, char::len_utf8) }
            };
            file_span(inner + start, inner + end.min(value.len()))
        } else {
            literal
        }
    }

    fn encoded_document(&mut self, s: &str, literal: Span, shown: &str) -> Option<Value> {
        let plain = s.trim_start().starts_with('{');
        let (decoded, map) = if plain {
            (s.to_string(), None)
        } else {
            match percent_decode(s) {
                Ok((text, map)) => (text, Some(map)),
                Err((start, end, problem)) => {
                    let span = self.inside(literal, s, start, end);
                    self.emit(Diagnostic::error(
                        Code::ImportDocumentEncoding,
                        span,
                        format!("the policy document of `{shown}` is not valid URL encoding: {problem}"),
                    )
                    .with_help("documents are URL-encoded as RFC 3986 describes (`%7B%22Version%22…`); the policy is not imported")
                    .in_policy(shown));
                    return None;
                }
            }
        };
        let to_input = |offset: usize| -> usize {
            match &map {
                Some(map) => map.get(offset).copied().unwrap_or(s.len()),
                None => offset,
            }
        };
        let how = if plain { "" } else { " after URL decoding" };
        let doc = match json::parse(&decoded, SourceId::File) {
            Ok(doc) => doc,
            Err(d) => {
                let problem = d.message.strip_prefix("invalid JSON: ").unwrap_or(&d.message).to_string();
                let span = self.inside(literal, s, to_input(d.span.start), to_input(d.span.end));
                let message = format!("the policy document of `{shown}` is not valid JSON{how}: {problem}");
                let help = if plain {
                    "the policy is not imported".to_string()
                } else {
                    format!(
                        "decoded, the text there reads `{}`; the policy is not imported",
                        excerpt(&decoded, d.span.start)
                    )
                };
                self.emit(
                    Diagnostic::error(Code::ImportDocumentInvalid, span, message).with_help(help).in_policy(shown),
                );
                return None;
            }
        };
        let mut repeated = Vec::new();
        json::check_duplicate_keys(&doc, &mut repeated);
        if let Some(d) = repeated.first() {
            let span = self.inside(literal, s, to_input(d.span.start), to_input(d.span.end));
            let message = format!("the policy document of `{shown}`{how}: {}", lowercase_first(&d.message));
            self.emit(
                Diagnostic::error(Code::ImportDocumentInvalid, span, message)
                    .with_help("the policy is not imported")
                    .in_policy(shown),
            );
            return None;
        }
        if doc.as_object().is_none() {
            let message = format!("the policy document of `{shown}` is {}{how}, not a JSON object", doc.kind_name());
            self.emit(
                Diagnostic::error(Code::ImportDocumentInvalid, literal, message)
                    .with_help("the policy is not imported")
                    .in_policy(shown),
            );
            return None;
        }
        Some(to_value(&doc))
    }

    // ---- managed policies ----

    fn managed_policies(&mut self, items: &[Json]) {
        let mut read: Vec<Managed> = Vec::new();
        let mut seen_arns: HashSet<String> = HashSet::new();
        for item in items {
            if item.as_object().is_none() {
                self.r.wrong_type(item, "an entry of `Policies`", "an object");
                continue;
            }
            let Some((name, name_span)) = self.name(item, "PolicyName", "this managed policy") else { continue };
            let Some((arn, arn_span)) = self.r.required_str(item, "Arn", &format!("the managed policy `{name}`"))
            else {
                continue;
            };
            if !seen_arns.insert(arn.to_string()) {
                self.emit(
                    Diagnostic::warning(
                        Code::ImportPolicyDuplicate,
                        arn_span,
                        format!("the managed policy `{arn}` is listed twice"),
                    )
                    .with_help("only the first entry is imported"),
                );
                continue;
            }
            let aws = arn_account(arn) == Some("aws");
            let document = self.default_version(item, name);
            match document {
                Some(document) => {
                    read.push(Managed { original: name.to_string(), name_span, arn: arn.to_string(), aws, document })
                }
                None => {
                    self.by_arn.insert(arn.to_string(), None);
                }
            }
        }
        // names: the customer managed policy (then the lowest ARN) keeps a shared name
        let mut names: Vec<Option<String>> = vec![None; read.len()];
        let mut by_name: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, p) in read.iter().enumerate() {
            by_name.entry(p.original.as_str()).or_default().push(i);
            self.taken.insert(p.original.clone());
        }
        let mut renamed: Vec<(usize, String, String)> = Vec::new();
        for (name, mut group) in by_name {
            group.sort_by(|a, b| {
                let key = |i: &usize| read.get(*i).map(|p| (p.aws, p.arn.clone()));
                key(a).cmp(&key(b))
            });
            let mut rest = group.into_iter();
            if let Some(first) = rest.next() {
                if let Some(slot) = names.get_mut(first) {
                    *slot = Some(name.to_string());
                }
            }
            for i in rest {
                let Some(p) = read.get(i) else { continue };
                let new = if p.aws {
                    unique_name(&format!("{name}-aws-managed"), &self.taken, true)
                } else {
                    unique_name(name, &self.taken, false)
                };
                self.taken.insert(new.clone());
                if let Some(slot) = names.get_mut(i) {
                    *slot = Some(new.clone());
                }
                renamed.push((i, name.to_string(), new));
            }
        }
        for (i, original, new) in renamed {
            let Some(p) = read.get(i) else { continue };
            let kind = if p.aws { "AWS managed" } else { "customer managed" };
            let message = format!(
                "two managed policies are named `{original}`; this {kind} one (`{}`) is imported as `{new}`",
                p.arn
            );
            let help = format!("every policy of a scenario has its own name; references to `{}` use `{new}`", p.arn);
            self.emit(
                Diagnostic::warning(Code::ImportPolicyRenamed, p.name_span, message).with_help(help).in_policy(&new),
            );
        }
        for (p, name) in read.into_iter().zip(names) {
            let name = name.unwrap_or_else(|| p.original.clone());
            self.by_arn.insert(p.arn, Some(name.clone()));
            if p.aws {
                self.aws_managed.push(name.clone());
            }
            self.policies.insert(name, p.document);
        }
    }

    /// The document of a managed policy's default version.
    fn default_version(&mut self, item: &Json, name: &str) -> Option<Value> {
        let default_id = self.r.str_member(item, "DefaultVersionId");
        let versions = self.objects(item, "PolicyVersionList");
        let mut marked: Vec<&Json> = Vec::new();
        let mut by_id: Option<&Json> = None;
        for v in &versions {
            match v.get("IsDefaultVersion").map(|m| &m.value) {
                Some(Json { value: JsonValue::Bool(true), .. }) => marked.push(v),
                Some(Json { value: JsonValue::Bool(false), .. }) | None => {}
                Some(other) => self.r.wrong_type(other, "`IsDefaultVersion`", "true or false"),
            }
            let id = v.get("VersionId").and_then(|m| m.value.as_str());
            if id.is_some() && id == default_id.map(|(d, _)| d) && by_id.is_none() {
                by_id = Some(v);
            }
        }
        let chosen = match (marked.as_slice(), by_id) {
            ([one], by_id) => {
                if let (Some(other), Some((d, span))) = (by_id, default_id) {
                    if !std::ptr::eq(other, *one) {
                        let marked_id = one.get("VersionId").and_then(|m| m.value.as_str()).unwrap_or("?");
                        self.emit(Diagnostic::warning(
                            Code::ImportPolicyVersion,
                            span,
                            format!("`DefaultVersionId` is `{d}`, but the version marked `IsDefaultVersion` is `{marked_id}`"),
                        )
                        .with_help(format!("the version `{marked_id}` is imported"))
                        .in_policy(name));
                    }
                }
                Some(*one)
            }
            (_, Some(v)) => Some(v),
            (several, None) if several.len() > 1 => {
                let span = several.get(1).map_or(item.span, |v| opening(v));
                self.emit(
                    Diagnostic::error(
                        Code::ImportPolicyVersion,
                        span,
                        format!("several versions of the managed policy `{name}` are marked as the default"),
                    )
                    .with_help("a managed policy has one default version; the policy is not imported")
                    .in_policy(name),
                );
                return None;
            }
            _ => None,
        };
        let Some(version) = chosen else {
            let span = item.get("PolicyVersionList").map_or(opening(item), |m| m.key_span);
            self.emit(Diagnostic::error(Code::ImportPolicyVersion, span, format!("the managed policy `{name}` has no default version"))
                .with_help(
                    "its `PolicyVersionList` has no version with `\"IsDefaultVersion\": true` or named by `DefaultVersionId`; the policy is not imported",
                )
                .in_policy(name));
            return None;
        };
        self.document(version, "Document", "this policy version", name)
    }

    // ---- references ----

    /// The scenario name of the managed policy `arn`, or None (a missing one is reported).
    fn resolve(&mut self, arn: &str, span: Span, owner: &str, boundary: bool) -> Option<String> {
        match self.by_arn.get(arn) {
            Some(Some(name)) => Some(name.clone()),
            Some(None) => None, // it could not be imported; that is reported where it is
            None => {
                let name = arn_name(arn);
                let (message, consequence) = if boundary {
                    (
                        format!("the permissions boundary `{name}` of {owner} is not in the export"),
                        "the boundary is dropped, so it does not limit these permissions",
                    )
                } else {
                    (
                        format!("the managed policy `{name}` attached to {owner} is not in the export"),
                        "the attachment is dropped",
                    )
                };
                self.emit(Diagnostic::warning(Code::ImportPolicyMissing, span, message).with_help(format!(
                    "`Policies` has no entry with the ARN `{arn}` (was the export filtered, e.g. without `AWSManagedPolicy`?); {consequence}"
                )));
                None
            }
        }
    }

    fn attached(&mut self, obj: &Json, owner: &str) -> Vec<Value> {
        let mut out: Vec<Value> = Vec::new();
        for item in self.objects(obj, "AttachedManagedPolicies") {
            let Some((arn, span)) = self.r.required_str(item, "PolicyArn", "this attached policy") else { continue };
            if let Some(name) = self.resolve(arn, span, owner, false) {
                let name = Value::String(name);
                if !out.contains(&name) {
                    out.push(name);
                }
            }
        }
        out
    }

    fn boundary(&mut self, obj: &Json, owner: &str) -> Option<String> {
        let m = obj.get("PermissionsBoundary")?;
        match &m.value.value {
            JsonValue::Object(_) => {
                let (arn, span) =
                    self.r.required_str(&m.value, "PermissionsBoundaryArn", "this permissions boundary")?;
                self.resolve(arn, span, owner, true)
            }
            JsonValue::Null => None,
            _ => {
                self.r.wrong_type(&m.value, "`PermissionsBoundary`", "an object");
                None
            }
        }
    }

    fn inline(&mut self, obj: &Json, key: &str, owner_kind: &str, owner: &str) -> Map<String, Value> {
        let mut out = Map::new();
        let mut seen = Vec::new();
        for item in self.objects(obj, key) {
            let Some((name, span)) = self.name(item, "PolicyName", "this inline policy") else { continue };
            if !self.first_of_name(&mut seen, name, span, &format!("inline policy of {owner_kind} `{owner}`")) {
                continue;
            }
            let shown = format!("{owner_kind}/{owner}/{name}");
            if let Some(doc) = self.document(item, "PolicyDocument", &format!("the inline policy `{name}`"), &shown) {
                out.insert(name.to_string(), doc);
            }
        }
        out
    }

    fn tags(&mut self, obj: &Json) -> Map<String, Value> {
        let mut out = Map::new();
        for item in self.objects(obj, "Tags") {
            let Some((key, _)) = self.r.required_str(item, "Key", "this tag") else { continue };
            let value = self.r.str_member(item, "Value").map_or("", |(v, _)| v);
            out.insert(key.to_string(), Value::String(value.to_string()));
        }
        out
    }

    // ---- principals ----

    fn groups(&mut self, items: &[Json]) -> (Map<String, Value>, HashSet<String>) {
        let mut out = Map::new();
        let mut seen = Vec::new();
        for item in items {
            if item.as_object().is_none() {
                self.r.wrong_type(item, "an entry of `GroupDetailList`", "an object");
                continue;
            }
            let Some((name, span)) = self.name(item, "GroupName", "this group") else { continue };
            if !self.first_of_name(&mut seen, name, span, "group") {
                continue;
            }
            let mut group = Map::new();
            if let Some(path) = self.path(item) {
                group.insert("path".into(), Value::String(path));
            }
            let owner = format!("the group `{name}`");
            let attached = self.attached(item, &owner);
            if !attached.is_empty() {
                group.insert("policies".into(), Value::Array(attached));
            }
            let inline = self.inline(item, "GroupPolicyList", "group", name);
            if !inline.is_empty() {
                group.insert("inline".into(), Value::Object(inline));
            }
            out.insert(name.to_string(), Value::Object(group));
        }
        let names = out.keys().cloned().collect();
        (out, names)
    }

    fn users(&mut self, items: &[Json], groups: &HashSet<String>, groups_exported: bool) -> Map<String, Value> {
        let mut out = Map::new();
        let mut seen = Vec::new();
        for item in items {
            if item.as_object().is_none() {
                self.r.wrong_type(item, "an entry of `UserDetailList`", "an object");
                continue;
            }
            let Some((name, span)) = self.name(item, "UserName", "this user") else { continue };
            if !self.first_of_name(&mut seen, name, span, "user") {
                continue;
            }
            let mut user = Map::new();
            if let Some(path) = self.path(item) {
                user.insert("path".into(), Value::String(path));
            }
            let mut member_of: Vec<Value> = Vec::new();
            for g in self.list(item, "GroupList") {
                match g.as_str() {
                    Some(group) if groups.contains(group) => {
                        let v = Value::String(group.to_string());
                        if !member_of.contains(&v) {
                            member_of.push(v);
                        }
                    }
                    Some(group) => {
                        let why = if groups_exported {
                            "`GroupDetailList` has no such group"
                        } else {
                            "the export has no `GroupDetailList` (was it filtered without `Group`?)"
                        };
                        self.emit(
                            Diagnostic::warning(
                                Code::ImportGroupMissing,
                                g.span,
                                format!(
                                    "the user `{name}` is in the group `{group}`, which the export does not include"
                                ),
                            )
                            .with_help(format!("{why}; the membership is dropped")),
                        );
                    }
                    None => self.r.wrong_type(g, "an entry of `GroupList`", "a group name"),
                }
            }
            if !member_of.is_empty() {
                user.insert("groups".into(), Value::Array(member_of));
            }
            let owner = format!("the user `{name}`");
            let attached = self.attached(item, &owner);
            if !attached.is_empty() {
                user.insert("policies".into(), Value::Array(attached));
            }
            let inline = self.inline(item, "UserPolicyList", "user", name);
            if !inline.is_empty() {
                user.insert("inline".into(), Value::Object(inline));
            }
            if let Some(b) = self.boundary(item, &owner) {
                user.insert("boundary".into(), Value::String(b));
            }
            let tags = self.tags(item);
            if !tags.is_empty() {
                user.insert("tags".into(), Value::Object(tags));
            }
            out.insert(name.to_string(), Value::Object(user));
        }
        out
    }

    fn roles(&mut self, items: &[Json]) -> (Map<String, Value>, Vec<Profile>) {
        let mut out = Map::new();
        let mut profiles: Vec<Profile> = Vec::new();
        let mut seen_profiles: Vec<String> = Vec::new();
        let mut seen = Vec::new();
        for item in items {
            if item.as_object().is_none() {
                self.r.wrong_type(item, "an entry of `RoleDetailList`", "an object");
                continue;
            }
            let Some((name, span)) = self.name(item, "RoleName", "this role") else { continue };
            if !self.first_of_name(&mut seen, name, span, "role") {
                continue;
            }
            let mut role = Map::new();
            if let Some(path) = self.path(item) {
                role.insert("path".into(), Value::String(path));
            }
            let base = format!("trust-{name}");
            let trust_name = unique_name(&base, &self.taken, true);
            if let Some(doc) = self.document(item, "AssumeRolePolicyDocument", "this role", &trust_name) {
                if trust_name != base {
                    let doc_span = item.get("AssumeRolePolicyDocument").map_or(span, |m| m.key_span);
                    self.emit(
                        Diagnostic::warning(
                            Code::ImportPolicyRenamed,
                            doc_span,
                            format!("the trust policy of the role `{name}` is imported as `{trust_name}`"),
                        )
                        .with_help(format!("a managed policy is already named `{base}`"))
                        .in_policy(&trust_name),
                    );
                }
                self.taken.insert(trust_name.clone());
                self.policies.insert(trust_name.clone(), doc);
                role.insert("trust".into(), Value::String(trust_name));
            }
            let owner = format!("the role `{name}`");
            let attached = self.attached(item, &owner);
            if !attached.is_empty() {
                role.insert("policies".into(), Value::Array(attached));
            }
            let inline = self.inline(item, "RolePolicyList", "role", name);
            if !inline.is_empty() {
                role.insert("inline".into(), Value::Object(inline));
            }
            if let Some(b) = self.boundary(item, &owner) {
                role.insert("boundary".into(), Value::String(b));
            }
            let tags = self.tags(item);
            if !tags.is_empty() {
                role.insert("tags".into(), Value::Object(tags));
            }
            for p in self.objects(item, "InstanceProfileList") {
                if let Some(profile) = self.profile(p, &mut seen_profiles) {
                    profiles.push(profile);
                }
            }
            out.insert(name.to_string(), Value::Object(role));
        }
        (out, profiles)
    }

    /// An instance profile listed under a role, the first time it is seen.
    fn profile(&mut self, p: &Json, seen: &mut Vec<String>) -> Option<Profile> {
        let (name, span) = self.name(p, "InstanceProfileName", "this instance profile")?;
        if seen.iter().any(|s| s == name) {
            return None; // listed under another role already (read there)
        }
        seen.push(name.to_string());
        let mut roles: Vec<(&str, Span)> = Vec::new();
        for r in self.objects(p, "Roles") {
            if let Some(role) = self.r.required_str(r, "RoleName", "this role of an instance profile") {
                roles.push(role);
            }
        }
        match roles.as_slice() {
            [(role, role_span)] => {
                Some(Profile { name: name.to_string(), role: role.to_string(), role_span: *role_span })
            }
            [] => {
                self.emit(
                    Diagnostic::warning(
                        Code::ImportProfileRoles,
                        span,
                        format!("the instance profile `{name}` holds no role"),
                    )
                    .with_help("an instance profile gives its instances one role; this one is not imported"),
                );
                None
            }
            several => {
                let list: Vec<String> = several.iter().map(|(r, _)| format!("`{r}`")).collect();
                self.emit(
                    Diagnostic::warning(
                        Code::ImportProfileRoles,
                        span,
                        format!("the instance profile `{name}` holds {} roles: {}", several.len(), list.join(", ")),
                    )
                    .with_help("an instance profile holds at most one role; this one is not imported"),
                );
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::evaluate;
    use crate::scenario::{load_file, Decision};
    use crate::source::LineIndex;
    use serde_json::json;

    const EXPORT: &str = include_str!("../tests/import/account-authorization-details.json");
    const NOT_JSON: &str = include_str!("../tests/import/output-text.txt");
    const LIST_NOT_ARRAY: &str = include_str!("../tests/import/user-list-not-array.json");
    const BAD_DOCUMENT: &str = include_str!("../tests/import/bad-encoded-document.json");

    fn codes(im: &Imported) -> Vec<(&'static str, Code)> {
        im.diagnostics.iter().map(|d| (d.severity.as_str(), d.code)).collect()
    }

    fn text_at(text: &str, span: Span) -> &str {
        text.get(span.start..span.end).unwrap_or("<bad span>")
    }

    fn scenario(im: &Imported) -> &Value {
        im.scenario.as_ref().expect("a scenario")
    }

    /// A minimal export around one role / policy list, for the small cases.
    fn export(body: Value) -> String {
        serde_json::to_string_pretty(&body).unwrap()
    }

    #[test]
    fn imports_the_realistic_export() {
        let im = import(EXPORT, None);
        assert_eq!(codes(&im), vec![("warning", Code::ImportPolicyMissing)], "{:#?}", im.diagnostics);
        let missing = &im.diagnostics[0];
        assert_eq!(text_at(EXPORT, missing.span), "\"arn:aws:iam::aws:policy/SecurityAudit\"");
        assert!(missing.message.contains("`SecurityAudit`") && missing.message.contains("group `auditors`"));
        assert_eq!(missing.span.source, SourceId::File);

        let sc = scenario(&im);
        assert_eq!(sc["formatVersion"], json!(1));
        assert!(sc.get("requests").is_none());
        let names: Vec<&str> = sc["policies"].as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            names,
            [
                "DeveloperAccess",
                "DevBoundary",
                "ReadBillingData",
                "WebAppS3Access",
                "DeployPipeline",
                "IngestPipelineAccess",
                "AmazonS3ReadOnlyAccess",
                "trust-web-server",
                "trust-deploy",
                "trust-lambda-ingest",
            ]
        );
        // only the default version (v3 of 3, URL-encoded) is imported
        let dev = &sc["policies"]["DeveloperAccess"];
        assert_eq!(dev["Statement"].as_array().map(Vec::len), Some(4));
        assert_eq!(dev["Statement"][1]["Condition"]["StringEquals"]["ec2:ResourceTag/Owner"], json!("${aws:username}"));
        assert_eq!(sc["policies"]["ReadBillingData"]["Statement"][0]["Sid"], json!("ReadCostAndBilling"));
        assert_eq!(
            sc["policies"]["trust-web-server"]["Statement"][0]["Principal"],
            json!({"Service": "ec2.amazonaws.com"})
        );

        let p = &sc["principals"];
        assert_eq!(p["account"], json!("111122223333"));
        assert_eq!(
            p["users"]["alice"],
            json!({
                "path": "/engineering/",
                "groups": ["developers"],
                "inline": { "self-manage-credentials": sc["principals"]["users"]["alice"]["inline"]["self-manage-credentials"].clone() },
                "tags": { "team": "platform", "cost-center": "cc-4410" }
            })
        );
        assert_eq!(p["users"]["bob"]["boundary"], json!("DevBoundary"));
        assert_eq!(p["users"]["bob"]["path"], json!("/engineering/contractors/"));
        assert_eq!(p["users"]["bob"]["inline"]["query-reports"]["Statement"][0]["Sid"], json!("QueryReports"));
        assert_eq!(p["users"]["carol"]["policies"], json!(["ReadBillingData"]));
        assert_eq!(p["groups"]["developers"]["policies"], json!(["DeveloperAccess", "AmazonS3ReadOnlyAccess"]));
        assert!(p["groups"]["developers"]["inline"]["deny-prod-data-deletion"].is_object());
        assert_eq!(p["groups"]["auditors"], json!({"path": "/"}), "the missing SecurityAudit is dropped");
        assert_eq!(p["roles"]["web-server"]["trust"], json!("trust-web-server"));
        assert_eq!(p["roles"]["web-server"]["path"], json!("/app/"));
        assert_eq!(p["roles"]["web-server"]["policies"], json!(["WebAppS3Access"]));
        assert_eq!(p["roles"]["web-server"]["tags"], json!({"app": "web"}));
        assert_eq!(p["roles"]["deploy"]["trust"], json!("trust-deploy"));
        assert_eq!(p["roles"]["lambda-ingest"]["policies"], json!(["IngestPipelineAccess"]));
        assert_eq!(p["instanceProfiles"], json!({"web-server": {"role": "web-server"}}));
    }

    #[test]
    fn imported_scenario_loads_and_decides() {
        let im = import(EXPORT, None);
        let mut sc = im.scenario.expect("a scenario");
        // the CI account that assumes `deploy` from outside
        sc["principals"]["accounts"] = json!({
            "444455556666": { "roles": { "ci-runner": { "inline": { "assume-deploy": {
                "Version": "2012-10-17",
                "Statement": [{ "Effect": "Allow", "Action": "sts:AssumeRole",
                                "Resource": "arn:aws:iam::111122223333:role/deploy" }]
            } } } } }
        });
        let instance = "arn:aws:ec2:us-east-1:111122223333:instance/i-0a1b2c3d4e5f67890";
        let cases = [
            ("user/alice", "s3:GetObject", "arn:aws:s3:::example-dev-artifacts/build/app.zip", Decision::Allow),
            // v1 of DeveloperAccess allowed ec2:*, but only the default version v3 is imported
            ("user/alice", "ec2:TerminateInstances", instance, Decision::ImplicitDeny),
            // the group's URL-encoded inline deny
            ("user/alice", "s3:DeleteObject", "arn:aws:s3:::example-prod-data/2024/06/01.csv", Decision::ExplicitDeny),
            ("user/alice", "iam:CreateAccessKey", "arn:aws:iam::111122223333:user/engineering/alice", Decision::Allow),
            // bob's inline policy allows it, his permissions boundary does not
            (
                "user/bob",
                "dynamodb:Query",
                "arn:aws:dynamodb:us-east-1:111122223333:table/reports",
                Decision::ImplicitDeny,
            ),
            ("user/bob", "s3:PutObject", "arn:aws:s3:::example-dev-artifacts/bob/notes.txt", Decision::Allow),
            ("user/carol", "ce:GetCostAndUsage", "*", Decision::Allow),
            // SecurityAudit was not in the export, so nothing grants this
            ("user/carol", "iam:GetAccountAuthorizationDetails", "*", Decision::ImplicitDeny),
            (
                "role/web-server",
                "secretsmanager:GetSecretValue",
                "arn:aws:secretsmanager:us-east-1:111122223333:secret:web/db-AbCdEf",
                Decision::Allow,
            ),
            (
                "instance-profile/web-server",
                "s3:GetObject",
                "arn:aws:s3:::example-web-assets/index.html",
                Decision::Allow,
            ),
            (
                "service:ec2.amazonaws.com",
                "sts:AssumeRole",
                "arn:aws:iam::111122223333:role/app/web-server",
                Decision::Allow,
            ),
            (
                "service:lambda.amazonaws.com",
                "sts:AssumeRole",
                "arn:aws:iam::111122223333:role/app/web-server",
                Decision::ImplicitDeny,
            ),
            (
                "role/lambda-ingest",
                "dynamodb:PutItem",
                "arn:aws:dynamodb:us-east-1:111122223333:table/ingest-events",
                Decision::Allow,
            ),
            (
                "arn:aws:iam::444455556666:role/ci-runner",
                "sts:AssumeRole",
                "arn:aws:iam::111122223333:role/deploy",
                Decision::ImplicitDeny,
            ),
        ];
        let mut requests: Vec<Value> = cases
            .iter()
            .map(|(principal, action, resource, expect)| {
                json!({ "principal": principal, "action": action, "resource": resource, "expect": expect.as_str() })
            })
            .collect();
        requests.push(json!({
            "principal": "arn:aws:iam::444455556666:role/ci-runner", "action": "sts:AssumeRole",
            "resource": "arn:aws:iam::111122223333:role/deploy", "context": { "sts:ExternalId": "ci-7f3a9c" },
            "expect": "Allow"
        }));
        sc["requests"] = Value::Array(requests);

        let loaded = load_file(&serde_json::to_string_pretty(&sc).unwrap());
        let errors: Vec<String> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| format!("{}: {} ({:?})", d.code, d.message, d.policy))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        assert_eq!(loaded.requests.len(), cases.len() + 1);
        for (i, req) in loaded.requests.iter().enumerate() {
            let req = req.as_ref().unwrap_or_else(|| panic!("request {i} could not be read"));
            let ev = evaluate(&loaded, req);
            assert_eq!(
                Some(ev.decision),
                req.expect,
                "request {i}: {} {} {}",
                req.principal_text,
                req.action,
                req.resource
            );
        }
    }

    #[test]
    fn text_that_is_not_json_gives_no_scenario() {
        let im = import(NOT_JSON, Some("111122223333"));
        assert!(im.scenario.is_none());
        assert_eq!(codes(&im), vec![("error", Code::ImportJson)]);
        let d = &im.diagnostics[0];
        assert_eq!(d.span.source, SourceId::File);
        assert_eq!(LineIndex::new(NOT_JSON).position(d.span.start).line, 1);
        assert!(d.help.as_deref().is_some_and(|h| h.contains("--output json")));
    }

    #[test]
    fn a_list_of_the_wrong_type_is_a_located_error() {
        let im = import(LIST_NOT_ARRAY, None);
        assert_eq!(codes(&im), vec![("error", Code::ImportType)], "{:#?}", im.diagnostics);
        let d = &im.diagnostics[0];
        assert!(text_at(LIST_NOT_ARRAY, d.span).starts_with('{'));
        assert_eq!(d.span.start, LIST_NOT_ARRAY.find("\"UserDetailList\": {").unwrap() + "\"UserDetailList\": ".len());
        assert_eq!(d.message, "`UserDetailList` must be an array, not an object");
        // the rest is imported
        let sc = scenario(&im);
        assert_eq!(sc["principals"]["account"], json!("111122223333"));
        assert!(sc["principals"]["groups"]["operators"]["inline"]["describe-everything"].is_object());
        assert!(sc["principals"].get("users").is_none());
    }

    #[test]
    fn an_encoded_document_that_is_not_json_is_skipped_with_a_located_error() {
        let im = import(BAD_DOCUMENT, None);
        assert_eq!(codes(&im), vec![("error", Code::ImportDocumentInvalid)], "{:#?}", im.diagnostics);
        let d = &im.diagnostics[0];
        assert_eq!(d.policy.as_deref(), Some("user/dave/read-log-events"));
        assert!(d.message.contains("after URL decoding"), "{}", d.message);
        // located inside the encoded string, where the decoded text breaks: right after `"Allow"`
        let literal_start = BAD_DOCUMENT.find("\"%7B").unwrap();
        assert!(d.span.start > literal_start, "{:?}", d.span);
        assert_eq!(text_at(BAD_DOCUMENT, d.span), "%0A", "the line break where a comma is expected");
        assert_eq!(
            d.help.as_deref(),
            Some("decoded, the text there reads `tement\": [ { \"Effect\": \"Allow\"⟨here⟩ \"Action\":`; the policy is not imported")
        );
        let before = BAD_DOCUMENT.get(literal_start..d.span.start).unwrap();
        assert!(before.ends_with("%22Allow%22"), "{before}");
        let sc = scenario(&im);
        let inline = sc["principals"]["users"]["dave"]["inline"].as_object().unwrap();
        assert_eq!(inline.keys().collect::<Vec<_>>(), ["list-log-groups"]);
        // what was imported still loads without errors
        let loaded = load_file(&serde_json::to_string_pretty(sc).unwrap());
        assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
    }

    #[test]
    fn url_decoding_keeps_plus_signs_and_decodes_percent_escapes() {
        assert_eq!(percent_decode("a+b%20c%2Bd").map(|(t, _)| t), Ok("a+b c+d".to_string()));
        assert_eq!(percent_decode("%C3%A9"), Ok(("é".to_string(), vec![0, 3])));
        assert!(matches!(percent_decode("ab%zz"), Err((2, 5, _))));
        assert!(matches!(percent_decode("ab%4"), Err((2, 4, _))));
        assert!(matches!(percent_decode("%C3"), Err((0, 3, _))));
        let doc = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/a+b c\"}}";
        let encoded: String = doc
            .bytes()
            .map(|b| match b {
                b'+' => "+".to_string(), // as a form encoder would not: `+` must stay `+`
                b if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) => (b as char).to_string(),
                b => format!("%{b:02X}"),
            })
            .collect();
        let text = export(json!({
            "UserDetailList": [{ "UserName": "u", "Arn": "arn:aws:iam::111122223333:user/u",
                                 "UserPolicyList": [{ "PolicyName": "p", "PolicyDocument": encoded }] }]
        }));
        let im = import(&text, None);
        assert!(im.diagnostics.is_empty(), "{:#?}", im.diagnostics);
        assert_eq!(
            scenario(&im)["principals"]["users"]["u"]["inline"]["p"]["Statement"]["Resource"],
            json!("arn:aws:s3:::b/a+b c")
        );
    }

    #[test]
    fn bad_percent_encoding_is_located_in_the_string() {
        let text = export(json!({
            "RoleDetailList": [{ "RoleName": "r", "Arn": "arn:aws:iam::111122223333:role/r",
                                 "AssumeRolePolicyDocument": "%7B%22Version%2G" }]
        }));
        let im = import(&text, None);
        assert_eq!(codes(&im), vec![("error", Code::ImportDocumentEncoding)]);
        assert_eq!(text_at(&text, im.diagnostics[0].span), "%2G");
        assert_eq!(im.diagnostics[0].policy.as_deref(), Some("trust-r"));
        assert_eq!(scenario(&im)["principals"]["roles"]["r"], json!({}));
        assert_eq!(scenario(&im)["policies"], json!({}));
    }

    #[test]
    fn a_plain_json_string_document_is_read_without_decoding() {
        let doc = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/100%25"}]}"#;
        let text = export(json!({
            "GroupDetailList": [{ "GroupName": "g", "Arn": "arn:aws:iam::111122223333:group/g",
                                  "GroupPolicyList": [{ "PolicyName": "p", "PolicyDocument": doc }] }]
        }));
        let im = import(&text, None);
        assert!(im.diagnostics.is_empty(), "{:#?}", im.diagnostics);
        assert_eq!(
            scenario(&im)["principals"]["groups"]["g"]["inline"]["p"]["Statement"][0]["Resource"],
            json!("arn:aws:s3:::b/100%25")
        );
    }

    fn collision_export(aws_first: bool) -> String {
        let doc = |action: &str| json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": action, "Resource": "*"}]});
        let version = |action: &str| json!([{ "VersionId": "v1", "IsDefaultVersion": true, "Document": doc(action) }]);
        let aws = json!({ "PolicyName": "ReadOnlyAccess", "Arn": "arn:aws:iam::aws:policy/ReadOnlyAccess",
                          "DefaultVersionId": "v1", "PolicyVersionList": version("ec2:Describe*") });
        let local = json!({ "PolicyName": "ReadOnlyAccess", "Arn": "arn:aws:iam::111122223333:policy/ReadOnlyAccess",
                            "DefaultVersionId": "v1", "PolicyVersionList": version("s3:Get*") });
        let trust_named = json!({ "PolicyName": "trust-app", "Arn": "arn:aws:iam::111122223333:policy/trust-app",
                                  "DefaultVersionId": "v1", "PolicyVersionList": version("sqs:Get*") });
        let policies = if aws_first { vec![aws, local, trust_named] } else { vec![trust_named, local, aws] };
        export(json!({
            "RoleDetailList": [{
                "RoleName": "app", "Path": "/", "Arn": "arn:aws:iam::111122223333:role/app",
                "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                    "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
                "AttachedManagedPolicies": [
                    {"PolicyName": "ReadOnlyAccess", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"},
                    {"PolicyName": "ReadOnlyAccess", "PolicyArn": "arn:aws:iam::111122223333:policy/ReadOnlyAccess"},
                    {"PolicyName": "trust-app", "PolicyArn": "arn:aws:iam::111122223333:policy/trust-app"}
                ]
            }],
            "Policies": policies
        }))
    }

    #[test]
    fn shared_names_are_disambiguated_deterministically() {
        for aws_first in [true, false] {
            let text = collision_export(aws_first);
            let im = import(&text, None);
            assert_eq!(
                codes(&im),
                vec![("warning", Code::ImportPolicyRenamed), ("warning", Code::ImportPolicyRenamed)],
                "{:#?}",
                im.diagnostics
            );
            let sc = scenario(&im);
            let p = &sc["policies"];
            assert_eq!(p["ReadOnlyAccess"]["Statement"][0]["Action"], json!("s3:Get*"), "the customer managed one");
            assert_eq!(p["ReadOnlyAccess-aws-managed"]["Statement"][0]["Action"], json!("ec2:Describe*"));
            assert_eq!(p["trust-app"]["Statement"][0]["Action"], json!("sqs:Get*"));
            assert_eq!(p["trust-app-2"]["Statement"][0]["Action"], json!("sts:AssumeRole"));
            let role = &sc["principals"]["roles"]["app"];
            assert_eq!(role["trust"], json!("trust-app-2"));
            assert_eq!(role["policies"], json!(["ReadOnlyAccess-aws-managed", "ReadOnlyAccess", "trust-app"]));
            let renamed = im.diagnostics.iter().find(|d| d.policy.as_deref() == Some("ReadOnlyAccess-aws-managed"));
            let renamed = renamed.expect("a warning about the AWS managed policy");
            assert!(renamed.message.contains("arn:aws:iam::aws:policy/ReadOnlyAccess"));
            assert_eq!(text_at(&text, renamed.span), "\"ReadOnlyAccess\"");
            let loaded = load_file(&serde_json::to_string_pretty(sc).unwrap());
            assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
        }
    }

    #[test]
    fn unique_names_stay_within_128_characters() {
        let taken: HashSet<String> = ["a".to_string(), "a-2".to_string()].into_iter().collect();
        assert_eq!(unique_name("a", &taken, true), "a-3");
        assert_eq!(unique_name("b", &taken, true), "b");
        assert_eq!(unique_name("b", &taken, false), "b-2");
        let long = format!("trust-{}", "r".repeat(128));
        let name = unique_name(&long, &taken, true);
        assert_eq!(name.len(), 128);
        assert!(name.ends_with("r-2") && valid_name(&name));
    }

    #[test]
    fn the_default_version_is_chosen() {
        let doc = |action: &str| json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": action, "Resource": "*"}]});
        let text = export(json!({ "Policies": [
            // IsDefaultVersion decides; DefaultVersionId disagrees: warning
            { "PolicyName": "A", "Arn": "arn:aws:iam::111122223333:policy/A", "DefaultVersionId": "v1",
              "PolicyVersionList": [
                { "VersionId": "v1", "IsDefaultVersion": false, "Document": doc("a:One") },
                { "VersionId": "v2", "IsDefaultVersion": true, "Document": doc("a:Two") } ] },
            // no IsDefaultVersion: DefaultVersionId decides
            { "PolicyName": "B", "Arn": "arn:aws:iam::111122223333:policy/B", "DefaultVersionId": "v2",
              "PolicyVersionList": [
                { "VersionId": "v1", "Document": doc("b:One") },
                { "VersionId": "v2", "Document": doc("b:Two") } ] },
            // neither: error, not imported
            { "PolicyName": "C", "Arn": "arn:aws:iam::111122223333:policy/C",
              "PolicyVersionList": [ { "VersionId": "v1", "IsDefaultVersion": false, "Document": doc("c:One") } ] }
        ]}));
        let im = import(&text, None);
        assert_eq!(codes(&im), vec![("warning", Code::ImportPolicyVersion), ("error", Code::ImportPolicyVersion)]);
        let p = &scenario(&im)["policies"];
        assert_eq!(p["A"]["Statement"][0]["Action"], json!("a:Two"));
        assert_eq!(p["B"]["Statement"][0]["Action"], json!("b:Two"));
        assert!(p.get("C").is_none());
        assert_eq!(im.diagnostics[1].policy.as_deref(), Some("C"));
    }

    #[test]
    fn the_account_comes_from_the_arns_or_the_argument() {
        let user = |arn: &str| json!({ "UserName": "u", "Arn": arn });
        let one = export(json!({ "UserDetailList": [user("arn:aws:iam::111122223333:user/u")] }));
        assert_eq!(scenario(&import(&one, None))["principals"]["account"], json!("111122223333"));

        let given = import(&one, Some("444455556666"));
        assert_eq!(scenario(&given)["principals"]["account"], json!("444455556666"));
        assert_eq!(codes(&given), vec![("warning", Code::ImportAccountMismatch)]);
        assert_eq!(text_at(&one, given.diagnostics[0].span), "\"arn:aws:iam::111122223333:user/u\"");

        let invalid = import(&one, Some("1234"));
        assert_eq!(codes(&invalid), vec![("error", Code::ImportAccountInvalid)]);
        assert_eq!(scenario(&invalid)["principals"]["account"], json!("111122223333"));

        let none = export(json!({ "UserDetailList": [{ "UserName": "u" }] }));
        let im = import(&none, None);
        assert_eq!(codes(&im), vec![("error", Code::ImportAccountMissing)]);
        assert!(scenario(&im)["principals"].get("account").is_none());
        assert_eq!(scenario(&import(&none, Some("111122223333")))["principals"]["account"], json!("111122223333"));

        // AWS managed policy ARNs name no account
        let aws_only = export(json!({ "Policies": [{ "PolicyName": "P", "Arn": "arn:aws:iam::aws:policy/P",
            "DefaultVersionId": "v1", "PolicyVersionList": [{ "VersionId": "v1", "IsDefaultVersion": true,
            "Document": {"Version": "2012-10-17", "Statement": []} }] }] }));
        assert_eq!(codes(&import(&aws_only, None)), vec![("error", Code::ImportAccountMissing)]);

        let mixed = export(json!({ "UserDetailList": [user("arn:aws:iam::111122223333:user/u"),
            { "UserName": "v", "Arn": "arn:aws:iam::999988887777:user/v" }] }));
        let im = import(&mixed, None);
        assert_eq!(codes(&im), vec![("error", Code::ImportAccountMismatch)]);
        assert_eq!(scenario(&im)["principals"]["account"], json!("111122223333"));
    }

    #[test]
    fn instance_profiles_are_read_once_and_need_one_role() {
        let role = |name: &str, profiles: Value| {
            json!({ "RoleName": name, "Arn": format!("arn:aws:iam::111122223333:role/{name}"),
                    "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": []},
                    "InstanceProfileList": profiles })
        };
        let profile = |name: &str, roles: &[&str]| {
            json!({ "InstanceProfileName": name,
                    "Roles": roles.iter().map(|r| json!({"RoleName": r})).collect::<Vec<_>>() })
        };
        let text = export(json!({ "RoleDetailList": [
            role("a", json!([profile("shared", &["a", "b"]), profile("pa", &["a"])])),
            role("b", json!([profile("shared", &["a", "b"]), profile("empty", &[])])),
            role("c", json!([profile("pa", &["a"]), profile("ghost", &["not-exported"])])),
        ]}));
        let im = import(&text, None);
        assert_eq!(
            codes(&im),
            vec![
                ("warning", Code::ImportProfileRoles),
                ("warning", Code::ImportProfileRoles),
                ("warning", Code::ImportRoleMissing)
            ],
            "{:#?}",
            im.diagnostics
        );
        assert!(im.diagnostics[0].message.contains("holds 2 roles"));
        assert!(im.diagnostics[1].message.contains("`empty` holds no role"));
        assert_eq!(scenario(&im)["principals"]["instanceProfiles"], json!({ "pa": { "role": "a" } }));
    }

    #[test]
    fn missing_groups_names_and_types_are_located() {
        let text = export(json!({
            "UserDetailList": [
                { "UserName": "u", "Arn": "arn:aws:iam::111122223333:user/u", "GroupList": ["g", "absent", 7],
                  "PermissionsBoundary": { "PermissionsBoundaryType": "Policy",
                                           "PermissionsBoundaryArn": "arn:aws:iam::aws:policy/PowerUserAccess" },
                  "Tags": [{ "Key": "k", "Value": "v" }, { "Value": "no key" }] },
                { "Path": "/", "Arn": "arn:aws:iam::111122223333:user/nameless" },
                { "UserName": "bad/name" },
                { "UserName": "U" },
                "not an object"
            ],
            "GroupDetailList": [{ "GroupName": "g", "Path": "no-slashes" }],
            "IsTruncated": true
        }));
        let im = import(&text, None);
        let got = codes(&im);
        let want = [
            ("warning", Code::ImportGroupMissing),
            ("error", Code::ImportType),
            ("warning", Code::ImportPolicyMissing),
            ("error", Code::ImportFieldMissing),
            ("error", Code::ImportFieldMissing),
            ("error", Code::ImportNameInvalid),
            ("error", Code::ImportNameDuplicate),
            ("error", Code::ImportType),
            ("error", Code::ImportPathInvalid),
            ("warning", Code::ImportTruncated),
        ];
        assert_eq!(got, want, "{:#?}", im.diagnostics);
        assert!(im.diagnostics.iter().all(|d| d.span.source == SourceId::File && d.span.end <= text.len()));
        let boundary = &im.diagnostics[2];
        assert!(boundary.message.contains("permissions boundary `PowerUserAccess`"), "{}", boundary.message);
        let u = &scenario(&im)["principals"]["users"]["u"];
        assert_eq!(*u, json!({ "groups": ["g"], "tags": { "k": "v" } }));
        assert_eq!(scenario(&im)["principals"]["groups"]["g"], json!({}));
    }

    #[test]
    fn unreadable_shapes_give_errors_not_panics() {
        for (text, code) in [
            ("[]", Code::ImportType),
            ("\"%7B%7D\"", Code::ImportType),
            ("{}", Code::ImportNotExport),
            ("{\"formatVersion\": 1, \"principals\": {}}", Code::ImportNotExport),
            ("", Code::ImportJson),
            ("{\"UserDetailList\": [}", Code::ImportJson),
        ] {
            let im = import(text, None);
            assert!(im.scenario.is_none(), "{text}");
            assert_eq!(im.diagnostics.first().map(|d| d.code), Some(code), "{text}");
        }
        let dup = "{\"Policies\": [{\"PolicyName\": \"P\", \"Arn\": \"arn:aws:iam::111122223333:policy/P\", \"DefaultVersionId\": \"v1\", \"PolicyVersionList\": [{\"VersionId\": \"v1\", \"IsDefaultVersion\": true, \"Document\": {\"Version\": \"2012-10-17\", \"Version\": \"2008-10-17\", \"Statement\": []}}]}]}";
        let im = import(dup, None);
        assert_eq!(codes(&im), vec![("error", Code::ImportDuplicateKey)]);
        assert_eq!(scenario(&im)["policies"], json!({}));
        // every prefix of a real export: diagnostics, never a panic, spans inside the text
        for cut in (0..EXPORT.len()).step_by(89) {
            let Some(prefix) = EXPORT.get(..cut) else { continue };
            let im = import(prefix, None);
            assert!(im.diagnostics.iter().all(|d| d.span.end <= prefix.len()), "cut at {cut}");
        }
        // every value replaced by a wrong type
        for (i, _) in EXPORT.match_indices(": \"").step_by(7) {
            let mut broken = EXPORT.to_string();
            broken.replace_range(i..i + 2, ": 42, \"x\": ");
            let _ = import(&broken, None);
        }
    }
}
