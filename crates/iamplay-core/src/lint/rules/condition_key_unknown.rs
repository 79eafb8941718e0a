//! `condition-key-unknown` — warning, any policy; needs AWS's catalog.
//!
//! ## What it flags
//! A condition key that AWS does not list: an `aws:` key that is no global condition key
//! (`aws:SourceIP` is `aws:SourceIp`, but `aws:SourceIps` is nothing), or a key of a known
//! service that the service does not have (`s3:Prefix` is read as `s3:prefix`, letter
//! case being ignored, but `s3:prefixes` is nothing), with the nearest listed key when
//! there is one. Keys with a variable part match by pattern (`aws:RequestTag/team` is
//! `aws:RequestTag/${TagKey}`). Keys of identity providers (`accounts.google.com:aud`,
//! `token.actions.githubusercontent.com:sub`, `saml:aud`) are not services' keys and are
//! not checked. Access Analyzer: "Invalid global condition key" and "Invalid service
//! condition key" (errors there; a warning here, as AWS's catalog can lag behind AWS).
//!
//! ## Why
//! No request carries a key that does not exist, so the condition never matches: an
//! `Allow` with it grants nothing, a `Deny` with it protects nothing (and with a negated
//! operator such as `StringNotEquals`, a Deny applies to every request).
//!
//! ## Example
//! ```json
//! "Condition": {"IpAddress": {"aws:SourceIps": "203.0.113.0/24"}}
//! ```
//!
//! ## Instead
//! The key as the Service Authorization Reference lists it: `"aws:SourceIp"`.

use super::clauses;
use crate::code::Code;
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::lint::{Check, Rule};
use crate::policy::Policy;
use crate::vocabulary::Vocabulary;

pub const RULE: Rule = Rule { code: Code::ConditionKeyUnknown, applies_to: None, check: Check::Catalog(check) };

fn check(policy: &Policy, aws: &dyn Vocabulary, out: &mut Vec<Diagnostic>) {
    for (c, _) in clauses(policy) {
        // a variable in a key name is not read as one (docs/semantics.md): leave it
        let Some((prefix, _)) = c.key.split_once(':').filter(|_| !c.key.contains("${")) else { continue };
        let global = prefix.eq_ignore_ascii_case("aws");
        let owner = if global { Some("AWS's global condition keys") } else { aws.service_name(prefix) };
        let Some(owner) = owner else { continue }; // an identity provider's key, or no service
        if aws.key_type(&c.key).is_some() {
            continue;
        }
        let listed = aws.keys(if global { "aws" } else { prefix });
        let message = if global {
            format!("`{}` is not one of {owner}", c.key)
        } else {
            format!("{owner} has no condition key `{}`", c.key)
        };
        // whole names: a global key may have another prefix (`ec2:SourceInstanceARN`)
        let help = match did_you_mean(&c.key, listed) {
            Some(near) => format!("did you mean `{near}`? (AWS's catalog: {})", aws.data_version()),
            None => format!("AWS's catalog ({}) does not list it", aws.data_version()),
        };
        out.push(Diagnostic::warning(RULE.code, c.key_span, message).with_help(help));
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{catalog_run_on, pairs, with_condition};

    fn found(condition: &str) -> (Vec<(String, String)>, Vec<String>) {
        catalog_run_on(&with_condition(condition), super::check)
    }

    #[test]
    fn flags_keys_aws_does_not_list() {
        let (f, helps) =
            found(r#"{"IpAddress": {"aws:SourceIps": "203.0.113.0/24"}, "StringLike": {"s3:prefixe": "a/*"}}"#);
        assert_eq!(
            f,
            pairs(&[("condition-key-unknown", "\"aws:SourceIps\""), ("condition-key-unknown", "\"s3:prefixe\"")])
        );
        assert!(helps[0].starts_with("did you mean `aws:SourceIp`?"), "{helps:?}");
        assert!(helps[1].starts_with("did you mean `s3:prefix`?"), "{helps:?}");
    }

    #[test]
    fn accepts_listed_keys_any_case_tag_keys_and_providers_keys() {
        let (f, _) = found(
            r#"{"StringEquals": {"aws:SOURCEIP": "1.2.3.4", "aws:RequestTag/team": "a", "s3:Prefix": "x",
                "s3:ExistingObjectTag/owner": "me", "accounts.google.com:aud": "x", "saml:aud": "y",
                "aws:RequestTag/${aws:username}": "z", "nope": "k"}}"#,
        );
        assert_eq!(f, []);
    }
}
