//! The policies that take part in a request's decision: the caller's identity policies
//! (its own, its groups', its role's), boundary and session policies, the SCPs of the
//! caller's account and the RCPs of the resource's, and the resource-based (or trust)
//! policy of the resource.

use super::{IdentitySource, Via};
use crate::policy::PolicyType;
use crate::scenario::{Caller, PolicyId, Request, Scenario};

/// The policies that take part in a request's decision.
pub(super) struct InPlay {
    pub identity: Vec<(PolicyId, Via)>,
    pub boundary: Option<PolicyId>,
    pub session: Vec<PolicyId>,
    pub scps: Vec<Vec<PolicyId>>,
    pub rcps: Vec<Vec<PolicyId>>,
    pub resource: Option<(PolicyId, PolicyType)>,
}

/// Services that resource control policies apply to (docs/semantics.md §6.5).
const RCP_SERVICES: &[&str] = &["s3", "sts", "kms", "sqs", "secretsmanager"];

pub(super) fn in_play(sc: &Scenario, req: &Request, only: Option<IdentitySource>) -> InPlay {
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
