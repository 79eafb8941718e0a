//! Lighting the graph: what a decided request (or each hop of an access path) went
//! through, on, and where it was stopped, blocked; and the part of a large graph that
//! concerns what is lit.

use super::*;

impl Graph {
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
            // the caller may not pass the profile's role: the launch stops at the profile
            let lit = if passes { Lit::On } else { Lit::Blocked };
            if let Some(n) = self.light_key(Key::InstanceProfile(a, p), lit) {
                let role = sc.accounts.get(a).and_then(|x| x.instance_profiles.get(p)).and_then(|x| x.role);
                if let Some(r) = role.and_then(|r| self.find(Key::Role(a, r))).filter(|_| passes) {
                    self.light_edge(n, r, EdgeKind::Wraps, Lit::On);
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
    /// among them but for unlit "may assume" and "in account" ones (for a scenario too
    /// large to draw whole). Without a lit path, the first `max` nodes.
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
            // along what an entity is made of (groups, policies, boundary, trust, profile),
            // not along the fan-in of everyone who may assume a role or is in an account
            let fan_in = |e: &Edge| matches!(e.kind, EdgeKind::MayAssume | EdgeKind::InAccount) && e.lit == Lit::Off;
            for e in self.edges.iter().filter(|e| !fan_in(e)) {
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
        // the fan-in edges among what is kept only where they are lit: the rest would
        // tangle what concerns the request
        let lit_only = self.any_lit();
        for e in &self.edges {
            let tangle = lit_only && matches!(e.kind, EdgeKind::MayAssume | EdgeKind::InAccount) && e.lit == Lit::Off;
            if let (Some(Some(f)), Some(Some(t)), false) = (index.get(e.from), index.get(e.to), tangle) {
                out.edges.push(Edge { from: *f, to: *t, ..e.clone() });
            }
        }
        out
    }
}
