//! `principal-federated-resource` — warning, resource-based policies.
//!
//! ## What it flags
//! A `Federated` principal in a resource-based policy (a bucket, key, queue or topic
//! policy). Access Analyzer: "Federated principal not supported" (an error there).
//!
//! ## Why
//! An identity provider's users are never callers themselves: they assume a role first
//! (`AssumeRoleWithSAML`, `AssumeRoleWithWebIdentity`), and call as that role's session.
//! Only a role's trust policy names the provider; here it matches no request.
//!
//! ## Example
//! ```json
//! {"Effect": "Allow", "Principal": {"Federated": "accounts.google.com"},
//!  "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}
//! ```
//!
//! ## Instead
//! Name the role the provider's users assume:
//! `"Principal": {"AWS": "arn:aws:iam::111122223333:role/web-users"}`.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::{Policy, PolicyType, PrincipalValue};

pub const RULE: Rule =
    Rule { code: Code::PrincipalFederatedResource, applies_to: Some(PolicyType::Resource), check: Check::Text(check) };

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    let entries = policy.statements.iter().filter_map(|st| st.principal.as_ref()).flat_map(|p| &p.entries);
    for e in entries.filter(|e| matches!(e.value, PrincipalValue::Federated(_))) {
        out.push(
            Diagnostic::warning(
                RULE.code,
                e.span,
                "an identity provider's users never call as it: only a role's trust policy names one",
            )
            .with_help("name the role they assume (`arn:aws:iam::ACCOUNT:role/NAME`)"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{pairs, run_on, with_statement};

    fn found(principal: &str) -> Vec<(String, String)> {
        let st =
            format!(r#"{{"Effect": "Allow", "Principal": {principal}, "Action": "s3:GetObject", "Resource": "*"}}"#);
        run_on(&with_statement(&st), super::check)
    }

    #[test]
    fn flags_a_federated_principal() {
        assert_eq!(
            found(r#"{"Federated": "accounts.google.com"}"#),
            pairs(&[("principal-federated-resource", "\"accounts.google.com\"")])
        );
        assert_eq!(found(r#"{"AWS": "arn:aws:iam::111122223333:role/web-users"}"#), []);
    }
}
