//! The words for people of what the decision layer finds (its notes, how a policy came
//! into play, a documented conflict), made once here for the CLI's text view, the JSON
//! report and the playground.

use super::statement_of;
use crate::decision::{Conflict, Gatekeeper, Note, Protection, StatementTrace, Via};
use crate::policy::PolicyType;
use crate::report::near_miss;
use crate::scenario::{Request, Scenario};

fn gatekeeper(g: Gatekeeper) -> &'static str {
    match g {
        Gatekeeper::TrustPolicy => "trust policy",
        Gatekeeper::KeyPolicy => "key policy",
    }
}

/// " by POLICY#N, …" for an evaluation's deciding statements ("" when none decided).
pub fn decided_by(sc: &Scenario, ev: &crate::decision::Evaluation) -> String {
    let by: Vec<String> =
        ev.decided_by.iter().map(|s| format!("{}#{}", sc.policy_name(s.policy), s.statement)).collect();
    if by.is_empty() {
        String::new()
    } else {
        format!(" by {}", by.join(", "))
    }
}

/// " (blocked by LAYER)" for an evaluation a gate stopped ("" otherwise).
pub fn blocked_by(ev: &crate::decision::Evaluation) -> String {
    ev.blocked_by.map(|g| format!(" (blocked by {})", g.layer.as_str())).unwrap_or_default()
}

/// A decision as a person reads it (`Implicit deny`).
pub fn decision(d: crate::scenario::Decision) -> &'static str {
    match d {
        crate::scenario::Decision::Allow => "Allow",
        crate::scenario::Decision::ExplicitDeny => "Explicit deny",
        crate::scenario::Decision::ImplicitDeny => "Implicit deny",
    }
}

/// One step of a decision in words.
pub fn note(n: &Note) -> String {
    match n {
        Note::ExplicitDeny => "a Deny statement matched: an explicit deny overrides every allow".into(),
        Note::RcpsDenyNothing => {
            "resource control policies: no Deny matched (the AWS full-access RCP is implied at every level)".into()
        }
        Note::ScpLevelMissing { level } => format!(
            "no SCP at organization level {level} allows the action: SCPs must allow at every level from the root to the account"
        ),
        Note::ScpsAllow => {
            "every organization level has an SCP that allows the action (SCPs never grant by themselves)".into()
        }
        Note::BoundaryMissing => "the permissions boundary has no Allow statement that matches: the boundary caps what identity policies grant".into(),
        Note::FederatedWithoutSessionPolicy => {
            "a federated-user session without a session policy gets nothing from identity policies".into()
        }
        Note::SessionPolicyMissing => {
            "no session policy allows the action: session policies cap the session's permissions".into()
        }
        Note::RootFullAccess => {
            "the root user has full access to its own account's resources, unless an explicit deny or an SCP stops it"
                .into()
        }
        Note::RootCannotAssumeRole => {
            "the root user cannot assume roles: STS accepts only IAM user or role credentials for AssumeRole".into()
        }
        Note::GatekeeperAllowsNothing(g) => format!(
            "the {} has no Allow statement for this caller: identity policies alone can never grant this",
            gatekeeper(*g)
        ),
        Note::GatekeeperAllowsRootAccount(g) => {
            format!("the {} allows the account, and the root user has every permission of its account", gatekeeper(*g))
        }
        Note::TrustNamesCallerBoundaryBlocks => {
            "the trust policy names the caller, but the caller's permissions boundary does not allow sts:AssumeRole"
                .into()
        }
        Note::GatekeeperNamesCaller(g) => {
            format!("the {} names the caller directly: no identity-based allow is needed", gatekeeper(*g))
        }
        Note::GatekeeperNamesRole(g) => format!(
            "the {} names the caller's role: allowed within the role's boundary and session policy",
            gatekeeper(*g)
        ),
        Note::GatekeeperNamesAccount(g) => {
            format!("the {} names the account: the caller's identity-based policies must allow too", gatekeeper(*g))
        }
        Note::ResourcePolicyNamesCaller => "a resource-based policy names the caller directly (or everyone): in the same account that grants access without an identity-based allow, and boundaries and session policies do not limit it".into(),
        Note::NothingAllows => "no identity-based or resource-based policy allows the request".into(),
        Note::ResourcePolicyNamesOnlyAccount => "the resource-based policy names only the account, which delegates to identity-based policies, and none allows the request".into(),
        Note::ResourcePolicyNamesRole => "a resource-based policy names the caller's role (or parent user): allowed within the boundary and session policy".into(),
        Note::IdentityAllows => "an identity-based policy allows the request, and every gate passed".into(),
        Note::CrossAccount => "cross-account request: both the caller's account (identity side) and the resource's account (resource side) must allow".into(),
        Note::CrossAccountNoIdentityAllow => "no identity-based policy of the caller allows the request".into(),
        Note::CrossAccountNoResourceAllow => "no resource-based policy of the resource's account allows this caller".into(),
        Note::NeedsNoPermission { action } => format!(
            "{action} needs no permission and cannot be denied: AWS answers it whatever the policies say (STS API reference)"
        ),
        Note::RefusedByAws(p) => format!("AWS refuses this whatever the policies say: {}", protection(*p)),
        Note::PoliciesAlone(d) => format!("the policies alone would give {}", d.as_str()),
        Note::LaunchNeedsBoth => "a launch with an instance profile needs two allows: ec2:RunInstances, and iam:PassRole on the profile's role (iam:PassedToService = ec2.amazonaws.com)".into(),
    }
}

/// What the name of an AWS managed policy named by ARN is followed by (`AWS managed, v7`).
pub fn aws_managed(sc: &Scenario, policy: usize) -> Option<String> {
    sc.policies.get(policy)?.aws_version.as_ref().map(|v| format!("AWS managed, {v}"))
}

/// What a protection protects, in words.
pub fn protection(p: Protection) -> &'static str {
    match p {
        Protection::AwsManagedPolicy => "AWS managed policies cannot be changed, deleted, re-versioned or tagged by customers",
        Protection::ServiceLinkedRole => "a service-linked role can be changed or deleted only by the service it belongs to",
        Protection::ReservedRole => "roles under /aws-reserved/ (IAM Identity Center) are modifiable only by AWS, and only Identity Center uses them",
        Protection::AwsKmsAlias => "aliases under alias/aws/ belong to AWS managed keys and cannot be created, changed or deleted",
    }
}

/// A documented conflict in words.
pub fn conflict(c: Conflict) -> &'static str {
    match c {
        Conflict::TrustPolicyAndBoundary => "AWS pages disagree (docs/semantics.md §9.8): the trust-policy page says the caller's boundary must allow sts:AssumeRole (ImplicitDeny, shown); the boundary page says a resource policy naming the user is not limited by the boundary (Allow)",
    }
}

/// How a policy came into play, in words (`attached to group g (member alice)`).
pub fn via(sc: &Scenario, via: Via, ty: PolicyType, level: Option<usize>) -> String {
    let acct = |a: usize| sc.accounts.get(a);
    match via {
        Via::User { account, user } => {
            format!(
                "attached to user {}",
                acct(account).and_then(|a| a.users.get(user)).map_or("?", |u| u.name.as_str())
            )
        }
        Via::Group { account, group, user } => format!(
            "attached to group {} (member {})",
            acct(account).and_then(|a| a.groups.get(group)).map_or("?", |g| g.name.as_str()),
            acct(account).and_then(|a| a.users.get(user)).map_or("?", |u| u.name.as_str())
        ),
        Via::Role { account, role } => {
            format!(
                "attached to role {}",
                acct(account).and_then(|a| a.roles.get(role)).map_or("?", |r| r.name.as_str())
            )
        }
        Via::Boundary => "permissions boundary".into(),
        Via::Session => "session policy".into(),
        Via::Organization => format!("{} at organization level {}", ty.as_str().to_uppercase(), level.unwrap_or(0)),
        Via::Resource if ty == PolicyType::Trust => "trust policy of the role".into(),
        Via::Resource => "resource-based policy of the resource".into(),
    }
}

/// One part of a statement (its action, resource, principal, or a condition) as it was
/// matched against a request, in words: what the CLI's text view and the playground's
/// trace both show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartLine {
    pub matched: bool,
    /// What was compared (`Action s3:GetObject`).
    pub what: String,
    /// How it matched, when there is more to say (` by `s3:Get*``), possibly empty.
    pub how: String,
}

/// ` vs `a`, `b`` — the patterns a part was compared with (the first four, then how many
/// more).
fn compared_with<'a>(patterns: impl Iterator<Item = &'a str>) -> String {
    let all: Vec<&str> = patterns.collect();
    let shown: Vec<String> = all.iter().take(4).map(|p| format!("`{p}`")).collect();
    let more = if all.len() > 4 { format!(" and {} more", all.len() - 4) } else { String::new() };
    if shown.is_empty() {
        String::new()
    } else {
        format!(" vs {}{more}", shown.join(", "))
    }
}

/// The parts of statement `t` of policy `policy` in words (none when the statement could
/// not be evaluated).
pub fn statement_parts(sc: &Scenario, req: &Request, policy: usize, t: &StatementTrace) -> Vec<PartLine> {
    let mut out = Vec::new();
    let t = &*crate::decision::explained(sc, req, policy, t);
    let Some(st) = statement_of(sc, policy, t.index).filter(|_| t.evaluated) else { return out };
    if let (Some(a), Some(block)) = (&t.action, &st.action) {
        let by = a.by.and_then(|i| block.patterns.get(i)).map(|x| format!(" by `{}`", x.raw));
        // a miss says what it was compared with
        let how = by.unwrap_or_else(|| compared_with(block.patterns.iter().map(|p| p.raw.as_str())));
        let el = if block.negated { "NotAction" } else { "Action" };
        out.push(PartLine { matched: a.matched, what: format!("{el} {}", req.action), how });
    }
    if let (Some(r), Some(block)) = (&t.resource, &st.resource) {
        let by = r.by.and_then(|i| block.patterns.get(i)).map(|x| format!(" by `{}`", x.raw));
        let by = by.unwrap_or_else(|| {
            let patterns = block.patterns.iter().map(|p| p.raw.as_str());
            let near = block.patterns.iter().find_map(|p| near_miss::resource_near_miss(&p.raw, &req.resource));
            format!("{}{}", compared_with(patterns), near.map(|n| format!(" ({n})")).unwrap_or_default())
        });
        let el = if block.negated { "NotResource" } else { "Resource" };
        let subs = block
            .substituted(&req.context)
            .map(|v| {
                let values: Vec<String> = v.into_iter().map(|x| x.unwrap_or_else(|| "<no value>".into())).collect();
                format!(" (after substitution: {})", values.join(", "))
            })
            .unwrap_or_default();
        out.push(PartLine { matched: r.matched, what: format!("{el} {}", req.resource), how: format!("{by}{subs}") });
    }
    if let (Some(pm), Some(block)) = (&t.principal, &st.principal) {
        let el = if block.negated { "NotPrincipal" } else { "Principal" };
        let grant = pm.grant.map(|g| format!(" ({} grant)", g.as_str())).unwrap_or_default();
        let rule = if pm.boundary_rule {
            " (Deny with NotPrincipal applies to every principal with a permissions boundary)"
        } else {
            ""
        };
        let compared = if pm.matched || block.negated {
            String::new()
        } else {
            compared_with(block.entries.iter().map(|e| e.raw.as_str()))
        };
        out.push(PartLine { matched: pm.matched, what: el.to_string(), how: format!("{grant}{rule}{compared}") });
    }
    for (c, o) in st.conditions.iter().zip(&t.conditions) {
        let request =
            req.context.get(&c.key).map_or_else(|| "<missing>".to_string(), |e| format!("[{}]", e.values.join(", ")));
        let policy: Vec<String> =
            c.policy_values(&req.context).into_iter().map(|x| x.unwrap_or_else(|| "<no value>".into())).collect();
        let near = match (o.matched, req.context.get(&c.key)) {
            (false, Some(e)) => policy
                .iter()
                .find_map(|p| e.values.iter().find_map(|r| near_miss::value_near_miss(p, r)))
                .map(|n| format!(" ({n})")),
            _ => None,
        };
        out.push(PartLine {
            matched: o.matched,
            what: format!("{} {}: request {request} vs policy [{}]", c.operator_name, c.key, policy.join(", ")),
            how: near.unwrap_or_default(),
        });
    }
    out
}
