//! `condition-dynamodb-attributes` — warning, any policy.
//!
//! ## What it flags
//! An `Allow` statement that limits the attributes a caller may read with
//! `dynamodb:Attributes` but has no `dynamodb:Select` condition equal to
//! `SPECIFIC_ATTRIBUTES`. Access Analyzer: "DynamoDB attributes without select" (security
//! warning).
//!
//! ## Why
//! `dynamodb:Attributes` holds the attribute names a request asks for. A `Query` or `Scan`
//! with `Select` set to `ALL_ATTRIBUTES` asks for none by name, so the condition on the
//! names has nothing to refuse and every attribute is returned, the ones the statement
//! means to hide among them.
//!
//! ## Example
//! ```json
//! "Condition": {"ForAllValues:StringEquals": {"dynamodb:Attributes": ["id", "name"]}}
//! ```
//!
//! ## Instead
//! Also require named attributes: `"StringEquals": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"}`.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::{Effect, Policy};

pub const RULE: Rule = Rule { code: Code::ConditionDynamodbAttributes, applies_to: None, check: Check::Text(check) };

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for st in policy.statements.iter().filter(|st| st.effect == Some(Effect::Allow)) {
        let Some(attributes) = st.conditions.iter().find(|c| c.key.eq_ignore_ascii_case("dynamodb:Attributes")) else {
            continue;
        };
        let selects_specific = st.conditions.iter().any(|c| {
            c.key.eq_ignore_ascii_case("dynamodb:Select") && c.values.iter().any(|v| v.raw == "SPECIFIC_ATTRIBUTES")
        });
        if !selects_specific {
            out.push(
                Diagnostic::warning(
                    RULE.code,
                    attributes.key_span,
                    "without `dynamodb:Select` = `SPECIFIC_ATTRIBUTES`, a request for all attributes passes this condition",
                )
                .with_help("add `\"StringEquals\": {\"dynamodb:Select\": \"SPECIFIC_ATTRIBUTES\"}`"),
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
    fn flags_attributes_without_select() {
        let f = found(r#"{"ForAllValues:StringEquals": {"dynamodb:Attributes": ["id", "name"]}}"#);
        assert_eq!(f, pairs(&[("condition-dynamodb-attributes", "\"dynamodb:Attributes\"")]));
    }

    #[test]
    fn accepts_attributes_with_specific_select() {
        let c = r#"{"ForAllValues:StringEquals": {"dynamodb:Attributes": ["id"]}, "StringEquals": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"}}"#;
        assert_eq!(found(c), []);
        assert_eq!(found(r#"{"StringEquals": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"}}"#), []);
    }
}
