//! `passrole-wide` — warning, identity-based policies.
//!
//! ## What it flags
//! An `Allow` statement that grants `iam:PassRole` (by name, by a wildcard such as
//! `iam:*`, or through a `NotAction` that does not exclude it) on `"Resource": "*"` or
//! with `NotResource`, without an `iam:PassedToService` condition that says which service
//! the roles may be passed to. Access Analyzer: the "Pass role with …" security warnings
//! (star in resource, NotResource, NotAction and their combinations), which name the
//! same two remedies.
//!
//! ## Why
//! Passing a role hands its permissions to a service: whoever may pass every role may
//! launch an instance or a function with the most powerful role of the account, and so
//! act with that role's permissions.
//!
//! ## Example
//! ```json
//! {"Effect": "Allow", "Action": ["ec2:RunInstances", "iam:PassRole"], "Resource": "*"}
//! ```
//!
//! ## Instead
//! List the roles that may be passed, and name the service they are passed to:
//! `{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/web",
//! "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}}`.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::{Policy, PolicyType};

pub const RULE: Rule =
    Rule { code: Code::PassroleWide, applies_to: Some(PolicyType::Identity), check: Check::Text(check) };

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for st in &policy.statements {
        // naming the service the roles may be passed to is the documented mitigation
        let to_service = super::has_condition_on(st, "iam:PassedToService");
        if super::allows_action(st, "iam:passrole") && super::on_every_resource(st) && !to_service {
            out.push(
                Diagnostic::warning(
                    RULE.code,
                    st.members.resource.or(st.members.not_resource).unwrap_or(st.span),
                    "`iam:PassRole` is allowed on every role",
                )
                .with_help("list the role ARNs that may be passed, and add an `iam:PassedToService` condition"),
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
    fn flags_passrole_on_every_role() {
        let f = found(r#"{"Effect": "Allow", "Action": ["ec2:RunInstances", "iam:PassRole"], "Resource": "*"}"#);
        assert_eq!(f, pairs(&[("passrole-wide", "\"Resource\"")]));
        assert_eq!(found(r#"{"Effect": "Allow", "Action": "iam:*", "NotResource": "arn:aws:iam::1:role/x"}"#).len(), 1);
        // a NotAction that does not exclude it grants it too
        assert_eq!(found(r#"{"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}"#).len(), 1);
        assert_eq!(found(r#"{"Effect": "Allow", "NotAction": "s3:*", "NotResource": "arn:aws:s3:::b"}"#).len(), 1);
    }

    #[test]
    fn accepts_listed_roles_denies_and_other_actions() {
        assert_eq!(
            found(r#"{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/web"}"#),
            []
        );
        assert_eq!(found(r#"{"Effect": "Deny", "Action": "iam:PassRole", "Resource": "*"}"#), []);
        assert_eq!(found(r#"{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}"#), []);
        assert_eq!(found(r#"{"Effect": "Allow", "NotAction": ["s3:*", "iam:*"], "Resource": "*"}"#), []);
        let to_ec2 = r#"{"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}"#;
        assert_eq!(
            found(&format!(
                r#"{{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {to_ec2}}}"#
            )),
            []
        );
    }
}
