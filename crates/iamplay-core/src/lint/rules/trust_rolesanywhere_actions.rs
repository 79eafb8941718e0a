//! `trust-rolesanywhere-actions` — warning, role trust policies.
//!
//! ## What it flags
//! A statement that trusts `rolesanywhere.amazonaws.com` without allowing all three
//! actions IAM Roles Anywhere needs: `sts:AssumeRole`, `sts:SetSourceIdentity` and
//! `sts:TagSession`. Access Analyzer: "Missing action for roles anywhere trust policy"
//! (an error there).
//!
//! ## Why
//! IAM Roles Anywhere sets the session's source identity and tags from the caller's
//! certificate when it assumes the role: without the two other actions its `AssumeRole`
//! is refused, and no workload outside AWS gets credentials for the role.
//!
//! ## Example
//! ```json
//! {"Effect": "Allow", "Principal": {"Service": "rolesanywhere.amazonaws.com"}, "Action": "sts:AssumeRole"}
//! ```
//!
//! ## Instead
//! `"Action": ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"]`.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::{Effect, Policy, PolicyType, PrincipalValue};

pub const RULE: Rule =
    Rule { code: Code::TrustRolesanywhereActions, applies_to: Some(PolicyType::Trust), check: Check::Text(check) };

const NEEDED: [&str; 3] = ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"];

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for st in policy.statements.iter().filter(|st| st.effect == Some(Effect::Allow)) {
        let Some(principal) = st.principal.as_ref().filter(|p| !p.negated) else { continue };
        let trusts = principal
            .entries
            .iter()
            .find(|e| matches!(&e.value, PrincipalValue::Service(s) if s == "rolesanywhere.amazonaws.com"));
        let Some(entry) = trusts else { continue };
        let missing: Vec<&str> =
            NEEDED.into_iter().filter(|a| !super::allows_action(st, &a.to_ascii_lowercase())).collect();
        if missing.is_empty() {
            continue;
        }
        let list = missing.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ");
        out.push(
            Diagnostic::warning(
                RULE.code,
                st.members.action.unwrap_or(entry.span),
                format!("IAM Roles Anywhere also needs {list} to assume this role"),
            )
            .with_help("allow `sts:AssumeRole`, `sts:SetSourceIdentity` and `sts:TagSession`"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{pairs, run_on, with_statement};

    fn found(action: &str) -> Vec<(String, String)> {
        let st = format!(
            r#"{{"Effect": "Allow", "Principal": {{"Service": "rolesanywhere.amazonaws.com"}}, "Action": {action}}}"#
        );
        run_on(&with_statement(&st), super::check)
    }

    #[test]
    fn flags_a_missing_action() {
        assert_eq!(found(r#""sts:AssumeRole""#), pairs(&[("trust-rolesanywhere-actions", "\"Action\"")]));
        assert_eq!(found(r#"["sts:AssumeRole", "sts:TagSession"]"#).len(), 1);
    }

    #[test]
    fn accepts_all_three_or_a_wildcard_and_other_services() {
        assert_eq!(found(r#"["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"]"#), []);
        assert_eq!(found(r#""sts:*""#), []);
        let ec2 = r#"{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}"#;
        assert_eq!(run_on(&format!(r#"{{"Version": "2012-10-17", "Statement": [{ec2}]}}"#), super::check), []);
    }
}
