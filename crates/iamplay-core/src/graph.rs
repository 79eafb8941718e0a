//! The scenario as a graph of how its parts play together: accounts, users, groups,
//! roles, instance profiles, instances, resources and policies, with an edge for each
//! relation the scenario declares (member of, attached, boundary of, trust policy of,
//! wraps, runs with, SCP and RCP levels, resource policy) and one for each role a
//! principal may assume — from the role's trust policy, with whether the principal's own
//! policies allow `sts:AssumeRole` too (both sides of the AWS rule).
//!
//! A decided request, or one access path of [`crate::paths`], lights what it went
//! through: the caller, each group or role on the way, the policies and the statements
//! that decided; what blocked it (an explicit deny, a permissions boundary, an SCP level,
//! an `sts:AssumeRole` refused) is lit as blocked. Words for people (DOT, JSON) are made
//! in `report::graph`.

use crate::decision::{evaluate, may_allow, Evaluation, Layer, Via};
use crate::json::Json;
use crate::paths::AccessPath;
use crate::policy::PolicyType;
use crate::scenario::{Caller, CallerFacts, Decision, PolicyId, Request, Scenario};
use crate::source::{SourceId, Span};

/// Above this many (principal, role) pairs whose trust allows, the caller side of "may
/// assume" is not decided for each pair (the edge is then drawn from the trust alone).
const MAX_ASSUME_CHECKS: usize = 2_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    Account,
    User,
    Group,
    Role,
    InstanceProfile,
    Instance,
    Resource,
    Policy,
}

impl NodeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Account => "account",
            NodeKind::User => "user",
            NodeKind::Group => "group",
            NodeKind::Role => "role",
            NodeKind::InstanceProfile => "instance-profile",
            NodeKind::Instance => "instance",
            NodeKind::Resource => "resource",
            NodeKind::Policy => "policy",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeKind {
    /// user → group
    MemberOf,
    /// principal or group → identity policy
    Attached,
    /// user or role → its permissions boundary
    Boundary,
    /// role → its trust policy
    Trust,
    /// principal → role it may assume
    MayAssume,
    /// instance profile → its role
    Wraps,
    /// instance → its instance profile
    RunsWith,
    /// principal → its account (drawn when organizations or several accounts are in play)
    InAccount,
    /// account → an SCP of one of its levels
    Scp,
    /// account → an RCP of one of its levels
    Rcp,
    /// resource → its resource-based policy
    ResourcePolicy,
}

impl EdgeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::MemberOf => "member-of",
            EdgeKind::Attached => "attached",
            EdgeKind::Boundary => "boundary",
            EdgeKind::Trust => "trust",
            EdgeKind::MayAssume => "may-assume",
            EdgeKind::Wraps => "wraps",
            EdgeKind::RunsWith => "runs-with",
            EdgeKind::InAccount => "in-account",
            EdgeKind::Scp => "scp",
            EdgeKind::Rcp => "rcp",
            EdgeKind::ResourcePolicy => "resource-policy",
        }
    }
}

/// Whether a node or edge is on the lit path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lit {
    #[default]
    Off,
    On,
    /// On the path, and where it was stopped.
    Blocked,
}

impl Lit {
    /// Blocked wins over on: a step that both let through and stopped stopped.
    fn join(self, other: Lit) -> Lit {
        match (self, other) {
            (Lit::Blocked, _) | (_, Lit::Blocked) => Lit::Blocked,
            (Lit::On, _) | (_, Lit::On) => Lit::On,
            _ => Lit::Off,
        }
    }
}

/// What a node stands for, to find it again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Account(usize),
    User(usize, usize),
    Group(usize, usize),
    Role(usize, usize),
    InstanceProfile(usize, usize),
    Instance(usize, usize),
    Resource(usize, usize),
    Policy(PolicyId),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub key: Key,
    pub kind: NodeKind,
    /// As declared (another account's principals by ARN): `data-node` is `kind/name`.
    pub name: String,
    /// Where it is written, when it is.
    pub place: Option<Span>,
    pub lit: Lit,
    /// For a policy: its statements that decided the lit request (index, on or blocked).
    /// They are shown inside the policy's node, so lighting another request never
    /// changes the nodes (nor the layout).
    pub decided: Vec<(usize, Lit)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub kind: EdgeKind,
    /// For `may-assume`: whether the principal's own policies allow `sts:AssumeRole` on
    /// the role (None: not decided, too many pairs). For `scp`/`rcp`: unused.
    pub permitted: Option<bool>,
    /// For `scp`/`rcp`: the organization level (0: the root).
    pub level: Option<usize>,
    pub place: Option<Span>,
    pub lit: Lit,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Graph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

/// The `principals` object of the scenario's text, where its parts are written.
fn principals_json(sc: &Scenario) -> Option<Json> {
    let text = sc.sources.text(SourceId::Principals);
    if !text.is_empty() {
        return crate::json::parse(text, SourceId::Principals).ok();
    }
    let root = crate::json::parse(sc.sources.text(SourceId::File), SourceId::File).ok()?;
    root.get("principals").map(|m| m.value.clone())
}

/// Where the parts of one account are written.
struct Written<'a> {
    account: Option<&'a Json>,
    /// The member naming the account (`account`, or its key under `accounts`).
    id_span: Option<Span>,
}

impl<'a> Written<'a> {
    fn of(root: Option<&'a Json>, sc: &Scenario, a: usize) -> Written<'a> {
        let Some(root) = root else { return Written { account: None, id_span: None } };
        if a == 0 {
            return Written { account: Some(root), id_span: root.get("account").map(|m| m.value.span) };
        }
        let id = sc.accounts.get(a).map_or("", |x| x.id.as_str());
        let m = root.get("accounts").and_then(|m| m.value.get(id));
        Written { account: m.map(|m| &m.value), id_span: m.map(|m| m.key_span) }
    }

    /// The key of `section.name` (a user under `users`, …).
    fn entity(&self, section: &str, name: &str) -> Option<Span> {
        self.account?.get(section)?.value.get(name).map(|m| m.key_span)
    }

    /// The value of `section.name.field` (a user's `groups`, …).
    fn field(&self, section: &str, name: &str, field: &str) -> Option<Span> {
        self.account?.get(section)?.value.get(name)?.value.get(field).map(|m| m.value.span)
    }
}

impl Graph {
    /// The scenario's parts and their relations, nothing lit.
    pub fn of(sc: &Scenario) -> Graph {
        let root = principals_json(sc);
        let mut g = Graph::default();
        let several = sc.accounts.len() > 1;
        for p in 0..sc.policies.len() {
            g.policy(sc, p);
        }
        for (a, acct) in sc.accounts.iter().enumerate() {
            let w = Written::of(root.as_ref(), sc, a);
            let other = |kind: &str, name: &str| match a {
                0 => name.to_string(),
                _ => format!("arn:aws:iam::{}:{kind}/{name}", acct.id),
            };
            let account = g.add(Key::Account(a), NodeKind::Account, acct.id.clone(), w.id_span);
            let organized = acct.organization.scps.iter().chain(&acct.organization.rcps).any(|l| !l.is_empty());
            for (levels, kind) in [(&acct.organization.scps, EdgeKind::Scp), (&acct.organization.rcps, EdgeKind::Rcp)] {
                for (level, ids) in levels.iter().enumerate() {
                    for id in ids {
                        let to = g.policy(sc, *id);
                        let place = w.account.and_then(|j| j.get("organization")).map(|m| m.value.span);
                        // one edge per level: a policy attached at two levels is two edges
                        g.edges.push(Edge {
                            from: account,
                            to,
                            kind,
                            permitted: None,
                            level: Some(level),
                            place,
                            lit: Lit::Off,
                        });
                    }
                }
            }
            for (gi, group) in acct.groups.iter().enumerate() {
                let n = g.add(
                    Key::Group(a, gi),
                    NodeKind::Group,
                    other("group", &group.name),
                    w.entity("groups", &group.name),
                );
                for id in &group.policies {
                    let to = g.policy(sc, *id);
                    g.link(n, to, EdgeKind::Attached, attached_place(sc, &w, "groups", &group.name, *id));
                }
            }
            for (u, user) in acct.users.iter().enumerate() {
                let n =
                    g.add(Key::User(a, u), NodeKind::User, other("user", &user.name), w.entity("users", &user.name));
                for gi in &user.groups {
                    if let Some(to) = g.find(Key::Group(a, *gi)) {
                        g.link(n, to, EdgeKind::MemberOf, w.field("users", &user.name, "groups"));
                    }
                }
                for id in &user.policies {
                    let to = g.policy(sc, *id);
                    g.link(n, to, EdgeKind::Attached, attached_place(sc, &w, "users", &user.name, *id));
                }
                if let Some(b) = user.boundary {
                    let to = g.policy(sc, b);
                    g.link(n, to, EdgeKind::Boundary, w.field("users", &user.name, "boundary"));
                }
                if organized || several {
                    g.link(n, account, EdgeKind::InAccount, None);
                }
            }
            for (r, role) in acct.roles.iter().enumerate() {
                let n =
                    g.add(Key::Role(a, r), NodeKind::Role, other("role", &role.name), w.entity("roles", &role.name));
                if let Some(t) = role.trust {
                    let to = g.policy(sc, t);
                    g.link(n, to, EdgeKind::Trust, w.field("roles", &role.name, "trust"));
                }
                for id in &role.policies {
                    let to = g.policy(sc, *id);
                    g.link(n, to, EdgeKind::Attached, attached_place(sc, &w, "roles", &role.name, *id));
                }
                if let Some(b) = role.boundary {
                    let to = g.policy(sc, b);
                    g.link(n, to, EdgeKind::Boundary, w.field("roles", &role.name, "boundary"));
                }
                if organized || several {
                    g.link(n, account, EdgeKind::InAccount, None);
                }
            }
            for (p, profile) in acct.instance_profiles.iter().enumerate() {
                let name = other("instance-profile", &profile.name);
                let n = g.add(Key::InstanceProfile(a, p), NodeKind::InstanceProfile, name, {
                    w.entity("instanceProfiles", &profile.name)
                });
                if let Some(to) = profile.role.and_then(|r| g.find(Key::Role(a, r))) {
                    g.link(n, to, EdgeKind::Wraps, w.field("instanceProfiles", &profile.name, "role"));
                }
            }
            for (i, instance) in acct.instances.iter().enumerate() {
                let n = g.add(Key::Instance(a, i), NodeKind::Instance, instance.id.clone(), {
                    w.entity("instances", &instance.id)
                });
                if let Some(to) = instance.profile.and_then(|p| g.find(Key::InstanceProfile(a, p))) {
                    g.link(n, to, EdgeKind::RunsWith, w.field("instances", &instance.id, "profile"));
                }
            }
            for (ri, res) in acct.resources.iter().enumerate() {
                let Some(id) = res.policy else { continue };
                let n =
                    g.add(Key::Resource(a, ri), NodeKind::Resource, res.arn.clone(), w.entity("resources", &res.arn));
                let to = g.policy(sc, id);
                g.link(n, to, EdgeKind::ResourcePolicy, w.field("resources", &res.arn, "policy"));
            }
        }
        g.may_assume(sc, root.as_ref());
        g
    }

    /// "May assume" edges: every user and role whose facts a role's trust policy may
    /// allow, and whether the caller's own policies allow `sts:AssumeRole` on it.
    fn may_assume(&mut self, sc: &Scenario, root: Option<&Json>) {
        let mut callers = Vec::new();
        for (a, acct) in sc.accounts.iter().enumerate() {
            callers.extend((0..acct.users.len()).map(|u| (Key::User(a, u), Caller::User { account: a, user: u })));
            callers.extend((0..acct.roles.len()).map(|r| {
                (
                    Key::Role(a, r),
                    Caller::RoleSession { account: a, role: r, session: "session".into(), instance: None },
                )
            }));
        }
        let mut checks = 0;
        for (key, caller) in &callers {
            let facts = CallerFacts::of(sc, caller);
            for (b, acct) in sc.accounts.iter().enumerate() {
                for (r, role) in acct.roles.iter().enumerate() {
                    if *key == Key::Role(b, r) {
                        continue;
                    }
                    let Some(trust) = role.trust.and_then(|t| sc.policies.get(t)) else { continue };
                    if !may_allow(&trust.policy, "sts:assumerole", &facts) {
                        continue;
                    }
                    let (Some(from), Some(to)) = (self.find(*key), self.find(Key::Role(b, r))) else { continue };
                    checks += 1;
                    let permitted = (checks <= MAX_ASSUME_CHECKS).then(|| {
                        let spec = crate::scenario::RequestSpec::new(
                            caller.clone(),
                            crate::paths::caller_label(sc, caller),
                            "sts:AssumeRole",
                            sc.role_arn(b, r),
                        );
                        evaluate(sc, &crate::scenario::prepare(sc, spec)).decision == Decision::Allow
                    });
                    let place = Written::of(root, sc, b).field("roles", &role.name, "trust");
                    let e = self.link(from, to, EdgeKind::MayAssume, place);
                    if let Some(e) = self.edge_mut(e) {
                        e.permitted = permitted;
                    }
                }
            }
        }
    }

    fn add(&mut self, key: Key, kind: NodeKind, name: String, place: Option<Span>) -> usize {
        if let Some(n) = self.find(key) {
            return n;
        }
        self.nodes.push(Node { key, kind, name, place, lit: Lit::Off, decided: Vec::new() });
        self.nodes.len() - 1
    }

    fn policy(&mut self, sc: &Scenario, id: PolicyId) -> usize {
        let (name, place) =
            sc.policies.get(id).map_or(("?".to_string(), None), |p| (p.name.clone(), Some(p.name_span)));
        self.add(Key::Policy(id), NodeKind::Policy, name, place)
    }

    /// The node of `key`, when the graph has it.
    pub fn find(&self, key: Key) -> Option<usize> {
        self.nodes.iter().position(|n| n.key == key)
    }

    /// The edge `from → to` of `kind` (added when new): its index.
    fn link(&mut self, from: usize, to: usize, kind: EdgeKind, place: Option<Span>) -> usize {
        match self.edges.iter().position(|e| e.from == from && e.to == to && e.kind == kind) {
            Some(i) => i,
            None => {
                self.edges.push(Edge { from, to, kind, permitted: None, level: None, place, lit: Lit::Off });
                self.edges.len() - 1
            }
        }
    }

    fn edge_mut(&mut self, i: usize) -> Option<&mut Edge> {
        self.edges.get_mut(i)
    }
}

/// Where a policy is attached to an entity: its inline key, or the `policies` member.
fn attached_place(sc: &Scenario, w: &Written, section: &str, name: &str, id: PolicyId) -> Option<Span> {
    match sc.policies.get(id) {
        Some(p) if p.inline => Some(p.name_span),
        _ => w.field(section, name, "policies"),
    }
}

mod light;
