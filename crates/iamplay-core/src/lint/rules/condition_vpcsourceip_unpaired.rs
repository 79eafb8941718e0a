//! `condition-vpcsourceip-unpaired` — warning.
//!
//! ## What it flags
//! A condition on `aws:VpcSourceIp` in a statement with no condition on `aws:SourceVpc`,
//! `aws:SourceVpce` or `aws:SourceVpcArn`. Access Analyzer: "Missing paired condition
//! keys" (security warning).
//!
//! ## Why
//! `aws:VpcSourceIp` is an address inside some VPC, and VPCs reuse the same private
//! ranges: without naming the VPC or its endpoint, a request from any other VPC with an
//! overlapping range, another account's included, matches.
//!
//! ## Example
//! ```json
//! "Condition": {"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}}
//! ```
//!
//! ## Instead
//! Name the VPC too: `"Condition": {"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"},
//! "StringEquals": {"aws:SourceVpc": "vpc-1a2b3c4d"}}`.

use super::has_condition_on;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::Policy;

pub const RULE: Rule = Rule { code: Code::ConditionVpcsourceipUnpaired, applies_to: None, check: Check::Text(check) };

const PAIRS: [&str; 3] = ["aws:SourceVpc", "aws:SourceVpce", "aws:SourceVpcArn"];

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for st in &policy.statements {
        if PAIRS.iter().any(|k| has_condition_on(st, k)) {
            continue;
        }
        for c in st.conditions.iter().filter(|c| c.key.eq_ignore_ascii_case("aws:VpcSourceIp")) {
            out.push(
                Diagnostic::warning(
                    RULE.code,
                    c.key_span,
                    "`aws:VpcSourceIp` without the VPC: any VPC with an overlapping range matches",
                )
                .with_help(
                    "add a condition on `aws:SourceVpc`, `aws:SourceVpce` or `aws:SourceVpcArn` to this statement",
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{pairs, run_on, with_condition};

    #[test]
    fn flags_an_address_without_its_vpc() {
        let alone = with_condition(r#"{"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}}"#);
        assert_eq!(run_on(&alone, super::check), pairs(&[("condition-vpcsourceip-unpaired", "\"aws:VpcSourceIp\"")]));
    }

    #[test]
    fn accepts_an_address_with_its_vpc_or_endpoint() {
        for key in ["aws:SourceVpc", "aws:SourceVpce", "aws:sourcevpcarn"] {
            let paired = with_condition(&format!(
                r#"{{"IpAddress": {{"aws:VpcSourceIp": "10.0.0.0/16"}}, "StringEquals": {{"{key}": "vpc-1"}}}}"#
            ));
            assert_eq!(run_on(&paired, super::check), [], "{key}");
        }
        assert_eq!(run_on(&with_condition(r#"{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}"#), super::check), []);
    }
}
