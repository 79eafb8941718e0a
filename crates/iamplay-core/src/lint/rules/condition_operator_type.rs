//! `condition-operator-type` — warning (a suggestion for a number compared with a String key), any policy; needs AWS's catalog.
//!
//! ## What it flags
//! An operator whose type does not fit the type AWS gives the key: a `Numeric…` operator
//! on a key that is not numeric (`NumericLessThan` on `s3:prefix`), a `Date…` operator on
//! a key that is not a date, `Bool` on a key that is not boolean, `IpAddress` on a key
//! that is not an IP address, an `Arn…` operator on a key that is neither an ARN nor a
//! string (a String key may hold an ARN, as in AWS's own policies). `String…`
//! operators (they compare any key as text) and `Null` are not checked. A `Numeric…`
//! operator on a key the catalog types as String is a suggestion (the catalog types some
//! counts as String, such as `glacier:ArchiveAgeInDays`), and `aws:EpochTime` is read as a
//! number too, as AWS documents it. Access Analyzer:
//! "Type mismatch" (error there; a warning here).
//!
//! ## Why
//! A value of the key is read as the operator's type. When it is not one (a prefix read
//! as a number), the condition does not match, whatever the request: an `Allow` grants
//! nothing and a `Deny` protects nothing.
//!
//! ## Example
//! ```json
//! "Condition": {"NumericLessThan": {"s3:prefix": "10"}}
//! ```
//!
//! ## Instead
//! The operator of the key's type (`StringLike` for `s3:prefix`), or the key that holds
//! a number (`s3:max-keys`).

use super::clauses;
use crate::code::Code;
use crate::condition::operator::Family;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::Policy;
use crate::vocabulary::Vocabulary;

pub const RULE: Rule = Rule { code: Code::ConditionOperatorType, applies_to: None, check: Check::Catalog(check) };

/// The catalog's type (without `ArrayOf`) an operator family needs, and its name in words.
fn needs(family: Family) -> Option<(&'static [&'static str], &'static str)> {
    Some(match family {
        Family::Numeric => (&["Numeric", "Long", "Integer"], "a number"),
        Family::Date => (&["Date"], "a date"),
        Family::Bool => (&["Bool", "Boolean"], "a boolean"),
        Family::Ip => (&["IPAddress"], "an IP address"),
        // an ARN held by a String key (`kms:EncryptionContext:aws:s3:arn`, a tag) is
        // compared as an ARN, as AWS's own policies do
        Family::Arn => (&["ARN", "String"], "an ARN"),
        Family::String | Family::Binary | Family::Null => return None,
    })
}

/// Keys AWS documents as numbers too, beyond the catalog's type: `aws:EpochTime` is
/// "Date, Numeric" in the IAM User Guide's global condition keys.
fn also_numeric(key: &str, family: Family) -> bool {
    family == Family::Numeric && key.eq_ignore_ascii_case("aws:EpochTime")
}

fn check(policy: &Policy, aws: &dyn Vocabulary, out: &mut Vec<Diagnostic>) {
    for (c, op) in clauses(policy) {
        let Some((types, words)) = needs(op.family) else { continue };
        let Some(ty) = aws.key_type(&c.key).filter(|t| !t.is_empty()) else { continue };
        let base = ty.strip_prefix("ArrayOf").unwrap_or(ty);
        if types.iter().any(|t| t.eq_ignore_ascii_case(base)) || also_numeric(&c.key, op.family) {
            continue;
        }
        // the catalog types some counts as String (`glacier:ArchiveAgeInDays`): a number
        // compared with a String key is only a suggestion
        let finding =
            if op.family == Family::Numeric && base == "String" { Diagnostic::suggestion } else { Diagnostic::warning };
        out.push(
            finding(
                RULE.code,
                c.operator_span,
                format!("`{}` compares {words}, but AWS gives `{}` the type {ty}", c.operator_name, c.key),
            )
            .with_help(format!(
                "use an operator for {ty} values (AWS's catalog: {}); a value that is not {words} never matches",
                aws.data_version()
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{catalog_run_on, pairs, with_condition};

    fn found(condition: &str) -> Vec<(String, String)> {
        catalog_run_on(&with_condition(condition), super::check).0
    }

    #[test]
    fn flags_an_operator_of_another_type() {
        assert_eq!(
            found(r#"{"NumericLessThan": {"s3:prefix": "10"}}"#),
            pairs(&[("condition-operator-type", "\"NumericLessThan\"")])
        );
        assert_eq!(found(r#"{"DateGreaterThan": {"aws:SourceIp": "2024-01-01"}}"#).len(), 1);
        assert_eq!(found(r#"{"Bool": {"aws:username": "true"}}"#).len(), 1);
        assert_eq!(found(r#"{"IpAddress": {"aws:SourceArn": "10.0.0.0/8"}}"#).len(), 1);
        assert_eq!(found(r#"{"ArnLike": {"aws:CurrentTime": "arn:aws:iam::*:user/x"}}"#).len(), 1);
    }

    #[test]
    fn accepts_matching_types_strings_null_and_unknown_keys() {
        for ok in [
            r#"{"NumericLessThan": {"s3:max-keys": "10"}}"#,
            r#"{"DateGreaterThan": {"aws:CurrentTime": "2024-01-01"}}"#,
            r#"{"Bool": {"aws:MultiFactorAuthPresent": "true"}}"#,
            r#"{"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}"#,
            r#"{"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:*:t"}}"#,
            r#"{"ArnLike": {"aws:username": "arn:aws:iam::*:user/x"}}"#,
            r#"{"StringEquals": {"s3:max-keys": "10"}}"#,
            r#"{"Null": {"s3:prefix": "true"}}"#,
            r#"{"NumericLessThan": {"s3:unknown": "1"}}"#,
        ] {
            assert_eq!(found(ok), [], "{ok}");
        }
    }
}
