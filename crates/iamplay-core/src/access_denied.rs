//! An AWS AccessDenied message read as a request: "User: ARN is not authorized to perform:
//! ACTION [on resource: RESOURCE] (with an explicit deny in a TYPE[: POLICY-ARN] | because
//! no TYPE allows the ACTION action)", the format the IAM User Guide documents
//! ("Troubleshoot access denied error messages"), also with the SDKs' "An error occurred
//! (AccessDenied) when calling the … operation:" before it and S3's quoted resource. An
//! encoded authorization message (EC2's) cannot be read without `aws sts
//! decode-authorization-message`, and is named as such. Then: whether a scenario's decision
//! reproduces what AWS said (the same kind of deny, in the same layer).

use crate::decision::{Evaluation, Layer as Gate};
use crate::policy::PolicyType;
use crate::scenario::{Decision, Scenario};

/// What the message says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The caller's ARN as written (`arn:aws:iam::111122223333:user/alice`,
    /// `arn:aws:sts::111122223333:assumed-role/web/i-0abc`).
    pub principal: String,
    pub action: String,
    /// None when the message names no resource.
    pub resource: Option<String>,
    pub denial: Denial,
}

/// Why AWS says it denied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Denial {
    /// "with an explicit deny in a TYPE", with the policy's ARN when AWS gives it.
    Explicit { layer: Layer, policy: Option<String> },
    /// "because no TYPE allows the ACTION action".
    Implicit { layer: Layer },
    /// The message names no reason (older messages, some services).
    Unstated,
}

/// The policy types AWS names in its messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    Identity,
    Resource,
    Boundary,
    Session,
    Scp,
    Rcp,
    /// A VPC endpoint policy: not part of a scenario.
    VpcEndpoint,
}

impl Layer {
    /// The words AWS writes for it, and the layer.
    const NAMES: [(&'static str, Layer); 7] = [
        ("identity-based policy", Layer::Identity),
        ("resource-based policy", Layer::Resource),
        ("permissions boundary", Layer::Boundary),
        ("session policy", Layer::Session),
        ("service control policy", Layer::Scp),
        ("resource control policy", Layer::Rcp),
        ("vpc endpoint policy", Layer::VpcEndpoint),
    ];

    /// The layer for a scenario's policy type, as AWS names it in messages.
    pub fn of(t: PolicyType) -> Option<Layer> {
        Layer::NAMES.iter().map(|(_, l)| *l).find(|l| l.policy_type() == Some(t))
    }

    /// The scenario's policy type for it; None for what a scenario does not model.
    pub fn policy_type(self) -> Option<PolicyType> {
        Some(match self {
            Layer::Identity => PolicyType::Identity,
            Layer::Resource => PolicyType::Resource,
            Layer::Boundary => PolicyType::Boundary,
            Layer::Session => PolicyType::Session,
            Layer::Scp => PolicyType::Scp,
            Layer::Rcp => PolicyType::Rcp,
            Layer::VpcEndpoint => return None,
        })
    }

    /// As AWS writes it.
    pub fn words(self) -> &'static str {
        Layer::NAMES.iter().find(|(_, l)| *l == self).map_or("policy", |(w, _)| w)
    }
}

/// Why a text cannot be read as a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// "Encoded authorization failure message: …": only `aws sts decode-authorization-message` reads it.
    Encoded,
    /// No "is not authorized to perform:" in it.
    NotAccessDenied,
    /// The phrase is there, but not the caller or the action.
    Incomplete(&'static str),
}

const PERFORM: &str = " is not authorized to perform: ";

/// Reads an AccessDenied message (surrounding text, quotes and a final period allowed).
pub fn read(text: &str) -> Result<Message, Unreadable> {
    let text = text.trim();
    let Some(at) = text.find(PERFORM) else {
        return Err(if text.to_ascii_lowercase().contains("encoded authorization failure message") {
            Unreadable::Encoded
        } else {
            Unreadable::NotAccessDenied
        });
    };
    let (before, after) = (text.get(..at).unwrap_or_default(), text.get(at + PERFORM.len()..).unwrap_or_default());
    let principal = before.rsplit_once("User: ").map(|(_, p)| p).unwrap_or(before).trim();
    let principal = principal.rsplit(char::is_whitespace).next().unwrap_or_default();
    if !principal.starts_with("arn:") {
        return Err(Unreadable::Incomplete("the caller's ARN (User: arn:…) is not in it"));
    }
    let mut words = after.split_whitespace();
    let action = words.next().map(clean).unwrap_or_default();
    if !action.contains(':') {
        return Err(Unreadable::Incomplete("the action (SERVICE:ACTION) is not in it"));
    }
    let rest: Vec<&str> = words.collect();
    let rest = rest.join(" ");
    let resource = rest.strip_prefix("on resource: ").and_then(|r| r.split_whitespace().next()).map(clean);
    let lower = rest.to_ascii_lowercase();
    let layer_after = |phrase: &str| {
        let i = lower.find(phrase)? + phrase.len();
        let tail = lower.get(i..)?.trim_start_matches("an ").trim_start_matches("a ");
        Layer::NAMES
            .iter()
            .find(|(w, _)| tail.starts_with(w))
            .map(|(w, l)| (*l, i + (lower.len() - i - tail.len()) + w.len()))
    };
    let denial = if let Some((layer, end)) = layer_after("with an explicit deny in ") {
        let policy =
            rest.get(end..).and_then(|t| t.strip_prefix(": ")).and_then(|t| t.split_whitespace().next()).map(clean);
        Denial::Explicit { layer, policy: policy.filter(|p| p.starts_with("arn:")) }
    } else if let Some((layer, _)) = layer_after("because no ") {
        Denial::Implicit { layer }
    } else {
        Denial::Unstated
    };
    Ok(Message { principal: clean(principal), action, resource: resource.filter(|r| !r.is_empty()), denial })
}

/// A word without the quotes, brackets and final period a message puts around it.
fn clean(word: &str) -> String {
    word.trim_matches(|c: char| matches!(c, '"' | '\'' | '`' | '(' | ')' | ',' | ';')).trim_end_matches('.').to_string()
}

/// The scenario's reference for the caller: `user/NAME` for a user, `role/NAME` for a role
/// or a session of one (`assumed-role/NAME/SESSION`), when it is of the account `home`
/// (the scenario's default account; None: any); a caller of another account by its ARN
/// (a session by its role's ARN). None for other callers.
pub fn principal_reference(arn: &str, home: Option<&str>) -> Option<String> {
    let account = arn.split(':').nth(4).unwrap_or_default();
    let resource = arn.splitn(6, ':').nth(5)?;
    let elsewhere = home.is_some_and(|h| h != account);
    if let Some(rest) = resource.strip_prefix("assumed-role/") {
        let name = rest.split('/').next().filter(|n| !n.is_empty())?;
        return Some(match elsewhere {
            true => format!("arn:aws:iam::{account}:role/{name}"),
            false => format!("role/{name}"),
        });
    }
    let (kind, path) = resource.split_once('/')?;
    let name = path.rsplit('/').next().filter(|n| !n.is_empty())?;
    match (kind, elsewhere) {
        ("user" | "role", true) => Some(arn.to_string()),
        ("user" | "role", false) => Some(format!("{kind}/{name}")),
        _ => None,
    }
}

/// The message as one request of a scenario's `requests` (JSON): its caller by reference
/// (see [`principal_reference`]; `home` is the scenario's default account), else by ARN;
/// `*` when it names no resource. A resource ARN with a Region gives the request's
/// `aws:RequestedRegion` (the Region of the endpoint a regional resource is called at).
pub fn request_json(message: &Message, home: Option<&str>) -> String {
    let principal = principal_reference(&message.principal, home).unwrap_or_else(|| message.principal.clone());
    let quoted = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let resource = message.resource.as_deref().unwrap_or("*");
    let region = resource
        .strip_prefix("arn:")
        .and_then(|r| r.split(':').nth(2))
        .filter(|r| !r.is_empty() && !r.contains(['*', '?', '$']));
    let context =
        region.map(|r| format!(", \"context\": {{\"aws:RequestedRegion\": {}}}", quoted(r))).unwrap_or_default();
    format!(
        "{{\"principal\": {}, \"action\": {}, \"resource\": {}{context}}}",
        quoted(&principal),
        quoted(&message.action),
        quoted(resource)
    )
}

/// Whether a scenario's decision agrees with the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Agreement {
    /// The same kind of deny in the same layer.
    Reproduced,
    /// Denied too, but not as AWS said: the scenario's layer (None: not named).
    OtherLayer { decision: Decision, layer: Option<PolicyType> },
    /// The scenario allows the request.
    Allowed,
    /// AWS named a layer a scenario does not model (a VPC endpoint policy).
    NotModelled(Layer),
    /// The message gives no reason to compare with.
    NoReason { decision: Decision },
}

/// Compares the scenario's `evaluation` of the message's request with what AWS said.
pub fn agreement(message: &Message, sc: &Scenario, evaluation: &Evaluation) -> Agreement {
    let decision = evaluation.decision;
    // each deciding statement's policy, as it is used (a document may serve two layers)
    let deciding_types: Vec<PolicyType> = evaluation
        .decided_by
        .iter()
        .filter_map(|r| sc.policies.get(r.policy))
        .flat_map(|p| p.uses.iter().copied())
        .collect();
    // a cross-account request needs both sides: AWS words a missing side as that policy
    // type ("because no resource-based policy allows …")
    let gate = evaluation.blocked_by.as_ref().and_then(|g| match g.layer {
        Gate::Policy(t) => Some(t),
        Gate::CrossAccountResource => Some(PolicyType::Resource),
        Gate::CrossAccountIdentity => Some(PolicyType::Identity),
        Gate::AwsProtection => None,
    });
    let (want, layer) = match &message.denial {
        Denial::Unstated => {
            return if decision == Decision::Allow { Agreement::Allowed } else { Agreement::NoReason { decision } }
        }
        Denial::Explicit { layer, .. } => (Decision::ExplicitDeny, *layer),
        Denial::Implicit { layer } => (Decision::ImplicitDeny, *layer),
    };
    let Some(t) = layer.policy_type() else { return Agreement::NotModelled(layer) };
    if decision == Decision::Allow {
        return Agreement::Allowed;
    }
    let ours = if decision == Decision::ExplicitDeny { deciding_types.first().copied() } else { gate };
    let same_layer = match decision {
        Decision::ExplicitDeny => deciding_types.contains(&t),
        _ => gate == Some(t),
    };
    if decision == want && same_layer {
        Agreement::Reproduced
    } else {
        Agreement::OtherLayer { decision, layer: ours }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(principal: &str, action: &str, resource: Option<&str>, denial: Denial) -> Message {
        Message { principal: principal.into(), action: action.into(), resource: resource.map(str::to_string), denial }
    }

    const ALICE: &str = "arn:aws:iam::111122223333:user/alice";

    /// Every documented form, as AWS writes it, with what it says.
    #[test]
    fn samples_of_every_form() {
        let samples: Vec<(&str, Message)> = vec![
            (
                "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k because no identity-based policy allows the s3:GetObject action",
                msg(ALICE, "s3:GetObject", Some("arn:aws:s3:::b/k"), Denial::Implicit { layer: Layer::Identity }),
            ),
            (
                "An error occurred (AccessDenied) when calling the ListRoles operation: User: arn:aws:iam::111122223333:user/alice is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::111122223333:role/* with an explicit deny in a service control policy: arn:aws:organizations::999988887777:policy/o-abcd/service_control_policy/p-1234",
                msg(ALICE, "iam:ListRoles", Some("arn:aws:iam::111122223333:role/*"), Denial::Explicit { layer: Layer::Scp, policy: Some("arn:aws:organizations::999988887777:policy/o-abcd/service_control_policy/p-1234".into()) }),
            ),
            (
                "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::b/k\" with an explicit deny in a resource-based policy",
                msg(ALICE, "s3:GetObject", Some("arn:aws:s3:::b/k"), Denial::Explicit { layer: Layer::Resource, policy: None }),
            ),
            (
                "User: arn:aws:sts::111122223333:assumed-role/web/i-0abc is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:111122223333:table/t with an explicit deny in a permissions boundary: arn:aws:iam::111122223333:policy/cap.",
                msg("arn:aws:sts::111122223333:assumed-role/web/i-0abc", "dynamodb:PutItem", Some("arn:aws:dynamodb:us-east-1:111122223333:table/t"), Denial::Explicit { layer: Layer::Boundary, policy: Some("arn:aws:iam::111122223333:policy/cap".into()) }),
            ),
            (
                "User: arn:aws:sts::111122223333:assumed-role/web/s is not authorized to perform: sqs:SendMessage on resource: arn:aws:sqs:us-east-1:111122223333:q because no session policy allows the sqs:SendMessage action",
                msg("arn:aws:sts::111122223333:assumed-role/web/s", "sqs:SendMessage", Some("arn:aws:sqs:us-east-1:111122223333:q"), Denial::Implicit { layer: Layer::Session }),
            ),
            (
                "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::b/k with an explicit deny in a resource control policy",
                msg(ALICE, "s3:PutObject", Some("arn:aws:s3:::b/k"), Denial::Explicit { layer: Layer::Rcp, policy: None }),
            ),
            (
                "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k because no VPC endpoint policy allows the s3:GetObject action",
                msg(ALICE, "s3:GetObject", Some("arn:aws:s3:::b/k"), Denial::Implicit { layer: Layer::VpcEndpoint }),
            ),
            (
                "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: codecommit:ListRepositories because no identity-based policy allows the codecommit:ListRepositories action",
                msg(ALICE, "codecommit:ListRepositories", None, Denial::Implicit { layer: Layer::Identity }),
            ),
            (
                "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: iam:DeleteRole on resource: arn:aws:iam::111122223333:role/r with an explicit deny in an identity-based policy: arn:aws:iam::111122223333:policy/no-delete",
                msg(ALICE, "iam:DeleteRole", Some("arn:aws:iam::111122223333:role/r"), Denial::Explicit { layer: Layer::Identity, policy: Some("arn:aws:iam::111122223333:policy/no-delete".into()) }),
            ),
            (
                "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: ec2:StopInstances on resource: arn:aws:ec2:us-east-1:111122223333:instance/i-1",
                msg(ALICE, "ec2:StopInstances", Some("arn:aws:ec2:us-east-1:111122223333:instance/i-1"), Denial::Unstated),
            ),
        ];
        for (text, want) in samples {
            assert_eq!(read(text), Ok(want), "{text}");
        }
    }

    #[test]
    fn what_cannot_be_read_says_why() {
        let encoded = "An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not authorized to perform this operation. Encoded authorization failure message: 4GIOHlTkIaWHQD0Q0m6X";
        assert_eq!(read(encoded), Err(Unreadable::Encoded));
        assert_eq!(read("Something else went wrong"), Err(Unreadable::NotAccessDenied));
        assert!(matches!(
            read("User: alice is not authorized to perform: s3:GetObject"),
            Err(Unreadable::Incomplete(_))
        ));
        assert!(matches!(
            read("User: arn:aws:iam::1:user/a is not authorized to perform: nothing"),
            Err(Unreadable::Incomplete(_))
        ));
    }

    #[test]
    fn a_scenario_reproduces_the_layer_or_says_where_it_differs() {
        let principals = r#"{"account": "111122223333", "organization": {"scps": [["allow-all", "no-iam"]]},
            "users": {"alice": {"policies": ["admin"]}, "bob": {"policies": []}}}"#;
        let policies = r#"{
            "admin": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]},
            "allow-all": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]},
            "no-iam": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]}}"#;
        let decide = |text: &str| {
            let m = read(text).expect("a message");
            let requests = format!("[{}]", request_json(&m, Some("111122223333")));
            let sc = crate::scenario::load_parts(policies, principals, &requests);
            let errors: Vec<_> =
                sc.diagnostics.iter().filter(|d| d.severity == crate::diagnostic::Severity::Error).collect();
            assert!(errors.is_empty(), "{errors:?}");
            let req = sc.requests.first().and_then(Option::as_ref).expect("the request");
            agreement(&m, &sc, &crate::decision::evaluate(&sc, req))
        };
        let scp = "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: iam:ListRoles on resource: * with an explicit deny in a service control policy";
        assert_eq!(decide(scp), Agreement::Reproduced);
        let identity = "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: iam:ListRoles on resource: * with an explicit deny in an identity-based policy";
        assert_eq!(
            decide(identity),
            Agreement::OtherLayer { decision: Decision::ExplicitDeny, layer: Some(PolicyType::Scp) }
        );
        let bob = "User: arn:aws:iam::111122223333:user/bob is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k because no identity-based policy allows the s3:GetObject action";
        assert_eq!(decide(bob), Agreement::Reproduced);
        let allowed = "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k because no identity-based policy allows the s3:GetObject action";
        assert_eq!(decide(allowed), Agreement::Allowed);
        let vpc = "User: arn:aws:iam::111122223333:user/bob is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k because no VPC endpoint policy allows the s3:GetObject action";
        assert_eq!(decide(vpc), Agreement::NotModelled(Layer::VpcEndpoint));
    }

    #[test]
    fn a_cross_account_request_without_a_resource_policy_is_the_layer_aws_names() {
        let policies = r#"{"read": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}}"#;
        let principals = r#"{"account": "111122223333", "resources": {"arn:aws:s3:::reports": {}},
            "accounts": {"444455556666": {"users": {"eve": {"policies": ["read"]}}}}}"#;
        let m = read("User: arn:aws:iam::444455556666:user/eve is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::reports/q1 because no resource-based policy allows the s3:GetObject action").unwrap();
        let requests = format!("[{}]", request_json(&m, Some("111122223333")));
        let sc = crate::scenario::load_parts(policies, principals, &requests);
        assert!(!sc.has_errors(), "{:?}", sc.diagnostics);
        let req = sc.requests.first().and_then(Option::as_ref).unwrap();
        let ev = crate::decision::evaluate(&sc, req);
        assert_eq!(agreement(&m, &sc, &ev), Agreement::Reproduced, "{:?}", ev.blocked_by);
    }

    #[test]
    fn callers_as_scenario_references() {
        let short = |arn: &str| principal_reference(arn, Some("111122223333"));
        assert_eq!(short(ALICE).as_deref(), Some("user/alice"));
        assert_eq!(principal_reference(ALICE, None).as_deref(), Some("user/alice"));
        assert_eq!(short("arn:aws:iam::111122223333:user/team/alice").as_deref(), Some("user/alice"));
        assert_eq!(short("arn:aws:sts::111122223333:assumed-role/web/i-0abc").as_deref(), Some("role/web"));
        assert_eq!(short("arn:aws:iam::111122223333:role/service-role/ops").as_deref(), Some("role/ops"));
        assert_eq!(short("arn:aws:iam::111122223333:root"), None);
        // another account's caller stays itself, not a namesake of the scenario's account
        let eve = "arn:aws:iam::444455556666:user/eve";
        assert_eq!(short(eve).as_deref(), Some(eve));
        assert_eq!(
            short("arn:aws:sts::444455556666:assumed-role/Auditor/alice").as_deref(),
            Some("arn:aws:iam::444455556666:role/Auditor")
        );
    }

    #[test]
    fn a_regional_resource_gives_the_requested_region() {
        let m = read("User: arn:aws:iam::111122223333:user/alice is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:111122223333:instance/* with an explicit deny in a service control policy").unwrap();
        assert_eq!(
            request_json(&m, Some("111122223333")),
            r#"{"principal": "user/alice", "action": "ec2:RunInstances", "resource": "arn:aws:ec2:us-east-1:111122223333:instance/*", "context": {"aws:RequestedRegion": "us-east-1"}}"#
        );
        let global = read("User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k because no identity-based policy allows the s3:GetObject action").unwrap();
        assert!(!request_json(&global, None).contains("RequestedRegion"));
    }
}
