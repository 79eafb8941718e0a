//! `trust-principal-redundant` — suggestion, role trust policies.
//!
//! ## What it flags
//! An assumed-role session (`arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`) in a
//! statement's `Principal` beside the role it is a session of
//! (`arn:aws:iam::ACCOUNT:role/ROLE`). Access Analyzer: "Redundant principal in role
//! trust policy" (suggestion).
//!
//! ## Why
//! A role's principal covers every session of that role, so the session adds nothing
//! but a line to keep in step with the role.
//!
//! ## Example
//! ```json
//! "Principal": {"AWS": ["arn:aws:iam::111122223333:role/deployer",
//!                       "arn:aws:sts::111122223333:assumed-role/deployer/ci"]}
//! ```
//!
//! ## Instead
//! The role alone: `"Principal": {"AWS": "arn:aws:iam::111122223333:role/deployer"}`.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::{ArnKind, Policy, PolicyType, PrincipalValue};

pub const RULE: Rule =
    Rule { code: Code::TrustPrincipalRedundant, applies_to: Some(PolicyType::Trust), check: Check::Text(check) };

/// (account, role name) of a role ARN (the name without its path) or an assumed-role ARN.
fn role_of(kind: ArnKind, account: &str, arn: &str) -> Option<(String, String)> {
    let resource = arn.splitn(6, ':').nth(5)?;
    let name = match kind {
        ArnKind::Role => resource.strip_prefix("role/")?.rsplit('/').next()?,
        ArnKind::AssumedRole => resource.strip_prefix("assumed-role/")?.split('/').next()?,
        _ => return None,
    };
    Some((account.to_string(), name.to_string()))
}

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for principal in policy.statements.iter().filter_map(|st| st.principal.as_ref()).filter(|p| !p.negated) {
        let roles: Vec<(String, String)> = principal
            .entries
            .iter()
            .filter_map(|e| match &e.value {
                PrincipalValue::Arn { kind: ArnKind::Role, account, arn } => role_of(ArnKind::Role, account, arn),
                _ => None,
            })
            .collect();
        for e in &principal.entries {
            let PrincipalValue::Arn { kind: ArnKind::AssumedRole, account, arn } = &e.value else { continue };
            let Some(role) = role_of(ArnKind::AssumedRole, account, arn) else { continue };
            if roles.contains(&role) {
                out.push(
                    Diagnostic::suggestion(
                        RULE.code,
                        e.span,
                        format!("the role `{}` beside it already covers every session of it", role.1),
                    )
                    .with_help("keep the role's ARN alone"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{pairs, run_on, with_statement};

    fn found(aws: &str) -> Vec<(String, String)> {
        let st = format!(r#"{{"Effect": "Allow", "Principal": {{"AWS": {aws}}}, "Action": "sts:AssumeRole"}}"#);
        run_on(&with_statement(&st), super::check)
    }

    #[test]
    fn flags_a_session_beside_its_role() {
        let f = found(
            r#"["arn:aws:iam::111122223333:role/ops/deployer", "arn:aws:sts::111122223333:assumed-role/deployer/ci"]"#,
        );
        assert_eq!(
            f,
            pairs(&[("trust-principal-redundant", "\"arn:aws:sts::111122223333:assumed-role/deployer/ci\"")])
        );
    }

    #[test]
    fn accepts_sessions_of_other_roles_or_accounts() {
        assert_eq!(
            found(
                r#"["arn:aws:iam::111122223333:role/deployer", "arn:aws:sts::111122223333:assumed-role/builder/ci"]"#
            ),
            []
        );
        assert_eq!(
            found(
                r#"["arn:aws:iam::111122223333:role/deployer", "arn:aws:sts::444455556666:assumed-role/deployer/ci"]"#
            ),
            []
        );
        assert_eq!(found(r#""arn:aws:sts::111122223333:assumed-role/deployer/ci""#), []);
    }
}
