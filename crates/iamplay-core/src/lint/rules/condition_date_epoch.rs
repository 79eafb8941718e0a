//! `condition-date-epoch` — suggestion, any policy.
//!
//! ## What it flags
//! A `Date…` operator's value that is read as epoch seconds (`"1700000000"`, `"-5"`,
//! `"1.5"`: any number but one of four digits, which is a year) rather than written as a
//! W3C date.
//!
//! ## Why
//! Epoch values are read correctly, but a number does not say which instant it means to
//! a reader, and a value in milliseconds silently means a date thousands of years away.
//!
//! ## Example
//! ```json
//! "Condition": {"DateLessThan": {"aws:CurrentTime": "1735689600"}}
//! ```
//!
//! ## Instead
//! A W3C date: `"2025-01-01T00:00:00Z"`.

use super::{clauses, has_variable};
use crate::code::Code;
use crate::condition::operator::Family;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::Policy;
use crate::value::{is_w3c_date, parse_date};

pub const RULE: Rule = Rule { code: Code::ConditionDateEpoch, applies_to: None, check: Check::Text(check) };

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for (c, _) in clauses(policy).filter(|(_, op)| op.family == Family::Date) {
        for v in c.values.iter().filter(|v| !has_variable(policy, v)) {
            if parse_date(&v.raw).is_some() && !is_w3c_date(&v.raw) {
                out.push(
                    Diagnostic::suggestion(RULE.code, v.span, format!("`{}` is read as epoch seconds", v.raw))
                        .with_help("W3C dates such as `2024-01-01T00:00:00Z` say which instant is meant"),
                );
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
    fn flags_epoch_dates() {
        assert_eq!(
            found(r#"{"DateLessThan": {"aws:CurrentTime": "1735689600"}}"#),
            pairs(&[("condition-date-epoch", "\"1735689600\"")])
        );
    }

    #[test]
    fn accepts_w3c_dates_and_numeric_operators() {
        assert_eq!(found(r#"{"DateLessThan": {"aws:CurrentTime": "2025-01-01T00:00:00Z"}}"#), []);
        assert_eq!(found(r#"{"NumericLessThan": {"aws:EpochTime": "1735689600"}}"#), []);
    }
}
