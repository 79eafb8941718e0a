//! `condition-bool-case` — suggestion, any policy.
//!
//! ## What it flags
//! A `Bool` value written `True`, `FALSE` or in another mixed case.
//!
//! ## Why
//! AWS documents the values `"true"` and `"false"`; other spellings are read the same
//! way here, but other tools may not read them at all.
//!
//! ## Example
//! ```json
//! "Condition": {"Bool": {"aws:SecureTransport": "True"}}
//! ```
//!
//! ## Instead
//! `"true"` or `"false"`, in lower case.

use super::{clauses, has_variable};
use crate::code::Code;
use crate::condition::operator::Family;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::Policy;

pub const RULE: Rule = Rule { code: Code::ConditionBoolCase, applies_to: None, check: Check::Text(check) };

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for (c, _) in clauses(policy).filter(|(_, op)| op.family == Family::Bool) {
        for v in c.values.iter().filter(|v| !has_variable(policy, v)) {
            let raw = v.raw.as_str();
            let boolean = raw.eq_ignore_ascii_case("true") || raw.eq_ignore_ascii_case("false");
            if boolean && raw != "true" && raw != "false" {
                out.push(Diagnostic::suggestion(
                    RULE.code,
                    v.span,
                    format!("write `{}` in lower case", raw.to_ascii_lowercase()),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{pairs, run_on, with_condition};

    fn found(condition: &str) -> Vec<(String, String)> {
        run_on(&with_condition(condition), super::check)
    }

    #[test]
    fn flags_mixed_case_booleans() {
        assert_eq!(
            found(r#"{"Bool": {"aws:SecureTransport": "True"}}"#),
            pairs(&[("condition-bool-case", "\"True\"")])
        );
        assert_eq!(found(r#"{"BoolIfExists": {"aws:MultiFactorAuthPresent": "FALSE"}}"#).len(), 1);
    }

    #[test]
    fn accepts_lower_case_and_other_operators() {
        assert_eq!(found(r#"{"Bool": {"aws:SecureTransport": "true"}}"#), []);
        assert_eq!(found(r#"{"Bool": {"aws:SecureTransport": false}}"#), []);
        assert_eq!(found(r#"{"StringEquals": {"aws:username": "True"}}"#), []);
    }
}
