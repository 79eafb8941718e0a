//! `action-unknown` — warning when a listed action is near (a typo), else suggestion; whatever the policy's use; needs AWS's catalog.
//!
//! ## What it flags
//! An action of a known service that AWS does not list, such as `s3:GetObjects` or
//! `ec2:RunInstance` (with the nearest action when there is one), and a pattern with
//! wildcards that covers none of the service's actions, such as `s3:Frob*`. API operation
//! names that are not IAM actions are the commonest case (`s3:ListBuckets` is allowed by
//! `s3:ListAllMyBuckets`). Without a near action it is a suggestion: AWS's own managed
//! policies name a few actions its Service Authorization Reference does not list (new,
//! retired or undocumented ones). Access Analyzer: "Invalid action" (error).
//!
//! ## Why
//! AWS matches actions as text: a statement about an action that does not exist never
//! applies, so an `Allow` grants nothing and the request ends in an implicit deny that
//! no message explains; a `Deny` protects nothing.
//!
//! ## Example
//! ```json
//! {"Effect": "Allow", "Action": "s3:GetObjects", "Resource": "arn:aws:s3:::reports/*"}
//! ```
//!
//! ## Instead
//! Name the action as the Service Authorization Reference lists it: `"Action":
//! "s3:GetObject"`. `iamplay expand 's3:Get*'` shows which actions a pattern covers.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::Policy;
use crate::vocabulary::{unlisted, Unlisted, Vocabulary};

pub const RULE: Rule = Rule { code: Code::ActionUnknown, applies_to: None, check: Check::Catalog(check) };

fn check(policy: &Policy, aws: &dyn Vocabulary, out: &mut Vec<Diagnostic>) {
    for block in policy.statements.iter().filter_map(|s| s.action.as_ref()) {
        // a variable in an action is an error of its own (`variable-not-allowed`)
        for p in block.patterns.iter().filter(|p| !p.raw.contains("${")) {
            let Some((service, action)) = p.raw.split_once(':') else { continue };
            if service.contains(['*', '?']) {
                continue;
            }
            let Some(name) = aws.service_name(service) else { continue }; // action-service-unknown
            if action.contains(['*', '?']) {
                if super::actions_of(&p.raw, aws).is_none() {
                    out.push(
                        Diagnostic::warning(RULE.code, p.span, format!("`{}` covers no action of {name}", p.raw))
                            .with_help(format!(
                                "`iamplay expand '{service}:*'` lists them (AWS's catalog: {})",
                                aws.data_version()
                            )),
                    );
                }
            } else if let Some(Unlisted::Action { near, .. }) = unlisted(aws, &p.raw) {
                let message = format!("{name} has no action `{action}`");
                let d = match near {
                    Some(a) => Diagnostic::warning(RULE.code, p.span, message)
                        .with_help(format!("did you mean `{service}:{a}`? (AWS's catalog: {})", aws.data_version())),
                    None => Diagnostic::suggestion(RULE.code, p.span, message).with_help(format!(
                        "AWS's catalog ({}) does not list it; a new, retired or undocumented action is not listed either",
                        aws.data_version()
                    )),
                };
                out.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{catalog_run_on, pairs};

    #[test]
    fn flags_an_action_aws_does_not_list_and_a_pattern_that_covers_none() {
        let text = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": ["s3:GetObjects", "S3:getobject", "s3:Get*", "s3:Frob*", "s4:GetObject"], "Resource": "*"}]}"#;
        let (found, helps) = catalog_run_on(text, super::check);
        assert_eq!(found, pairs(&[("action-unknown", "\"s3:GetObjects\""), ("action-unknown", "\"s3:Frob*\"")]));
        assert!(helps[0].starts_with("did you mean `s3:GetObject`?"), "{helps:?}");
    }
}
