//! `condition-numeric-redundant` — suggestion, any policy.
//!
//! ## What it flags
//! Several values under one `NumericLessThan`, `NumericLessThanEquals`,
//! `NumericGreaterThan` or `NumericGreaterThanEquals` key, where one of them decides
//! alone: the largest for "less than", the smallest for "greater than". Access Analyzer:
//! "Redundant condition value num" (suggestion).
//!
//! ## Why
//! The values of one key are alternatives (any may match), so `NumericLessThan` with
//! `[5, 10]` is `NumericLessThan 10`: the other values only suggest a limit that is not
//! there.
//!
//! ## Example
//! ```json
//! "Condition": {"NumericLessThanEquals": {"s3:max-keys": ["10", "100"]}}
//! ```
//!
//! ## Instead
//! The one value that decides: `{"NumericLessThanEquals": {"s3:max-keys": "100"}}`.

use super::{clauses, has_variable};
use crate::code::Code;
use crate::condition::operator::{Compare, Family};
use crate::condition::Typed;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::Policy;

pub const RULE: Rule = Rule { code: Code::ConditionNumericRedundant, applies_to: None, check: Check::Text(check) };

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for (c, op) in clauses(policy).filter(|(c, op)| op.family == Family::Numeric && !op.negated && c.values.len() > 1) {
        let less = match op.compare {
            Compare::LessThan | Compare::LessThanEquals => true,
            Compare::GreaterThan | Compare::GreaterThanEquals => false,
            _ => continue,
        };
        if c.values.iter().any(|v| has_variable(policy, v)) {
            continue;
        }
        let numbers: Vec<_> = c
            .values
            .iter()
            .filter_map(|v| match &v.typed {
                Typed::Number(n) => Some((*n, v)),
                _ => None,
            })
            .collect();
        if numbers.len() != c.values.len() {
            continue; // a value that is not a number has its own finding
        }
        let decides = numbers.iter().copied().reduce(|best, next| {
            let better = if less { next.0 > best.0 } else { next.0 < best.0 };
            if better {
                next
            } else {
                best
            }
        });
        let Some((_, kept)) = decides else { continue };
        for (_, v) in numbers.iter().filter(|(_, v)| !std::ptr::eq(*v, kept)) {
            out.push(
                Diagnostic::suggestion(
                    RULE.code,
                    v.span,
                    format!(
                        "`{}` changes nothing: `{}` {} `{}` already decides",
                        v.raw, c.operator_name, c.key, kept.raw
                    ),
                )
                .with_help(format!("keep `{}` alone", kept.raw)),
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
    fn flags_the_values_the_extreme_one_covers() {
        let f = found(r#"{"NumericLessThanEquals": {"s3:max-keys": ["10", "100"]}}"#);
        assert_eq!(f, pairs(&[("condition-numeric-redundant", "\"10\"")]));
        let f = found(r#"{"NumericGreaterThan": {"aws:MultiFactorAuthAge": ["60", "5", "30"]}}"#);
        assert_eq!(f, pairs(&[("condition-numeric-redundant", "\"60\""), ("condition-numeric-redundant", "\"30\"")]));
    }

    #[test]
    fn accepts_one_value_equality_and_negation() {
        assert_eq!(found(r#"{"NumericLessThan": {"s3:max-keys": "10"}}"#), []);
        assert_eq!(found(r#"{"NumericEquals": {"s3:max-keys": ["10", "100"]}}"#), []);
        assert_eq!(found(r#"{"NumericNotEquals": {"s3:max-keys": ["10", "100"]}}"#), []);
    }
}
