//! Who makes a request: the caller resolved against the declared principals, and what
//! principal matching needs to know about it (computed once per request).

use super::Scenario;
use crate::context::unique_id;

/// Who makes a request, resolved against the declared principals.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Caller {
    User {
        account: usize,
        user: usize,
    },
    RoleSession {
        account: usize,
        role: usize,
        session: String,
        instance: Option<usize>,
    },
    FederatedUser {
        account: usize,
        name: String,
        by_user: Option<usize>,
    },
    Root {
        account: usize,
    },
    Anonymous,
    Service(String),
    /// A web-identity or SAML identity (`federated:PROVIDER`), calling
    /// `sts:AssumeRoleWithWebIdentity` / `sts:AssumeRoleWithSAML`.
    WebIdentity(String),
}

impl Caller {
    /// The declared account the caller belongs to (none for anonymous, service and
    /// web-identity callers).
    pub fn account(&self) -> Option<usize> {
        match self {
            Caller::User { account, .. }
            | Caller::RoleSession { account, .. }
            | Caller::FederatedUser { account, .. }
            | Caller::Root { account } => Some(*account),
            Caller::Anonymous | Caller::Service(_) | Caller::WebIdentity(_) => None,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CallerFacts {
    /// The caller's own ARN: user, session, federated user or root.
    pub arn: Option<String>,
    /// For role sessions: the role's ARN.
    pub role_arn: Option<String>,
    /// For federated users: the ARN of the user who created the session.
    pub parent_user_arn: Option<String>,
    pub account: Option<String>,
    pub service: Option<String>,
    /// The unique id of the user or role.
    pub unique_id: Option<String>,
    pub has_boundary: bool,
    pub authenticated: bool,
    /// For web-identity and SAML callers: the identity provider.
    pub web_identity: Option<String>,
}

impl CallerFacts {
    pub fn of(sc: &Scenario, caller: &Caller) -> CallerFacts {
        let acct_id = |a: usize| sc.accounts.get(a).map(|a| a.id.clone()).unwrap_or_default();
        match caller {
            Caller::User { account, user } => {
                let u = sc.accounts.get(*account).and_then(|a| a.users.get(*user));
                CallerFacts {
                    arn: Some(sc.user_arn(*account, *user)),
                    account: Some(acct_id(*account)),
                    unique_id: u.map(|u| unique_id("AIDA", &acct_id(*account), &u.name)),
                    has_boundary: u.is_some_and(|u| u.boundary.is_some()),
                    authenticated: true,
                    ..CallerFacts::default()
                }
            }
            Caller::RoleSession { account, role, session, .. } => {
                let r = sc.accounts.get(*account).and_then(|a| a.roles.get(*role));
                let id = acct_id(*account);
                CallerFacts {
                    arn: r.map(|r| format!("arn:aws:sts::{id}:assumed-role/{}/{session}", r.name)),
                    role_arn: Some(sc.role_arn(*account, *role)),
                    unique_id: r.map(|r| unique_id("AROA", &id, &r.name)),
                    account: Some(id),
                    has_boundary: r.is_some_and(|r| r.boundary.is_some()),
                    authenticated: true,
                    ..CallerFacts::default()
                }
            }
            Caller::FederatedUser { account, name, by_user } => {
                let id = acct_id(*account);
                let parent = by_user.and_then(|u| sc.accounts.get(*account).and_then(|a| a.users.get(u)));
                CallerFacts {
                    arn: Some(format!("arn:aws:sts::{id}:federated-user/{name}")),
                    parent_user_arn: by_user.map(|u| sc.user_arn(*account, u)),
                    has_boundary: parent.is_some_and(|u| u.boundary.is_some()),
                    account: Some(id),
                    authenticated: true,
                    ..CallerFacts::default()
                }
            }
            Caller::Root { account } => {
                let id = acct_id(*account);
                CallerFacts {
                    arn: Some(format!("arn:aws:iam::{id}:root")),
                    account: Some(id),
                    authenticated: true,
                    ..CallerFacts::default()
                }
            }
            Caller::Anonymous => CallerFacts::default(),
            Caller::WebIdentity(provider) => {
                CallerFacts { web_identity: Some(provider.clone()), ..CallerFacts::default() }
            }
            Caller::Service(name) => {
                CallerFacts { service: Some(name.clone()), authenticated: true, ..CallerFacts::default() }
            }
        }
    }
}
