//! `sid-empty` — suggestion, any policy.
//!
//! ## What it flags
//! A statement whose `Sid` is the empty string. Access Analyzer: "Empty Sid value"
//! (suggestion).
//!
//! ## Why
//! An empty `Sid` names nothing: the statement is found only by its place in the list,
//! which changes as statements are added, and an empty string is not a valid `Sid` in
//! every policy type AWS checks.
//!
//! ## Example
//! ```json
//! {"Sid": "", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}
//! ```
//!
//! ## Instead
//! Name what the statement is for (`"Sid": "ReadReports"`), or leave `Sid` out.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::Policy;

pub const RULE: Rule = Rule { code: Code::SidEmpty, applies_to: None, check: Check::Text(check) };

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for (_, span) in policy.statements.iter().filter_map(|st| st.sid.as_ref()).filter(|(sid, _)| sid.is_empty()) {
        out.push(
            Diagnostic::suggestion(RULE.code, *span, "the `Sid` is empty")
                .with_help("name what the statement is for, or leave `Sid` out"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{pairs, run_on};

    fn found(statement: &str) -> Vec<(String, String)> {
        run_on(&format!(r#"{{"Version": "2012-10-17", "Statement": [{statement}]}}"#), super::check)
    }

    #[test]
    fn flags_an_empty_sid_only() {
        let f = found(r#"{"Sid": "", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}"#);
        assert_eq!(f, pairs(&[("sid-empty", "\"\"")]));
        assert_eq!(found(r#"{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}"#), []);
        assert_eq!(found(r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}"#), []);
    }
}
