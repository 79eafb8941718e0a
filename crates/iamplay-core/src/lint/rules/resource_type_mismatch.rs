//! `resource-type-mismatch` — warning, or suggestion for an ARN where only `*` goes; any policy; needs AWS's catalog.
//!
//! ## What it flags
//! A `Resource` that names none of the resource types the statement's actions act on,
//! by their ARN formats in the Service Authorization Reference: the commonest S3 mistake,
//! `s3:ListBucket` on `arn:aws:s3:::reports/*` (objects; the action lists a bucket,
//! `arn:aws:s3:::reports`), or `s3:GetObject` on the bucket; and an ARN for actions that
//! take only `*` (`s3:ListAllMyBuckets`, `ec2:DescribeInstances`). A statement with
//! `NotAction` or `NotResource`, a `*` resource, an action of an unknown service or one
//! the catalog does not list is not checked. An ARN for actions that take only `*` is a
//! suggestion: AWS's own managed policies scope many such actions, as the reference's
//! lists lag behind the services. Access Analyzer: "Invalid ARN resource" (an error there,
//! checked against all of the service's ARN formats; here against the actions').
//!
//! ## Why
//! AWS matches the request's resource against `Resource`: a request for the action never
//! has a resource of that form, so the statement never applies — an `Allow` grants
//! nothing (an implicit deny) and a `Deny` protects nothing.
//!
//! ## Example
//! ```json
//! {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::reports/*"}
//! ```
//!
//! ## Instead
//! One statement per resource type: `s3:ListBucket` on `arn:aws:s3:::reports`,
//! `s3:GetObject` on `arn:aws:s3:::reports/*`; `"Resource": "*"` for actions that take
//! no resource.

use super::listed_actions;
use super::resource_arn_format::misfit;
use crate::arn_format::can_name;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::lint::{Check, Rule};
use crate::policy::Policy;
use crate::vocabulary::Vocabulary;

pub const RULE: Rule = Rule { code: Code::ResourceTypeMismatch, applies_to: None, check: Check::Catalog(check) };

fn check(policy: &Policy, aws: &dyn Vocabulary, out: &mut Vec<Diagnostic>) {
    for st in &policy.statements {
        let Some(resources) = st.resource.as_ref().filter(|r| !r.negated) else { continue };
        let Some(actions) = listed_actions(st, aws) else { continue };
        // every (type, format) of every action, once
        let mut formats: Vec<(&str, &str)> = Vec::new();
        for (svc, a) in &actions {
            for t in aws.resource_types(&format!("{svc}:{a}")).unwrap_or_default() {
                if !formats.contains(&(t.name, t.arn)) {
                    formats.push((t.name, t.arn));
                }
            }
        }
        let (subject, takes, acts, they, them) = match actions.as_slice() {
            [(svc, one)] => (format!("`{svc}:{one}`"), "takes", "acts", "it", "it"),
            many => (format!("this statement's {} actions", many.len()), "take", "act", "they", "them"),
        };
        for p in resources.patterns.iter().filter(|p| p.raw != "*") {
            // an ARN no format of its service fits is resource-arn-format's finding
            if formats.iter().any(|(_, f)| can_name(&p.raw, f)) || misfit(&p.raw, aws).is_some() {
                continue;
            }
            let d = if formats.is_empty() {
                // a suggestion: AWS's own policies often scope actions the reference lists
                // as taking only `*` (its lists lag behind the services)
                Diagnostic::suggestion(RULE.code, p.span, format!("{subject} {takes} no resource ARN, only `*`"))
                    .with_help(format!(
                        "write `\"Resource\": \"*\"` (AWS's catalog: {}); this ARN never matches a request",
                        aws.data_version()
                    ))
            } else {
                let listed: Vec<String> = formats.iter().take(4).map(|(t, f)| format!("{t} `{f}`")).collect();
                let more = if formats.len() > 4 { format!(" and {} more", formats.len() - 4) } else { String::new() };
                Diagnostic::warning(
                    RULE.code,
                    p.span,
                    format!("`{}` is none of the resource types {subject} {acts} on", p.raw),
                )
                .with_help(format!(
                    "{they} {acts} on {}{more} (AWS's catalog: {}); no request for {them} has such a resource",
                    listed.join(", "),
                    aws.data_version()
                ))
            };
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{catalog_run_on, pairs};

    fn statement(action: &str, resource: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": {action}, "Resource": {resource}}}]}}"#
        )
    }

    #[test]
    fn flags_a_resource_of_another_type_and_an_arn_where_only_a_star_goes() {
        let (f, helps) = catalog_run_on(&statement(r#""s3:ListBucket""#, r#""arn:aws:s3:::reports/*""#), super::check);
        assert_eq!(f, pairs(&[("resource-type-mismatch", "\"arn:aws:s3:::reports/*\"")]));
        assert!(helps[0].contains("bucket `arn:${Partition}:s3:::${BucketName}`"), "{helps:?}");
        let (f, _) = catalog_run_on(
            &statement(r#""s3:GetObject""#, r#"["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]"#),
            super::check,
        );
        assert_eq!(f, pairs(&[("resource-type-mismatch", "\"arn:aws:s3:::reports\"")]));
        let (f, helps) =
            catalog_run_on(&statement(r#""s3:ListAllMyBuckets""#, r#""arn:aws:s3:::reports""#), super::check);
        assert_eq!(f.len(), 1);
        assert!(helps[0].starts_with("write `\"Resource\": \"*\"`"), "{helps:?}");
    }

    #[test]
    fn accepts_fitting_resources_and_what_cannot_be_known() {
        for (action, resource) in [
            (r#"["s3:ListBucket", "s3:GetObject"]"#, r#"["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]"#),
            (r#""s3:Get*""#, r#""arn:aws:s3:::reports""#),
            (r#""s3:ListBucket""#, r#""*""#),
            (r#""s3:ListBucket""#, r#""arn:aws:s3:::${aws:username}""#),
            (r#""ec2:StartInstances""#, r#""arn:aws:ec2:*:*:instance/*""#),
            (r#""*""#, r#""arn:aws:s3:::reports/*""#),
            (r#""s3:Frobnicate""#, r#""arn:aws:s3:::reports/*""#),
            (r#""sqs:SendMessage""#, r#""arn:aws:s3:::reports/*""#),
        ] {
            assert_eq!(catalog_run_on(&statement(action, resource), super::check).0, [], "{action} {resource}");
        }
        let not_resource = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:ListBucket", "NotResource": "arn:aws:s3:::b/*"}]}"#;
        assert_eq!(catalog_run_on(not_resource, super::check).0, []);
    }
}
