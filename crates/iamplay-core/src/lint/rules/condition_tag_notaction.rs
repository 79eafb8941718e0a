//! `condition-tag-notaction` — warning for `Deny`, suggestion for `Allow`.
//!
//! ## What it flags
//! A statement with `NotAction` and a condition on `aws:ResourceTag/…` under an operator
//! that fails when the key is absent (`StringEquals`, `StringLike`, …). Access Analyzer:
//! "Deny NotAction with unsupported tag condition key for service" (security warning)
//! and "Allow NotAction with unsupported tag condition key for service" (suggestion).
//!
//! ## Why
//! Requests carry `aws:ResourceTag/…` only for the actions and resource types that
//! support it; `NotAction` covers nearly every action of every service, many of which
//! do not. For them the condition never holds: the `Deny` does not deny them, and the
//! `Allow` does not allow them.
//!
//! ## Example
//! ```json
//! {"Effect": "Deny", "NotAction": "iam:*", "Resource": "*",
//!  "Condition": {"StringEquals": {"aws:ResourceTag/status": "locked"}}}
//! ```
//!
//! ## Instead
//! List the actions in `Action`, and deny the actions that do not support the key in a
//! statement of their own that names their resources.

use super::{clauses_of, holds_without_key};
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::{Effect, Policy};

pub const RULE: Rule = Rule { code: Code::ConditionTagNotaction, applies_to: None, check: Check::Text(check) };

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for st in policy.statements.iter().filter(|st| st.action.as_ref().is_some_and(|a| a.negated)) {
        for (c, op) in clauses_of(st) {
            let tag = c.key_lc.as_str().starts_with("aws:resourcetag/");
            if !tag || holds_without_key(op) {
                continue;
            }
            let help =
                "list the actions in `Action`; actions whose resources carry no tags need a statement of their own";
            let finding = match st.effect {
                Some(Effect::Deny) => Diagnostic::warning(
                    RULE.code,
                    c.key_span,
                    format!("this `Deny` does not deny the actions whose requests carry no `{}`: with `NotAction` that is most of AWS", c.key),
                ),
                Some(Effect::Allow) => Diagnostic::suggestion(
                    RULE.code,
                    c.key_span,
                    format!("this `Allow` allows only actions whose requests carry `{}`: `NotAction` covers many that never do", c.key),
                ),
                None => continue,
            };
            out.push(finding.with_help(help));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Severity;
    use crate::json;
    use crate::lint::test_support::{pairs, run_on};
    use crate::policy::parse_policy;
    use crate::source::SourceId;

    fn text(effect: &str, action: &str, operator: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "{effect}", {action}, "Resource": "*", "Condition": {{"{operator}": {{"aws:ResourceTag/status": "locked"}}}}}}]}}"#
        )
    }

    #[test]
    fn flags_notaction_with_a_tag_condition() {
        let deny = text("Deny", r#""NotAction": "iam:*""#, "StringEquals");
        assert_eq!(run_on(&deny, super::check), pairs(&[("condition-tag-notaction", "\"aws:ResourceTag/status\"")]));
        let allow = text("Allow", r#""NotAction": "iam:*""#, "StringLike");
        let json = json::parse(&allow, SourceId::File).unwrap();
        let mut out = Vec::new();
        super::check(&parse_policy(&json, &allow), &mut out);
        assert_eq!(out.iter().map(|d| d.severity).collect::<Vec<_>>(), [Severity::Suggestion]);
    }

    #[test]
    fn accepts_action_lists_and_operators_that_hold_without_the_key() {
        assert_eq!(run_on(&text("Deny", r#""Action": "ec2:StopInstances""#, "StringEquals"), super::check), []);
        assert_eq!(run_on(&text("Deny", r#""NotAction": "iam:*""#, "StringNotEquals"), super::check), []);
        assert_eq!(run_on(&text("Deny", r#""NotAction": "iam:*""#, "StringEqualsIfExists"), super::check), []);
    }
}
