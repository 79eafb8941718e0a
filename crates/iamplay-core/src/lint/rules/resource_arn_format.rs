//! `resource-arn-format` — warning; any policy; needs AWS's catalog.
//!
//! ## What it flags
//! A `Resource` or `NotResource` ARN that none of its service's ARN formats (every
//! resource type of the service in the Service Authorization Reference) can name: a Region
//! or account where the service's ARNs have none (`arn:aws:s3:us-east-1:111122223333:reports`:
//! S3 and IAM ARNs carry neither), none where they need one (`arn:aws:ec2:::instance/i-1`),
//! a service prefix in capitals (`arn:aws:S3:::reports`), an ARN of fewer than six parts,
//! or a resource part of no type the service has. An ARN whose service has a wildcard or a
//! variable, or that the catalog does not list, is not checked. Access Analyzer: "ARN
//! Region not allowed", "ARN account not allowed", "Missing ARN Region", "Missing ARN
//! account", "Invalid ARN service case", "Missing ARN field" and "Invalid ARN resource"
//! (errors there; warnings here, as a decision is still made).
//!
//! ## Why
//! AWS matches the request's resource against the pattern as text: a request's resource
//! is always an ARN of one of the service's formats, so this pattern never matches one —
//! an `Allow` grants nothing (an implicit deny) and a `Deny` protects nothing.
//!
//! ## Example
//! ```json
//! {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:us-east-1:111122223333:reports/*"}
//! ```
//!
//! ## Instead
//! `arn:aws:s3:::reports/*`: write the ARN as the service's format has it (the help lists
//! the formats).

use crate::arn_format::can_name;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::Policy;
use crate::vocabulary::Vocabulary;

pub const RULE: Rule = Rule { code: Code::ResourceArnFormat, applies_to: None, check: Check::Catalog(check) };

/// Why an ARN fits none of its service's formats; None when it fits one, or cannot be
/// known (not an ARN, a service with a wildcard or a variable, a service the catalog
/// does not list).
pub(crate) fn misfit(raw: &str, aws: &dyn Vocabulary) -> Option<String> {
    let parts: Vec<&str> = raw.splitn(6, ':').collect();
    let (Some(&"arn"), Some(service)) = (parts.first(), parts.get(2)) else { return None };
    if service.is_empty() || service.contains(['*', '?', '$']) {
        return None;
    }
    let lower = service.to_ascii_lowercase();
    if lower != *service {
        return (!aws.arn_formats(&lower).is_empty())
            .then(|| format!("service prefixes are lower case in ARNs: `{lower}`, not `{service}`"));
    }
    let formats = aws.arn_formats(service);
    if formats.is_empty() {
        return None;
    }
    if formats.iter().any(|f| can_name(raw, f)) {
        return None;
    }
    if parts.len() < 6 {
        return Some("an ARN has six parts, `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE` (the Region and account may be empty)".to_string());
    }
    let name = aws.service_name(service).unwrap_or(service);
    // what it would fit with another Region or account part: empty where it has one, a
    // plain one where it has none (not `*`, which could span the colons)
    let with = |changes: &[(usize, &str)]| {
        let mut p: Vec<&str> = parts.clone();
        for (i, v) in changes {
            if let Some(slot) = p.get_mut(*i) {
                *slot = v;
            }
        }
        let arn = p.join(":");
        formats.iter().any(|f| can_name(&arn, f))
    };
    let written = |i: usize| parts.get(i).copied().unwrap_or_default();
    let swap = |i: usize| match (written(i).is_empty(), i) {
        (false, _) => "",
        (true, 3) => "us-east-1",
        (true, _) => "111122223333",
    };
    let said = |i: usize, what: &str, a: &str| {
        if written(i).is_empty() {
            format!("these {name} ARNs name {a} {what}: it is empty here (`*` for any)")
        } else {
            format!("these {name} ARNs have no {what}: leave it empty (`{}` is in its place)", written(i))
        }
    };
    let fixed = |i: usize| written(i).contains(['*', '?', '$']);
    if !fixed(3) && with(&[(3, swap(3))]) {
        return Some(said(3, "Region", "a"));
    }
    if !fixed(4) && with(&[(4, swap(4))]) {
        return Some(said(4, "account", "an"));
    }
    if !fixed(3) && !fixed(4) && with(&[(3, swap(3)), (4, swap(4))]) {
        return Some(format!(
            "{} and {}",
            said(3, "Region", "a"),
            said(4, "account", "an").replacen(&format!("these {name} ARNs "), "", 1)
        ));
    }
    Some(format!("the resource part fits none of {name}'s resource types"))
}

std::thread_local! {
    /// The ARNs found to fit, per catalog version: the playground lints every text on each
    /// keystroke, and its ARNs rarely change (a walk per format is the cost otherwise).
    static FITTING: std::cell::RefCell<(String, std::collections::HashSet<String>)> = std::cell::RefCell::default();
}

/// At most this many fitting ARNs are remembered (then the set starts again).
const REMEMBERED: usize = 4096;

fn check(policy: &Policy, aws: &dyn Vocabulary, out: &mut Vec<Diagnostic>) {
    let version = aws.data_version();
    let remembered = |raw: &str| {
        FITTING.with(|f| {
            let f = f.borrow();
            f.0 == version && f.1.contains(raw)
        })
    };
    let remember = |raw: &str| {
        FITTING.with(|f| {
            let mut f = f.borrow_mut();
            if f.0 != version || f.1.len() >= REMEMBERED {
                *f = (version.clone(), std::collections::HashSet::new());
            }
            f.1.insert(raw.to_string());
        })
    };
    for st in &policy.statements {
        let Some(resources) = st.resource.as_ref() else { continue };
        for p in &resources.patterns {
            if remembered(&p.raw) {
                continue;
            }
            let Some(why) = misfit(&p.raw, aws) else {
                remember(&p.raw);
                continue;
            };
            let service = p.raw.split(':').nth(2).unwrap_or_default().to_ascii_lowercase();
            let formats = aws.arn_formats(&service);
            let listed: Vec<String> = formats.iter().take(4).map(|f| format!("`{f}`")).collect();
            let more = if formats.len() > 4 { format!(" and {} more", formats.len() - 4) } else { String::new() };
            out.push(
                Diagnostic::warning(RULE.code, p.span, format!("`{}` is no ARN of its service: {why}", p.raw))
                    .with_help(format!(
                        "its ARNs are {}{more} (AWS's catalog: {}); no request has such a resource",
                        listed.join(", "),
                        aws.data_version()
                    )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{catalog_run_on, pairs};

    fn statement(resource: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "s3:GetObject", "Resource": {resource}}}]}}"#
        )
    }

    fn messages(resource: &str) -> Vec<String> {
        let (found, _) = catalog_run_on(&statement(resource), super::check);
        found.into_iter().map(|(code, text)| format!("{code} {text}")).collect()
    }

    #[test]
    fn flags_a_region_or_account_where_the_service_has_none_and_the_reverse() {
        let (f, helps) = catalog_run_on(&statement(r#""arn:aws:s3:us-east-1::reports/*""#), super::check);
        assert_eq!(f, pairs(&[("resource-arn-format", "\"arn:aws:s3:us-east-1::reports/*\"")]));
        assert!(helps[0].contains("`arn:${Partition}:s3:::${BucketName}`"), "{helps:?}");
        assert_eq!(messages(r#""arn:aws:s3::111122223333:reports""#).len(), 1);
        // EC2's formats all have a Region
        assert_eq!(messages(r#""arn:aws:ec2:::instance/i-1""#).len(), 1);
        assert_eq!(messages(r#""arn:aws:S3:::reports""#).len(), 1);
        assert_eq!(messages(r#""arn:aws:s3:reports""#).len(), 1);
    }

    #[test]
    fn the_messages_say_what_is_wrong() {
        let at = |resource: &str| super::misfit(resource.trim_matches('"'), &crate::lint::test_support::TestVocabulary);
        assert_eq!(
            at(r#""arn:aws:s3:us-east-1::reports/*""#).as_deref(),
            Some("these Amazon S3 ARNs have no Region: leave it empty (`us-east-1` is in its place)")
        );
        assert_eq!(
            at(r#""arn:aws:s3::111122223333:reports""#).as_deref(),
            Some("these Amazon S3 ARNs have no account: leave it empty (`111122223333` is in its place)")
        );
        assert_eq!(
            at(r#""arn:aws:ec2::111122223333:instance/i-1""#).as_deref(),
            Some("these Amazon EC2 ARNs name a Region: it is empty here (`*` for any)")
        );
        assert_eq!(
            at(r#""arn:aws:S3:::reports""#).as_deref(),
            Some("service prefixes are lower case in ARNs: `s3`, not `S3`")
        );
        assert!(at(r#""arn:aws:s3:reports""#).is_some_and(|m| m.starts_with("an ARN has six parts")));
        assert_eq!(
            at(r#""arn:aws:ec2:us-east-1:111122223333:volume/v-1""#).as_deref(),
            Some("the resource part fits none of Amazon EC2's resource types")
        );
    }

    #[test]
    fn a_second_run_finds_the_same_as_the_first() {
        // fitting ARNs are remembered between runs, misfits never
        let both = r#"["arn:aws:s3:::reports/*", "arn:aws:s3::111122223333:reports"]"#;
        let first = messages(both);
        assert_eq!(first.len(), 1);
        assert_eq!(messages(both), first);
        assert_eq!(messages(r#""arn:aws:s3:::reports/*""#), Vec::<String>::new());
    }

    #[test]
    fn accepts_what_fits_and_what_cannot_be_known() {
        for resource in [
            r#""arn:aws:s3:::reports/*""#,
            r#""arn:aws:s3:::reports""#,
            r#""arn:aws:s3:*:*:reports""#,
            r#""arn:aws:ec2:*:${aws:PrincipalAccount}:instance/*""#,
            r#""arn:aws:ec2:us-east-1:111122223333:instance/i-1""#,
            r#""arn:aws:*:::reports""#,
            r#""arn:aws:${aws:username}:::x""#,
            r#""arn:aws:lambda:us-east-1:111122223333:function:f""#,
            r#""*""#,
            r#""reports""#,
        ] {
            assert_eq!(messages(resource), Vec::<String>::new(), "{resource}");
        }
    }
}
