//! `condition-key-irrelevant` — suggestion, resource-based policies.
//!
//! ## What it flags
//! `s3:ResourceAccount` in a resource-based policy. Access Analyzer: "Irrelevant
//! condition key in policy" (suggestion), whose one documented case this is; it checks
//! against the type of the resource the policy is attached to, which a policy's text
//! does not say.
//!
//! ## Why
//! A bucket or access point policy belongs to the resource it guards: its account is
//! known, so a condition on it restricts nothing. The key is meant for identity-based
//! policies, to keep a principal to the buckets of given accounts.
//!
//! ## Example
//! ```json
//! {"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject",
//!  "Resource": "arn:aws:s3:::reports/*",
//!  "Condition": {"StringEquals": {"s3:ResourceAccount": "111122223333"}}}
//! ```
//!
//! ## Instead
//! Put the condition in the callers' identity-based policies.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::{Policy, PolicyType};

pub const RULE: Rule =
    Rule { code: Code::ConditionKeyIrrelevant, applies_to: Some(PolicyType::Resource), check: Check::Text(check) };

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for c in policy.statements.iter().flat_map(|st| &st.conditions) {
        if c.key.eq_ignore_ascii_case("s3:ResourceAccount") {
            out.push(
                Diagnostic::suggestion(
                    RULE.code,
                    c.key_span,
                    "`s3:ResourceAccount` restricts nothing in a resource-based policy: the resource's account is known",
                )
                .with_help("use it in identity-based policies, to keep principals to the buckets of given accounts"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{pairs, run_on};

    #[test]
    fn flags_the_resource_account_in_a_resource_policy() {
        let text = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"s3:ResourceAccount": "111122223333", "aws:PrincipalAccount": "111122223333"}}}]}"#;
        assert_eq!(run_on(text, super::check), pairs(&[("condition-key-irrelevant", "\"s3:ResourceAccount\"")]));
    }
}
