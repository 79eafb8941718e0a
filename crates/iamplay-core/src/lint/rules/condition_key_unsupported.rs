//! `condition-key-unsupported` — warning, any policy; needs AWS's catalog.
//!
//! ## What it flags
//! A service's condition key that none of the statement's actions supports: `s3:prefix`
//! in a statement about `s3:GetObject` (only `s3:ListBucket` and its kin carry it),
//! `ec2:InstanceType` on `ec2:StopInstances`. A key is supported when the Service
//! Authorization Reference lists it for the action or for one of the action's resource
//! types. Global keys (`aws:…`) are not checked, nor statements with `NotAction`, an
//! action of an unknown service, or an action AWS's catalog does not list. Access
//! Analyzer: "Unsupported action for condition key" (an error there, reported for each
//! action without the key; here one warning when no action has it), and "Missing action
//! for condition key": the help names the service's actions that carry the key.
//!
//! ## Why
//! A request for those actions never carries the key, so the condition never matches: an
//! `Allow` grants nothing and a `Deny` protects nothing (a negated operator, or
//! `…IfExists`, makes it match every request instead).
//!
//! ## Example
//! ```json
//! {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*",
//!  "Condition": {"StringLike": {"s3:prefix": "2024/*"}}}
//! ```
//!
//! ## Instead
//! Put the condition on the actions that carry the key (`s3:ListBucket` on the bucket),
//! or limit the objects in `Resource` (`arn:aws:s3:::reports/2024/*`).

use super::{clauses_of, holds_without_key, listed_actions};
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::Policy;
use crate::vocabulary::Vocabulary;

pub const RULE: Rule = Rule { code: Code::ConditionKeyUnsupported, applies_to: None, check: Check::Catalog(check) };

fn check(policy: &Policy, aws: &dyn Vocabulary, out: &mut Vec<Diagnostic>) {
    for st in &policy.statements {
        let Some(actions) = listed_actions(st, aws) else { continue };
        for (c, op) in clauses_of(st) {
            if c.key.contains("${") || aws.is_global_key(&c.key) || aws.key_type(&c.key).is_none() {
                continue; // global, or unknown (`condition-key-unknown`)
            }
            if actions.iter().any(|(svc, a)| aws.action_supports_key(&format!("{svc}:{a}"), &c.key) != Some(false)) {
                continue;
            }
            let (shown, them) = match actions.as_slice() {
                [(svc, one)] => (format!("`{svc}:{one}` does not support"), "it"),
                many => (format!("none of this statement's {} actions supports", many.len()), "any of them"),
            };
            out.push(
                Diagnostic::warning(RULE.code, c.key_span, format!("{shown} the condition key `{}`", c.key)).with_help(
                    format!(
                        "a request for {them} never carries the key, so this condition {}{} (AWS's catalog: {})",
                        if holds_without_key(op) { "matches every request" } else { "never matches" },
                        carried_by(&c.key, aws),
                        aws.data_version()
                    ),
                ),
            );
        }
    }
}

/// The actions of the key's service that carry it, as help (`; it comes with
/// `s3:ListBucket`, …`), when there are a few.
fn carried_by(key: &str, aws: &dyn Vocabulary) -> String {
    let Some((service, _)) = key.split_once(':') else { return String::new() };
    let carrying: Vec<String> = aws
        .actions(service)
        .into_iter()
        .map(|a| format!("{service}:{a}"))
        .filter(|a| aws.action_supports_key(a, key) == Some(true))
        .collect();
    match carrying.as_slice() {
        [] => String::new(),
        [first, second, _, more @ ..] if !more.is_empty() => {
            format!("; requests for `{first}`, `{second}` and {} more actions carry it", more.len() + 1)
        }
        few => format!("; requests for `{}` carry it", few.join("`, `")),
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{catalog_run_on, pairs};

    fn statement(action: &str, condition: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": {action}, "Resource": "*", "Condition": {condition}}}]}}"#
        )
    }

    #[test]
    fn flags_a_key_none_of_the_actions_supports() {
        let (f, helps) =
            catalog_run_on(&statement(r#""s3:GetObject""#, r#"{"StringLike": {"s3:prefix": "a/*"}}"#), super::check);
        assert_eq!(f, pairs(&[("condition-key-unsupported", "\"s3:prefix\"")]));
        assert!(helps[0].contains("never matches"), "{helps:?}");
        assert!(helps[0].contains("requests for `s3:ListBucket` carry it"), "the action to add: {helps:?}");
        let (_, helps) =
            catalog_run_on(&statement(r#""s3:GetObject""#, r#"{"StringNotLike": {"s3:prefix": "a/*"}}"#), super::check);
        assert!(helps[0].contains("matches every request"), "a negated operator holds without its key: {helps:?}");
        let (f, _) = catalog_run_on(
            &statement(
                r#"["ec2:Stop*", "ec2:StartInstances"]"#,
                r#"{"StringEquals": {"ec2:InstanceType": "t3.micro"}}"#,
            ),
            super::check,
        );
        assert_eq!(f, pairs(&[("condition-key-unsupported", "\"ec2:InstanceType\"")]));
    }

    #[test]
    fn accepts_supported_global_and_unknowable_cases() {
        for (action, condition) in [
            (r#"["s3:GetObject", "s3:ListBucket"]"#, r#"{"StringLike": {"s3:prefix": "a/*"}}"#),
            (r#""s3:List*""#, r#"{"NumericLessThan": {"s3:max-keys": "10"}}"#),
            (r#""s3:GetObject""#, r#"{"StringEquals": {"s3:ExistingObjectTag/team": "a"}}"#),
            (r#""ec2:StartInstances""#, r#"{"StringEquals": {"ec2:ResourceTag/Owner": "${aws:username}"}}"#),
            (r#""s3:GetObject""#, r#"{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}"#),
            (r#""*""#, r#"{"StringLike": {"s3:prefix": "a/*"}}"#),
            (r#""s3:Frobnicate""#, r#"{"StringLike": {"s3:prefix": "a/*"}}"#),
            (r#""sqs:SendMessage""#, r#"{"StringLike": {"s3:prefix": "a/*"}}"#),
        ] {
            let (f, _) = catalog_run_on(&statement(action, condition), super::check);
            assert_eq!(f, [], "{action} {condition}");
        }
        let not_action = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": "s3:GetObject", "Resource": "*", "Condition": {"StringLike": {"s3:prefix": "a"}}}]}"#;
        assert_eq!(catalog_run_on(not_action, super::check).0, []);
    }
}
