//! Import of an account export: the output of `aws iam get-account-authorization-details`
//! (the `GetAccountAuthorizationDetails` API) becomes a scenario (docs/scenario.md) with
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

use crate::aws_managed::{NoData, Provider};
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::json::read::{Reader, IMPORT};
use crate::json::{self, Json, JsonValue};
use crate::source::{SourceId, Span};

mod account;
mod document;
mod managed;
mod principals;

use managed::unique_name;
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
    import_with(text, account, &NoData)
}

/// The same; an AWS managed policy the export names without its document is named by ARN
/// in the scenario when `aws` knows it (the evaluator then uses that document).
pub fn import_with(text: &str, account: Option<&str>, aws: &dyn Provider) -> Imported {
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
    let mut im = Importer::new(text, aws);
    let scenario = im.run(&root, account);
    let mut diagnostics = im.r.diagnostics;
    crate::sort::sort_by_key(&mut diagnostics, |d| d.span.start);
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
    /// AWS managed policies the export may lack.
    aws: &'t dyn Provider,
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

impl<'t> Importer<'t> {
    pub(super) fn new(text: &'t str, aws: &'t dyn Provider) -> Self {
        Importer {
            text,
            aws,
            r: Reader::new(&IMPORT),
            duplicates: Vec::new(),
            by_arn: HashMap::new(),
            policies: Map::new(),
            taken: HashSet::new(),
            aws_managed: Vec::new(),
        }
    }

    pub(super) fn emit(&mut self, d: Diagnostic) {
        self.r.push(d);
    }

    pub(super) fn run(&mut self, root: &Json, account: Option<&str>) -> Option<Value> {
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
            crate::sort::sort(&mut self.aws_managed);
            scenario.insert("awsManagedPolicies".into(), Value::from(std::mem::take(&mut self.aws_managed)));
        }
        Some(Value::Object(scenario))
    }

    // ---- reading helpers ----

    /// The array under `key` (empty when absent or of another type, which is reported).
    pub(super) fn list<'j>(&mut self, obj: &'j Json, key: &str) -> &'j [Json] {
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
    pub(super) fn objects<'j>(&mut self, obj: &'j Json, key: &str) -> Vec<&'j Json> {
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
    pub(super) fn name<'j>(&mut self, obj: &'j Json, key: &str, what: &str) -> Option<(&'j str, Span)> {
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

    pub(super) fn path(&mut self, obj: &Json) -> Option<String> {
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
    pub(super) fn first_of_name(&mut self, seen: &mut Vec<String>, name: &str, span: Span, kind: &str) -> bool {
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
}

#[cfg(test)]
mod tests;
