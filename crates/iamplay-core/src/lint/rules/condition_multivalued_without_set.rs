//! `condition-multivalued-without-set` — warning, any policy.
//!
//! ## What it flags
//! A condition on a key that can carry several values (`aws:TagKeys`, `aws:CalledVia`,
//! `aws:PrincipalServiceNamesList`, `aws:PrincipalOrgPaths`, `dynamodb:Attributes`)
//! written with a plain operator, without `ForAnyValue:` or `ForAllValues:`.
//!
//! ## Why
//! AWS does not document what a plain operator does with several request values. The
//! evaluator reads it as `ForAnyValue:` (any one value may match), which in an `Allow`
//! grants more than "every value must match" would.
//!
//! ## Example
//! ```json
//! "Condition": {"StringEquals": {"aws:TagKeys": ["Owner", "Project"]}}
//! ```
//!
//! ## Instead
//! Say what is meant: `ForAllValues:StringEquals` (every tag key is one of these) or
//! `ForAnyValue:StringEquals` (at least one is).

use super::clauses;
use crate::code::Code;
use crate::condition::operator::Family;
use crate::diagnostic::Diagnostic;
use crate::lint::{keys, Check, Rule};
use crate::policy::Policy;

pub const RULE: Rule = Rule { code: Code::ConditionMultivaluedWithoutSet, applies_to: None, check: Check::Text(check) };

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for (c, op) in clauses(policy) {
        if op.set.is_none() && op.family != Family::Null && keys::is_multivalued(&c.key) {
            out.push(
                Diagnostic::warning(
                    RULE.code,
                    c.key_span,
                    format!(
                        "`{}` can carry several values, but `{}` has no `ForAnyValue:`/`ForAllValues:` prefix",
                        c.key, c.operator_name
                    ),
                )
                .with_help("it is evaluated as `ForAnyValue:`; write the prefix that says what you mean"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{pairs, run_on, with_condition};

    fn found(condition: &str) -> Vec<(String, String)> {
        run_on(&with_condition(condition), super::check)
    }

    #[test]
    fn flags_a_plain_operator_on_a_multivalued_key() {
        let f = found(r#"{"StringEquals": {"aws:TagKeys": ["Owner"]}}"#);
        assert_eq!(f, pairs(&[("condition-multivalued-without-set", "\"aws:TagKeys\"")]));
    }

    #[test]
    fn accepts_set_operators_single_valued_keys_and_null() {
        assert_eq!(found(r#"{"ForAllValues:StringEquals": {"aws:TagKeys": ["Owner"]}}"#), []);
        assert_eq!(found(r#"{"StringEquals": {"aws:username": "alice"}}"#), []);
        assert_eq!(found(r#"{"Null": {"aws:TagKeys": "false"}}"#), []);
    }
}
