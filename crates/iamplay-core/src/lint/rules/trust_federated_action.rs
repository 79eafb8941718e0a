//! `trust-federated-action` — warning, role trust policies.
//!
//! ## What it flags
//! An action that a statement's identity provider cannot use: `sts:AssumeRoleWithSAML`
//! with an OpenID Connect provider (`oidc-provider/…` or a web identity provider such as
//! `accounts.google.com`), `sts:AssumeRoleWithWebIdentity` with a SAML provider
//! (`saml-provider/…`). Access Analyzer: "Mismatched action for principal" (an error
//! there).
//!
//! ## Why
//! A SAML provider's users call `AssumeRoleWithSAML`, an OIDC provider's users
//! `AssumeRoleWithWebIdentity`: the other action never comes from them, so a statement
//! that allows only it lets nobody assume the role.
//!
//! ## Example
//! ```json
//! {"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity",
//!  "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/Okta"}}
//! ```
//!
//! ## Instead
//! The provider's own action: `"Action": "sts:AssumeRoleWithSAML"` for a SAML provider.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::{Policy, PolicyType, PrincipalValue};

pub const RULE: Rule =
    Rule { code: Code::TrustFederatedAction, applies_to: Some(PolicyType::Trust), check: Check::Text(check) };

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for st in &policy.statements {
        let (Some(principal), Some(actions)) = (st.principal.as_ref(), st.action.as_ref()) else { continue };
        if principal.negated || actions.negated {
            continue;
        }
        let federated: Vec<String> = principal
            .entries
            .iter()
            .filter_map(|e| match &e.value {
                PrincipalValue::Federated(v) => Some(v.to_ascii_lowercase()),
                _ => None,
            })
            .collect();
        let saml = federated.iter().any(|f| f.contains(":saml-provider/"));
        let oidc = federated.iter().any(|f| !f.contains(":saml-provider/"));
        for a in &actions.patterns {
            let action = a.raw.to_ascii_lowercase();
            let (mismatch, right) = match action.as_str() {
                "sts:assumerolewithsaml" if oidc => ("an OpenID Connect provider", "sts:AssumeRoleWithWebIdentity"),
                "sts:assumerolewithwebidentity" if saml => ("a SAML provider", "sts:AssumeRoleWithSAML"),
                _ => continue,
            };
            out.push(
                Diagnostic::warning(RULE.code, a.span, format!("`{}` never comes from {mismatch}'s users", a.raw))
                    .with_help(format!("{mismatch}'s users call `{right}`")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{pairs, run_on, with_statement};

    fn found(federated: &str, action: &str) -> Vec<(String, String)> {
        let st = format!(r#"{{"Effect": "Allow", "Principal": {{"Federated": "{federated}"}}, "Action": {action}}}"#);
        run_on(&with_statement(&st), super::check)
    }

    const SAML: &str = "arn:aws:iam::111122223333:saml-provider/Okta";
    const OIDC: &str = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";

    #[test]
    fn flags_the_other_providers_action() {
        let f = found(SAML, r#""sts:AssumeRoleWithWebIdentity""#);
        assert_eq!(f, pairs(&[("trust-federated-action", "\"sts:AssumeRoleWithWebIdentity\"")]));
        assert_eq!(found(OIDC, r#"["sts:AssumeRoleWithSAML", "sts:TagSession"]"#).len(), 1);
        assert_eq!(found("accounts.google.com", r#""sts:AssumeRoleWithSAML""#).len(), 1);
    }

    #[test]
    fn accepts_each_providers_own_action() {
        assert_eq!(found(SAML, r#"["sts:AssumeRoleWithSAML", "sts:TagSession"]"#), []);
        assert_eq!(found(OIDC, r#""sts:AssumeRoleWithWebIdentity""#), []);
    }
}
