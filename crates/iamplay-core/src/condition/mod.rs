//! Conditions: one `operator → key → values` clause, compiled at parse time and
//! evaluated against a request context with the documented rules: OR across values,
//! NOR for negated operators, `IfExists`, `Null`, `ForAnyValue:`/`ForAllValues:`,
//! missing keys, and policy variables substituted before comparing.

pub mod operator;

use crate::arn::ArnGlob;
use crate::context::{ContextEntry, RequestContext};
use crate::key::KeyName;
use crate::pattern::Glob;
use crate::source::Span;
use crate::template::{Lookup, Template};
use crate::value::{self, IpRange};
use operator::{Compare, Family, Operator, SetQualifier};

/// One policy value of a clause, compiled for its operator.
#[derive(Clone, Debug, PartialEq)]
pub struct CondValue {
    pub raw: String,
    pub span: Span,
    pub typed: Typed,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Typed {
    /// String operators: the template, and the compiled pattern when it has no variables.
    Text {
        template: Template,
        lower: Option<String>,
        glob: Option<Glob>,
    },
    Arn {
        template: Template,
        glob: Option<ArnGlob>,
    },
    Number(value::Num),
    Date(i128),
    Bool(bool),
    /// `Bool` with a policy variable (allowed by one AWS page; see docs/semantics.md §9.6).
    BoolTemplate(Template),
    Binary(Vec<u8>),
    Ip(IpRange),
    Null(bool),
    /// A value that cannot be read for its operator (an error diagnostic was reported).
    Invalid,
}

/// One `operator → key → values` clause.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    pub operator_name: String,
    /// None when the operator is unknown: the statement cannot be evaluated.
    pub operator: Option<Operator>,
    pub operator_span: Span,
    pub key: String,
    pub key_lc: KeyName,
    pub key_span: Span,
    pub values: Vec<CondValue>,
}

/// What evaluating one clause found. The values compared are the request's values of
/// the key and the policy values after substitution ([`Condition::policy_values`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConditionOutcome {
    pub matched: bool,
    pub key_present: bool,
}

struct NoLookup;
impl Lookup for NoLookup {
    fn single(&self, _: &KeyName) -> Option<&str> {
        None
    }
}

impl CondValue {
    /// Compiles `raw` for `op` (`template` is the value with variables already parsed).
    pub fn compile(raw: String, span: Span, op: &Operator, template: Template) -> CondValue {
        let typed = match op.family {
            Family::String => {
                let glob = (op.compare == Compare::Like && !template.has_vars()).then(|| Glob::new(&raw));
                let lower =
                    (op.compare == Compare::EqualsIgnoreCase && !template.has_vars()).then(|| raw.to_lowercase());
                Typed::Text { template, lower, glob }
            }
            Family::Arn => {
                let glob = if template.has_vars() { None } else { ArnGlob::build(&template, &NoLookup) };
                Typed::Arn { template, glob }
            }
            Family::Numeric => value::parse_number(&raw).map_or(Typed::Invalid, Typed::Number),
            Family::Date => value::parse_date(&raw).map_or(Typed::Invalid, Typed::Date),
            Family::Bool if template.has_vars() => Typed::BoolTemplate(template),
            Family::Bool => value::parse_bool(&raw).map_or(Typed::Invalid, Typed::Bool),
            Family::Binary => value::parse_base64(&raw).map_or(Typed::Invalid, Typed::Binary),
            Family::Ip => IpRange::parse(&raw).map_or(Typed::Invalid, Typed::Ip),
            Family::Null => value::parse_bool(&raw).map_or(Typed::Invalid, Typed::Null),
        };
        CondValue { raw, span, typed }
    }

    pub fn template(&self) -> Option<&Template> {
        match &self.typed {
            Typed::Text { template, .. } | Typed::Arn { template, .. } | Typed::BoolTemplate(template) => {
                Some(template)
            }
            _ => None,
        }
    }

    /// The positive comparison of the `i`th request value of `entry` with this value.
    fn matches(&self, op: &Operator, entry: &ContextEntry, i: usize, ctx: &RequestContext) -> bool {
        let Some(request) = entry.values.get(i) else { return false };
        let parsed = entry.parsed.get(i);
        match &self.typed {
            Typed::Text { template, lower, glob } => match op.compare {
                Compare::Like => match glob {
                    Some(g) => g.is_match(request),
                    None => template.glob_matches(ctx, request) == Some(true),
                },
                Compare::EqualsIgnoreCase => match lower {
                    Some(l) => eq_ignore_case(l, request),
                    None => template.equals(ctx, request, true) == Some(true),
                },
                _ => template.equals(ctx, request, false) == Some(true),
            },
            Typed::Arn { template, glob } => match glob {
                Some(g) => g.is_match(request),
                None => ArnGlob::template_matches(template, ctx, request) == Some(true),
            },
            Typed::Number(p) => parsed.and_then(|v| v.number).is_some_and(|r| ordered(op.compare, r.partial_cmp(p))),
            Typed::Date(p) => parsed.and_then(|v| v.date).is_some_and(|r| ordered(op.compare, Some(r.cmp(p)))),
            Typed::Bool(p) => value::parse_bool(request) == Some(*p),
            Typed::BoolTemplate(t) => {
                t.expand(ctx).and_then(|v| value::parse_bool(&v)).is_some_and(|p| value::parse_bool(request) == Some(p))
            }
            Typed::Binary(p) => {
                value::parse_base64(request).map_or_else(|| request.as_bytes() == p.as_slice(), |r| r == *p)
            }
            Typed::Ip(range) => parsed.and_then(|v| v.ip).is_some_and(|a| range.contains(a)),
            Typed::Null(_) | Typed::Invalid => false,
        }
    }
}

fn eq_ignore_case(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.eq_ignore_ascii_case(b)
        || a.chars().flat_map(char::to_lowercase).eq(b.chars().flat_map(char::to_lowercase))
}

fn ordered(compare: Compare, ord: Option<std::cmp::Ordering>) -> bool {
    use std::cmp::Ordering::*;
    match (compare, ord) {
        (_, None) => false,
        (Compare::Equals, Some(o)) => o == Equal,
        (Compare::LessThan, Some(o)) => o == Less,
        (Compare::LessThanEquals, Some(o)) => o != Greater,
        (Compare::GreaterThan, Some(o)) => o == Greater,
        (Compare::GreaterThanEquals, Some(o)) => o != Less,
        _ => false,
    }
}

impl Condition {
    /// The policy values as compared: after variable substitution (None: a variable
    /// has no value, so the value matches nothing).
    pub fn policy_values(&self, ctx: &dyn Lookup) -> Vec<Option<String>> {
        self.values
            .iter()
            .map(|v| v.template().map_or(Some(v.raw.clone()), |t| t.expand(ctx).map(|s| s.into_owned())))
            .collect()
    }

    pub fn evaluate(&self, ctx: &RequestContext) -> ConditionOutcome {
        let request = ctx.entry(&self.key_lc);
        let key_present = request.is_some();
        let matched = match self.operator.as_ref() {
            Some(op) => self.decide(op, request, ctx),
            None => false,
        };
        ConditionOutcome { matched, key_present }
    }

    fn decide(&self, op: &Operator, request: Option<&ContextEntry>, ctx: &RequestContext) -> bool {
        if op.family == Family::Null {
            let present = request.is_some_and(|e| e.values.iter().any(|v| !v.is_empty()));
            return self.values.iter().any(|v| matches!(v.typed, Typed::Null(want_absent) if want_absent != present));
        }
        let Some(entry) = request else {
            return op.holds_without_key();
        };
        // one request value against the list: OR of the values, NOR when negated
        let single = |i: usize| -> bool {
            let any = self.values.iter().any(|v| v.matches(op, entry, i, ctx));
            any != op.negated
        };
        let values = &entry.values;
        let non_empty = || (0..values.len()).filter(|i| values.get(*i).is_some_and(|v| !v.is_empty()));
        match op.set {
            Some(SetQualifier::ForAllValues) => non_empty().all(single),
            Some(SetQualifier::ForAnyValue) => non_empty().any(single),
            // a plain operator on several request values acts as ForAnyValue (AWS does not say; docs/semantics.md §3.7)
            None if values.is_empty() => op.negated,
            None => (0..values.len()).any(single),
        }
    }
}
