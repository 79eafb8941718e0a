//! `action-redundant` — suggestion, any policy; needs AWS's catalog.
//!
//! ## What it flags
//! An action or pattern in a statement's `Action` whose actions another entry of the
//! same list already covers, by AWS's catalog: `s3:GetObject` beside `s3:Get*`,
//! `ec2:DescribeInstances` beside `ec2:*`. Of two entries that cover the same actions,
//! the later one. Access Analyzer: "Redundant action" (suggestion).
//!
//! ## Why
//! The list matches an action if any of its entries does, so the covered entry changes
//! nothing, and reads as if that action were granted on its own terms.
//!
//! ## Example
//! ```json
//! "Action": ["s3:Get*", "s3:GetObject"]
//! ```
//!
//! ## Instead
//! The wider entry alone: `"Action": "s3:Get*"` (`iamplay expand 's3:Get*'` lists what it
//! covers).

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::Policy;
use crate::vocabulary::Vocabulary;

pub const RULE: Rule = Rule { code: Code::ActionRedundant, applies_to: None, check: Check::Catalog(check) };

fn check(policy: &Policy, aws: &dyn Vocabulary, out: &mut Vec<Diagnostic>) {
    for block in policy.statements.iter().filter_map(|st| st.action.as_ref()).filter(|b| !b.negated) {
        if block.patterns.len() < 2 {
            continue;
        }
        // an entry can cover another only when its service is the other's, or a pattern
        let service = |raw: &str| raw.split_once(':').map_or(raw, |(s, _)| s).to_ascii_lowercase();
        let services: Vec<String> = block.patterns.iter().map(|p| service(&p.raw)).collect();
        let may_cover = |j: usize, i: usize| match (services.get(j), services.get(i)) {
            (Some(q), Some(p)) => j != i && (q == p || q.contains(['*', '?'])),
            _ => false,
        };
        // each entry's actions, lowercased as the patterns compare them, computed when asked
        let mut covered: Vec<Option<Option<Vec<String>>>> = vec![None; block.patterns.len()];
        let mut actions = |k: usize| -> Option<Vec<String>> {
            let slot = covered.get_mut(k)?;
            slot.get_or_insert_with(|| {
                let p = block.patterns.get(k)?;
                super::actions_of(&p.raw, aws).map(|(service, names)| {
                    names.iter().map(|n| format!("{service}:{n}").to_ascii_lowercase()).collect()
                })
            })
            .clone()
        };
        for (i, p) in block.patterns.iter().enumerate() {
            if !(0..block.patterns.len()).any(|j| may_cover(j, i)) {
                continue;
            }
            let Some(mine) = actions(i) else { continue };
            let by = block.patterns.iter().enumerate().find(|&(j, q)| {
                if !may_cover(j, i) || !mine.iter().all(|a| q.glob.is_match(a)) {
                    return false;
                }
                // of two entries that cover the same actions, only the later one is flagged
                let mine_covers_it = actions(j).is_some_and(|theirs| theirs.iter().all(|a| p.glob.is_match(a)));
                j < i || !mine_covers_it
            });
            if let Some((_, q)) = by {
                out.push(
                    Diagnostic::suggestion(RULE.code, p.span, format!("`{}` already covers `{}`", q.raw, p.raw))
                        .with_help(format!("keep `{}` alone", q.raw)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{catalog_run_on, pairs};

    fn found(action: &str) -> Vec<(String, String)> {
        let text = format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": {action}, "Resource": "*"}}]}}"#
        );
        catalog_run_on(&text, super::check).0
    }

    #[test]
    fn flags_an_entry_a_wider_one_covers() {
        assert_eq!(found(r#"["s3:Get*", "s3:GetObject"]"#), pairs(&[("action-redundant", "\"s3:GetObject\"")]));
        assert_eq!(found(r#"["s3:GetObject", "s3:*"]"#), pairs(&[("action-redundant", "\"s3:GetObject\"")]));
        // two entries for the same actions: the later one
        assert_eq!(found(r#"["s3:GetObject", "S3:getobject"]"#), pairs(&[("action-redundant", "\"S3:getobject\"")]));
    }

    #[test]
    fn accepts_entries_that_add_actions() {
        assert_eq!(found(r#"["s3:GetObject", "s3:PutObject"]"#), []);
        assert_eq!(found(r#"["s3:Get*", "s3:List*"]"#), []);
        assert_eq!(found(r#"["s3:GetObject", "s3:Frob"]"#), []);
    }
}
