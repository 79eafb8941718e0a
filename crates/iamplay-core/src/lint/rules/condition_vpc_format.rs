//! `condition-vpc-format` — warning, any policy.
//!
//! ## What it flags
//! A value of `aws:SourceVpc` that is not a VPC ID (`vpc-` and 8 or 17 lowercase
//! letters and digits), or of `aws:SourceVpce` that is not a VPC endpoint ID (`vpce-`
//! and 8 or 17). Values with a policy variable, and wildcards under a `Like` operator,
//! are not checked. Access Analyzer: "Invalid vpc format" and "Invalid vpce format"
//! (errors there).
//!
//! ## Why
//! A request carries the ID of the VPC or endpoint it came through: a value of another
//! shape (an ARN, a name, a CIDR, an ID in capitals) matches no request, so an `Allow`
//! with it never applies and a `Deny` with `StringNotEquals` denies everything.
//!
//! ## Example
//! ```json
//! "Condition": {"StringEquals": {"aws:SourceVpce": "arn:aws:ec2:eu-west-1:111122223333:vpc-endpoint/vpce-1a2b3c4d"}}
//! ```
//!
//! ## Instead
//! The ID alone: `{"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}`.

use super::{clauses, has_variable};
use crate::code::Code;
use crate::condition::operator::{Compare, Family};
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::Policy;

pub const RULE: Rule = Rule { code: Code::ConditionVpcFormat, applies_to: None, check: Check::Text(check) };

/// `prefix` then 8 or 17 lowercase letters and digits.
fn is_id(value: &str, prefix: &str) -> bool {
    value.strip_prefix(prefix).is_some_and(|rest| {
        (rest.len() == 8 || rest.len() == 17) && rest.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    })
}

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for (c, op) in clauses(policy).filter(|(_, op)| op.family == Family::String) {
        let (prefix, what) = if c.key.eq_ignore_ascii_case("aws:SourceVpc") {
            ("vpc-", "VPC ID")
        } else if c.key.eq_ignore_ascii_case("aws:SourceVpce") {
            ("vpce-", "VPC endpoint ID")
        } else {
            continue;
        };
        for v in &c.values {
            let wildcard = op.compare == Compare::Like && v.raw.contains(['*', '?']);
            if wildcard || has_variable(policy, v) || is_id(&v.raw, prefix) {
                continue;
            }
            out.push(
                Diagnostic::warning(
                    RULE.code,
                    v.span,
                    format!("`{}` is not a {what}, so `{}` never equals it", v.raw, c.key),
                )
                .with_help(format!("write the ID alone: `{prefix}` and 8 or 17 lowercase letters and digits")),
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
    fn flags_values_that_are_not_ids() {
        let f = found(
            r#"{"StringEquals": {"aws:SourceVpce": ["vpce-1a2b3c4d", "arn:aws:ec2:eu-west-1:1:vpc-endpoint/vpce-1a2b3c4d"]}}"#,
        );
        assert_eq!(f, pairs(&[("condition-vpc-format", "\"arn:aws:ec2:eu-west-1:1:vpc-endpoint/vpce-1a2b3c4d\"")]));
        assert_eq!(found(r#"{"StringNotEquals": {"aws:SourceVpc": ["VPC-1A2B3C4D", "vpc-123", "my-vpc"]}}"#).len(), 3);
    }

    #[test]
    fn accepts_ids_wildcards_under_like_variables_and_other_keys() {
        assert_eq!(found(r#"{"StringEquals": {"aws:SourceVpc": ["vpc-1a2b3c4d", "vpc-0123456789abcdef0"]}}"#), []);
        assert_eq!(found(r#"{"StringLike": {"aws:SourceVpce": "vpce-*"}}"#), []);
        assert_eq!(found(r#"{"StringEquals": {"aws:SourceVpc": "${aws:PrincipalTag/vpc}"}}"#), []);
        assert_eq!(found(r#"{"StringEquals": {"aws:VpcSourceIp": "10.0.0.1"}}"#), []);
    }
}
