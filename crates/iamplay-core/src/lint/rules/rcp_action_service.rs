//! `rcp-action-service` — warning, resource control policies.
//!
//! ## What it flags
//! An `Action` entry of an RCP whose service is not one of those RCPs apply to (62
//! service prefixes in the AWS Organizations guide's list as of 2026: `s3`, `sts`,
//! `kms`, `sqs`, `secretsmanager`, `dynamodb`, `logs`, `ecr`, …). Access Analyzer: "RCP
//! syntax error action" (an error there; a warning here, because AWS adds services to
//! the list).
//!
//! ## Why
//! An RCP restricts only the resources of the services that support RCPs: an entry for
//! another service is refused by AWS Organizations, or does nothing.
//!
//! ## Example
//! ```json
//! {"Effect": "Deny", "Principal": "*", "Action": "lambda:InvokeFunction", "Resource": "*"}
//! ```
//!
//! ## Instead
//! Restrict that service's resources with its resource-based policies, or with an SCP
//! on the callers.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::{Policy, PolicyType};

pub const RULE: Rule =
    Rule { code: Code::RcpActionService, applies_to: Some(PolicyType::Rcp), check: Check::Text(check) };

/// The services RCPs apply to: AWS Organizations User Guide, "List of AWS services that
/// support RCPs" (orgs_manage_policies_rcps.html#rcp-supported-services), 2026.
const SUPPORTED: [&str; 62] = [
    "aoss",
    "appconfig",
    "appstream",
    "autoscaling",
    "autoscaling-plans",
    "budgets",
    "clouddirectory",
    "cloudfront",
    "cloudsearch",
    "cloudtrail-data",
    "codeartifact",
    "codebuild",
    "codecommit",
    "codepipeline",
    "cognito-identity",
    "cognito-idp",
    "comprehend",
    "comprehendmedical",
    "compute-optimizer",
    "cost-optimization-hub",
    "dax",
    "dsql",
    "dynamodb",
    "ecr",
    "ecr-public",
    "events",
    "firehose",
    "fis",
    "fms",
    "gamelift",
    "health",
    "inspector-scan",
    "kendra",
    "kinesisvideo",
    "kms",
    "logs",
    "memorydb",
    "networkmonitor",
    "notifications",
    "opensearch",
    "pca-connector-ad",
    "personalize",
    "polly",
    "pricing",
    "resource-groups",
    "rolesanywhere",
    "s3",
    "secretsmanager",
    "servicediscovery",
    "signin",
    "sqs",
    "sts",
    "support",
    "swf",
    "textract",
    "timestream-influxdb",
    "transcribe",
    "transfer",
    "translate",
    "wafv2",
    "workspaces",
    "xray",
];

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for st in &policy.statements {
        let Some(block) = st.action.as_ref().filter(|b| !b.negated) else { continue };
        for p in &block.patterns {
            let Some((service, _)) = p.raw.split_once(':') else { continue };
            if service.contains(['*', '?', '$']) || SUPPORTED.iter().any(|s| s.eq_ignore_ascii_case(service)) {
                continue;
            }
            out.push(
                Diagnostic::warning(RULE.code, p.span, format!("RCPs do not apply to `{service}`: this entry restricts nothing"))
                    .with_help("RCPs cover the services AWS Organizations lists (s3, sts, kms, sqs, secretsmanager, dynamodb, …); restrict this one with its resource policies or an SCP"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{pairs, run_on};

    fn found(actions: &str) -> Vec<(String, String)> {
        run_on(
            &format!(
                r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Deny", "Principal": "*", "Action": {actions}, "Resource": "*"}}]}}"#
            ),
            super::check,
        )
    }

    #[test]
    fn flags_services_rcps_do_not_cover() {
        assert_eq!(
            found(r#"["s3:GetObject", "lambda:InvokeFunction"]"#),
            pairs(&[("rcp-action-service", "\"lambda:InvokeFunction\"")])
        );
    }

    #[test]
    fn accepts_supported_services_and_wildcards() {
        assert_eq!(found(r#"["s3:*", "STS:AssumeRole", "kms:Decrypt", "dynamodb:GetItem", "*"]"#), []);
    }

    #[test]
    fn the_list_is_sorted_and_has_no_repeats() {
        assert!(super::SUPPORTED.windows(2).all(|w| w[0] < w[1]));
    }
}
