//! Access paths and who-can: every way a principal obtains (or could obtain) a
//! permission — its own policies, each group, each role it may assume (transitively,
//! each hop's `sts:AssumeRole` decision shown, cycles cut), launching an instance with
//! a profile whose role it may pass — and, over a whole scenario, every principal that
//! is allowed, each with its paths.

use crate::decision::{evaluate, evaluate_restricted, may_allow, Evaluation, IdentitySource};
use crate::scenario::{prepare, Caller, Decision, Request, RequestSpec, Scenario};

/// How far role chains are followed.
const MAX_HOPS: usize = 4;
/// The session name used for role sessions a path creates.
const SESSION: &str = "session";

/// One authorization step of a path, as decided.
#[derive(Clone, Debug)]
pub struct Hop {
    pub request: Request,
    pub evaluation: Evaluation,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathKind {
    /// The principal's own policies (for a user: attached and inline; for a session: its role's).
    Own,
    /// A group's policies (users).
    Group,
    /// Assuming a role (possibly several in a chain).
    AssumeRole,
    /// Launching an instance with a profile, then acting as its role.
    Launch,
}

impl PathKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PathKind::Own => "own",
            PathKind::Group => "group",
            PathKind::AssumeRole => "assume-role",
            PathKind::Launch => "launch",
        }
    }
}

#[derive(Clone, Debug)]
pub struct AccessPath {
    pub kind: PathKind,
    pub description: String,
    /// The steps in order; the last is the requested action itself.
    pub hops: Vec<Hop>,
}

impl AccessPath {
    pub fn allowed(&self) -> bool {
        self.hops.iter().all(|h| h.evaluation.decision == Decision::Allow)
    }
}

/// A readable reference to a caller, as the request format writes it.
pub fn caller_label(sc: &Scenario, caller: &Caller) -> String {
    let acct_id = |a: usize| sc.accounts.get(a).map_or("?", |a| a.id.as_str()).to_string();
    match caller {
        Caller::User { account: 0, user } => {
            format!("user/{}", sc.accounts.first().and_then(|a| a.users.get(*user)).map_or("?", |u| u.name.as_str()))
        }
        Caller::User { account, user } => sc.user_arn(*account, *user),
        Caller::RoleSession { account, role, session, .. } => {
            let name = sc.accounts.get(*account).and_then(|a| a.roles.get(*role)).map_or("?", |r| r.name.as_str());
            format!("arn:aws:sts::{}:assumed-role/{name}/{session}", acct_id(*account))
        }
        Caller::FederatedUser { account, name, .. } => {
            format!("arn:aws:sts::{}:federated-user/{name}", acct_id(*account))
        }
        Caller::Root { account } => format!("arn:aws:iam::{}:root", acct_id(*account)),
        Caller::Anonymous => "anonymous".into(),
        Caller::Service(s) => format!("service:{s}"),
        Caller::WebIdentity(p) => format!("federated:{p}"),
    }
}

fn hop(
    sc: &Scenario,
    caller: &Caller,
    action: &str,
    resource: &str,
    context: &[(String, Vec<String>)],
    only: Option<IdentitySource>,
) -> Hop {
    let mut spec = RequestSpec::new(caller.clone(), caller_label(sc, caller), action, resource);
    spec.context = context.to_vec();
    let request = prepare(sc, spec);
    let evaluation = match only {
        Some(_) => evaluate_restricted(sc, &request, only),
        None => evaluate(sc, &request),
    };
    Hop { request, evaluation }
}

fn role_name(sc: &Scenario, account: usize, role: usize) -> String {
    sc.accounts.get(account).and_then(|a| a.roles.get(role)).map_or("?".into(), |r| r.name.clone())
}

/// Every path by which `caller` obtains (or could obtain) `action` on `resource`.
pub fn access_paths(
    sc: &Scenario,
    caller: &Caller,
    action: &str,
    resource: &str,
    context: &[(String, Vec<String>)],
) -> Vec<AccessPath> {
    let mut paths = Vec::new();
    // 1. the principal's own policies; for a user, its own and each group's separately
    match caller {
        Caller::User { account, user } => {
            let u = sc.accounts.get(*account).and_then(|a| a.users.get(*user));
            let name = u.map_or("?", |u| u.name.as_str());
            paths.push(AccessPath {
                kind: PathKind::Own,
                description: format!("the policies attached to user {name} (inline and managed)"),
                hops: vec![hop(sc, caller, action, resource, context, Some(IdentitySource::User))],
            });
            for g in u.map(|u| u.groups.clone()).unwrap_or_default() {
                let group = sc.accounts.get(*account).and_then(|a| a.groups.get(g)).map_or("?", |g| g.name.as_str());
                paths.push(AccessPath {
                    kind: PathKind::Group,
                    description: format!("membership of group {group}"),
                    hops: vec![hop(sc, caller, action, resource, context, Some(IdentitySource::Group(g)))],
                });
            }
        }
        Caller::RoleSession { account, role, instance, .. } => {
            let via = if instance.is_some() { " (an EC2 instance's credentials)" } else { "" };
            paths.push(AccessPath {
                kind: PathKind::Own,
                description: format!("the policies of role {}{via}", role_name(sc, *account, *role)),
                hops: vec![hop(sc, caller, action, resource, context, None)],
            });
        }
        _ => paths.push(AccessPath {
            kind: PathKind::Own,
            description: "the request as this principal".into(),
            hops: vec![hop(sc, caller, action, resource, context, None)],
        }),
    }
    // 2. roles it may assume, transitively (breadth first, cycles cut)
    let mut visited: Vec<(usize, usize)> = match caller {
        Caller::RoleSession { account, role, .. } => vec![(*account, *role)],
        _ => Vec::new(),
    };
    let mut frontier: Vec<(Caller, Vec<Hop>)> = vec![(caller.clone(), Vec::new())];
    for _ in 0..MAX_HOPS {
        let mut next = Vec::new();
        for (from, chain) in &frontier {
            let facts = crate::scenario::CallerFacts::of(sc, from);
            for (a, acct) in sc.accounts.iter().enumerate() {
                for (r, role) in acct.roles.iter().enumerate() {
                    if visited.contains(&(a, r)) {
                        continue;
                    }
                    let trusted = role
                        .trust
                        .and_then(|t| sc.policies.get(t))
                        .is_some_and(|t| may_allow(&t.policy, "sts:assumerole", &facts));
                    if !trusted {
                        continue;
                    }
                    let assume = hop(sc, from, "sts:AssumeRole", &sc.role_arn(a, r), context, None);
                    let allowed = assume.evaluation.decision == Decision::Allow;
                    let session = Caller::RoleSession { account: a, role: r, session: SESSION.into(), instance: None };
                    let mut hops = chain.clone();
                    hops.push(assume);
                    let mut with_final = hops.clone();
                    with_final.push(hop(sc, &session, action, resource, context, None));
                    let names: Vec<String> = with_final
                        .iter()
                        .filter(|h| h.request.action_lc == "sts:assumerole")
                        .map(|h| h.request.resource.rsplit('/').next().unwrap_or("?").to_string())
                        .collect();
                    paths.push(AccessPath {
                        kind: PathKind::AssumeRole,
                        description: format!("assuming role {}", names.join(", then role ")),
                        hops: with_final,
                    });
                    visited.push((a, r));
                    if allowed {
                        next.push((session, hops));
                    }
                }
            }
        }
        if next.is_empty() {
            break;
        }
        frontier = next;
    }
    // 3. launching an instance with a profile whose role it may pass
    if let Caller::User { account, .. } | Caller::RoleSession { account, .. } = caller {
        let acct = sc.accounts.get(*account);
        for (p, profile) in acct.map(|a| a.instance_profiles.iter().enumerate().collect::<Vec<_>>()).unwrap_or_default()
        {
            let Some(role) = profile.role else { continue };
            let mut spec = RequestSpec::new(caller.clone(), caller_label(sc, caller), "ec2:RunInstances", "*");
            spec.instance_profile = Some((*account, p));
            spec.context = context.to_vec();
            let request = prepare(sc, spec);
            let evaluation = evaluate(sc, &request);
            // only profiles the caller can at least launch with (RunInstances allowed)
            let can_run = evaluation.checks.first().is_some_and(|c| c.evaluation.decision == Decision::Allow);
            if !can_run {
                continue;
            }
            let session = Caller::RoleSession { account: *account, role, session: "i-launched".into(), instance: None };
            let last = hop(sc, &session, action, resource, context, None);
            paths.push(AccessPath {
                kind: PathKind::Launch,
                description: format!(
                    "launching an instance with profile {} (role {})",
                    profile.name,
                    role_name(sc, *account, role)
                ),
                hops: vec![Hop { request, evaluation }, last],
            });
        }
    }
    paths
}

/// A principal that can do the action, and how.
#[derive(Clone, Debug)]
pub struct WhoCan {
    pub principal: String,
    pub kind: &'static str,
    pub paths: Vec<AccessPath>,
}

/// Every principal of the scenario (users, role sessions, instance profiles, of every
/// declared account) allowed to do `action` on `resource`, each with its allowed paths.
///
/// Works backwards so it scales: first the roles whose sessions are allowed, then the
/// roles that can reach those through `sts:AssumeRole`, and only then each user — one
/// full evaluation per user plus an `sts:AssumeRole` check for each useful role whose
/// trust policy could name the user.
pub fn who_can(sc: &Scenario, action: &str, resource: &str, context: &[(String, Vec<String>)]) -> Vec<WhoCan> {
    let roles: Vec<(usize, usize)> =
        sc.accounts.iter().enumerate().flat_map(|(a, acct)| (0..acct.roles.len()).map(move |r| (a, r))).collect();
    let session =
        |a: usize, r: usize| Caller::RoleSession { account: a, role: r, session: SESSION.into(), instance: None };
    // 1. roles whose sessions are allowed
    let mut finals: Vec<Option<Hop>> = roles.iter().map(|_| None).collect();
    for (i, (a, r)) in roles.iter().enumerate() {
        let h = hop(sc, &session(*a, *r), action, resource, context, None);
        if let Some(slot) = finals.get_mut(i) {
            *slot = Some(h);
        }
    }
    let target =
        |i: usize| finals.get(i).and_then(Option::as_ref).is_some_and(|h| h.evaluation.decision == Decision::Allow);
    // 2. roles that reach a target by assuming roles: next[i] = (j, the AssumeRole hop i → j)
    let mut next: Vec<Option<(usize, Hop)>> = roles.iter().map(|_| None).collect();
    let mut useful: Vec<bool> = (0..roles.len()).map(target).collect();
    for _ in 0..MAX_HOPS {
        let mut changed = false;
        for (i, (a, r)) in roles.iter().enumerate() {
            if useful.get(i).copied().unwrap_or(true) {
                continue;
            }
            let from = session(*a, *r);
            let facts = crate::scenario::CallerFacts::of(sc, &from);
            let found = roles.iter().enumerate().find_map(|(j, (b, q))| {
                if !useful.get(j).copied().unwrap_or(false) || !trust_may_allow(sc, *b, *q, &facts) {
                    return None;
                }
                let h = hop(sc, &from, "sts:AssumeRole", &sc.role_arn(*b, *q), context, None);
                (h.evaluation.decision == Decision::Allow).then_some((j, h))
            });
            if let Some(edge) = found {
                if let (Some(u), Some(n)) = (useful.get_mut(i), next.get_mut(i)) {
                    *u = true;
                    *n = Some(edge);
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    // the hops from a useful role's session to the final request
    let chain_from = |mut i: usize| -> Vec<Hop> {
        let mut hops = Vec::new();
        for _ in 0..=MAX_HOPS {
            match next.get(i).and_then(Option::as_ref) {
                Some((j, h)) => {
                    hops.push(h.clone());
                    i = *j;
                }
                None => break,
            }
        }
        if let Some(h) = finals.get(i).and_then(Option::as_ref) {
            hops.push(h.clone());
        }
        hops
    };
    let chain_names = |hops: &[Hop]| -> String {
        hops.iter()
            .filter(|h| h.request.action_lc == "sts:assumerole")
            .map(|h| h.request.resource.rsplit('/').next().unwrap_or("?").to_string())
            .collect::<Vec<_>>()
            .join(", then role ")
    };
    let mut out = Vec::new();
    // 3. users: one full evaluation, then the useful roles they may assume, then launches
    for (a, acct) in sc.accounts.iter().enumerate() {
        for u in 0..acct.users.len() {
            let caller = Caller::User { account: a, user: u };
            let mut paths = Vec::new();
            let direct = hop(sc, &caller, action, resource, context, None);
            if direct.evaluation.decision == Decision::Allow {
                let (kind, description) = describe_grant(sc, &direct.evaluation);
                paths.push(AccessPath { kind, description, hops: vec![direct] });
            }
            let facts = crate::scenario::CallerFacts::of(sc, &caller);
            for (j, (b, q)) in roles.iter().enumerate() {
                if !useful.get(j).copied().unwrap_or(false) || !trust_may_allow(sc, *b, *q, &facts) {
                    continue;
                }
                let assume = hop(sc, &caller, "sts:AssumeRole", &sc.role_arn(*b, *q), context, None);
                if assume.evaluation.decision != Decision::Allow {
                    continue;
                }
                let mut hops = vec![assume];
                hops.extend(chain_from(j));
                paths.push(AccessPath {
                    kind: PathKind::AssumeRole,
                    description: format!("assuming role {}", chain_names(&hops)),
                    hops,
                });
            }
            for (p, profile) in acct.instance_profiles.iter().enumerate() {
                let Some(j) = profile.role.and_then(|r| roles.iter().position(|x| *x == (a, r))) else { continue };
                if !target(j) {
                    continue;
                }
                let mut spec = RequestSpec::new(caller.clone(), caller_label(sc, &caller), "ec2:RunInstances", "*");
                spec.instance_profile = Some((a, p));
                spec.context = context.to_vec();
                let request = prepare(sc, spec);
                let evaluation = evaluate(sc, &request);
                if evaluation.decision != Decision::Allow {
                    continue;
                }
                let mut hops = vec![Hop { request, evaluation }];
                hops.extend(chain_from(j));
                paths.push(AccessPath {
                    kind: PathKind::Launch,
                    description: format!(
                        "launching an instance with profile {} (role {})",
                        profile.name,
                        role_name(sc, a, profile.role.unwrap_or(0))
                    ),
                    hops,
                });
            }
            if !paths.is_empty() {
                out.push(WhoCan { principal: caller_label(sc, &caller), kind: "user", paths });
            }
        }
    }
    // 4. role sessions and instance profiles allowed themselves
    for (i, (a, r)) in roles.iter().enumerate() {
        if let Some(h) = finals.get(i).and_then(Option::as_ref).filter(|_| target(i)) {
            let label = if *a == 0 { format!("role/{}", role_name(sc, *a, *r)) } else { sc.role_arn(*a, *r) };
            let path = AccessPath {
                kind: PathKind::Own,
                description: format!("a session of role {}", role_name(sc, *a, *r)),
                hops: vec![h.clone()],
            };
            out.push(WhoCan { principal: label, kind: "role", paths: vec![path] });
        }
    }
    for (a, acct) in sc.accounts.iter().enumerate() {
        for profile in &acct.instance_profiles {
            let Some(role) = profile.role else { continue };
            let caller = Caller::RoleSession { account: a, role, session: "i-instance".into(), instance: None };
            let path = AccessPath {
                kind: PathKind::Own,
                description: format!("an instance with profile {} (role {})", profile.name, role_name(sc, a, role)),
                hops: vec![hop(sc, &caller, action, resource, context, None)],
            };
            if path.allowed() {
                out.push(WhoCan {
                    principal: format!("instance-profile/{}", profile.name),
                    kind: "instance-profile",
                    paths: vec![path],
                });
            }
        }
    }
    out
}

/// Which of a user's policy sources granted: its own, or a group's.
fn describe_grant(sc: &Scenario, ev: &Evaluation) -> (PathKind, String) {
    use crate::decision::Via;
    let mut groups = Vec::new();
    let mut own = false;
    for r in &ev.decided_by {
        for t in ev.policies.iter().filter(|t| t.policy == r.policy) {
            match t.via {
                Via::Group { account, group, .. } => {
                    let name = sc
                        .accounts
                        .get(account)
                        .and_then(|a| a.groups.get(group))
                        .map_or("?".to_string(), |g| g.name.clone());
                    if !groups.contains(&name) {
                        groups.push(name);
                    }
                }
                Via::User { .. } => own = true,
                _ => {}
            }
        }
    }
    match (own, groups.as_slice()) {
        (false, [g]) => (PathKind::Group, format!("membership of group {g}")),
        (false, []) if !ev.decided_by.is_empty() => (PathKind::Own, "a resource-based policy naming it".into()),
        (false, []) => (PathKind::Own, "its own permissions".into()),
        (true, []) => (PathKind::Own, "the policies attached to it".into()),
        _ => (PathKind::Own, format!("its own policies and groups {}", groups.join(", "))),
    }
}

fn trust_may_allow(sc: &Scenario, account: usize, role: usize, facts: &crate::scenario::CallerFacts) -> bool {
    sc.accounts
        .get(account)
        .and_then(|a| a.roles.get(role))
        .and_then(|r| r.trust)
        .and_then(|t| sc.policies.get(t))
        .is_some_and(|t| may_allow(&t.policy, "sts:assumerole", facts))
}
