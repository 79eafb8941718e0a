//! `condition-key-format` — warning, any policy.
//!
//! ## What it flags
//! A condition key with no `prefix:` (`SourceIp`, `MultiFactorAuthPresent`): every key AWS
//! defines is `aws:NAME` or `SERVICE:NAME`. Access Analyzer: "Invalid condition key format"
//! (an error there).
//!
//! ## Why
//! No request carries a key without a prefix, so the condition reads a missing key: most
//! operators are then false (an `Allow` never applies) and negated ones true.
//!
//! ## Example
//! ```json
//! "Condition": {"IpAddress": {"SourceIp": "203.0.113.0/24"}}
//! ```
//!
//! ## Instead
//! `aws:SourceIp`: the key with its prefix.

use super::clauses;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::Policy;

pub const RULE: Rule = Rule { code: Code::ConditionKeyFormat, applies_to: None, check: Check::Text(check) };

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for (c, _) in clauses(policy) {
        if !c.key.contains(':') {
            out.push(
                Diagnostic::warning(RULE.code, c.key_span, format!("`{}` has no prefix: no request carries it", c.key))
                    .with_help(format!("condition keys are `aws:NAME` or `SERVICE:NAME` (`aws:{}`?)", c.key)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{pairs, run_on, with_condition};

    #[test]
    fn flags_a_key_without_a_prefix_only() {
        assert_eq!(
            run_on(&with_condition(r#"{"IpAddress": {"SourceIp": "203.0.113.0/24"}}"#), super::check),
            pairs(&[("condition-key-format", "\"SourceIp\"")])
        );
        assert!(
            run_on(&with_condition(r#"{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}"#), super::check).is_empty()
        );
        assert!(run_on(&with_condition(r#"{"StringEquals": {"s3:prefix": "home/"}}"#), super::check).is_empty());
    }
}
