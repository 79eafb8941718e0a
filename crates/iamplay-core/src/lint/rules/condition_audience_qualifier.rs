//! `condition-audience-qualifier` — warning.
//!
//! ## What it flags
//! `ForAnyValue:` or `ForAllValues:` on an identity provider's audience key
//! (`token.actions.githubusercontent.com:aud`, `accounts.google.com:aud`,
//! `cognito-identity.amazonaws.com:aud`, any `HOST:aud`). Access Analyzer: "ForAnyValue
//! with audience claim type" (security warning) and "Confirm audience claim type"
//! (suggestion).
//!
//! ## Why
//! AWS passes the token's audience as a single value. Set qualifiers are for keys with
//! several values: `ForAllValues:` holds when the key is absent, and either one makes
//! the reader wonder which audiences are accepted.
//!
//! ## Example
//! ```json
//! "Condition": {"ForAnyValue:StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}
//! ```
//!
//! ## Instead
//! Compare it as one value: `"StringEquals": {"token.actions.githubusercontent.com:aud":
//! "sts.amazonaws.com"}`.

use super::clauses_of;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::Policy;

pub const RULE: Rule = Rule { code: Code::ConditionAudienceQualifier, applies_to: None, check: Check::Text(check) };

/// Whether a key is an identity provider's audience claim: `HOST:aud`, not a key of AWS.
fn is_audience(key: &str) -> bool {
    key.rsplit_once(':').is_some_and(|(host, claim)| claim.eq_ignore_ascii_case("aud") && host.contains('.'))
}

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for st in &policy.statements {
        for (c, op) in clauses_of(st) {
            if op.set.is_none() || !is_audience(&c.key) {
                continue;
            }
            let qualifier = c.operator_name.split(':').next().unwrap_or_default();
            out.push(
                Diagnostic::warning(
                    RULE.code,
                    c.operator_span,
                    format!("`{}` is a single value: `{qualifier}:` is for keys with several values", c.key),
                )
                .with_help(format!("drop `{qualifier}:` and compare the audience as one value")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{pairs, run_on, with_condition};

    fn found(operator: &str, key: &str) -> Vec<(String, String)> {
        run_on(&with_condition(&format!(r#"{{"{operator}": {{"{key}": "sts.amazonaws.com"}}}}"#)), super::check)
    }

    #[test]
    fn flags_set_qualifiers_on_audience_keys() {
        let github = "token.actions.githubusercontent.com:aud";
        assert_eq!(
            found("ForAnyValue:StringEquals", github),
            pairs(&[("condition-audience-qualifier", "\"ForAnyValue:StringEquals\"")])
        );
        assert_eq!(found("ForAllValues:StringLike", "accounts.google.com:aud").len(), 1);
    }

    #[test]
    fn accepts_plain_operators_and_other_keys() {
        assert_eq!(found("StringEquals", "token.actions.githubusercontent.com:aud"), []);
        assert_eq!(found("ForAnyValue:StringEquals", "token.actions.githubusercontent.com:sub"), []);
        assert_eq!(found("ForAnyValue:StringEquals", "aws:TagKeys"), []);
    }
}
