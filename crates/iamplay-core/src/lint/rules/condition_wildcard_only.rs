//! `condition-wildcard-only` — suggestion.
//!
//! ## What it flags
//! A `StringLike` or `StringNotLike` clause (with any qualifier or `IfExists`) one of
//! whose values is `"*"`: the clause then asks only whether the key is present, or
//! nothing at all. It says which: it holds whenever the key is present (write `Null`
//! `false`), only when the key is absent (write `Null` `true`), always (the key is
//! redundant), or never (the statement never applies). Access Analyzer: "Equivalent to
//! null false", "Equivalent to null true", "Redundant key due to wildcard in condition"
//! and "Redundant statement due to wildcard in condition" (suggestions).
//!
//! ## Why
//! `"*"` matches every value, so the values of the key play no part: a reader has to
//! work out the operator's rule for a missing key to see what the clause means, and a
//! clause that always or never holds is usually a mistake.
//!
//! ## Example
//! ```json
//! "Condition": {"StringLike": {"aws:ResourceTag/project": "*"}}
//! ```
//!
//! ## Instead
//! Say it with `Null`: `"Condition": {"Null": {"aws:ResourceTag/project": "false"}}`
//! (the resource has a `project` tag), or remove a clause that always holds.

use super::clauses_of;
use crate::code::Code;
use crate::condition::operator::{Compare, Family, Operator};
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::Policy;

pub const RULE: Rule = Rule { code: Code::ConditionWildcardOnly, applies_to: None, check: Check::Text(check) };

/// Whether the clause holds when the key is present (with any value) and when it is
/// absent, given that one of its values is `"*"`: the evaluator's rule for a missing key.
pub(crate) fn holds_with_star(op: &Operator) -> (bool, bool) {
    (!op.negated, op.holds_without_key())
}

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for st in &policy.statements {
        for (c, op) in clauses_of(st) {
            if op.family != Family::String || op.compare != Compare::Like {
                continue;
            }
            let Some(star) = c.values.iter().find(|v| v.raw == "*") else { continue };
            let (key, operator) = (&c.key, &c.operator_name);
            let (message, help) = match holds_with_star(op) {
                (true, false) => (
                    format!("`{operator}` with `\"*\"` holds whenever `{key}` is present, whatever its value"),
                    format!("`\"Null\": {{\"{key}\": \"false\"}}` says so more plainly (it differs only for an empty value)"),
                ),
                (false, true) => (
                    format!("`{operator}` with `\"*\"` holds only when `{key}` is absent"),
                    format!("`\"Null\": {{\"{key}\": \"true\"}}` says so more plainly (it differs only for an empty value)"),
                ),
                (true, true) => (
                    format!("`{operator}` with `\"*\"` always holds: `{key}` plays no part"),
                    "remove this key from the condition".to_string(),
                ),
                (false, false) => (
                    format!("`{operator}` with `\"*\"` never holds, so this statement never applies"),
                    "remove the statement, or the `\"*\"` value".to_string(),
                ),
            };
            out.push(Diagnostic::suggestion(RULE.code, star.span, message).with_help(help));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::context::{Origin, RequestContext};
    use crate::json;
    use crate::lint::test_support::{pairs, run_on, with_condition};
    use crate::policy::parse_policy;
    use crate::source::SourceId;

    const OPERATORS: [&str; 8] = [
        "StringLike",
        "StringNotLike",
        "StringLikeIfExists",
        "StringNotLikeIfExists",
        "ForAnyValue:StringLike",
        "ForAllValues:StringLike",
        "ForAnyValue:StringNotLike",
        "ForAllValues:StringNotLike",
    ];

    fn text(operator: &str, values: &str) -> String {
        with_condition(&format!(r#"{{"{operator}": {{"aws:ResourceTag/project": {values}}}}}"#))
    }

    #[test]
    fn flags_each_operator_with_what_it_means() {
        let message = |op: &str| {
            let policy = text(op, r#"["a-*", "*"]"#);
            let json = json::parse(&policy, SourceId::File).unwrap();
            let mut out = Vec::new();
            super::check(&parse_policy(&json, &policy), &mut out);
            assert_eq!(out.len(), 1, "{op}");
            out.iter().map(|d| d.message.clone()).collect::<String>()
        };
        assert!(message("StringLike").contains("whenever `aws:ResourceTag/project` is present"));
        assert!(message("StringNotLike").contains("only when `aws:ResourceTag/project` is absent"));
        assert!(message("StringLikeIfExists").contains("always holds"));
        assert!(message("ForAnyValue:StringNotLike").contains("never holds"));
        assert_eq!(run_on(&text("StringLike", r#""*""#), super::check), pairs(&[("condition-wildcard-only", "\"*\"")]));
    }

    /// What the rule says of each operator is what the evaluator does: the clause
    /// decided with the key absent and with it present.
    #[test]
    fn its_reading_is_the_evaluators() {
        for op in OPERATORS {
            let policy_text = text(op, r#""*""#);
            let json = json::parse(&policy_text, SourceId::File).unwrap();
            let policy = parse_policy(&json, &policy_text);
            let clause = &policy.statements[0].conditions[0];
            let operator = clause.operator.unwrap();
            let absent = RequestContext::new();
            let mut present = RequestContext::new();
            present.set("aws:ResourceTag/project", vec!["blue".into()], Origin::Resource);
            assert_eq!(
                super::holds_with_star(&operator),
                (clause.evaluate(&present).matched, clause.evaluate(&absent).matched),
                "{op}"
            );
        }
    }

    #[test]
    fn accepts_patterns_and_other_operators() {
        assert_eq!(run_on(&text("StringLike", r#""a-*""#), super::check), []);
        assert_eq!(run_on(&text("StringEquals", r#""*""#), super::check), []);
        assert_eq!(run_on(&text("Null", r#""false""#), super::check), []);
    }
}
