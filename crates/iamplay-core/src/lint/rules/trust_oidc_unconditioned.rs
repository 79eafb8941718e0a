//! `trust-oidc-unconditioned` — warning, role trust policies.
//!
//! ## What it flags
//! A statement that lets an OpenID Connect identity provider's users assume the role (a
//! `Federated` principal that is an `oidc-provider/HOST` ARN, or a web identity provider
//! such as `accounts.google.com`) with no condition on that provider's keys (`HOST:aud`,
//! `HOST:sub`, …). For GitHub's provider (`token.actions.githubusercontent.com`): no
//! condition on its `:sub` key, or a `:sub` value with a wildcard in the repository.
//! Access Analyzer: "Missing condition key for oidc principal", "Missing github repo
//! condition key" (security warnings) and "Specific github repo and branch recommended"
//! (general warning).
//!
//! ## Why
//! Anyone can get a token from a public identity provider: without a condition on who the
//! token was issued to, every user of the provider, for GitHub every workflow of every
//! repository on GitHub, may assume the role.
//!
//! ## Example
//! ```json
//! {"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity",
//!  "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}}
//! ```
//!
//! ## Instead
//! Name the audience and the subject: `"Condition": {"StringEquals":
//! {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
//! "token.actions.githubusercontent.com:sub": "repo:my-org/my-repo:ref:refs/heads/main"}}`.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::{Effect, Policy, PolicyType, PrincipalValue};

pub const RULE: Rule =
    Rule { code: Code::TrustOidcUnconditioned, applies_to: Some(PolicyType::Trust), check: Check::Text(check) };

const GITHUB: &str = "token.actions.githubusercontent.com";

/// The OIDC provider's host a `Federated` value names, or None for a SAML provider.
fn oidc_host(federated: &str) -> Option<String> {
    let lower = federated.to_ascii_lowercase();
    if lower.contains(":saml-provider/") {
        return None;
    }
    match lower.split_once(":oidc-provider/") {
        Some((_, host)) => Some(host.to_string()),
        // the web identity providers AWS names directly: accounts.google.com, graph.facebook.com, …
        None => (!lower.starts_with("arn:") && lower.contains('.')).then_some(lower),
    }
}

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for st in policy.statements.iter().filter(|st| st.effect == Some(Effect::Allow)) {
        let Some(principal) = st.principal.as_ref().filter(|p| !p.negated) else { continue };
        for e in &principal.entries {
            let PrincipalValue::Federated(value) = &e.value else { continue };
            let Some(host) = oidc_host(value) else { continue };
            let on = |suffix: &str| {
                let key = format!("{host}:{suffix}");
                st.conditions.iter().filter(move |c| c.key.to_ascii_lowercase() == key)
            };
            let any_key = st.conditions.iter().any(|c| c.key.to_ascii_lowercase().starts_with(&format!("{host}:")));
            let problem = if host == GITHUB {
                let subjects: Vec<_> = on("sub").collect();
                if subjects.is_empty() {
                    Some((
                        "any repository's GitHub workflow may assume this role: no condition names the repository",
                        e.span,
                    ))
                } else {
                    subjects.iter().flat_map(|c| &c.values).find(|v| wide_repository(&v.raw)).map(|v| {
                        ("this `:sub` value lets every repository it matches assume the role, on any branch", v.span)
                    })
                }
            } else if !any_key {
                Some(("every user of this identity provider may assume this role: no condition on its keys", e.span))
            } else {
                None
            };
            if let Some((message, span)) = problem {
                out.push(Diagnostic::warning(RULE.code, span, message).with_help(format!(
                    "add conditions on `{host}:aud` and `{host}:sub` naming the audience and the subject (for GitHub, `repo:ORG/REPO:ref:refs/heads/BRANCH`)"
                )));
            }
        }
    }
}

/// A GitHub subject pattern with a wildcard in its repository (`repo:org/*`, `*`).
fn wide_repository(sub: &str) -> bool {
    let repository = sub.strip_prefix("repo:").map_or(sub, |rest| rest.split(':').next().unwrap_or(rest));
    repository.contains(['*', '?'])
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{pairs, run_on, with_statement};

    fn found(federated: &str, condition: &str) -> Vec<(String, String)> {
        let st = format!(
            r#"{{"Effect": "Allow", "Principal": {{"Federated": "{federated}"}}, "Action": "sts:AssumeRoleWithWebIdentity"{condition}}}"#
        );
        run_on(&with_statement(&st), super::check)
    }

    const GITHUB: &str = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";

    #[test]
    fn flags_github_without_a_repository_and_with_a_wide_one() {
        let aud =
            r#", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}"#;
        assert_eq!(found(GITHUB, aud), pairs(&[("trust-oidc-unconditioned", &format!("\"{GITHUB}\""))]));
        let wide = r#", "Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:my-org/*"}}"#;
        assert_eq!(found(GITHUB, wide), pairs(&[("trust-oidc-unconditioned", "\"repo:my-org/*\"")]));
    }

    #[test]
    fn flags_other_providers_without_any_of_their_keys() {
        assert_eq!(found("accounts.google.com", "").len(), 1);
        assert_eq!(
            found("arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC", "").len(),
            1
        );
    }

    #[test]
    fn accepts_named_repositories_conditioned_providers_and_saml() {
        let repo =
            r#", "Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:my-org/my-repo:*"}}"#;
        assert_eq!(found(GITHUB, repo), []);
        let google = r#", "Condition": {"StringEquals": {"accounts.google.com:aud": "my-client-id"}}"#;
        assert_eq!(found("accounts.google.com", google), []);
        assert_eq!(found("arn:aws:iam::111122223333:saml-provider/Okta", ""), []);
    }
}
