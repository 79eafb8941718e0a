//! `condition-sensitive-wildcard` — warning.
//!
//! ## What it flags
//! A wildcard (`*`, `?`, under a `…Like` operator) in a value of a key AWS calls
//! sensitive: `aws:PrincipalAccount`, `aws:PrincipalOrgID`, `aws:ResourceAccount`,
//! `aws:ResourceOrgID`, `aws:SourceAccount`, `aws:SourceOrgID`, `aws:SourceVpc`,
//! `aws:SourceVpce`, `aws:VpceAccount`, `aws:VpceOrgID`. And a wildcard or a policy
//! variable in an `aws:userid` value anywhere but after its colon, or alone before it
//! (`AIDAEXAMPLE:*`, `*:*`). Access Analyzer: "Wildcard usage too permissive" and, for
//! `aws:userid`, "Variable usage too permissive" (errors there; a policy variable in a
//! sensitive key, which AWS's own data-perimeter policies use as
//! `${aws:PrincipalOrgID}`, is not flagged).
//!
//! ## Why
//! These keys name one account, organization, VPC or endpoint: no real use matches part
//! of such an id, and a wildcard can match ids that are not yours. An `aws:userid` value
//! is `UNIQUE-ID:SESSION`; a wildcard in the id part matches other principals.
//!
//! ## Example
//! ```json
//! "Condition": {"StringLike": {"aws:PrincipalAccount": "1111*"}}
//! ```
//!
//! ## Instead
//! List the ids: `"StringEquals": {"aws:PrincipalAccount": ["111122223333",
//! "111144445555"]}`; for `aws:userid`, `"AIDAEXAMPLE:*"`.

use super::{clauses_of, has_variable};
use crate::code::Code;
use crate::condition::operator::Compare;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::Policy;

pub const RULE: Rule = Rule { code: Code::ConditionSensitiveWildcard, applies_to: None, check: Check::Text(check) };

const SENSITIVE: [&str; 10] = [
    "aws:PrincipalAccount",
    "aws:PrincipalOrgID",
    "aws:ResourceAccount",
    "aws:ResourceOrgID",
    "aws:SourceAccount",
    "aws:SourceOrgID",
    "aws:SourceVpc",
    "aws:SourceVpce",
    "aws:VpceAccount",
    "aws:VpceOrgID",
];

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for st in &policy.statements {
        for (c, op) in clauses_of(st) {
            let like = op.compare == Compare::Like;
            let sensitive = SENSITIVE.iter().any(|k| k.eq_ignore_ascii_case(&c.key));
            let userid = c.key.eq_ignore_ascii_case("aws:userid");
            for v in &c.values {
                let wild = |s: &str| like && s.contains(['*', '?']);
                let variable = |s: &str| has_variable(policy, v) && s.contains("${");
                let (message, help) = if sensitive && wild(&v.raw) {
                    (
                        format!(
                            "a wildcard in `{}`: it names one id, and a pattern may match ids that are not yours",
                            c.key
                        ),
                        "list the ids with `StringEquals`",
                    )
                } else if userid && wide_unique_id(&v.raw, |s| wild(s) || variable(s)) {
                    (
                        "this `aws:userid` value matches other principals: its unique-id part (before the colon) is not fixed".to_string(),
                        "fix the unique id and vary the session name: `AIDAEXAMPLE:*`, or `*:*`",
                    )
                } else {
                    continue;
                };
                out.push(Diagnostic::warning(RULE.code, v.span, message).with_help(help));
            }
        }
    }
}

/// Whether an `aws:userid` value leaves its unique-id part open: a wildcard or variable
/// (`open`) before the colon that is not the whole part, or anywhere in a value without
/// a colon.
fn wide_unique_id(value: &str, open: impl Fn(&str) -> bool) -> bool {
    // the first colon outside a `${…}` variable
    let mut depth = 0usize;
    let colon = value.char_indices().find(|&(i, ch)| {
        match ch {
            '$' if value.get(i + 1..i + 2) == Some("{") => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        ch == ':' && depth == 0
    });
    match colon.and_then(|(i, _)| value.get(..i)) {
        None => open(value),
        Some(id) => {
            open(id) && id != "*" && !(id.starts_with("${") && id.ends_with('}') && id.matches("${").count() == 1)
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{pairs, run_on, with_condition};

    fn found(operator: &str, key: &str, value: &str) -> Vec<(String, String)> {
        run_on(&with_condition(&format!(r#"{{"{operator}": {{"{key}": "{value}"}}}}"#)), super::check)
    }

    #[test]
    fn flags_patterns_in_sensitive_keys() {
        assert_eq!(
            found("StringLike", "aws:PrincipalAccount", "1111*"),
            pairs(&[("condition-sensitive-wildcard", "\"1111*\"")])
        );
        assert_eq!(found("ForAnyValue:StringLike", "aws:sourcevpce", "vpce-*").len(), 1);
    }

    #[test]
    fn flags_an_open_unique_id_in_aws_userid() {
        assert_eq!(found("StringLike", "aws:userid", "*").len(), 1);
        assert_eq!(found("StringLike", "aws:userid", "AIDA*:session").len(), 1);
        assert_eq!(found("StringEquals", "aws:userid", "${aws:userid}").len(), 1);
    }

    #[test]
    fn accepts_fixed_ids_variables_and_literal_stars() {
        assert_eq!(found("StringEquals", "aws:PrincipalAccount", "111122223333"), []);
        assert_eq!(found("StringEquals", "aws:ResourceOrgID", "${aws:PrincipalOrgID}"), []);
        assert_eq!(found("StringEquals", "aws:PrincipalAccount", "1111*"), [], "a literal star: not a pattern here");
        assert_eq!(found("StringLike", "aws:userid", "AIDAEXAMPLE:*"), []);
        assert_eq!(found("StringLike", "aws:userid", "*:*"), []);
        assert_eq!(found("StringLike", "aws:userid", "${aws:PrincipalTag/id}:*"), []);
        assert_eq!(found("StringLike", "aws:PrincipalTag/team", "a*"), []);
    }
}
