//! `condition-forallvalues-single` — warning, any policy.
//!
//! ## What it flags
//! `ForAllValues:` on a key that carries one value: `aws:username`, `aws:SourceIp`,
//! `aws:PrincipalArn`, `aws:RequestedRegion`, a tag key (`aws:ResourceTag/…`,
//! `aws:RequestTag/…`, `aws:PrincipalTag/…`) and the other single-valued global keys.
//! Access Analyzer: "Forallvalues with single valued key" (security warning).
//!
//! ## Why
//! `ForAllValues:` is true when the request lacks the key (there is no value that fails),
//! so an `Allow` with it also allows every request without the key.
//!
//! ## Example
//! ```json
//! "Condition": {"ForAllValues:StringEquals": {"aws:RequestedRegion": "eu-west-1"}}
//! ```
//!
//! ## Instead
//! The operator without the prefix: `{"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}`.

use super::clauses;
use crate::code::Code;
use crate::condition::operator::SetQualifier;
use crate::diagnostic::Diagnostic;
use crate::lint::{keys, Check, Rule};
use crate::policy::Policy;

pub const RULE: Rule = Rule { code: Code::ConditionForallvaluesSingle, applies_to: None, check: Check::Text(check) };

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for (c, op) in clauses(policy) {
        if op.set == Some(SetQualifier::ForAllValues) && keys::is_single_valued(&c.key) {
            out.push(
                Diagnostic::warning(
                    RULE.code,
                    c.key_span,
                    format!("`ForAllValues:` on the single-valued key `{}`", c.key),
                )
                .with_help("`ForAllValues:` is also true when the key is missing; use the operator without the prefix"),
            );
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
    fn flags_forallvalues_on_single_valued_keys() {
        let f = found(
            r#"{"ForAllValues:StringEquals": {"aws:RequestedRegion": "eu-west-1", "aws:ResourceTag/team": "x"}}"#,
        );
        assert_eq!(
            f,
            pairs(&[
                ("condition-forallvalues-single", "\"aws:RequestedRegion\""),
                ("condition-forallvalues-single", "\"aws:ResourceTag/team\"")
            ])
        );
    }

    #[test]
    fn accepts_multivalued_keys_and_plain_operators() {
        assert_eq!(found(r#"{"ForAllValues:StringEquals": {"aws:TagKeys": "Owner"}}"#), []);
        assert_eq!(found(r#"{"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}"#), []);
        assert_eq!(found(r#"{"ForAnyValue:StringEquals": {"aws:username": "alice"}}"#), []);
    }
}
