//! From JSON to the policy model, with every problem that does not depend on the
//! policy's type: the document here, a statement in `statement.rs`, its actions and
//! resources in `elements.rs`, principals in `principal.rs`, conditions in `condition.rs`.

mod condition;
mod elements;
mod principal;
mod statement;

use super::*;
use crate::code::Code;
use crate::diagnostic::did_you_mean;
use crate::json::{Json, JsonValue, Member};

const POLICY_MEMBERS: &[&str] = &["Version", "Id", "Statement"];
pub(super) const STATEMENT_MEMBERS: &[&str] =
    &["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];

pub(super) struct Parser {
    version: Version,
    diags: Vec<Diagnostic>,
}

/// Builds the policy model from `json`; `text` is the source text its spans point into.
pub fn parse_policy(json: &Json, text: &str) -> Policy {
    let mut p = Parser { version: Version::Missing, diags: Vec::new() };
    let (size_without_whitespace, size_total) = sizes(text.get(json.span.start..json.span.end).unwrap_or(""));
    let mut policy = Policy {
        version: Version::Missing,
        statements: Vec::new(),
        span: json.span,
        id_span: None,
        diagnostics: Vec::new(),
        size_without_whitespace,
        size_total,
    };
    let Some(members) = json.as_object() else {
        p.diags.push(Diagnostic::error(
            Code::PolicyNotObject,
            json.span,
            format!("a policy document must be a JSON object, not {}", json.kind_name()),
        ));
        policy.diagnostics = p.diags;
        return policy;
    };
    crate::json::check_duplicate_keys(json, &mut p.diags);
    p.check_characters(json);
    // a repeated name is reported as repeated; as unknown, once
    let mut unknown = std::collections::HashSet::new();
    for m in members {
        if !POLICY_MEMBERS.contains(&m.key.as_str()) && unknown.insert(m.key.as_str()) {
            p.unknown_member(m, POLICY_MEMBERS, "policy");
        }
    }
    match json.get("Version") {
        None => p.diags.push(
            Diagnostic::warning(
                Code::PolicyVersionMissing,
                json.span.start_point(),
                "the policy has no `Version`, so policy variables are read as literal text",
            )
            .with_help("add `\"Version\": \"2012-10-17\"`"),
        ),
        Some(m) => match m.value.as_str() {
            Some("2012-10-17") => p.version = Version::V2012,
            Some("2008-10-17") => {
                p.version = Version::V2008;
                p.diags.push(
                    Diagnostic::suggestion(
                        Code::PolicyVersionLegacy,
                        m.value.span,
                        "`2008-10-17` is the legacy policy language: policy variables are read as literal text",
                    )
                    .with_help("use `2012-10-17` unless the literal `${` is intended"),
                );
            }
            _ => p.diags.push(
                Diagnostic::error(
                    Code::PolicyVersionInvalid,
                    m.value.span,
                    "`Version` must be `2012-10-17` or `2008-10-17`",
                )
                .with_help("`Version` is the policy language version, not a date of your own; use `2012-10-17`"),
            ),
        },
    }
    policy.version = p.version;
    policy.id_span = json.get("Id").map(|m| m.key_span);
    if let Some(id) = json.get("Id") {
        if id.value.as_str().is_none() {
            p.diags.push(Diagnostic::error(
                Code::ValueType,
                id.value.span,
                format!("`Id` must be a string, not {}", id.value.kind_name()),
            ));
        }
    }
    match json.get("Statement") {
        None => p.diags.push(
            Diagnostic::error(Code::PolicyStatementMissing, json.span.start_point(), "the policy has no `Statement`")
                .with_help("add `\"Statement\": [ ... ]` with at least one statement"),
        ),
        Some(m) => match &m.value.value {
            JsonValue::Object(_) => policy.statements.push(p.statement(0, &m.value)),
            JsonValue::Array(items) => {
                if items.is_empty() {
                    p.diags.push(Diagnostic::warning(
                        Code::EmptyArray,
                        m.value.span,
                        "`Statement` is empty, so the policy allows and denies nothing",
                    ));
                }
                for (i, item) in items.iter().enumerate() {
                    if item.as_object().is_some() {
                        policy.statements.push(p.statement(i, item));
                    } else {
                        p.diags.push(Diagnostic::error(
                            Code::StatementNotObject,
                            item.span,
                            format!("a statement must be a JSON object, not {}", item.kind_name()),
                        ));
                    }
                }
            }
            _ => p.diags.push(Diagnostic::error(
                Code::StatementNotObject,
                m.value.span,
                format!("`Statement` must be an object or an array of objects, not {}", m.value.kind_name()),
            )),
        },
    }
    for st in &mut policy.statements {
        let inside = |d: &Diagnostic| d.is_error() && d.span.start >= st.span.start && d.span.end <= st.span.end;
        st.broken = st.broken || p.diags.iter().any(inside);
    }
    policy.diagnostics = p.diags;
    policy
}

/// (characters without white space outside strings, all characters)
fn sizes(doc: &str) -> (usize, usize) {
    let (mut in_string, mut escaped, mut count, mut total) = (false, false, 0, 0);
    for c in doc.chars() {
        total += 1;
        if in_string {
            count += 1;
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if !c.is_whitespace() {
            count += 1;
            in_string = c == '"';
        }
    }
    (count, total)
}

impl Parser {
    pub(super) fn unknown_member(&mut self, m: &Member, known: &[&str], what: &str) {
        let help = match did_you_mean(&m.key, known.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? element names are case-sensitive"),
            None => format!(
                "a {what} may contain {}",
                known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
            ),
        };
        let code = if what == "policy" { Code::PolicyElementUnknown } else { Code::StatementElementUnknown };
        self.diags
            .push(Diagnostic::error(code, m.key_span, format!("`{}` is not a {what} element", m.key)).with_help(help));
    }

    pub(super) fn check_characters(&mut self, json: &Json) {
        let mut bad: Option<(char, Span)> = None;
        visit_strings(json, &mut |s, span| {
            if bad.is_none() {
                if let Some(c) = s.chars().find(|c| !matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FF}')) {
                    bad = Some((c, span));
                }
            }
        });
        if let Some((c, span)) = bad {
            self.diags.push(
                Diagnostic::error(
                    Code::PolicyCharacterInvalid,
                    span,
                    format!("the character `{c}` (U+{:04X}) is not allowed in a policy", u32::from(c)),
                )
                .with_help("policies may contain only tab, line feed, carriage return and characters U+0020 to U+00FF"),
            );
        }
    }

    pub(super) fn error_count(&self) -> usize {
        self.diags.iter().filter(|d| d.is_error()).count()
    }

    /// A string or an array of strings.
    pub(super) fn strings(&mut self, m: &Member) -> Vec<(String, Span)> {
        match &m.value.value {
            JsonValue::String(s) => vec![(s.clone(), m.value.span)],
            JsonValue::Array(items) => {
                if items.is_empty() {
                    self.diags.push(Diagnostic::warning(
                        Code::EmptyArray,
                        m.value.span,
                        if m.key.starts_with("Not") {
                            format!(
                                "`{}` is an empty list, so it excludes nothing: the statement applies to everything",
                                m.key
                            )
                        } else {
                            format!("`{}` is an empty list, so it matches nothing", m.key)
                        },
                    ));
                }
                items
                    .iter()
                    .filter_map(|item| match item.as_str() {
                        Some(s) => Some((s.to_string(), item.span)),
                        None => {
                            self.diags.push(Diagnostic::error(
                                Code::ValueType,
                                item.span,
                                format!("each `{}` entry must be a string, not {}", m.key, item.kind_name()),
                            ));
                            None
                        }
                    })
                    .collect()
            }
            _ => {
                self.diags.push(Diagnostic::error(
                    Code::ValueType,
                    m.value.span,
                    format!("`{}` must be a string or an array of strings, not {}", m.key, m.value.kind_name()),
                ));
                Vec::new()
            }
        }
    }
}

fn visit_strings(json: &Json, f: &mut dyn FnMut(&str, Span)) {
    match &json.value {
        JsonValue::String(s) => f(s, json.span),
        JsonValue::Array(items) => items.iter().for_each(|i| visit_strings(i, f)),
        JsonValue::Object(members) => {
            for m in members {
                f(&m.key, m.key_span);
                visit_strings(&m.value, f);
            }
        }
        _ => {}
    }
}

pub(super) trait MaxByStart {
    fn max_by_start(self, other: Span) -> Span;
}

impl MaxByStart for Span {
    /// The later of two spans (the member that conflicts with an earlier one).
    fn max_by_start(self, other: Span) -> Span {
        if other.start > self.start {
            other
        } else {
            self
        }
    }
}
