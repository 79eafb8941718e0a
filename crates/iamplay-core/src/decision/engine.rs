//! The decision (SEMANTICS.md §6.3–§6.8): explicit deny anywhere wins; then the
//! organization gates (RCPs of the resource's account, SCPs of the caller's); then the
//! grant, same-account (identity or resource-based policy) or cross-account (both),
//! with the documented exceptions for the root user, role trust policies and KMS keys;
//! then the permissions boundary and session policy gates.

use super::*;
use crate::scenario::{Caller, Request, Scenario};
use std::borrow::Cow;

/// The policies that take part in a request's decision.
struct InPlay {
    identity: Vec<(PolicyId, Via)>,
    boundary: Option<PolicyId>,
    session: Vec<PolicyId>,
    scps: Vec<Vec<PolicyId>>,
    rcps: Vec<Vec<PolicyId>>,
    resource: Option<(PolicyId, PolicyType)>,
}

/// Services that resource control policies apply to (SEMANTICS.md §6.5).
const RCP_SERVICES: &[&str] = &["s3", "sts", "kms", "sqs", "secretsmanager"];

fn in_play(sc: &Scenario, req: &Request, only: Option<IdentitySource>) -> InPlay {
    let mut p = InPlay {
        identity: Vec::new(),
        boundary: None,
        session: Vec::new(),
        scps: Vec::new(),
        rcps: Vec::new(),
        resource: None,
    };
    let acct = |a: usize| sc.accounts.get(a);
    let user_policies = |p: &mut InPlay, account: usize, user: usize| {
        if let Some(u) = acct(account).and_then(|a| a.users.get(user)) {
            if only.is_none() || only == Some(IdentitySource::User) {
                p.identity.extend(u.policies.iter().map(|id| (*id, Via::User { account, user })));
            }
            for g in u.groups.iter().filter(|g| only.is_none() || only == Some(IdentitySource::Group(**g))) {
                if let Some(group) = acct(account).and_then(|a| a.groups.get(*g)) {
                    p.identity.extend(group.policies.iter().map(|id| (*id, Via::Group { account, group: *g, user })));
                }
            }
            p.boundary = u.boundary;
        }
    };
    match &req.caller {
        Caller::User { account, user } => user_policies(&mut p, *account, *user),
        Caller::RoleSession { account, role, .. } => {
            if let Some(r) = acct(*account).and_then(|a| a.roles.get(*role)) {
                p.identity.extend(r.policies.iter().map(|id| (*id, Via::Role { account: *account, role: *role })));
                p.boundary = r.boundary;
            }
            p.session = req.session_policies.clone();
        }
        Caller::FederatedUser { account, by_user, .. } => {
            if let Some(u) = by_user {
                user_policies(&mut p, *account, *u);
            }
            p.session = req.session_policies.clone();
        }
        Caller::Root { .. } | Caller::Anonymous | Caller::Service(_) | Caller::WebIdentity(_) => {}
    }
    if let Some(org) = req.caller.account().and_then(acct).map(|a| &a.organization).filter(|o| !o.management) {
        p.scps = org.scps.clone();
    }
    let service = req.action_lc.split(':').next().unwrap_or("");
    if RCP_SERVICES.contains(&service) {
        if let Some(org) = req.resource_account.and_then(acct).map(|a| &a.organization).filter(|o| !o.management) {
            p.rcps = org.rcps.clone();
        }
    }
    p.resource = match req.target_role {
        Some((a, r)) => acct(a).and_then(|a| a.roles.get(r)).and_then(|r| r.trust).map(|t| (t, PolicyType::Trust)),
        None => req
            .resource_decl
            .and_then(|(a, i)| acct(a).and_then(|a| a.resources.get(i)))
            .and_then(|d| d.policy)
            .map(|id| (id, PolicyType::Resource)),
    };
    p
}

struct Run<'a> {
    sc: &'a Scenario,
    req: &'a Request,
    traces: Vec<PolicyTrace>,
    notes: Vec<Cow<'static, str>>,
}

impl Run<'_> {
    fn note(&mut self, text: impl Into<Cow<'static, str>>) {
        self.notes.push(text.into());
    }

    fn trace(&mut self, policy: PolicyId, ty: PolicyType, level: Option<usize>, via: Via) -> usize {
        let statements = match self.sc.policies.get(policy) {
            Some(entry) => entry
                .policy
                .statements
                .iter()
                .map(|st| {
                    let broken = entry.broken.get(st.index).copied().unwrap_or(true);
                    statement::evaluate_statement(st, broken, self.req, &self.req.facts)
                })
                .collect(),
            None => Vec::new(),
        };
        self.traces.push(PolicyTrace { policy, ty, level, via, statements });
        self.traces.len() - 1
    }

    fn refs(&self, traces: &[usize], pred: impl Fn(&StatementTrace) -> bool) -> Vec<StatementRef> {
        traces
            .iter()
            .filter_map(|t| self.traces.get(*t))
            .flat_map(|t| {
                t.statements
                    .iter()
                    .filter(|s| pred(s))
                    .map(move |s| StatementRef { policy: t.policy, statement: s.index })
            })
            .collect()
    }

    fn any_allow(&self, traces: &[usize]) -> bool {
        traces.iter().filter_map(|t| self.traces.get(*t)).any(|t| t.statements.iter().any(StatementTrace::allows))
    }
}

fn sorted(mut v: Vec<StatementRef>) -> Vec<StatementRef> {
    v.sort();
    v.dedup();
    v
}

/// Decides a request, and for a launch combines it with its `iam:PassRole` check.
pub fn evaluate(sc: &Scenario, req: &Request) -> Evaluation {
    let Some(pass) = req.pass_role.as_deref() else {
        return evaluate_single(sc, req);
    };
    let launch = evaluate_single(sc, req);
    let passing = evaluate_single(sc, pass);
    combine(
        sc,
        vec![
            Check { action: req.action.clone(), resource: req.resource.clone(), evaluation: launch },
            Check { action: pass.action.clone(), resource: pass.resource.clone(), evaluation: passing },
        ],
    )
}

/// One result for several checks: an explicit deny in any wins; else the first check
/// that is implicitly denied decides; else every check allows.
fn combine(sc: &Scenario, checks: Vec<Check>) -> Evaluation {
    let explicit: Vec<&Check> = checks.iter().filter(|c| c.evaluation.decision == Decision::ExplicitDeny).collect();
    let implicit = checks.iter().find(|c| c.evaluation.decision == Decision::ImplicitDeny);
    let (decision, mut decided_by, blocked_by) = if !explicit.is_empty() {
        (Decision::ExplicitDeny, explicit.iter().flat_map(|c| c.evaluation.decided_by.iter().copied()).collect(), None)
    } else if let Some(c) = implicit {
        (Decision::ImplicitDeny, Vec::new(), c.evaluation.blocked_by)
    } else {
        (Decision::Allow, checks.iter().flat_map(|c| c.evaluation.decided_by.iter().copied()).collect::<Vec<_>>(), None)
    };
    sort_by_position(sc, &mut decided_by);
    decided_by.dedup();
    let mut missing_keys: Vec<String> = Vec::new();
    for k in checks.iter().flat_map(|c| c.evaluation.missing_keys.iter()) {
        if !missing_keys.iter().any(|m| m.eq_ignore_ascii_case(k)) {
            missing_keys.push(k.clone());
        }
    }
    let mut notes: Vec<Cow<'static, str>> =
        vec!["a launch with an instance profile needs two allows: ec2:RunInstances, and iam:PassRole on the profile's role (iam:PassedToService = ec2.amazonaws.com)".into()];
    for c in &checks {
        notes.push(format!("{} on {}: {}", c.action, c.resource, c.evaluation.decision.as_str()).into());
    }
    let first = checks.first().map(|c| &c.evaluation);
    Evaluation {
        decision,
        complete: checks.iter().all(|c| c.evaluation.complete),
        decided_by,
        blocked_by,
        missing_keys,
        policies: first.map(|e| e.policies.clone()).unwrap_or_default(),
        path: first.map_or(Path::SameAccount, |e| e.path),
        notes,
        conflict: checks.iter().find_map(|c| c.evaluation.conflict.clone()),
        checks,
    }
}

fn sort_by_position(sc: &Scenario, refs: &mut [StatementRef]) {
    refs.sort_by_key(|r| {
        let statement =
            sc.policies.get(r.policy).and_then(|p| p.policy.statements.iter().find(|s| s.index == r.statement));
        statement.map_or((u8::MAX, usize::MAX), |s| (s.span.source as u8, s.span.start))
    });
}

/// Decides one authorization check.
pub fn evaluate_single(sc: &Scenario, req: &Request) -> Evaluation {
    evaluate_restricted(sc, req, None)
}

/// Which of a user's identity policies take part (for access paths).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdentitySource {
    /// The user's own attached and inline policies.
    User,
    /// The policies of the user's group with this index.
    Group(usize),
}

/// Decides one check with only some of a user's identity policies in play (`None`: all).
pub fn evaluate_restricted(sc: &Scenario, req: &Request, only: Option<IdentitySource>) -> Evaluation {
    let play = in_play(sc, req, only);
    let mut run = Run { sc, req, traces: Vec::new(), notes: Vec::new() };
    let identity: Vec<usize> =
        play.identity.iter().map(|(id, via)| run.trace(*id, PolicyType::Identity, None, *via)).collect();
    let boundary: Vec<usize> =
        play.boundary.iter().map(|id| run.trace(*id, PolicyType::Boundary, None, Via::Boundary)).collect();
    let session: Vec<usize> =
        play.session.iter().map(|id| run.trace(*id, PolicyType::Session, None, Via::Session)).collect();
    let scps: Vec<Vec<usize>> = play
        .scps
        .iter()
        .enumerate()
        .map(|(level, ids)| {
            ids.iter().map(|id| run.trace(*id, PolicyType::Scp, Some(level), Via::Organization)).collect()
        })
        .collect();
    let rcps: Vec<Vec<usize>> = play
        .rcps
        .iter()
        .enumerate()
        .map(|(level, ids)| {
            ids.iter().map(|id| run.trace(*id, PolicyType::Rcp, Some(level), Via::Organization)).collect()
        })
        .collect();
    let resource: Vec<usize> = play.resource.iter().map(|(id, ty)| run.trace(*id, *ty, None, Via::Resource)).collect();

    let missing_keys = missing_keys(sc, req, &run.traces);
    let complete = run
        .traces
        .iter()
        .all(|t| sc.policies.get(t.policy).is_some_and(|p| !p.has_errors) && t.statements.iter().all(|s| s.evaluated));
    let (decision, mut decided_by, blocked_by, path, conflict) =
        decide(&mut run, &identity, &boundary, &session, &scps, &rcps, &resource);
    // source order: policies as they appear in the scenario, statements by index
    decided_by.sort_by_key(|r| {
        let statement =
            sc.policies.get(r.policy).and_then(|p| p.policy.statements.iter().find(|s| s.index == r.statement));
        statement.map_or((u8::MAX, usize::MAX), |s| (s.span.source as u8, s.span.start))
    });
    Evaluation {
        decision,
        complete,
        decided_by,
        blocked_by,
        missing_keys,
        policies: run.traces,
        path,
        notes: run.notes,
        conflict,
        checks: Vec::new(),
    }
}

type Outcome = (Decision, Vec<StatementRef>, Option<Gate>, Path, Option<String>);

fn deny(layer: Layer, level: Option<usize>, path: Path) -> Outcome {
    (Decision::ImplicitDeny, Vec::new(), Some(Gate { layer, level }), path, None)
}

#[allow(clippy::too_many_arguments)]
fn decide(
    run: &mut Run<'_>,
    identity: &[usize],
    boundary: &[usize],
    session: &[usize],
    scps: &[Vec<usize>],
    rcps: &[Vec<usize>],
    resource: &[usize],
) -> Outcome {
    let req = run.req;
    let caller_acct = req.caller.account();
    let same_account = match caller_acct {
        Some(c) => req.resource_account == Some(c),
        None => true,
    };
    let path = match &req.caller {
        _ if req.trust_request => Path::AssumeRole,
        _ if req.kms_key => Path::KmsKey,
        Caller::Anonymous => Path::Anonymous,
        Caller::Service(_) => Path::ServicePrincipal,
        Caller::Root { .. } if same_account => Path::RootUser,
        _ if same_account => Path::SameAccount,
        _ => Path::CrossAccount,
    };

    // 1. an explicit deny in any policy in play
    let all: Vec<usize> = (0..run.traces.len()).collect();
    let denies = sorted(run.refs(&all, StatementTrace::denies));
    if !denies.is_empty() {
        run.note("a Deny statement matched: an explicit deny overrides every allow");
        return (Decision::ExplicitDeny, denies, None, path, None);
    }
    // 2. RCPs: the full-access RCP is implied at every level, so only their denies act
    if !rcps.is_empty() {
        run.note("resource control policies: no Deny matched (the AWS full-access RCP is implied at every level)");
    }
    // 3. SCPs of the caller's account: every level must allow
    for (level, traces) in scps.iter().enumerate() {
        if !run.any_allow(traces) {
            run.note(format!("no SCP at organization level {level} allows the action: SCPs must allow at every level from the root to the account"));
            return deny(Layer::Policy(PolicyType::Scp), Some(level), path);
        }
    }
    if !scps.is_empty() {
        run.notes
            .push("every organization level has an SCP that allows the action (SCPs never grant by themselves)".into());
    }

    let id_allows = sorted(run.refs(identity, StatementTrace::allows));
    let rbp_allows: Vec<(StatementRef, Grant)> = resource
        .iter()
        .filter_map(|t| run.traces.get(*t))
        .flat_map(|t| {
            t.statements.iter().filter(|s| s.allows()).map(move |s| {
                (StatementRef { policy: t.policy, statement: s.index }, s.grant().unwrap_or(Grant::Direct))
            })
        })
        .collect();
    let rbp_of =
        |kinds: &[Grant]| sorted(rbp_allows.iter().filter(|(_, g)| kinds.contains(g)).map(|(r, _)| *r).collect());
    let boundary_ok = boundary.is_empty() || run.any_allow(boundary);
    let federated = matches!(req.caller, Caller::FederatedUser { .. });
    let session_ok = if session.is_empty() { !federated } else { run.any_allow(session) };
    let has_session_gate = matches!(req.caller, Caller::RoleSession { .. } | Caller::FederatedUser { .. });
    // boundary then session policy: the gates of the caller's identity side
    let gates = |run: &mut Run<'_>| -> Option<Gate> {
        if !boundary_ok {
            run.note("the permissions boundary has no Allow statement that matches: the boundary caps what identity policies grant");
            return Some(Gate { layer: Layer::Policy(PolicyType::Boundary), level: None });
        }
        if has_session_gate && !session_ok {
            run.note(if session.is_empty() {
                "a federated-user session without a session policy gets nothing from identity policies"
            } else {
                "no session policy allows the action: session policies cap the session's permissions"
            });
            return Some(Gate { layer: Layer::Policy(PolicyType::Session), level: None });
        }
        None
    };
    let resource_layer = if path == Path::AssumeRole { PolicyType::Trust } else { PolicyType::Resource };

    // the root user has full access to its own account's resources (not to KMS keys)
    if path == Path::RootUser {
        run.note(
            "the root user has full access to its own account's resources, unless an explicit deny or an SCP stops it",
        );
        return (Decision::Allow, Vec::new(), None, path, None);
    }

    // role trust policies and KMS key policies must allow whatever the identity side says
    // STS refuses the root user's credentials for AssumeRole (STS API reference, AssumeRole)
    if path == Path::AssumeRole && matches!(req.caller, Caller::Root { .. }) {
        run.note("the root user cannot assume roles: STS accepts only IAM user or role credentials for AssumeRole");
        return deny(Layer::Policy(PolicyType::Identity), None, path);
    }
    if path == Path::AssumeRole || path == Path::KmsKey {
        let what = if path == Path::AssumeRole { "trust policy" } else { "key policy" };
        if rbp_allows.is_empty() {
            run.note(format!(
                "the {what} has no Allow statement for this caller: identity policies alone can never grant this"
            ));
            return deny(Layer::Policy(resource_layer), None, path);
        }
        if !same_account {
            return cross_account(run, &id_allows, &rbp_allows, gates, path);
        }
        if matches!(req.caller, Caller::Root { .. }) {
            // the root user holds every identity permission of its account: a key policy
            // that names the account (or the root user) is enough
            run.note(format!("the {what} allows the account, and the root user has every permission of its account"));
            return (Decision::Allow, sorted(rbp_allows.iter().map(|(r, _)| *r).collect()), None, path, None);
        }
        let direct = rbp_of(&[Grant::Direct]);
        let limited = rbp_of(&[Grant::ViaRole, Grant::ViaUser]);
        let identity_grants = !id_allows.is_empty() && boundary_ok && (!has_session_gate || session_ok);
        if !direct.is_empty() {
            if path == Path::AssumeRole && !boundary.is_empty() && !boundary_ok {
                run.note("the trust policy names the caller, but the caller's permissions boundary does not allow sts:AssumeRole");
                let conflict = "AWS pages disagree (SEMANTICS.md C72): the trust-policy page says the caller's boundary must allow sts:AssumeRole (ImplicitDeny, shown); the boundary page says a resource policy naming the user is not limited by the boundary (Allow)".to_string();
                return (
                    Decision::ImplicitDeny,
                    Vec::new(),
                    Some(Gate { layer: Layer::Policy(PolicyType::Boundary), level: None }),
                    path,
                    Some(conflict),
                );
            }
            run.note(format!("the {what} names the caller directly: no identity-based allow is needed"));
            let mut by = direct;
            if identity_grants {
                by.extend(id_allows.iter().copied());
            }
            return (Decision::Allow, sorted(by), None, path, None);
        }
        if !limited.is_empty() {
            if let Some(g) = gates(run) {
                return (Decision::ImplicitDeny, Vec::new(), Some(g), path, None);
            }
            run.note(format!(
                "the {what} names the caller's role: allowed within the role's boundary and session policy"
            ));
            let mut by = limited;
            if identity_grants {
                by.extend(id_allows.iter().copied());
            }
            return (Decision::Allow, sorted(by), None, path, None);
        }
        // the policy names only the account: the identity side must allow
        run.note(format!("the {what} names the account: the caller's identity-based policies must allow too"));
        if id_allows.is_empty() {
            return deny(Layer::Policy(PolicyType::Identity), None, path);
        }
        if let Some(g) = gates(run) {
            return (Decision::ImplicitDeny, Vec::new(), Some(g), path, None);
        }
        let mut by = id_allows;
        by.extend(rbp_of(&[Grant::Account]));
        return (Decision::Allow, sorted(by), None, path, None);
    }

    if !same_account {
        return cross_account(run, &id_allows, &rbp_allows, gates, path);
    }

    // same account: a resource-based policy that names the caller directly is enough
    let direct = rbp_of(&[Grant::Direct]);
    let limited = rbp_of(&[Grant::ViaRole, Grant::ViaUser]);
    if !direct.is_empty() {
        run.note("a resource-based policy names the caller directly (or everyone): in the same account that grants access without an identity-based allow, and boundaries and session policies do not limit it");
        let mut by = direct;
        if (!id_allows.is_empty() || !limited.is_empty()) && boundary_ok && (!has_session_gate || session_ok) {
            by.extend(id_allows.iter().copied());
            by.extend(limited.iter().copied());
        }
        return (Decision::Allow, sorted(by), None, path, None);
    }
    if id_allows.is_empty() && limited.is_empty() {
        let layer = match req.caller {
            Caller::Anonymous | Caller::Service(_) | Caller::WebIdentity(_) => Layer::Policy(PolicyType::Resource),
            _ => Layer::Policy(PolicyType::Identity),
        };
        run.note(if rbp_allows.is_empty() {
            "no identity-based or resource-based policy allows the request".to_string()
        } else {
            "the resource-based policy names only the account, which delegates to identity-based policies, and none allows the request".to_string()
        });
        return deny(layer, None, path);
    }
    if let Some(g) = gates(run) {
        return (Decision::ImplicitDeny, Vec::new(), Some(g), path, None);
    }
    if id_allows.is_empty() {
        run.note("a resource-based policy names the caller's role (or parent user): allowed within the boundary and session policy");
    } else {
        run.note("an identity-based policy allows the request, and every gate passed");
    }
    let mut by = id_allows;
    by.extend(limited);
    (Decision::Allow, sorted(by), None, path, None)
}

fn cross_account(
    run: &mut Run<'_>,
    id_allows: &[StatementRef],
    rbp_allows: &[(StatementRef, Grant)],
    gates: impl Fn(&mut Run<'_>) -> Option<Gate>,
    path: Path,
) -> Outcome {
    run.note("cross-account request: both the caller's account (identity side) and the resource's account (resource side) must allow");
    let root = matches!(run.req.caller, Caller::Root { .. });
    if id_allows.is_empty() && !root {
        run.note("no identity-based policy of the caller allows the request");
        return deny(Layer::CrossAccountIdentity, None, path);
    }
    if let Some(g) = gates(run) {
        return (Decision::ImplicitDeny, Vec::new(), Some(g), path, None);
    }
    if rbp_allows.is_empty() {
        run.note("no resource-based policy of the resource's account allows this caller");
        let layer = if path == Path::AssumeRole || path == Path::KmsKey {
            Layer::Policy(PolicyType::Trust)
        } else {
            Layer::CrossAccountResource
        };
        let layer = if path == Path::KmsKey { Layer::Policy(PolicyType::Resource) } else { layer };
        return deny(layer, None, path);
    }
    let mut by: Vec<StatementRef> = id_allows.to_vec();
    by.extend(rbp_allows.iter().map(|(r, _)| *r));
    (Decision::Allow, sorted(by), None, path, None)
}

/// Keys read by statements in play (conditions and variables) that the request lacks.
/// Condition keys come from the outcomes already computed; only values holding
/// variables need a lookup.
fn missing_keys(sc: &Scenario, req: &Request, traces: &[PolicyTrace]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |key: &str| {
        if !out.iter().any(|k| k.eq_ignore_ascii_case(key)) {
            out.push(key.to_string());
        }
    };
    for t in traces {
        let Some(entry) = sc.policies.get(t.policy) else { continue };
        // only statements whose action, resource and principal match: there the missing
        // key is what decides (the keys the simulator reports as missing)
        let relevant = |tr: &&StatementTrace| {
            tr.action.as_ref().is_some_and(|a| a.matched)
                && tr.resource.as_ref().is_none_or(|r| r.matched)
                && tr.principal.as_ref().is_none_or(|p| p.matched)
        };
        for (st, tr) in entry.policy.statements.iter().zip(&t.statements).filter(|(_, tr)| relevant(tr)) {
            for (c, o) in st.conditions.iter().zip(&tr.conditions) {
                if !o.key_present {
                    add(&c.key);
                }
            }
        }
        let any_relevant = t.statements.iter().any(|tr| relevant(&tr));
        for (key, lc) in entry.variables.iter().filter(|_| any_relevant) {
            if !req.context.contains(lc) {
                add(key);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::scenario::{load_file, Decision};

    fn decide(text: &str) -> Vec<(Decision, Vec<String>)> {
        let sc = load_file(text);
        assert!(!sc.has_errors(), "{:?}", sc.diagnostics);
        sc.requests
            .iter()
            .flatten()
            .map(|r| {
                let e = super::evaluate(&sc, r);
                let by = e.decided_by.iter().map(|s| format!("{}#{}", sc.policy_name(s.policy), s.statement)).collect();
                (e.decision, by)
            })
            .collect()
    }

    #[test]
    fn the_root_user_cannot_assume_roles() {
        let text = r#"{
          "policies": {"t": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole"}]}},
          "principals": {"account": "111122223333", "roles": {"r": {"trust": "t"}}},
          "requests": [{"principal": "root", "action": "sts:AssumeRole", "resource": "arn:aws:iam::111122223333:role/r"}]}"#;
        assert_eq!(decide(text).first().map(|r| r.0), Some(Decision::ImplicitDeny));
    }

    #[test]
    fn owner_tag_example() {
        let text = r#"{
          "policies": {"owner": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:StartInstances",
             "Resource": "*", "Condition": {"StringEquals": {"ec2:ResourceTag/Owner": "${aws:username}"}}}]}},
          "principals": {"account": "111122223333", "users": {"alice": {"policies": ["owner"]}, "bob": {"policies": ["owner"]}},
             "instances": {"i-1": {"region": "us-east-1", "tags": {"Owner": "alice"}}}},
          "requests": [
            {"principal": "user/alice", "action": "ec2:StartInstances", "resource": "arn:aws:ec2:us-east-1:111122223333:instance/i-1"},
            {"principal": "user/bob", "action": "ec2:StartInstances", "resource": "arn:aws:ec2:us-east-1:111122223333:instance/i-1"}
          ]}"#;
        let r = decide(text);
        assert_eq!(r.first(), Some(&(Decision::Allow, vec!["owner#0".to_string()])));
        assert_eq!(r.get(1), Some(&(Decision::ImplicitDeny, vec![])));
    }
}
