//! `condition-tag-unsupported` — warning for `Deny`, suggestion for `Allow`; needs AWS's
//! catalog.
//!
//! ## What it flags
//! An `Action` entry of a statement with a condition on `aws:ResourceTag/…` (under an
//! operator that fails when the key is absent) that covers actions whose requests
//! never carry the key: neither the action nor the resource types it acts on list it in
//! AWS's catalog. Access Analyzer: "Deny with unsupported tag condition key for service"
//! (security warning) and "Allow with unsupported tag condition key for service"
//! (suggestion).
//!
//! ## Why
//! For those actions the condition never holds: a `Deny` does not deny them, and an
//! `Allow` does not allow them. Adding `IfExists` is no way out: the `Deny` would then
//! deny them always, the `Allow` allow them always.
//!
//! ## Example
//! ```json
//! {"Effect": "Deny", "Action": ["ec2:StopInstances", "ec2:DescribeInstances"], "Resource": "*",
//!  "Condition": {"StringEquals": {"aws:ResourceTag/status": "Confidential"}}}
//! ```
//!
//! ## Instead
//! Move the actions that carry no tags (`ec2:DescribeInstances` acts on no one instance)
//! to a statement of their own without the tag condition, naming their resources by ARN
//! where they take one.

use super::{actions_of, clauses_of, holds_without_key};
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::{Effect, Policy};
use crate::vocabulary::Vocabulary;

pub const RULE: Rule = Rule { code: Code::ConditionTagUnsupported, applies_to: None, check: Check::Catalog(check) };

fn check(policy: &Policy, aws: &dyn Vocabulary, out: &mut Vec<Diagnostic>) {
    for st in &policy.statements {
        let Some(block) = st.action.as_ref().filter(|b| !b.negated) else { continue };
        let Some(effect) = st.effect else { continue };
        let tag_key =
            clauses_of(st).find(|(c, op)| c.key_lc.as_str().starts_with("aws:resourcetag/") && !holds_without_key(op));
        let Some((clause, _)) = tag_key else { continue };
        let key = &clause.key;
        for p in &block.patterns {
            let Some((service, covered)) = actions_of(&p.raw, aws) else { continue };
            let without: Vec<&str> = covered
                .iter()
                .copied()
                .filter(|a| aws.action_supports_key(&format!("{service}:{a}"), key) == Some(false))
                .collect();
            let (what, verb) = match effect {
                Effect::Deny => ("this `Deny` does not deny", "denied"),
                Effect::Allow => ("this `Allow` does not allow", "allowed"),
            };
            let message = match (without.as_slice(), covered.len()) {
                ([], _) => continue,
                ([one], 1) => format!("requests for `{service}:{one}` carry no `{key}`: {what} it"),
                (some, all) => format!(
                    "{} of the {all} actions `{}` covers carry no `{key}` (`{service}:{}`, …): {what} them",
                    some.len(),
                    p.raw,
                    some.first().copied().unwrap_or_default()
                ),
            };
            let them = if without.len() == 1 { "it" } else { "them" };
            let help = format!(
                "move {them} to a statement without the tag condition that names the resources, to be {verb} there (AWS's catalog: {})",
                aws.data_version()
            );
            let finding = match effect {
                Effect::Deny => Diagnostic::warning(RULE.code, p.span, message),
                Effect::Allow => Diagnostic::suggestion(RULE.code, p.span, message),
            };
            out.push(finding.with_help(help));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{catalog_run_on, pairs};

    fn found(effect: &str, actions: &str, operator: &str) -> Vec<(String, String)> {
        let text = format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "{effect}", "Action": {actions}, "Resource": "*", "Condition": {{"{operator}": {{"aws:ResourceTag/status": "locked"}}}}}}]}}"#
        );
        catalog_run_on(&text, super::check).0
    }

    #[test]
    fn flags_entries_whose_actions_carry_no_resource_tags() {
        assert_eq!(
            found("Deny", r#"["ec2:StopInstances", "s3:GetObject"]"#, "StringEquals"),
            pairs(&[("condition-tag-unsupported", "\"s3:GetObject\"")])
        );
        assert_eq!(
            found("Allow", r#""ec2:*""#, "StringLike"),
            pairs(&[("condition-tag-unsupported", "\"ec2:*\"")]),
            "RunInstances carries no aws:ResourceTag in the test catalog"
        );
    }

    #[test]
    fn accepts_supported_actions_unknown_ones_and_operators_that_hold_without_the_key() {
        assert_eq!(found("Deny", r#"["ec2:StopInstances", "ec2:StartInstances"]"#, "StringEquals"), []);
        assert_eq!(found("Deny", r#""s3:Frobnicate""#, "StringEquals"), []);
        assert_eq!(found("Deny", r#""s3:GetObject""#, "StringNotEquals"), []);
        assert_eq!(found("Deny", r#""*""#, "StringEquals"), []);
    }
}
