//! `principal-federated-format` — warning, role trust policies.
//!
//! ## What it flags
//! A `Federated` principal that is neither an identity provider's ARN
//! (`arn:aws:iam::ACCOUNT:saml-provider/NAME`, `arn:aws:iam::ACCOUNT:oidc-provider/HOST`)
//! nor the domain name of a web identity provider (`accounts.google.com`,
//! `cognito-identity.amazonaws.com`, `graph.facebook.com`, `www.amazon.com`). Access
//! Analyzer: "Invalid federated principal syntax in role trust policy" (an error there).
//!
//! ## Why
//! Federated users reach a role through the provider the account registered, which the
//! trust policy names by its ARN (or a web identity provider by its domain): any other
//! value, such as a provider's name alone or its metadata URL, matches no caller.
//!
//! ## Example
//! ```json
//! "Principal": {"Federated": "Okta"}
//! ```
//!
//! ## Instead
//! The provider's ARN: `"Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/Okta"}`.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::{Policy, PolicyType, PrincipalValue};

pub const RULE: Rule =
    Rule { code: Code::PrincipalFederatedFormat, applies_to: Some(PolicyType::Trust), check: Check::Text(check) };

/// `arn:PARTITION:iam::ACCOUNT:saml-provider/NAME` or `…:oidc-provider/HOST`, or a domain name.
fn is_provider(value: &str) -> bool {
    let parts: Vec<&str> = value.splitn(6, ':').collect();
    if let [arn, partition, "iam", "", account, resource] = parts.as_slice() {
        let named = resource.strip_prefix("saml-provider/").or_else(|| resource.strip_prefix("oidc-provider/"));
        return *arn == "arn"
            && partition.starts_with("aws")
            && account.len() == 12
            && account.bytes().all(|b| b.is_ascii_digit())
            && named.is_some_and(|n| !n.is_empty());
    }
    let labels: Vec<&str> = value.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
}

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    let entries = policy.statements.iter().filter_map(|st| st.principal.as_ref()).flat_map(|p| &p.entries);
    for e in entries {
        let PrincipalValue::Federated(value) = &e.value else { continue };
        if value == "*" || is_provider(value) {
            continue;
        }
        out.push(
            Diagnostic::warning(RULE.code, e.span, format!("`{value}` is not an identity provider's ARN or domain: it matches no caller"))
                .with_help("name the provider by its ARN, such as `arn:aws:iam::111122223333:saml-provider/NAME`, or a web identity provider by its domain"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{pairs, run_on, with_statement};

    fn found(federated: &str) -> Vec<(String, String)> {
        let st = format!(
            r#"{{"Effect": "Allow", "Principal": {{"Federated": "{federated}"}}, "Action": "sts:AssumeRoleWithSAML"}}"#
        );
        run_on(&with_statement(&st), super::check)
    }

    #[test]
    fn flags_values_that_name_no_provider() {
        assert_eq!(found("Okta"), pairs(&[("principal-federated-format", "\"Okta\"")]));
        assert_eq!(found("arn:aws:iam::111122223333:role/Okta").len(), 1);
        assert_eq!(found("https://accounts.google.com").len(), 1);
    }

    #[test]
    fn accepts_provider_arns_and_domains() {
        for ok in [
            "arn:aws:iam::111122223333:saml-provider/Okta",
            "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC",
            "accounts.google.com",
            "cognito-identity.amazonaws.com",
        ] {
            assert_eq!(found(ok), [], "{ok}");
        }
    }
}
