//! The names a scenario declares where a reference to one goes (policies, AWS managed
//! policies by ARN, groups, roles, instance profiles, users), the forms of a request's
//! principal and of a policy's `AWS` and `Service` principal entries, and the field names of
//! the scenario format: what the principals and request editors are offered.

use super::{choice, Choice, Texts};
pub(super) use crate::scenario::fields::*;

pub(super) fn fields(names: &[&str], what: &str) -> Vec<Choice> {
    names.iter().map(|n| choice(*n, what, "keyword")).collect()
}

/// Services that commonly appear as a trust policy's `Service` principal, by hand (AWS's
/// catalog lists actions, not service principals).
pub(super) const SERVICE_PRINCIPALS: &[&str] = &[
    "ec2",
    "lambda",
    "ecs-tasks",
    "eks",
    "states",
    "events",
    "scheduler",
    "s3",
    "sns",
    "sqs",
    "logs",
    "cloudformation",
    "codebuild",
    "codepipeline",
    "apigateway",
    "glue",
    "sagemaker",
    "ssm",
    "firehose",
    "backup",
    "cloudtrail",
    "config",
    "delivery.logs",
    "elasticmapreduce",
    "batch",
    "edgelambda",
];

/// The ARNs of the Principals text's account, users and roles, and `*`: what an `AWS`
/// principal entry names.
pub(super) fn principal_arns(principals: &str) -> Vec<Choice> {
    let Ok(j) = crate::json::parse(principals, crate::source::SourceId::Principals) else { return Vec::new() };
    let account = j.get("account").and_then(|m| m.value.as_str()).unwrap_or("111122223333");
    let mut out = vec![choice(format!("arn:aws:iam::{account}:root"), "the account", "variable")];
    for (field, kind) in [("users", "user"), ("roles", "role")] {
        for m in j.get(field).and_then(|m| m.value.as_object()).into_iter().flatten() {
            out.push(choice(format!("arn:aws:iam::{account}:{kind}/{}", m.key), format!("the {kind}"), "variable"));
        }
    }
    out.push(choice("*", "anyone (with a condition, or a Deny)", "keyword"));
    out
}

/// The member names of the top-level object of `json` (the declared policies).
pub(super) fn top_level_names(json: &str) -> Vec<String> {
    match crate::json::parse(json, crate::source::SourceId::Policies) {
        Ok(j) => j.as_object().map(|m| m.iter().map(|m| m.key.clone()).collect()).unwrap_or_default(),
        Err(_) => Vec::new(),
    }
}

/// The policies the Policies text declares (ranked first), then, where AWS managed policies
/// may go, their ARNs.
pub(super) fn policy_names(others: &Texts<'_>, aws_managed: bool) -> Vec<Choice> {
    let mut out: Vec<Choice> = top_level_names(others.policies)
        .into_iter()
        .map(|n| Choice { boost: 1, ..choice(n, "policy", "variable") })
        .collect();
    if aws_managed {
        out.extend(others.aws_managed.iter().map(|arn| choice(arn.as_str(), "AWS managed policy", "constant")));
    }
    out
}

/// The names the default account declares under `field` of the Principals text `principals`
/// (none while it is not JSON).
pub(super) fn declared(principals: &str, field: &str, what: &str) -> Vec<Choice> {
    let Ok(j) = crate::json::parse(principals, crate::source::SourceId::Principals) else { return Vec::new() };
    let names = j.get(field).and_then(|m| m.value.as_object()).into_iter().flatten();
    names.map(|m| choice(m.key.as_str(), format!("a {what} declared in principals"), "variable")).collect()
}

/// The principals a request may name, from the principals editor's text: the declared
/// ones by reference and by ARN, then the other forms of a principal reference.
pub(super) fn principal_references(principals: &str) -> Vec<Choice> {
    let fixed = [
        choice("root", "the account's root user", "keyword"),
        choice("anonymous", "an unauthenticated caller", "keyword"),
        choice("service:", "an AWS service, e.g. service:ec2.amazonaws.com", "keyword"),
        choice("federated:", "a web-identity or SAML provider's user", "keyword"),
    ];
    // while the Principals text is not JSON, the forms that name nothing declared
    let Ok(j) = crate::json::parse(principals, crate::source::SourceId::Principals) else { return fixed.to_vec() };
    let mut out = Vec::new();
    for (field, kind) in
        [("users", "user"), ("roles", "role"), ("instanceProfiles", "instance-profile"), ("instances", "instance")]
    {
        for m in j.get(field).and_then(|m| m.value.as_object()).into_iter().flatten() {
            out.push(Choice {
                boost: 1,
                ..choice(
                    format!("{kind}/{}", m.key),
                    format!("a {} declared in principals", kind.replace('-', " ")),
                    "variable",
                )
            });
        }
    }
    let account = j.get("account").and_then(|m| m.value.as_str()).unwrap_or("111122223333");
    for m in j.get("users").and_then(|m| m.value.as_object()).into_iter().flatten() {
        out.push(choice(format!("arn:aws:iam::{account}:user/{}", m.key), "the user by ARN", "variable"));
    }
    for m in j.get("roles").and_then(|m| m.value.as_object()).into_iter().flatten() {
        out.push(choice(format!("arn:aws:iam::{account}:role/{}", m.key), "a session of the role", "variable"));
        out.push(choice(
            format!("arn:aws:sts::{account}:assumed-role/{}/session", m.key),
            "that session of the role",
            "variable",
        ));
    }
    out.extend(fixed);
    out.extend([
        choice(format!("arn:aws:iam::{account}:root"), "the account's root user", "keyword"),
        choice(format!("arn:aws:sts::{account}:federated-user/"), "a GetFederationToken session", "keyword"),
    ]);
    out
}
