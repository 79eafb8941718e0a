//! `create-slr-wide` — warning, identity-based policies.
//!
//! ## What it flags
//! An `Allow` statement that grants `iam:CreateServiceLinkedRole` (by name, by a wildcard
//! such as `iam:*`, or through a `NotAction` that does not exclude it) on
//! `"Resource": "*"` or with `NotResource`, without an `iam:AWSServiceName` condition that
//! says for which services. Access Analyzer: the six "Create SLR with …" general warnings
//! (star in resource, NotResource, NotAction and their combinations).
//!
//! ## Why
//! A service-linked role has the permissions its service defines: whoever may create the
//! role of every service may give any service those permissions in the account, far more
//! than the one service the statement was probably written for.
//!
//! ## Example
//! ```json
//! {"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "Resource": "*"}
//! ```
//!
//! ## Instead
//! Name the service: `"Condition": {"StringEquals": {"iam:AWSServiceName":
//! "elasticbeanstalk.amazonaws.com"}}`, or the role's ARN under
//! `arn:aws:iam::*:role/aws-service-role/SERVICE/` in `Resource`.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::{Policy, PolicyType};

pub const RULE: Rule =
    Rule { code: Code::CreateSlrWide, applies_to: Some(PolicyType::Identity), check: Check::Text(check) };

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for st in &policy.statements {
        let for_service = super::has_condition_on(st, "iam:AWSServiceName");
        if super::allows_action(st, "iam:createservicelinkedrole") && super::on_every_resource(st) && !for_service {
            out.push(
                Diagnostic::warning(
                    RULE.code,
                    st.members.resource.or(st.members.not_resource).unwrap_or(st.span),
                    "`iam:CreateServiceLinkedRole` is allowed for every service",
                )
                .with_help("add an `iam:AWSServiceName` condition naming the services whose roles may be created"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{pairs, run_on};

    fn found(statement: &str) -> Vec<(String, String)> {
        run_on(&format!(r#"{{"Version": "2012-10-17", "Statement": [{statement}]}}"#), super::check)
    }

    #[test]
    fn flags_every_form_access_analyzer_lists() {
        let slr = r#"{"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "Resource": "*"}"#;
        assert_eq!(found(slr), pairs(&[("create-slr-wide", "\"Resource\"")]));
        for st in [
            r#"{"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "NotResource": "arn:aws:iam::1:role/x"}"#,
            r#"{"Effect": "Allow", "Action": "iam:*", "NotResource": "arn:aws:iam::1:role/x"}"#,
            r#"{"Effect": "Allow", "NotAction": "s3:*", "NotResource": "arn:aws:s3:::b"}"#,
            r#"{"Effect": "Allow", "Action": "*", "Resource": "*"}"#,
            r#"{"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}"#,
        ] {
            assert_eq!(found(st).len(), 1, "{st}");
        }
    }

    #[test]
    fn accepts_a_named_service_a_role_arn_a_deny_and_other_actions() {
        let named = r#"{"StringEquals": {"iam:AWSServiceName": "elasticbeanstalk.amazonaws.com"}}"#;
        let with = format!(
            r#"{{"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "Resource": "*", "Condition": {named}}}"#
        );
        assert_eq!(found(&with), []);
        let arn = "arn:aws:iam::*:role/aws-service-role/elasticbeanstalk.amazonaws.com/*";
        assert_eq!(
            found(&format!(r#"{{"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "Resource": "{arn}"}}"#)),
            []
        );
        assert_eq!(found(r#"{"Effect": "Deny", "Action": "iam:CreateServiceLinkedRole", "Resource": "*"}"#), []);
        assert_eq!(found(r#"{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}"#), []);
        assert_eq!(found(r#"{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}"#), []);
    }
}
