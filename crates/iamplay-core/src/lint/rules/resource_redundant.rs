//! `resource-redundant` — suggestion, any policy.
//!
//! ## What it flags
//! An ARN without wildcards or variables in a statement's `Resource` (or `NotResource`)
//! that another pattern of the same list already matches: `arn:aws:s3:::reports/q1.csv`
//! beside `arn:aws:s3:::reports/*`. Access Analyzer: "Redundant resource" (suggestion),
//! which also compares two patterns with wildcards.
//!
//! ## Why
//! The list matches a resource if any of its patterns does, so the covered ARN adds
//! nothing, and reads as if that resource were treated apart.
//!
//! ## Example
//! ```json
//! "Resource": ["arn:aws:s3:::reports/*", "arn:aws:s3:::reports/q1.csv"]
//! ```
//!
//! ## Instead
//! The pattern alone: `"Resource": "arn:aws:s3:::reports/*"`.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::Policy;

pub const RULE: Rule = Rule { code: Code::ResourceRedundant, applies_to: None, check: Check::Text(check) };

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for block in policy.statements.iter().filter_map(|st| st.resource.as_ref()) {
        for (i, p) in block.patterns.iter().enumerate() {
            if p.raw.contains(['*', '?']) || p.raw.contains("${") {
                continue;
            }
            let covering = block
                .patterns
                .iter()
                .enumerate()
                .find(|(j, q)| *j != i && q.raw != p.raw && q.glob.as_ref().is_some_and(|g| g.is_match(&p.raw)));
            if let Some((_, q)) = covering {
                out.push(
                    Diagnostic::suggestion(RULE.code, p.span, format!("`{}` already matches `{}`", q.raw, p.raw))
                        .with_help(format!("keep `{}` alone", q.raw)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{pairs, run_on, with_statement};

    fn found(resource: &str) -> Vec<(String, String)> {
        let st = format!(r#"{{"Effect": "Allow", "Action": "s3:GetObject", "Resource": {resource}}}"#);
        run_on(&with_statement(&st), super::check)
    }

    #[test]
    fn flags_an_arn_another_pattern_matches() {
        let f = found(r#"["arn:aws:s3:::reports/*", "arn:aws:s3:::reports/q1.csv"]"#);
        assert_eq!(f, pairs(&[("resource-redundant", "\"arn:aws:s3:::reports/q1.csv\"")]));
        assert_eq!(found(r#"["arn:aws:s3:::b/k", "*"]"#).len(), 1);
    }

    #[test]
    fn accepts_distinct_resources_and_patterns() {
        assert_eq!(found(r#"["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]"#), []);
        assert_eq!(found(r#"["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"]"#), []);
        assert_eq!(found(r#"["arn:aws:s3:::a/${aws:username}", "arn:aws:s3:::a/*"]"#), []);
    }
}
