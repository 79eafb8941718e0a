//! `resource-wildcard-type` — suggestion, any policy.
//!
//! ## What it flags
//! A wildcard inside the resource-type word of a `Resource` or `NotResource` ARN, for the
//! services whose resource part starts with a type: `arn:aws:iam::111122223333:u*`,
//! `arn:aws:ec2:*:*:*/*`, `arn:aws:ec2:*:*:security-group*/*`.
//!
//! ## Why
//! AWS accepts it (its own managed policies write `arn:aws:ec2:*:*:*/*`) and it matches
//! every resource type the pattern covers — often more types than meant: `u*` covers
//! `user/…` but would cover any other type starting with `u` too.
//!
//! ## Example
//! ```json
//! "Resource": "arn:aws:iam::111122223333:u*"
//! ```
//!
//! ## Instead
//! Write the type out when one type is meant: `"arn:aws:iam::111122223333:user/*"`.

use crate::arn::{resource_type_word, split_arn};
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::Policy;

pub const RULE: Rule = Rule { code: Code::ResourceWildcardType, applies_to: None, check: Check::Text(check) };

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    let patterns = policy.statements.iter().filter_map(|st| st.resource.as_ref()).flat_map(|r| r.patterns.iter());
    for p in patterns {
        let Some((service, resource)) = split_arn(&p.raw) else { continue };
        if let Some(word) = resource_type_word(service, resource).filter(|w| w.contains(['*', '?'])) {
            out.push(
                Diagnostic::suggestion(
                    RULE.code,
                    p.span,
                    format!("the resource type `{word}` of `{}` is a pattern: it covers every type it matches", p.raw),
                )
                .with_help("write the type out when one type is meant, as in `user/*`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{pairs, run_on};

    fn found(resource: &str) -> Vec<(String, String)> {
        run_on(
            &format!(
                r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "*", "Resource": "{resource}"}}]}}"#
            ),
            super::check,
        )
    }

    #[test]
    fn flags_patterns_in_the_type_word() {
        assert_eq!(
            found("arn:aws:iam::111122223333:u*"),
            pairs(&[("resource-wildcard-type", "\"arn:aws:iam::111122223333:u*\"")])
        );
        assert_eq!(found("arn:aws:ec2:*:*:security-group*/*").len(), 1);
    }

    #[test]
    fn accepts_written_types_and_untyped_services() {
        assert_eq!(found("arn:aws:iam::111122223333:user/*"), []);
        assert_eq!(found("arn:aws:s3:::bucket*/key"), []);
        assert_eq!(found("*"), []);
    }
}
