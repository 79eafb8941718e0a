//! `condition-vpce-services` — warning.
//!
//! ## What it flags
//! A condition on `aws:VpceAccount`, `aws:VpceOrgPaths` or `aws:VpceOrgID` in a
//! statement whose actions reach services that do not set the key: an `Action` entry of
//! such a service (or `*`, or a wildcard service), `iam:PassRole`, or any `NotAction`.
//! The services are those the IAM User Guide lists for each key (2026: 39 for
//! `aws:VpceAccount` and `aws:VpceOrgPaths`, 52 for `aws:VpceOrgID`). Access Analyzer:
//! "Use condition key only with supported services" (general warning).
//!
//! ## Why
//! A request to another service never carries the key: a condition on it never holds
//! there (or, negated or with `IfExists`, always holds), whatever endpoint the request
//! came through.
//!
//! ## Example
//! ```json
//! {"Effect": "Deny", "Action": ["s3:*", "sns:Publish"], "Resource": "*",
//!  "Condition": {"StringNotEqualsIfExists": {"aws:VpceAccount": "111122223333"}}}
//! ```
//!
//! ## Instead
//! Scope the statement to the services that support the key, and guard the others
//! with `aws:SourceVpce`.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::Policy;

pub const RULE: Rule = Rule { code: Code::ConditionVpceServices, applies_to: None, check: Check::Text(check) };

/// The services that set `aws:VpceAccount` and `aws:VpceOrgPaths` (IAM User Guide,
/// "AWS global condition context keys", 2026); IAM does, except for `iam:PassRole`.
const VPCE_ACCOUNT: [&str; 39] = [
    "acm-pca",
    "applicationinsights",
    "apprunner",
    "athena",
    "cloudformation",
    "comprehendmedical",
    "compute-optimizer",
    "datasync",
    "discovery",
    "dynamodb",
    "ebs",
    "ecr",
    "ecs",
    "firehose",
    "gamelift",
    "healthlake",
    "iam",
    "iotfleetwise",
    "iotwireless",
    "kinesisanalytics",
    "kms",
    "lambda",
    "medical-imaging",
    "omics",
    "payment-cryptography",
    "polly",
    "rbin",
    "rekognition",
    "route53",
    "s3",
    "scheduler",
    "servicediscovery",
    "servicequotas",
    "shield",
    "ssm-contacts",
    "storagegateway",
    "textract",
    "transcribe",
    "transfer",
];

/// The services that set `aws:VpceOrgID` besides those above.
const VPCE_ORG_ID_MORE: [&str; 13] = [
    "b2bi",
    "cassandra",
    "cognito-identity",
    "dms",
    "ds-data",
    "identitystore",
    "iottwinmaker",
    "network-firewall",
    "pricing",
    "ses",
    "sms-voice",
    "sqs",
    "workmail",
];

fn supports(key: &str, service: &str) -> bool {
    let listed = |list: &[&str]| list.iter().any(|s| s.eq_ignore_ascii_case(service));
    listed(&VPCE_ACCOUNT) || (key.eq_ignore_ascii_case("aws:VpceOrgID") && listed(&VPCE_ORG_ID_MORE))
}

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for st in &policy.statements {
        let vpce_key = st.conditions.iter().find(|c| {
            ["aws:VpceAccount", "aws:VpceOrgPaths", "aws:VpceOrgID"].iter().any(|k| k.eq_ignore_ascii_case(&c.key))
        });
        let (Some(clause), Some(block)) = (vpce_key, st.action.as_ref()) else { continue };
        let key = &clause.key;
        let help = format!("scope this statement to the services that set `{key}` (the IAM User Guide lists them)");
        if block.negated {
            out.push(
                Diagnostic::warning(
                    RULE.code,
                    clause.key_span,
                    format!("`NotAction` reaches services that never set `{key}`"),
                )
                .with_help(help.clone()),
            );
            continue;
        }
        for p in &block.patterns {
            let service = p.raw.split_once(':').map_or("*", |(s, _)| s);
            let unsupported =
                service.contains(['*', '?']) || !supports(key, service) || p.raw.eq_ignore_ascii_case("iam:PassRole");
            if unsupported {
                out.push(
                    Diagnostic::warning(RULE.code, p.span, format!("requests for `{}` do not carry `{key}`", p.raw))
                        .with_help(help.clone()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{pairs, run_on};

    fn found(action: &str, key: &str) -> Vec<(String, String)> {
        run_on(
            &format!(
                r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Deny", {action}, "Resource": "*", "Condition": {{"StringNotEqualsIfExists": {{"{key}": "111122223333"}}}}}}]}}"#
            ),
            super::check,
        )
    }

    #[test]
    fn flags_services_that_do_not_set_the_key() {
        assert_eq!(
            found(r#""Action": ["s3:*", "sns:Publish", "iam:PassRole"]"#, "aws:VpceAccount"),
            pairs(&[("condition-vpce-services", "\"sns:Publish\""), ("condition-vpce-services", "\"iam:PassRole\"")])
        );
        assert_eq!(found(r#""Action": "*""#, "aws:VpceOrgPaths").len(), 1);
        assert_eq!(
            found(r#""NotAction": "s3:*""#, "aws:VpceOrgID"),
            pairs(&[("condition-vpce-services", "\"aws:VpceOrgID\"")])
        );
    }

    #[test]
    fn accepts_supported_services() {
        assert_eq!(found(r#""Action": ["s3:GetObject", "kms:Decrypt", "iam:GetRole"]"#, "aws:VpceAccount"), []);
        assert_eq!(found(r#""Action": "sqs:SendMessage""#, "aws:VpceOrgID"), []);
        assert_eq!(found(r#""Action": "sqs:SendMessage""#, "aws:SourceVpce"), []);
    }

    #[test]
    fn the_lists_are_sorted_and_apart() {
        assert!(super::VPCE_ACCOUNT.windows(2).all(|w| w[0] < w[1]));
        assert!(super::VPCE_ORG_ID_MORE.windows(2).all(|w| w[0] < w[1]));
        assert!(super::VPCE_ORG_ID_MORE.iter().all(|s| !super::VPCE_ACCOUNT.contains(s)));
    }
}
