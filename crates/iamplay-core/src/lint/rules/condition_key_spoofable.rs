//! `condition-key-spoofable` — warning, any policy.
//!
//! ## What it flags
//! A condition on `aws:UserAgent` or `aws:Referer`. Access Analyzer: "Untrustworthy
//! condition key" (security warning).
//!
//! ## Why
//! Both are HTTP headers the caller writes: AWS's documentation of both keys warns that
//! anyone can send any value with a modified or custom client. A statement that trusts
//! them lets whoever learns the value in (an `Allow`), or out (a `Deny` is skipped by
//! sending another value).
//!
//! ## Example
//! ```json
//! "Condition": {"StringLike": {"aws:Referer": "https://www.example.com/*"}}
//! ```
//!
//! ## Instead
//! Restrict by what the caller cannot choose: its identity (`aws:PrincipalArn`,
//! `aws:PrincipalOrgID`), the network path (`aws:SourceVpce`, `aws:SourceIp`), or for a
//! website's objects a CloudFront origin access control.

use super::clauses;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::Policy;

pub const RULE: Rule = Rule { code: Code::ConditionKeySpoofable, applies_to: None, check: Check::Text(check) };

const SPOOFABLE: &[&str] = &["aws:UserAgent", "aws:Referer"];

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for (c, _) in clauses(policy) {
        let Some(key) = SPOOFABLE.iter().find(|k| c.key.eq_ignore_ascii_case(k)) else { continue };
        out.push(
            Diagnostic::warning(
                RULE.code,
                c.key_span,
                format!("`{key}` is a header the caller writes: anyone can send the value this condition tests"),
            )
            .with_help("restrict by the caller's identity or network path (`aws:PrincipalArn`, `aws:SourceVpce`, `aws:SourceIp`)"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{pairs, run_on, with_condition};

    fn found(condition: &str) -> Vec<(String, String)> {
        run_on(&with_condition(condition), super::check)
    }

    #[test]
    fn flags_the_headers_a_caller_writes() {
        let f = found(r#"{"StringLike": {"aws:Referer": "https://www.example.com/*"}}"#);
        assert_eq!(f, pairs(&[("condition-key-spoofable", "\"aws:Referer\"")]));
        assert_eq!(found(r#"{"StringNotLike": {"aws:useragent": "*console*"}}"#).len(), 1);
    }

    #[test]
    fn accepts_keys_aws_sets() {
        assert_eq!(
            found(r#"{"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d", "aws:PrincipalOrgID": "o-a1b2c3d4e5"}}"#),
            []
        );
    }
}
