//! `Condition`: each operator → key → values clause, compiled for its operator, with the
//! errors a value can have (wrong type, unreadable for the operator, a variable where
//! none may stand).

use super::Parser;
use crate::code::Code;
use crate::condition::operator::{Family, Operator};
use crate::condition::{CondValue, Condition};
use crate::diagnostic::Diagnostic;
use crate::json::{Json, JsonValue, Member};
use crate::policy::*;

impl Parser {
    pub(super) fn conditions(&mut self, json: &Json) -> Vec<Condition> {
        let mut out = Vec::new();
        let Some(ops) = json.as_object() else {
            self.diags.push(Diagnostic::error(
                Code::ValueType,
                json.span,
                format!("`Condition` must be an object, not {}", json.kind_name()),
            ));
            return out;
        };
        if ops.is_empty() {
            self.diags.push(Diagnostic::warning(Code::EmptyObject, json.span, "`Condition` is empty"));
        }
        for op_member in ops {
            let operator = match Operator::parse(&op_member.key) {
                Ok(op) => Some(op),
                Err((code, message, help)) => {
                    let mut d = Diagnostic::error(code, op_member.key_span, message);
                    d.help = help;
                    self.diags.push(d);
                    None
                }
            };
            let Some(keys) = op_member.value.as_object() else {
                self.diags.push(Diagnostic::error(
                    Code::ValueType,
                    op_member.value.span,
                    format!(
                        "`{}` must map condition keys to values, not be {}",
                        op_member.key,
                        op_member.value.kind_name()
                    ),
                ));
                continue;
            };
            let differing: std::collections::HashSet<usize> =
                crate::json::members_differing_in_case(keys).map(|(i, ..)| i).collect();
            for (i, key_member) in keys.iter().enumerate() {
                let key_lc = crate::key::KeyName::new(&key_member.key);
                if differing.contains(&i) {
                    self.diags.push(
                        Diagnostic::error(
                            Code::ConditionKeyDuplicate,
                            key_member.key_span,
                            format!(
                                "the key `{}` appears twice under `{}`, in different letter case",
                                key_member.key, op_member.key
                            ),
                        )
                        .with_help("key names are case-insensitive: merge the values into one entry"),
                    );
                }
                self.no_variables(&key_member.key, key_member.key_span, "condition key names");
                let values = self.condition_values(key_member, operator.as_ref(), &op_member.key);
                out.push(Condition {
                    operator_name: op_member.key.clone(),
                    operator,
                    operator_span: op_member.key_span,
                    key: key_member.key.clone(),
                    key_lc,
                    key_span: key_member.key_span,
                    values,
                });
            }
        }
        out
    }

    pub(super) fn condition_values(&mut self, m: &Member, op: Option<&Operator>, op_name: &str) -> Vec<CondValue> {
        let raw_values: Vec<(String, Span)> = match &m.value.value {
            JsonValue::Array(items) => {
                if items.is_empty() {
                    self.diags.push(Diagnostic::warning(
                        Code::EmptyArray,
                        m.value.span,
                        format!("`{}` has no values, so it matches no request value", m.key),
                    ));
                }
                items
                    .iter()
                    .filter_map(|v| match v.scalar_text() {
                        Some(t) => Some((t, v.span)),
                        None => {
                            self.diags.push(Diagnostic::error(
                                Code::ValueType,
                                v.span,
                                format!("condition values must be strings, numbers or booleans, not {}", v.kind_name()),
                            ));
                            None
                        }
                    })
                    .collect()
            }
            _ => match m.value.scalar_text() {
                Some(t) => vec![(t, m.value.span)],
                None => {
                    self.diags.push(Diagnostic::error(
                        Code::ValueType,
                        m.value.span,
                        format!("condition values must be strings, numbers or booleans, not {}", m.value.kind_name()),
                    ));
                    Vec::new()
                }
            },
        };
        let Some(op) = op else {
            return raw_values
                .into_iter()
                .map(|(raw, span)| CondValue { raw, span, typed: crate::condition::Typed::Invalid })
                .collect();
        };
        if op.family == Family::Bool && raw_values.len() > 1 {
            self.diags.push(
                Diagnostic::error(
                    Code::ConditionBoolMultiple,
                    m.value.span,
                    format!("`{}` has several values, but a Boolean condition takes one", m.key),
                )
                .with_help("use a single `\"true\"` or `\"false\"`"),
            );
        }
        let mut out = Vec::new();
        for (raw, span) in raw_values {
            let has_var = self.version == Version::V2012 && raw.contains("${");
            let template = if has_var && !op.allows_variables() {
                self.diags.push(
                    Diagnostic::error(
                        Code::VariableOperator,
                        span,
                        format!("policy variables cannot be used with `{op_name}`"),
                    )
                    .with_help("variables work only with string and ARN operators"),
                );
                Template::literal(&raw)
            } else if has_var {
                if op.family == Family::Bool {
                    self.diags.push(Diagnostic::warning(
                        Code::VariableOperator,
                        span,
                        "AWS pages disagree on whether `Bool` accepts policy variables (docs/semantics.md §9.6)",
                    ));
                }
                match self.template(&raw, span) {
                    Some(t) => t,
                    None => {
                        out.push(CondValue { raw, span, typed: crate::condition::Typed::Invalid });
                        continue;
                    }
                }
            } else {
                Template::literal(&raw)
            };
            let reported = has_var && !op.allows_variables();
            let value = CondValue::compile(raw, span, op, template);
            if value.typed == crate::condition::Typed::Invalid && !reported {
                let expected = match op.family {
                    Family::Numeric => "a number",
                    Family::Date => "a date such as `2024-01-01T00:00:00Z` or epoch seconds",
                    Family::Bool => "`true` or `false`",
                    Family::Binary => "base64 text",
                    Family::Ip => "an IP address or CIDR range such as `203.0.113.0/24`",
                    Family::Null => "`true` or `false`",
                    _ => "a value",
                };
                let shown = crate::diagnostic::quoted(&value.raw, 40);
                let message = if op.family == Family::Numeric && crate::value::looks_numeric(&value.raw) {
                    format!("{shown} is a number too large for `{op_name}` to compare")
                } else {
                    format!("{shown} is not {expected}, as `{op_name}` needs")
                };
                self.diags.push(
                    Diagnostic::error(Code::ConditionValueInvalid, span, message)
                        .with_help("the statement cannot be evaluated until the value is fixed"),
                );
            }
            out.push(value);
        }
        out
    }
}
