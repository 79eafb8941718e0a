//! `action-service-unknown` — warning when a known prefix is near (a typo), else suggestion; whatever the policy's use; needs AWS's catalog.
//!
//! ## What it flags
//! An action (in `Action` or `NotAction`) whose service prefix AWS does not have, such as
//! `s4:GetObject` or `ec2-instance:StartInstances`, with the nearest prefix when there is
//! one. Without a near prefix it is a suggestion: a retired service (AWS's own older
//! managed policies still name `deepracer:*`) is not in the catalog either. Access
//! Analyzer: "Invalid service in action" (error).
//!
//! ## Why
//! AWS accepts the policy and matches the text as written, so a statement about an action
//! of no service never applies: an `Allow` grants nothing (a silent implicit deny) and a
//! `Deny` protects nothing.
//!
//! ## Example
//! ```json
//! {"Effect": "Allow", "Action": "s4:GetObject", "Resource": "arn:aws:s3:::reports/*"}
//! ```
//!
//! ## Instead
//! Write the service's prefix as the Service Authorization Reference gives it:
//! `"Action": "s3:GetObject"` (`iamplay expand 's3:*'` lists a service's actions).

use crate::code::Code;
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::lint::{Check, Rule};
use crate::policy::Policy;
use crate::vocabulary::Vocabulary;

pub const RULE: Rule = Rule { code: Code::ActionServiceUnknown, applies_to: None, check: Check::Catalog(check) };

fn check(policy: &Policy, aws: &dyn Vocabulary, out: &mut Vec<Diagnostic>) {
    for block in policy.statements.iter().filter_map(|s| s.action.as_ref()) {
        // a variable in an action is an error of its own (`variable-not-allowed`)
        for p in block.patterns.iter().filter(|p| !p.raw.contains("${")) {
            let Some((service, _)) = p.raw.split_once(':') else { continue };
            if service.contains(['*', '?']) || aws.service_name(service).is_some() {
                continue;
            }
            let message = format!("AWS has no service with the prefix `{service}`");
            let d = match did_you_mean(service, aws.prefixes()) {
                Some(n) => Diagnostic::warning(RULE.code, p.span, message)
                    .with_help(format!("did you mean `{n}`? (AWS's catalog: {})", aws.data_version())),
                None => Diagnostic::suggestion(RULE.code, p.span, message).with_help(format!(
                    "AWS's catalog ({}) does not list it; a retired service is not listed either",
                    aws.data_version()
                )),
            };
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{catalog_run_on, pairs};

    #[test]
    fn flags_a_prefix_aws_does_not_have_and_names_the_nearest() {
        let text = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s4:GetObject", "s3:GetObject", "S3:Get*", "*:List*", "zzzzzz:Do"], "Resource": "*"}]}"#;
        let (found, helps) = catalog_run_on(text, super::check);
        assert_eq!(
            found,
            pairs(&[("action-service-unknown", "\"s4:GetObject\""), ("action-service-unknown", "\"zzzzzz:Do\"")])
        );
        assert!(helps[0].starts_with("did you mean `s3`?"), "{helps:?}");
        assert!(helps[1].contains("does not list it"), "{helps:?}");
    }
}
