//! `condition-arn-stringlike` — warning; needs AWS's catalog.
//!
//! ## What it flags
//! `StringLike` or `StringNotLike` (any qualifier, `IfExists` or not) on a key whose
//! values AWS's catalog types as ARNs (`aws:PrincipalArn`, `aws:SourceArn`,
//! `lambda:FunctionArn`, …). Access Analyzer: "String like operator with ARN condition
//! keys" (security warning).
//!
//! ## Why
//! A string pattern reads an ARN as plain text: its `*` crosses the colons between the
//! partition, service, Region, account and resource, so `arn:aws:iam::*:role/admin*`
//! also matches ARNs of other services and accounts shaped to fit. `ArnLike` matches
//! each part of the ARN on its own.
//!
//! ## Example
//! ```json
//! "Condition": {"StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/admin*"}}
//! ```
//!
//! ## Instead
//! `"Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/admin*"}}`
//! (`ArnNotLike` for `StringNotLike`).

use super::clauses_of;
use crate::code::Code;
use crate::condition::operator::{Compare, Family};
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::Policy;
use crate::vocabulary::Vocabulary;

pub const RULE: Rule = Rule { code: Code::ConditionArnStringlike, applies_to: None, check: Check::Catalog(check) };

fn check(policy: &Policy, aws: &dyn Vocabulary, out: &mut Vec<Diagnostic>) {
    for st in &policy.statements {
        for (c, op) in clauses_of(st) {
            if op.family != Family::String || op.compare != Compare::Like {
                continue;
            }
            if !aws
                .key_type(&c.key)
                .is_some_and(|t| t.eq_ignore_ascii_case("ARN") || t.eq_ignore_ascii_case("ArrayOfARN"))
            {
                continue;
            }
            let instead = c.operator_name.replace("StringNotLike", "ArnNotLike").replace("StringLike", "ArnLike");
            out.push(
                Diagnostic::warning(
                    RULE.code,
                    c.operator_span,
                    format!("`{}` holds ARNs: a string pattern's `*` crosses the parts of an ARN", c.key),
                )
                .with_help(format!("use `{instead}`, which matches each part of the ARN on its own")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{catalog_run_on, pairs, with_condition};

    fn found(operator: &str, key: &str) -> Vec<(String, String)> {
        catalog_run_on(
            &with_condition(&format!(r#"{{"{operator}": {{"{key}": "arn:aws:sns:*:111122223333:*"}}}}"#)),
            super::check,
        )
        .0
    }

    #[test]
    fn flags_string_patterns_on_arn_keys() {
        assert_eq!(found("StringLike", "aws:SourceArn"), pairs(&[("condition-arn-stringlike", "\"StringLike\"")]));
        let (_, helps) = catalog_run_on(
            &with_condition(r#"{"ForAnyValue:StringNotLikeIfExists": {"aws:SourceArn": "arn:aws:sns:*"}}"#),
            super::check,
        );
        assert!(helps[0].contains("`ForAnyValue:ArnNotLikeIfExists`"), "{helps:?}");
    }

    #[test]
    fn accepts_arn_operators_and_string_keys() {
        assert_eq!(found("ArnLike", "aws:SourceArn"), []);
        assert_eq!(found("StringEquals", "aws:SourceArn"), []);
        assert_eq!(found("StringLike", "aws:username"), []);
        assert_eq!(found("StringLike", "s3:unknownkey"), []);
    }
}
