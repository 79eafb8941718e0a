//! `statement-duplicate` — suggestion, any policy.
//!
//! ## What it flags
//! A statement that says exactly what an earlier statement of the same policy says: the
//! same `Effect`, principals, actions, resources and conditions (in any order, actions in
//! any case), whatever their `Sid`s. Access Analyzer: "Redundant statement" (suggestion).
//!
//! ## Why
//! The copy changes no decision, but it costs policy size (a quota) and tempts an edit
//! of one copy that the other quietly undoes.
//!
//! ## Example
//! ```json
//! [{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
//!  {"Sid": "ReadAgain", "Effect": "Allow", "Action": "S3:GetObject", "Resource": "arn:aws:s3:::b/*"}]
//! ```
//!
//! ## Instead
//! Keep one of them.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::{Policy, Statement};

pub const RULE: Rule = Rule { code: Code::StatementDuplicate, applies_to: None, check: Check::Text(check) };

/// What a statement says, in a canonical form (sorted lists, actions lowercased); None for
/// a statement that cannot be evaluated.
fn content(st: &Statement) -> Option<Vec<String>> {
    if st.broken {
        return None;
    }
    let sorted = |mut v: Vec<String>| {
        crate::sort::sort(&mut v);
        v.dedup();
        v.join("\u{1}")
    };
    let principal = st.principal.as_ref().map(|p| {
        let entries = p.entries.iter().map(|e| format!("{}={}", e.kind, e.raw)).collect();
        format!("{}{}", p.negated, sorted(entries))
    });
    let action = st
        .action
        .as_ref()
        .map(|a| format!("{}{}", a.negated, sorted(a.patterns.iter().map(|p| p.raw.to_ascii_lowercase()).collect())));
    let resource = st
        .resource
        .as_ref()
        .map(|r| format!("{}{}", r.negated, sorted(r.patterns.iter().map(|p| p.raw.clone()).collect())));
    let conditions = st
        .conditions
        .iter()
        .map(|c| {
            let values = sorted(c.values.iter().map(|v| v.raw.clone()).collect());
            format!("{}\u{2}{}\u{2}{values}", c.operator_name, c.key.to_ascii_lowercase())
        })
        .collect();
    // an absent element and an empty one differ: `None` is not `Some("")`
    let part = |p: Option<String>| p.unwrap_or_else(|| "\u{3}".to_string());
    Some(vec![format!("{:?}", st.effect?), part(principal), part(action), part(resource), sorted(conditions)])
}

/// What two statements must share to say the same thing, cheap to compare: the effect and
/// the number of entries of each element.
fn shape(st: &Statement) -> (Option<crate::policy::Effect>, [usize; 4]) {
    let principal = st.principal.as_ref().map_or(0, |p| p.entries.len() + 1);
    let action = st.action.as_ref().map_or(0, |a| a.patterns.len() + 1);
    let resource = st.resource.as_ref().map_or(0, |r| r.patterns.len() + 1);
    (st.effect, [principal, action, resource, st.conditions.len()])
}

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    let shapes: Vec<_> = policy.statements.iter().map(shape).collect();
    let shared = |i: usize| shapes.iter().enumerate().any(|(j, s)| j != i && Some(s) == shapes.get(i));
    // only statements of a shape another one has can repeat one: the others are not spelt out
    let said: Vec<Option<Vec<String>>> =
        policy.statements.iter().enumerate().map(|(i, st)| if shared(i) { content(st) } else { None }).collect();
    for (i, st) in policy.statements.iter().enumerate() {
        let Some(Some(mine)) = said.get(i) else { continue };
        let earlier = said.iter().take(i).position(|other| other.as_ref() == Some(mine));
        let Some(first) = earlier.and_then(|j| policy.statements.get(j)) else { continue };
        let named =
            first.sid.as_ref().filter(|(s, _)| !s.is_empty()).map_or(String::new(), |(s, _)| format!(" (`{s}`)"));
        out.push(
            Diagnostic::suggestion(
                RULE.code,
                st.members.action.or(st.members.not_action).unwrap_or(st.span),
                format!("this statement says what statement #{}{named} already says", first.index),
            )
            .with_help("keep one of them: the copy changes no decision"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{pairs, run_on};

    fn found(statements: &str) -> Vec<(String, String)> {
        run_on(&format!(r#"{{"Version": "2012-10-17", "Statement": [{statements}]}}"#), super::check)
    }

    #[test]
    fn flags_a_statement_that_repeats_an_earlier_one() {
        let f = found(
            r#"{"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "arn:aws:s3:::b/*"},
               {"Sid": "ReadAgain", "Effect": "Allow", "Action": ["s3:listbucket", "S3:GetObject"], "Resource": ["arn:aws:s3:::b/*"]}"#,
        );
        assert_eq!(f, pairs(&[("statement-duplicate", "\"Action\"")]));
        let cond = r#""Condition": {"Bool": {"aws:SecureTransport": "false"}}"#;
        let twice = format!(
            r#"{{"Effect": "Deny", "Action": "*", "Resource": "*", {cond}}}, {{"Effect": "Deny", "Action": "*", "Resource": "*", {cond}}}"#
        );
        assert_eq!(found(&twice).len(), 1);
    }

    #[test]
    fn accepts_statements_that_differ_in_any_part() {
        let base = r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}"#;
        for other in [
            r#"{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}"#,
            r#"{"Effect": "Allow", "NotAction": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}"#,
            r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::B/*"}"#,
            r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}"#,
        ] {
            assert_eq!(found(&format!("{base}, {other}")), [], "{other}");
        }
    }
}
