//! `condition-null-qualifier` — suggestion, any policy.
//!
//! ## What it flags
//! `Null` with a set qualifier: `ForAllValues:Null`, `ForAnyValue:Null`. Access Analyzer:
//! "Null with qualifier" (suggestion).
//!
//! ## Why
//! `Null` tests whether the request carries the key at all, not its values, so a
//! qualifier that compares the request's values one by one has nothing to compare: it
//! only makes the condition harder to read, and easy to read wrong.
//!
//! ## Example
//! ```json
//! "Condition": {"ForAllValues:Null": {"aws:TagKeys": "false"}}
//! ```
//!
//! ## Instead
//! `Null` alone: `{"Null": {"aws:TagKeys": "false"}}`.

use super::clauses;
use crate::code::Code;
use crate::condition::operator::Family;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::Policy;

pub const RULE: Rule = Rule { code: Code::ConditionNullQualifier, applies_to: None, check: Check::Text(check) };

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for (c, _) in clauses(policy).filter(|(_, op)| op.family == Family::Null && op.set.is_some()) {
        let plain = c.operator_name.rsplit(':').next().unwrap_or("Null");
        out.push(
            Diagnostic::suggestion(
                RULE.code,
                c.operator_span,
                format!(
                    "`{}` tests only whether `{}` is present: the qualifier has no values to compare",
                    c.operator_name, c.key
                ),
            )
            .with_help(format!("write `{plain}` without the qualifier")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{pairs, run_on, with_condition};

    fn found(condition: &str) -> Vec<(String, String)> {
        run_on(&with_condition(condition), super::check)
    }

    #[test]
    fn flags_null_with_a_set_qualifier() {
        let f = found(r#"{"ForAllValues:Null": {"aws:TagKeys": "false"}}"#);
        assert_eq!(f, pairs(&[("condition-null-qualifier", "\"ForAllValues:Null\"")]));
        assert_eq!(found(r#"{"ForAnyValue:Null": {"aws:TagKeys": "true"}}"#).len(), 1);
    }

    #[test]
    fn accepts_null_alone_and_other_qualified_operators() {
        assert_eq!(found(r#"{"Null": {"aws:TagKeys": "false"}}"#), []);
        assert_eq!(found(r#"{"ForAllValues:StringEquals": {"aws:TagKeys": "team"}}"#), []);
    }
}
