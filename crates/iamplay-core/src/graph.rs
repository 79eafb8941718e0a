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
                        let e = g.link(account, to, kind, place);
                        if let Some(e) = g.edge_mut(e) {
                            e.level = Some(level);
                        }
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

    fn light_node(&mut self, n: usize, lit: Lit) {
        if let Some(node) = self.nodes.get_mut(n) {
            node.lit = node.lit.join(lit);
        }
    }

    /// Lights the edge `from → to` of `kind` and both its ends.
    fn light_edge(&mut self, from: usize, to: usize, kind: EdgeKind, lit: Lit) {
        for e in self.edges.iter_mut().filter(|e| e.from == from && e.to == to && e.kind == kind) {
            e.lit = e.lit.join(lit);
        }
        self.light_node(from, Lit::On);
        self.light_node(to, lit);
    }

    fn light_key(&mut self, key: Key, lit: Lit) -> Option<usize> {
        let n = self.find(key)?;
        self.light_node(n, lit);
        Some(n)
    }

    /// The node a caller stands for (a user, the role of a session), lit, with the
    /// instance and profile it runs on.
    fn light_caller(&mut self, caller: &Caller) -> Option<usize> {
        match caller {
            Caller::User { account, user } => self.light_key(Key::User(*account, *user), Lit::On),
            Caller::RoleSession { account, role, instance, .. } => {
                let r = self.light_key(Key::Role(*account, *role), Lit::On);
                if let Some(i) = instance {
                    let inst = self.find(Key::Instance(*account, *i));
                    let via: Vec<(usize, usize, EdgeKind)> = self
                        .edges
                        .iter()
                        .filter(|e| Some(e.from) == inst && e.kind == EdgeKind::RunsWith)
                        .map(|e| (e.from, e.to, e.kind))
                        .collect();
                    for (from, to, kind) in via {
                        self.light_edge(from, to, kind, Lit::On);
                        if let Some(r) = r {
                            self.light_edge(to, r, EdgeKind::Wraps, Lit::On);
                        }
                    }
                }
                r
            }
            _ => None,
        }
    }

    /// Lights what one decided request went through.
    pub fn light_request(&mut self, sc: &Scenario, req: &Request, ev: &Evaluation) {
        let caller = self.light_caller(&req.caller);
        let mut evaluations = vec![ev];
        evaluations.extend(ev.checks.iter().map(|c| &c.evaluation));
        for e in evaluations {
            self.light_evaluation(req, caller, e);
        }
        // a launch: the profile and the role it passes
        if let Some((a, p)) = req.instance_profile {
            let passes = ev.checks.get(1).map_or(ev.decision, |c| c.evaluation.decision) == Decision::Allow;
            if let Some(n) = self.light_key(Key::InstanceProfile(a, p), Lit::On) {
                let role = sc.accounts.get(a).and_then(|x| x.instance_profiles.get(p)).and_then(|x| x.role);
                if let Some(r) = role.and_then(|r| self.find(Key::Role(a, r))) {
                    self.light_edge(n, r, EdgeKind::Wraps, if passes { Lit::On } else { Lit::Blocked });
                }
            }
        }
        // assuming a role: the caller's edge to it, and the role's trust policy
        if let Some((a, r)) = req.target_role {
            let lit = if ev.decision == Decision::Allow { Lit::On } else { Lit::Blocked };
            if let (Some(from), Some(to)) = (caller, self.find(Key::Role(a, r))) {
                self.light_edge(from, to, EdgeKind::MayAssume, lit);
                self.light_node(to, lit);
            }
        }
    }

    fn light_evaluation(&mut self, req: &Request, caller: Option<usize>, ev: &Evaluation) {
        // the deciding statements; and when a gate stopped an allowed request, the
        // statements that allowed it up to the gate
        let mut steps: Vec<crate::decision::StatementRef> = ev.decided_by.clone();
        if ev.blocked_by.is_some() {
            for t in ev.policies.iter().filter(|t| matches!(t.ty, PolicyType::Identity | PolicyType::Resource)) {
                for st in t.statements.iter().filter(|st| st.allows()) {
                    let r = crate::decision::StatementRef { policy: t.policy, statement: st.index };
                    if !steps.contains(&r) {
                        steps.push(r);
                    }
                }
            }
        }
        for d in &steps {
            let deny = ev
                .policies
                .iter()
                .find(|t| t.policy == d.policy)
                .and_then(|t| t.statements.iter().find(|s| s.index == d.statement))
                .and_then(|s| s.effect)
                .is_some_and(|e| e == crate::policy::Effect::Deny);
            let lit = if deny { Lit::Blocked } else { Lit::On };
            let Some(p) = self.find(Key::Policy(d.policy)) else { continue };
            if let Some(node) = self.nodes.get_mut(p) {
                match node.decided.iter_mut().find(|(i, _)| *i == d.statement) {
                    Some((_, l)) => *l = l.join(lit),
                    None => node.decided.push((d.statement, lit)),
                }
            }
            self.light_node(p, lit);
            let vias: Vec<Via> = ev.policies.iter().filter(|t| t.policy == d.policy).map(|t| t.via).collect();
            for via in vias {
                self.light_via(req, caller, via, p, lit);
            }
        }
        let Some(gate) = ev.blocked_by else { return };
        match gate.layer {
            Layer::Policy(PolicyType::Boundary) => {
                let ids: Vec<PolicyId> =
                    ev.policies.iter().filter(|t| t.via == Via::Boundary).map(|t| t.policy).collect();
                for id in ids {
                    if let (Some(from), Some(to)) = (caller, self.find(Key::Policy(id))) {
                        self.light_edge(from, to, EdgeKind::Boundary, Lit::Blocked);
                    }
                }
            }
            Layer::Policy(PolicyType::Scp | PolicyType::Rcp) => {
                let account = match &req.caller {
                    Caller::User { account, .. } | Caller::RoleSession { account, .. } => Some(*account),
                    _ => None,
                };
                if let (Some(from), Some(a)) = (caller, account.and_then(|a| self.find(Key::Account(a)))) {
                    self.light_edge(from, a, EdgeKind::InAccount, Lit::Blocked);
                }
            }
            Layer::Policy(PolicyType::Session) => {
                for id in &req.session_policies {
                    self.light_key(Key::Policy(*id), Lit::Blocked);
                }
            }
            _ => {
                if let Some((a, r)) = req.resource_decl {
                    self.light_key(Key::Resource(a, r), Lit::Blocked);
                }
            }
        }
    }

    /// Lights how a deciding policy came into play.
    fn light_via(&mut self, req: &Request, caller: Option<usize>, via: Via, p: usize, lit: Lit) {
        match via {
            Via::User { account, user } => {
                if let Some(u) = self.find(Key::User(account, user)) {
                    self.light_edge(u, p, EdgeKind::Attached, lit);
                }
            }
            Via::Group { account, group, user } => {
                if let (Some(u), Some(g)) = (self.find(Key::User(account, user)), self.find(Key::Group(account, group)))
                {
                    self.light_edge(u, g, EdgeKind::MemberOf, Lit::On);
                    self.light_edge(g, p, EdgeKind::Attached, lit);
                }
            }
            Via::Role { account, role } => {
                if let Some(r) = self.find(Key::Role(account, role)) {
                    self.light_edge(r, p, EdgeKind::Attached, lit);
                }
            }
            Via::Boundary => {
                if let Some(from) = caller {
                    self.light_edge(from, p, EdgeKind::Boundary, lit);
                }
            }
            Via::Organization => {
                let Some(account) = self.nodes.get(p).and_then(|_| {
                    self.edges.iter().find(|e| e.to == p && matches!(e.kind, EdgeKind::Scp | EdgeKind::Rcp))
                }) else {
                    self.light_node(p, lit);
                    return;
                };
                let (a, kind) = (account.from, account.kind);
                self.light_edge(a, p, kind, lit);
                if let Some(from) = caller {
                    self.light_edge(from, a, EdgeKind::InAccount, Lit::On);
                }
            }
            Via::Resource => {
                if let Some((a, r)) = req.target_role {
                    if let Some(role) = self.find(Key::Role(a, r)) {
                        self.light_edge(role, p, EdgeKind::Trust, lit);
                    }
                } else if let Some(res) = req.resource_decl.and_then(|(a, r)| self.find(Key::Resource(a, r))) {
                    self.light_edge(res, p, EdgeKind::ResourcePolicy, lit);
                } else {
                    self.light_node(p, lit);
                }
            }
            Via::Session => self.light_node(p, lit),
        }
    }

    /// Lights every step of an access path (each hop as decided).
    pub fn light_path(&mut self, sc: &Scenario, path: &AccessPath) {
        for hop in &path.hops {
            self.light_request(sc, &hop.request, &hop.evaluation);
        }
    }

    /// Whether anything is lit.
    pub fn any_lit(&self) -> bool {
        self.nodes.iter().any(|n| n.lit != Lit::Off)
    }

    /// Only what concerns the lit path: the lit nodes and their neighbours, with the edges
    /// among them (for a scenario too large to draw whole). Without a lit path, the first
    /// `max` nodes.
    pub fn around_lit(&self, max: usize) -> Graph {
        let mut keep: Vec<bool> = self.nodes.iter().map(|n| n.lit != Lit::Off).collect();
        if !self.any_lit() {
            keep = (0..self.nodes.len()).map(|i| i < max).collect();
        } else {
            // the neighbours of the lit principals, groups and profiles (not of a lit
            // policy: everyone it is attached to would come back)
            let lit: Vec<bool> = self
                .nodes
                .iter()
                .map(|n| {
                    n.lit != Lit::Off
                        && matches!(
                            n.kind,
                            NodeKind::User
                                | NodeKind::Role
                                | NodeKind::Group
                                | NodeKind::InstanceProfile
                                | NodeKind::Instance
                        )
                })
                .collect();
            for e in &self.edges {
                let (f, t) = (lit.get(e.from).copied(), lit.get(e.to).copied());
                if f == Some(true) || t == Some(true) {
                    for i in [e.from, e.to] {
                        if let Some(k) = keep.get_mut(i) {
                            *k = true;
                        }
                    }
                }
            }
        }
        let mut index = vec![None; self.nodes.len()];
        let mut out = Graph::default();
        for (i, n) in self.nodes.iter().enumerate() {
            if keep.get(i).copied().unwrap_or(false) && out.nodes.len() < max.max(1) * 2 {
                if let Some(slot) = index.get_mut(i) {
                    *slot = Some(out.nodes.len());
                }
                out.nodes.push(n.clone());
            }
        }
        for e in &self.edges {
            if let (Some(Some(f)), Some(Some(t))) = (index.get(e.from), index.get(e.to)) {
                out.edges.push(Edge { from: *f, to: *t, ..e.clone() });
            }
        }
        out
    }
}

/// Where a policy is attached to an entity: its inline key, or the `policies` member.
fn attached_place(sc: &Scenario, w: &Written, section: &str, name: &str, id: PolicyId) -> Option<Span> {
    match sc.policies.get(id) {
        Some(p) if p.inline => Some(p.name_span),
        _ => w.field(section, name, "policies"),
    }
}

#[cfg(test)]
mod tests;
