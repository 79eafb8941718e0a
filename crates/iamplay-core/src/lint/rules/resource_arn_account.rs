//! `resource-arn-account` — warning, any policy.
//!
//! ## What it flags
//! A `Resource` or `NotResource` ARN whose account part is neither empty, twelve digits,
//! `aws` (AWS's own resources) nor a pattern (`*`, `?`, a policy variable): a name, an
//! account ID with dashes or a digit too few. Access Analyzer: "Invalid ARN account" (an
//! error there).
//!
//! ## Why
//! Account IDs in ARNs are twelve digits: a request's resource never has another account
//! part, so the pattern never matches — an `Allow` grants nothing and a `Deny` protects
//! nothing.
//!
//! ## Example
//! ```json
//! {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:1111-2222-3333:orders"}
//! ```
//!
//! ## Instead
//! `arn:aws:sqs:us-east-1:111122223333:orders`: the twelve digits without dashes.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::Policy;

pub const RULE: Rule = Rule { code: Code::ResourceArnAccount, applies_to: None, check: Check::Text(check) };

fn check(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for st in &policy.statements {
        let Some(resources) = st.resource.as_ref() else { continue };
        for p in &resources.patterns {
            let parts: Vec<&str> = p.raw.splitn(6, ':').collect();
            let (Some(&"arn"), Some(service), Some(account), Some(_)) =
                (parts.first(), parts.get(2), parts.get(4), parts.get(5))
            else {
                continue;
            };
            // a wildcard before the account may span colons: the parts are not known
            if parts.iter().take(4).any(|x| x.contains(['*', '?', '$'])) || service.is_empty() {
                continue;
            }
            let fine = account.is_empty()
                || *account == "aws"
                || account.contains(['*', '?', '$'])
                || (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()));
            if !fine {
                let digits: String = account.chars().filter(char::is_ascii_digit).collect();
                let help = if digits.len() == 12 {
                    format!("write `{digits}`: account IDs in ARNs are twelve digits, without dashes or spaces")
                } else {
                    "account IDs in ARNs are twelve digits (`111122223333`); `*` for any account".to_string()
                };
                out.push(
                    Diagnostic::warning(
                        RULE.code,
                        p.span,
                        format!("`{account}` is no account ID: no resource has this ARN"),
                    )
                    .with_help(help),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{pairs, run_on};

    fn found(resource: &str) -> Vec<(String, String)> {
        let policy = format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "{resource}"}}]}}"#
        );
        run_on(&policy, super::check)
    }

    #[test]
    fn flags_an_account_that_is_not_twelve_digits() {
        assert_eq!(
            found("arn:aws:sqs:us-east-1:1111-2222-3333:orders"),
            pairs(&[("resource-arn-account", "\"arn:aws:sqs:us-east-1:1111-2222-3333:orders\"")])
        );
        assert_eq!(found("arn:aws:sqs:us-east-1:prod:orders").len(), 1);
        assert_eq!(found("arn:aws:sqs:us-east-1:11112222333:orders").len(), 1);
    }

    #[test]
    fn accepts_accounts_empty_parts_patterns_and_aws() {
        for r in [
            "arn:aws:sqs:us-east-1:111122223333:orders",
            "arn:aws:s3:::reports/*",
            "arn:aws:iam::aws:policy/ReadOnlyAccess",
            "arn:aws:sqs:*:*:orders",
            "arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:orders",
            "arn:aws:sqs:us-east-1:1111222233?3:orders",
            "arn:*:sqs:us-east-1:whatever:orders",
            "*",
        ] {
            assert_eq!(found(r), Vec::<(String, String)>::new(), "{r}");
        }
    }
}
