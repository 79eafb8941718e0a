//! Completions while typing in the editors: inside a JSON string, what fits where the
//! cursor is — actions (with their access level) and service prefixes under `Action`,
//! condition operators under `Condition`, condition keys under an operator, `Allow` and
//! `Deny`, the policy language's version, a statement's element names; in the principals
//! and request editors the names the scenario declares where a reference to one goes
//! (policies, AWS managed policies by ARN, groups, roles, instance profiles, users) and
//! the forms of a request's principal. The text is usually broken while
//! it is typed, so the place is found by a forward scan that needs no valid JSON.

mod names;

use crate::vocabulary::Vocabulary;
use names::*;

/// What the editor shows: the options replace the text from `from` (a byte offset, the
/// start of the string's content) to the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub from: usize,
    pub options: Vec<Choice>,
    /// An AWS managed policy's ARN may go here: the editor fetches their list if it has
    /// not (`Texts::aws_managed`).
    pub aws_managed_here: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub label: String,
    /// Shown beside it (an access level, a service's name).
    pub detail: String,
    /// CodeMirror's kinds: `keyword`, `function`, `property`, `variable`, `constant`.
    pub kind: &'static str,
    /// Ranks it above options that match the typed text as well (1: a condition key the
    /// statement's actions carry); 0 for most.
    pub boost: i8,
    /// An ARN format whose `${Placeholder}` parts are fields to fill in (a snippet), not
    /// policy variables to keep.
    pub template: bool,
}

/// Which editor is typed in, and what the others hold.
pub struct Texts<'a> {
    pub policies: &'a str,
    pub principals: &'a str,
    /// The ARNs of the AWS managed policies a scenario may name (empty until their list is
    /// here).
    pub aws_managed: &'a [String],
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Frame {
    Object,
    Array,
}

/// Where a string being typed sits: its content's start, and the keys of the containers
/// around it, innermost last (an array inherits its member's key); `is_key` when the
/// string is a member name.
#[derive(Debug, PartialEq)]
pub(crate) struct Place {
    pub(crate) from: usize,
    pub(crate) keys: Vec<Option<String>>,
    pub(crate) is_key: bool,
    /// The `Action` values written before the cursor in the objects open around it (the
    /// statement being typed, also from inside its Condition).
    actions: Vec<String>,
}

/// Scans `text` up to `cursor`; Some when the cursor is inside a string.
pub(crate) fn place(text: &str, cursor: usize) -> Option<Place> {
    let bytes = text.as_bytes();
    let end = cursor.min(bytes.len());
    // each open container: its kind, the member key it is the value of
    let mut stack: Vec<(Frame, Option<String>)> = Vec::new();
    let mut expect_key = false;
    let mut current_key: Option<String> = None;
    // per open object, the Action values read in it
    let mut objects_actions: Vec<Vec<String>> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes.get(i).copied().unwrap_or_default() {
            b'"' => {
                let start = i + 1;
                let mut j = start;
                let mut closed = false;
                while j < bytes.len() {
                    match bytes.get(j).copied().unwrap_or_default() {
                        b'\\' => j += 2,
                        b'"' => {
                            closed = true;
                            break;
                        }
                        b'\n' => break,
                        _ => j += 1,
                    }
                }
                let in_object = matches!(stack.last(), Some((Frame::Object, _)));
                if end <= j || !closed {
                    // the cursor is in this string
                    if end < start {
                        return None;
                    }
                    let mut keys: Vec<Option<String>> = stack.iter().map(|(_, k)| k.clone()).collect();
                    if in_object && !expect_key {
                        keys.push(current_key.clone());
                    }
                    // the statement's: an object open around the cursor (its Condition's are
                    // inside it; a closed statement's are gone)
                    let actions = objects_actions.concat();
                    return Some(Place { from: start, keys, is_key: in_object && expect_key, actions });
                }
                let value = text.get(start..j).map(str::to_string);
                if in_object && expect_key {
                    current_key = value;
                } else {
                    // an Action value, itself or in the Action list: the statement's
                    let under = match stack.last() {
                        Some((Frame::Object, _)) => current_key.as_deref(),
                        Some((Frame::Array, k)) => k.as_deref(),
                        None => None,
                    };
                    // (a request's `action` too: its context keys and resource follow it)
                    if let (Some("Action" | "action"), Some(v), Some(list)) = (under, value, objects_actions.last_mut())
                    {
                        list.push(v);
                    }
                }
                i = j + 1;
                continue;
            }
            open @ (b'{' | b'[') => {
                // the member key it is the value of (an array's items inherit the array's)
                let key = match stack.last() {
                    Some((Frame::Object, _)) => current_key.take(),
                    Some((Frame::Array, k)) => k.clone(),
                    None => None,
                };
                let frame = if open == b'{' { Frame::Object } else { Frame::Array };
                stack.push((frame, key));
                expect_key = frame == Frame::Object;
                if frame == Frame::Object {
                    objects_actions.push(Vec::new());
                }
            }
            close @ (b'}' | b']') => {
                if close == b'}' {
                    objects_actions.pop();
                }
                stack.pop();
                expect_key = false;
            }
            b',' => expect_key = matches!(stack.last(), Some((Frame::Object, _))),
            b':' => expect_key = false,
            _ => {}
        }
        i += 1;
    }
    None
}

fn choice(label: impl Into<String>, detail: impl Into<String>, kind: &'static str) -> Choice {
    Choice { label: label.into(), detail: detail.into(), kind, boost: 0, template: false }
}

const STATEMENT_ELEMENTS: &[&str] =
    &["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition", "Principal", "NotPrincipal"];

/// An operator name without its set qualifier and `IfExists` (`ForAnyValue:StringLikeIfExists`
/// → `StringLike`).
fn op_base(op: &str) -> &str {
    let op = op.split_once(':').map_or(op, |(_, rest)| rest);
    op.strip_suffix("IfExists").unwrap_or(op)
}

/// Actions under `Action`: the services while no `:` is typed, then the service's actions.
fn actions(typed: &str, aws: &dyn Vocabulary) -> Vec<Choice> {
    match typed.split_once(':') {
        None => aws
            .prefixes()
            .into_iter()
            .map(|p| choice(format!("{p}:"), aws.service_name(p).unwrap_or_default(), "variable"))
            .collect(),
        Some((service, _)) => aws
            .actions(service)
            .into_iter()
            .map(|a| {
                let full = format!("{service}:{a}");
                let level = aws.access_level(&full).unwrap_or_default();
                choice(full, level, "function")
            })
            .collect(),
    }
}

/// Condition keys under an operator: the global ones, and the typed service's.
/// Condition keys under an operator: the global ones, and the typed service's; those the
/// statement's `actions` carry first (boosted, so they stay first as the list narrows).
fn condition_keys(typed: &str, actions: &[String], aws: &dyn Vocabulary) -> Vec<Choice> {
    let mut out: Vec<Choice> =
        aws.keys("aws").into_iter().map(|k| choice(k, aws.key_type(k).unwrap_or_default(), "property")).collect();
    if let Some((service, _)) = typed.split_once(':').filter(|(s, _)| !s.eq_ignore_ascii_case("aws")) {
        out.extend(aws.keys(service).into_iter().map(|k| choice(k, aws.key_type(k).unwrap_or_default(), "property")));
    }
    let carried = |key: &str| actions.iter().any(|a| aws.action_supports_key(a, key) == Some(true));
    let (mut first, rest): (Vec<Choice>, Vec<Choice>) = out.into_iter().partition(|c| carried(&c.label));
    for c in &mut first {
        c.boost = 1;
        c.detail = format!("{}, carried by the statement's actions", c.detail);
    }
    first.extend(rest);
    // a key's variable part (`${TagKey}`, `<key>`) is a field to fill in
    for c in &mut first {
        if c.label.contains("${") || c.label.contains('<') {
            c.label = c.label.replace('<', "${").replace('>', "}");
            c.template = true;
        }
    }
    first
}

/// Resource ARNs for the statement's actions: each resource type's ARN format, in the
/// `aws` partition, its other parts left as placeholders to fill in.
fn resource_templates(actions: &[String], principals: &str, aws: &dyn Vocabulary) -> Vec<Choice> {
    // the declared account, where the format has one
    let account = crate::json::parse(principals, crate::source::SourceId::Principals)
        .ok()
        .and_then(|j| j.get("account").and_then(|m| m.value.as_str()).map(str::to_string));
    let mut out: Vec<Choice> = Vec::new();
    for action in actions.iter().filter(|a| !a.contains(['*', '?'])) {
        for t in aws.resource_types(action).unwrap_or_default() {
            let arn = t.arn.replace("${Partition}", "aws");
            let arn = match &account {
                Some(a) => arn.replace("${Account}", a),
                None => arn,
            };
            if !out.iter().any(|c| c.label == arn) {
                out.push(Choice { template: true, ..choice(arn, format!("{} ({action})", t.name), "constant") });
            }
        }
    }
    out
}

/// The condition operators, with and without `IfExists` (`Null` has none); after a set
/// qualifier, the operators it qualifies, written with it.
fn operators(typed: &str) -> Vec<Choice> {
    let qualifier = ["ForAnyValue:", "ForAllValues:"]
        .into_iter()
        .find(|q| typed.get(..q.len()).is_some_and(|t| t.eq_ignore_ascii_case(q)));
    let bases = crate::condition::operator::base_names();
    let mut out: Vec<Choice> = Vec::new();
    for base in bases.filter(|b| qualifier.is_none() || *b != "Null") {
        let q = qualifier.unwrap_or_default();
        out.push(choice(format!("{q}{base}"), "condition operator", "keyword"));
        if base != "Null" {
            let detail = if q.is_empty() { "the same, true where the key is missing" } else { "condition operator" };
            out.push(choice(format!("{q}{base}IfExists"), detail, "keyword"));
        }
    }
    if qualifier.is_none() {
        out.extend(
            ["ForAnyValue:", "ForAllValues:"]
                .map(|q| choice(q, "for a key with several values (then an operator)", "keyword")),
        );
    }
    out
}

/// The completions at `cursor` (a byte offset) of `editor`'s `text` (`policies`,
/// `principals` or `request`); None where nothing is offered.
pub fn complete(
    editor: &str,
    text: &str,
    cursor: usize,
    others: &Texts<'_>,
    aws: Option<&dyn Vocabulary>,
) -> Option<Completion> {
    let p = place(text, cursor)?;
    let typed = text.get(p.from..cursor)?;
    let key = |back: usize| p.keys.iter().rev().nth(back).cloned().flatten();
    let options = match (editor, p.is_key) {
        ("policies", false) => match (key(0).as_deref(), key(1).as_deref()) {
            (Some("Action" | "NotAction"), _) => actions(typed, aws?),
            (Some("Resource" | "NotResource"), _) => resource_templates(&p.actions, others.principals, aws?),
            (Some("Effect"), _) => vec![choice("Allow", "", "constant"), choice("Deny", "", "constant")],
            (Some("Version"), _) => vec![choice("2012-10-17", "the current policy language", "constant")],
            (Some("AWS"), Some("Principal" | "NotPrincipal")) => principal_arns(others.principals),
            (Some("Service"), Some("Principal" | "NotPrincipal")) => SERVICE_PRINCIPALS
                .iter()
                .map(|s| choice(format!("{s}.amazonaws.com"), "an AWS service", "constant"))
                .collect(),
            // a condition's value: true or false under Bool
            (Some(_), Some(op)) if op_base(op).eq_ignore_ascii_case("Bool") => {
                vec![choice("true", "", "constant"), choice("false", "", "constant")]
            }
            _ => return None,
        },
        ("policies", true) => match (key(0).as_deref(), key(1).as_deref()) {
            (Some("Condition"), _) => operators(typed),
            (Some("Principal" | "NotPrincipal"), _) => ["AWS", "Service", "Federated", "CanonicalUser"]
                .map(|e| choice(e, "principal type", "keyword"))
                .to_vec(),
            (Some(_), Some("Condition")) => condition_keys(typed, &p.actions, aws?),
            (Some("Statement"), _) => {
                STATEMENT_ELEMENTS.iter().map(|e| choice(*e, "statement element", "keyword")).collect()
            }
            (Some(_), None) => ["Version", "Id", "Statement"].map(|e| choice(e, "policy element", "keyword")).to_vec(),
            _ => return None,
        },
        ("principals", true) => match (key(0).as_deref(), key(1).as_deref()) {
            (None, None) => fields(ACCOUNT_FIELDS, "principals field"),
            // another account's: neither `account` nor `accounts`
            (Some(_), Some("accounts")) => {
                let other: Vec<&str> =
                    ACCOUNT_FIELDS.iter().copied().filter(|f| !matches!(*f, "account" | "accounts")).collect();
                fields(&other, "account field")
            }
            (Some(_), Some("users")) => fields(USER_FIELDS, "user field"),
            (Some(_), Some("groups")) => fields(GROUP_FIELDS, "group field"),
            (Some(_), Some("roles")) => fields(ROLE_FIELDS, "role field"),
            (Some(_), Some("instanceProfiles")) => fields(INSTANCE_PROFILE_FIELDS, "instance profile field"),
            (Some(_), Some("instances")) => fields(INSTANCE_FIELDS, "instance field"),
            (Some(_), Some("resources")) => fields(RESOURCE_FIELDS, "resource field"),
            (Some("organization"), _) => fields(ORGANIZATION_FIELDS, "organization field"),
            _ => return None,
        },
        ("principals", false) => match key(0).as_deref() {
            // identity-based policies and boundaries may be AWS managed ones, by ARN
            Some("policies" | "boundary") => policy_names(others, true),
            Some("trust" | "policy" | "scps" | "rcps") => policy_names(others, false),
            Some("groups") => declared(text, "groups", "group"),
            Some("role") => declared(text, "roles", "role"),
            Some("profile") => declared(text, "instanceProfiles", "instance profile"),
            _ => return None,
        },
        ("request", true) => match key(0).as_deref() {
            None => fields(REQUEST_FIELDS, "request field"),
            // the context keys, those the request's action carries first
            Some("context") => condition_keys(typed, &p.actions, aws?),
            _ => return None,
        },
        ("request", false) => match key(0).as_deref() {
            Some("action") => actions(typed, aws?),
            Some("resource") => resource_templates(&p.actions, others.principals, aws?),
            Some("principal") => principal_references(others.principals),
            Some("sessionPolicy") => policy_names(others, true),
            Some("instanceProfile") => declared(others.principals, "instanceProfiles", "instance profile"),
            Some("federatedBy") => declared(others.principals, "users", "user"),
            Some("expect") => ["Allow", "ExplicitDeny", "ImplicitDeny"].map(|d| choice(d, "", "constant")).to_vec(),
            _ => return None,
        },
        _ => return None,
    };
    let aws_managed_here = matches!(
        (editor, p.is_key, key(0).as_deref()),
        ("principals", false, Some("policies" | "boundary")) | ("request", false, Some("sessionPolicy"))
    );
    (!options.is_empty() || aws_managed_here).then_some(Completion { from: p.from, options, aws_managed_here })
}

#[cfg(test)]
mod tests;
