//! `resource-service-unrestricted` — warning, resource-based policies.
//!
//! ## What it flags
//! An `Allow` statement of a resource-based policy (a bucket, key, queue or topic
//! policy) whose `Principal` is an AWS service, with no condition on `aws:SourceArn`,
//! `aws:SourceAccount`, `aws:SourceOrgID` or `aws:SourceOrgPaths` (a condition on another
//! key, such as `aws:Referer`, is named as no restriction of the source). Access Analyzer:
//! "Restrict access to service principal" (security warning) and "Recommended condition
//! key for service principal" (suggestion).
//!
//! ## Why
//! A service acts for every one of its customers: without a condition naming on whose
//! behalf it comes, another account can have the service use this resource for them
//! (the confused deputy problem), for example deliver its logs into this bucket.
//!
//! ## Example
//! ```json
//! {"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
//!  "Action": "s3:PutObject", "Resource": "arn:aws:s3:::trail-logs/*"}
//! ```
//!
//! ## Instead
//! Name the source: `"Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}`,
//! or `aws:SourceArn` with the ARN of the trail, rule or topic that acts.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::{Effect, Policy, PolicyType, PrincipalValue};

pub const RULE: Rule =
    Rule { code: Code::ResourceServiceUnrestricted, applies_to: Some(PolicyType::Resource), check: Check::Text(check) };

const SOURCE_KEYS: [&str; 4] = ["aws:SourceArn", "aws:SourceAccount", "aws:SourceOrgID", "aws:SourceOrgPaths"];

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for st in policy.statements.iter().filter(|st| st.effect == Some(Effect::Allow)) {
        let Some(principal) = st.principal.as_ref().filter(|p| !p.negated) else { continue };
        if SOURCE_KEYS.iter().any(|k| super::has_condition_on(st, k)) {
            continue;
        }
        // a condition on another key (`aws:Referer`) is no restriction of the source
        let other = st.conditions.first().map(|c| &c.key);
        for e in principal.entries.iter().filter(|e| matches!(e.value, PrincipalValue::Service(_))) {
            let why = match other {
                Some(key) => format!("`{key}` does not name the source account or resource"),
                None => "no condition names the source account or resource".to_string(),
            };
            out.push(
                Diagnostic::warning(
                    RULE.code,
                    e.span,
                    format!("`{}` may act here for any of its customers: {why}", e.raw),
                )
                .with_help("add a condition on `aws:SourceAccount` or `aws:SourceArn`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{pairs, run_on, with_statement};

    fn found(condition: &str) -> Vec<(String, String)> {
        let st = format!(
            r#"{{"Effect": "Allow", "Principal": {{"Service": "cloudtrail.amazonaws.com"}}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::logs/*"{condition}}}"#
        );
        run_on(&with_statement(&st), super::check)
    }

    #[test]
    fn flags_a_service_with_no_source_condition() {
        assert_eq!(found(""), pairs(&[("resource-service-unrestricted", "\"cloudtrail.amazonaws.com\"")]));
        assert_eq!(found(r#", "Condition": {"Bool": {"aws:SecureTransport": "true"}}"#).len(), 1);
        let referer = r#"{"Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"}, "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringLike": {"aws:Referer": "https://example.com/*"}}}"#;
        let json = crate::json::parse(
            &format!(r#"{{"Version": "2012-10-17", "Statement": [{referer}]}}"#),
            crate::source::SourceId::File,
        )
        .unwrap();
        let mut out = Vec::new();
        super::check(&crate::policy::parse_policy(&json, ""), &mut out);
        assert!(out[0].message.contains("`aws:Referer` does not name the source"), "{:?}", out[0].message);
    }

    #[test]
    fn accepts_a_source_condition_and_other_principals() {
        assert_eq!(found(r#", "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}"#), []);
        assert_eq!(
            found(r#", "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:cloudtrail:*:111122223333:trail/*"}}"#),
            []
        );
        let account =
            r#"{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "*"}"#;
        assert_eq!(run_on(&format!(r#"{{"Version": "2012-10-17", "Statement": [{account}]}}"#), super::check), []);
    }
}
