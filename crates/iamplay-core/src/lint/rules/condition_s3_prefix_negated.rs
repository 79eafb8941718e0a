//! `condition-s3-prefix-negated` — warning.
//!
//! ## What it flags
//! `s3:prefix` in a `Deny` statement under a positive string operator (`StringLike`,
//! `StringEquals`), or in an `Allow` statement under a negated one (`StringNotLike`,
//! `StringNotEquals`). Access Analyzer: "S3 prefix in negative context" (security warning).
//!
//! ## Why
//! A `ListObjects` request names the prefix it lists under. Denying `private/*` does not
//! stop a request for the shorter prefix `priv`, whose answer lists the same objects; an
//! `Allow` of every prefix but `private/` lets the same request through.
//!
//! ## Example
//! ```json
//! {"Effect": "Deny", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::reports",
//!  "Condition": {"StringLike": {"s3:prefix": "private/*"}}}
//! ```
//!
//! ## Instead
//! Say which prefixes may be listed: allow `s3:ListBucket` with `StringLike` on
//! `s3:prefix` naming them, or deny with `StringNotLike` naming them.

use super::clauses_of;
use crate::code::Code;
use crate::condition::operator::Family;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::{Effect, Policy};

pub const RULE: Rule = Rule { code: Code::ConditionS3PrefixNegated, applies_to: None, check: Check::Text(check) };

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for st in &policy.statements {
        for (c, op) in clauses_of(st) {
            if op.family != Family::String || !c.key.eq_ignore_ascii_case("s3:prefix") {
                continue;
            }
            let message = match (st.effect, op.negated) {
                (Some(Effect::Deny), false) => format!(
                    "this `Deny` with `{}` on `s3:prefix` does not stop listing those objects: a request for a shorter prefix does not match it",
                    c.operator_name
                ),
                (Some(Effect::Allow), true) => format!(
                    "this `Allow` with `{}` on `s3:prefix` lets a request for a shorter prefix list the objects it leaves out",
                    c.operator_name
                ),
                _ => continue,
            };
            out.push(Diagnostic::warning(RULE.code, c.key_span, message).with_help(
                "name the prefixes that may be listed: `StringLike` in an `Allow`, or `StringNotLike` in a `Deny`",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{pairs, run_on};

    fn found(effect: &str, operator: &str) -> Vec<(String, String)> {
        run_on(
            &format!(
                r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "{effect}", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b", "Condition": {{"{operator}": {{"s3:prefix": "private/*"}}}}}}]}}"#
            ),
            super::check,
        )
    }

    #[test]
    fn flags_a_deny_of_prefixes_and_an_allow_of_all_but_some() {
        assert_eq!(found("Deny", "StringLike"), pairs(&[("condition-s3-prefix-negated", "\"s3:prefix\"")]));
        assert_eq!(found("Deny", "StringEquals").len(), 1);
        assert_eq!(found("Allow", "StringNotLike").len(), 1);
        assert_eq!(found("Allow", "StringNotEqualsIfExists").len(), 1);
    }

    #[test]
    fn accepts_the_two_forms_that_restrict_listing() {
        assert_eq!(found("Allow", "StringLike"), []);
        assert_eq!(found("Deny", "StringNotLike"), []);
        assert_eq!(found("Deny", "Null"), []);
    }
}
