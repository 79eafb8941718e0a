//! `condition-wildcard-without-like` — warning, any policy.
//!
//! ## What it flags
//! A `*` or `?` in a value of `StringEquals`, `StringNotEquals` or their `IgnoreCase`
//! forms. Access Analyzer: "Wildcard without like operator" (warning).
//!
//! ## Why
//! Only `StringLike` and `StringNotLike` treat `*` and `?` as wildcards; the others
//! compare them as the characters themselves, so `"arn:aws:iam::*:role/admin"` matches
//! only a value that holds a literal asterisk.
//!
//! ## Example
//! ```json
//! "Condition": {"StringEquals": {"aws:PrincipalArn": "arn:aws:iam::*:role/admin"}}
//! ```
//!
//! ## Instead
//! `StringLike` (or `ArnLike` for ARNs). `${*}` writes a literal asterisk on purpose and
//! is not flagged.

use super::clauses;
use crate::code::Code;
use crate::condition::operator::Family;
use crate::condition::Typed;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::Policy;

pub const RULE: Rule = Rule { code: Code::ConditionWildcardWithoutLike, applies_to: None, check: Check::Text(check) };

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for (c, _) in clauses(policy).filter(|(_, op)| op.family == Family::String && !op.uses_wildcards()) {
        // a value whose variables cannot be read was reported, and is not looked at
        for v in c.values.iter().filter(|v| v.typed != Typed::Invalid) {
            if v.raw.contains(['*', '?']) && !v.raw.contains("${*}") {
                out.push(
                    Diagnostic::warning(
                        RULE.code,
                        v.span,
                        format!("`*` and `?` are literal characters in `{}`", c.operator_name),
                    )
                    .with_help("use `StringLike` to match a pattern"),
                );
            }
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
    fn flags_wildcards_in_equals_operators() {
        let f = found(r#"{"StringEquals": {"aws:PrincipalArn": ["arn:aws:iam::*:role/admin", "x?"]}}"#);
        assert_eq!(
            f,
            pairs(&[
                ("condition-wildcard-without-like", "\"arn:aws:iam::*:role/admin\""),
                ("condition-wildcard-without-like", "\"x?\"")
            ])
        );
        assert_eq!(found(r#"{"StringNotEqualsIgnoreCase": {"aws:username": "a*"}}"#).len(), 1);
    }

    #[test]
    fn accepts_like_operators_literal_asterisks_and_plain_values() {
        assert_eq!(found(r#"{"StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/admin"}}"#), []);
        assert_eq!(found(r#"{"StringEquals": {"s3:prefix": "home/${*}"}}"#), []);
        assert_eq!(found(r#"{"StringEquals": {"aws:username": "alice"}}"#), []);
        assert_eq!(found(r#"{"ArnEquals": {"aws:SourceArn": "arn:aws:sns:*:*:t"}}"#), []);
    }
}
