//! `principal-unique-id` — warning, any policy.
//!
//! ## What it flags
//! A user's or role's unique ID (`AIDA…`, `AROA…`) in `Principal`. Access Analyzer:
//! "Invalid user reference" and "Invalid role reference" (general warnings).
//!
//! ## Why
//! A policy names users and roles by ARN. AWS shows the unique ID in their place when the
//! user or role was deleted: the ID is that of the principal that no longer exists, and a
//! user or role made again with the same name has a new one, so the statement matches
//! nobody.
//!
//! ## Example
//! ```json
//! "Principal": {"AWS": "AROAEXAMPLEID1234567"}
//! ```
//!
//! ## Instead
//! The ARN of the principal meant: `"Principal": {"AWS": "arn:aws:iam::111122223333:role/deployer"}`.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::{Policy, PrincipalValue};

pub const RULE: Rule = Rule { code: Code::PrincipalUniqueId, applies_to: None, check: Check::Text(check) };

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    let entries = policy.statements.iter().filter_map(|st| st.principal.as_ref()).flat_map(|p| &p.entries);
    for e in entries {
        let PrincipalValue::UniqueId(id) = &e.value else { continue };
        let what = if id.starts_with("AROA") {
            "a role's"
        } else if id.starts_with("AIDA") {
            "a user's"
        } else {
            "an IAM"
        };
        out.push(
            Diagnostic::warning(
                RULE.code,
                e.span,
                format!("`{id}` is {what} unique ID: AWS shows one in place of a principal that was deleted, and it matches nobody"),
            )
            .with_help("name the principal by its ARN, such as `arn:aws:iam::111122223333:role/NAME`"),
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
    fn flags_user_and_role_ids() {
        assert_eq!(
            found(r#"{"AWS": "AROAEXAMPLEID1234567"}"#),
            pairs(&[("principal-unique-id", "\"AROAEXAMPLEID1234567\"")])
        );
        assert_eq!(found(r#"{"AWS": ["AIDAEXAMPLEID1234567", "arn:aws:iam::111122223333:root"]}"#).len(), 1);
    }

    #[test]
    fn accepts_arns_accounts_and_services() {
        assert_eq!(found(r#"{"AWS": ["arn:aws:iam::111122223333:role/deployer", "111122223333"]}"#), []);
        assert_eq!(found(r#"{"Service": "ec2.amazonaws.com"}"#), []);
    }
}
