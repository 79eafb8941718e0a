//! `rcp-condition-service-principals` — warning, resource control policies.
//!
//! ## What it flags
//! An RCP statement that conditions on a principal key (`aws:PrincipalOrgID`,
//! `aws:PrincipalAccount`, `aws:PrincipalArn`, `aws:PrincipalOrgPaths`,
//! `aws:PrincipalTag/…`) without `"BoolIfExists": {"aws:PrincipalIsAWSService":
//! "false"}`; or on a source key (`aws:SourceOrgID`, `aws:SourceOrgPaths`,
//! `aws:SourceAccount`, `aws:SourceArn`) without `aws:PrincipalIsAWSService` `true`
//! (under `Bool` or `BoolIfExists`), or without `"Null": {"aws:SourceAccount": "false"}`
//! (or `aws:SourceArn`). Access Analyzer: "RCP missing related principal condition key",
//! "RCP missing related service principal condition key" and "RCP missing service
//! condition key null check" (general warnings).
//!
//! ## Why
//! An RCP applies to every caller of the resource: IAM principals and AWS services acting
//! for you. A service principal carries no `aws:PrincipalOrgID`, so an org perimeter
//! without the service guard denies the services too; a source perimeter without the
//! principal guard denies your own users and roles, and without the null check denies
//! the service integrations that send no source.
//!
//! ## Example
//! ```json
//! {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*",
//!  "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}
//! ```
//!
//! ## Instead
//! Add the guard AWS's examples use: `"BoolIfExists": {"aws:PrincipalIsAWSService":
//! "false"}` beside a principal key; `"Bool": {"aws:PrincipalIsAWSService": "true"}` and
//! `"Null": {"aws:SourceAccount": "false"}` beside a source key.

use crate::code::Code;
use crate::condition::operator::Family;
use crate::condition::Condition;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::{Policy, PolicyType, Statement};

pub const RULE: Rule =
    Rule { code: Code::RcpConditionServicePrincipals, applies_to: Some(PolicyType::Rcp), check: Check::Text(check) };

const PRINCIPAL_KEYS: [&str; 4] =
    ["aws:PrincipalOrgID", "aws:PrincipalAccount", "aws:PrincipalArn", "aws:PrincipalOrgPaths"];
const SOURCE_KEYS: [&str; 4] = ["aws:SourceOrgID", "aws:SourceOrgPaths", "aws:SourceAccount", "aws:SourceArn"];

/// Whether the statement has a clause of `family` on `key` with the value `value`.
fn has_clause(st: &Statement, family: Family, key: &str, value: &str) -> bool {
    let fits = |c: &&Condition| c.operator.is_some_and(|op| op.family == family) && c.key.eq_ignore_ascii_case(key);
    st.conditions.iter().filter(fits).any(|c| c.values.iter().any(|v| v.raw.eq_ignore_ascii_case(value)))
}

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for st in &policy.statements {
        let is_service = |value| has_clause(st, Family::Bool, "aws:PrincipalIsAWSService", value);
        let null_checked =
            ["aws:SourceAccount", "aws:SourceArn"].iter().any(|k| has_clause(st, Family::Null, k, "false"));
        for c in st.conditions.iter().filter(|c| c.operator.is_some_and(|op| op.family != Family::Null)) {
            let key = &c.key;
            let principal_key = PRINCIPAL_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key))
                || c.key_lc.as_str().starts_with("aws:principaltag/");
            let source_key = SOURCE_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key));
            let (message, help) = if principal_key && !is_service("false") {
                (
                    format!("AWS services acting for you carry no `{key}`: this statement applies to them too"),
                    "add `\"BoolIfExists\": {\"aws:PrincipalIsAWSService\": \"false\"}` to this condition",
                )
            } else if source_key && !is_service("true") {
                (
                    format!("your own users and roles carry no `{key}`: this statement applies to them too"),
                    "add `\"Bool\": {\"aws:PrincipalIsAWSService\": \"true\"}` to this condition",
                )
            } else if source_key && !null_checked {
                (
                    format!("some service integrations send no `{key}`: this statement applies to them too"),
                    "add `\"Null\": {\"aws:SourceAccount\": \"false\"}` (or `aws:SourceArn`) to this condition",
                )
            } else {
                continue;
            };
            out.push(Diagnostic::warning(RULE.code, c.key_span, message).with_help(help));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{pairs, run_on};

    fn found(condition: &str) -> Vec<(String, String)> {
        run_on(
            &format!(
                r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {condition}}}]}}"#
            ),
            super::check,
        )
    }

    #[test]
    fn flags_perimeters_without_their_guards() {
        assert_eq!(
            found(r#"{"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}"#),
            pairs(&[("rcp-condition-service-principals", "\"aws:PrincipalOrgID\"")])
        );
        assert_eq!(found(r#"{"StringNotEqualsIfExists": {"aws:SourceOrgID": "o-a1b2c3d4e5"}}"#).len(), 1);
        let no_null = r#"{"StringNotEqualsIfExists": {"aws:SourceAccount": "111122223333"}, "Bool": {"aws:PrincipalIsAWSService": "true"}}"#;
        assert_eq!(found(no_null).len(), 1);
    }

    #[test]
    fn accepts_awss_perimeter_examples() {
        let identity = r#"{"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}, "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}}"#;
        assert_eq!(found(identity), []);
        let deputy = r#"{"StringNotEqualsIfExists": {"aws:SourceOrgID": "o-a1b2c3d4e5", "aws:SourceAccount": ["333333333333"]}, "Bool": {"aws:PrincipalIsAWSService": "true"}, "Null": {"aws:SourceArn": "false"}}"#;
        assert_eq!(found(deputy), []);
        assert_eq!(found(r#"{"Bool": {"aws:SecureTransport": "false"}}"#), []);
    }
}
