//! Deciding a request once every statement in play is evaluated, in the documented
//! order: an explicit deny anywhere wins; then the organization gates (RCPs of the
//! resource's account, SCPs of the caller's); then the grant — by the root user's own
//! access, a gatekeeping policy (a role's trust policy, a KMS key's key policy), across
//! accounts (both sides must allow) or within one account (identity or resource-based
//! policy) — and the caller's own gates (permissions boundary, session policy).

use super::note::{Conflict, Gatekeeper, Note};
use super::run::Run;
use super::statement::{Grant, StatementTrace};
use super::{Gate, Layer, Path, StatementRef};
use crate::policy::PolicyType;
use crate::scenario::{Caller, Decision, Request};

/// What a decision came to.
pub(super) struct Outcome {
    pub decision: Decision,
    pub decided_by: Vec<StatementRef>,
    pub blocked_by: Option<Gate>,
    pub path: Path,
    pub conflict: Option<Conflict>,
}

impl Outcome {
    fn allow(decided_by: Vec<StatementRef>, path: Path) -> Outcome {
        Outcome { decision: Decision::Allow, decided_by: sorted(decided_by), blocked_by: None, path, conflict: None }
    }

    fn blocked(gate: Gate, path: Path) -> Outcome {
        Outcome {
            decision: Decision::ImplicitDeny,
            decided_by: Vec::new(),
            blocked_by: Some(gate),
            path,
            conflict: None,
        }
    }

    fn denied_at(layer: Layer, level: Option<usize>, path: Path) -> Outcome {
        Outcome::blocked(Gate { layer, level }, path)
    }
}

fn sorted(mut v: Vec<StatementRef>) -> Vec<StatementRef> {
    crate::sort::sort(&mut v);
    v.dedup();
    v
}

/// The traces (indices into the run's traces) of each kind of policy in play.
pub(super) struct Layers {
    pub identity: Vec<usize>,
    pub boundary: Vec<usize>,
    pub session: Vec<usize>,
    pub scps: Vec<Vec<usize>>,
    pub rcps: Vec<Vec<usize>>,
    pub resource: Vec<usize>,
}

/// What may grant the request, and whether the caller's own gates pass.
struct Grants {
    /// Matching `Allow` statements of identity-based policies.
    identity: Vec<StatementRef>,
    /// Matching `Allow` statements of the resource-based (or trust, or key) policy, with
    /// how each names the caller.
    resource: Vec<(StatementRef, Grant)>,
    boundary_in_play: bool,
    boundary_ok: bool,
    session_in_play: bool,
    session_ok: bool,
    /// Role sessions and federated users: their session policies are a gate.
    has_session_gate: bool,
}

impl Grants {
    fn of(run: &Run<'_>, layers: &Layers) -> Grants {
        let identity = sorted(run.refs(&layers.identity, StatementTrace::allows));
        let resource = layers
            .resource
            .iter()
            .filter_map(|t| run.traces.get(*t))
            .flat_map(|t| {
                t.statements.iter().filter(|s| s.allows()).map(move |s| {
                    (StatementRef { policy: t.policy, statement: s.index }, s.grant().unwrap_or(Grant::Direct))
                })
            })
            .collect();
        let federated = matches!(run.req.caller, Caller::FederatedUser { .. });
        Grants {
            identity,
            resource,
            boundary_in_play: !layers.boundary.is_empty(),
            boundary_ok: layers.boundary.is_empty() || run.any_allow(&layers.boundary),
            session_in_play: !layers.session.is_empty(),
            session_ok: if layers.session.is_empty() { !federated } else { run.any_allow(&layers.session) },
            has_session_gate: matches!(run.req.caller, Caller::RoleSession { .. } | Caller::FederatedUser { .. }),
        }
    }

    /// The resource side's allows that name the caller in one of these ways.
    fn resource_of(&self, kinds: &[Grant]) -> Vec<StatementRef> {
        sorted(self.resource.iter().filter(|(_, g)| kinds.contains(g)).map(|(r, _)| *r).collect())
    }

    /// Whether the identity side grants on its own account: an allow, within the gates.
    fn identity_side_grants(&self) -> bool {
        !self.identity.is_empty() && self.boundary_ok && (!self.has_session_gate || self.session_ok)
    }

    /// The gates of the caller's identity side, boundary then session policy: the first
    /// that does not allow.
    fn gate(&self, run: &mut Run<'_>) -> Option<Gate> {
        if !self.boundary_ok {
            run.note(Note::BoundaryMissing);
            return Some(Gate { layer: Layer::Policy(PolicyType::Boundary), level: None });
        }
        if self.has_session_gate && !self.session_ok {
            run.note(if self.session_in_play {
                Note::SessionPolicyMissing
            } else {
                Note::FederatedWithoutSessionPolicy
            });
            return Some(Gate { layer: Layer::Policy(PolicyType::Session), level: None });
        }
        None
    }
}

/// Which way a request is decided.
fn path_of(req: &Request) -> Path {
    let same_account = req.caller.account().is_none_or(|c| req.resource_account == Some(c));
    match &req.caller {
        _ if req.trust_request => Path::AssumeRole,
        _ if req.kms_key => Path::KmsKey,
        Caller::Anonymous => Path::Anonymous,
        Caller::Service(_) => Path::ServicePrincipal,
        Caller::Root { .. } if same_account => Path::RootUser,
        _ if same_account => Path::SameAccount,
        _ => Path::CrossAccount,
    }
}

pub(super) fn decide(run: &mut Run<'_>, layers: &Layers) -> Outcome {
    let req = run.req;
    let path = path_of(req);
    let same_account = req.caller.account().is_none_or(|c| req.resource_account == Some(c));

    // 1. an explicit deny in any policy in play
    let all: Vec<usize> = (0..run.traces.len()).collect();
    let denies = sorted(run.refs(&all, StatementTrace::denies));
    if !denies.is_empty() {
        run.note(Note::ExplicitDeny);
        return Outcome {
            decision: Decision::ExplicitDeny,
            decided_by: denies,
            blocked_by: None,
            path,
            conflict: None,
        };
    }
    // 2. RCPs: the full-access RCP is implied at every level, so only their denies act
    if !layers.rcps.is_empty() {
        run.note(Note::RcpsDenyNothing);
    }
    // 3. SCPs of the caller's account: every level must allow
    for (level, traces) in layers.scps.iter().enumerate() {
        if !run.any_allow(traces) {
            run.note(Note::ScpLevelMissing { level });
            return Outcome::denied_at(Layer::Policy(PolicyType::Scp), Some(level), path);
        }
    }
    if !layers.scps.is_empty() {
        run.note(Note::ScpsAllow);
    }

    let grants = Grants::of(run, layers);
    match path {
        // the root user has full access to its own account's resources (not to KMS keys)
        Path::RootUser => {
            run.note(Note::RootFullAccess);
            Outcome::allow(Vec::new(), path)
        }
        Path::AssumeRole | Path::KmsKey => gatekept(run, grants, path, same_account),
        _ if !same_account => cross_account(run, &grants, path),
        _ => within_account(run, grants, path),
    }
}

/// A role's trust policy (for `sts:AssumeRole*` on the role) or a KMS key's key policy
/// must allow, whatever the identity side says.
fn gatekept(run: &mut Run<'_>, grants: Grants, path: Path, same_account: bool) -> Outcome {
    let (gatekeeper, layer) = match path {
        Path::AssumeRole => (Gatekeeper::TrustPolicy, PolicyType::Trust),
        _ => (Gatekeeper::KeyPolicy, PolicyType::Resource),
    };
    let root = matches!(run.req.caller, Caller::Root { .. });
    // STS refuses the root user's credentials for AssumeRole (STS API reference, AssumeRole)
    if path == Path::AssumeRole && root {
        run.note(Note::RootCannotAssumeRole);
        return Outcome::denied_at(Layer::Policy(PolicyType::Identity), None, path);
    }
    if grants.resource.is_empty() {
        run.note(Note::GatekeeperAllowsNothing(gatekeeper));
        return Outcome::denied_at(Layer::Policy(layer), None, path);
    }
    if !same_account {
        return cross_account(run, &grants, path);
    }
    if root {
        // the root user holds every identity permission of its account: a key policy
        // that names the account (or the root user) is enough
        run.note(Note::GatekeeperAllowsRootAccount(gatekeeper));
        return Outcome::allow(grants.resource.iter().map(|(r, _)| *r).collect(), path);
    }
    let direct = grants.resource_of(&[Grant::Direct]);
    let limited = grants.resource_of(&[Grant::ViaRole, Grant::ViaUser]);
    let identity_grants = grants.identity_side_grants();
    if !direct.is_empty() {
        if path == Path::AssumeRole && grants.boundary_in_play && !grants.boundary_ok {
            run.note(Note::TrustNamesCallerBoundaryBlocks);
            let gate = Gate { layer: Layer::Policy(PolicyType::Boundary), level: None };
            return Outcome { conflict: Some(Conflict::TrustPolicyAndBoundary), ..Outcome::blocked(gate, path) };
        }
        run.note(Note::GatekeeperNamesCaller(gatekeeper));
        let mut by = direct;
        if identity_grants {
            by.extend(grants.identity.iter().copied());
        }
        return Outcome::allow(by, path);
    }
    if !limited.is_empty() {
        if let Some(g) = grants.gate(run) {
            return Outcome::blocked(g, path);
        }
        run.note(Note::GatekeeperNamesRole(gatekeeper));
        let mut by = limited;
        if identity_grants {
            by.extend(grants.identity.iter().copied());
        }
        return Outcome::allow(by, path);
    }
    // the policy names only the account: the identity side must allow
    run.note(Note::GatekeeperNamesAccount(gatekeeper));
    if grants.identity.is_empty() {
        return Outcome::denied_at(Layer::Policy(PolicyType::Identity), None, path);
    }
    if let Some(g) = grants.gate(run) {
        return Outcome::blocked(g, path);
    }
    let mut by = grants.resource_of(&[Grant::Account]);
    by.extend(grants.identity);
    Outcome::allow(by, path)
}

/// Across accounts, both the caller's account (identity side) and the resource's
/// account (resource side) must allow.
fn cross_account(run: &mut Run<'_>, grants: &Grants, path: Path) -> Outcome {
    run.note(Note::CrossAccount);
    let root = matches!(run.req.caller, Caller::Root { .. });
    if grants.identity.is_empty() && !root {
        run.note(Note::CrossAccountNoIdentityAllow);
        return Outcome::denied_at(Layer::CrossAccountIdentity, None, path);
    }
    if let Some(g) = grants.gate(run) {
        return Outcome::blocked(g, path);
    }
    if grants.resource.is_empty() {
        run.note(Note::CrossAccountNoResourceAllow);
        let layer = match path {
            Path::AssumeRole => Layer::Policy(PolicyType::Trust),
            Path::KmsKey => Layer::Policy(PolicyType::Resource),
            _ => Layer::CrossAccountResource,
        };
        return Outcome::denied_at(layer, None, path);
    }
    let mut by: Vec<StatementRef> = grants.identity.clone();
    by.extend(grants.resource.iter().map(|(r, _)| *r));
    Outcome::allow(by, path)
}

/// Within one account: an identity-based allow (within the caller's gates), or a
/// resource-based policy that names the caller.
fn within_account(run: &mut Run<'_>, grants: Grants, path: Path) -> Outcome {
    // a resource-based policy that names the caller directly is enough
    let direct = grants.resource_of(&[Grant::Direct]);
    let limited = grants.resource_of(&[Grant::ViaRole, Grant::ViaUser]);
    if !direct.is_empty() {
        run.note(Note::ResourcePolicyNamesCaller);
        let mut by = direct;
        let gates_pass = grants.boundary_ok && (!grants.has_session_gate || grants.session_ok);
        if (!grants.identity.is_empty() || !limited.is_empty()) && gates_pass {
            by.extend(grants.identity.iter().copied());
            by.extend(limited.iter().copied());
        }
        return Outcome::allow(by, path);
    }
    if grants.identity.is_empty() && limited.is_empty() {
        let layer = match run.req.caller {
            Caller::Anonymous | Caller::Service(_) | Caller::WebIdentity(_) => Layer::Policy(PolicyType::Resource),
            _ => Layer::Policy(PolicyType::Identity),
        };
        run.note(if grants.resource.is_empty() { Note::NothingAllows } else { Note::ResourcePolicyNamesOnlyAccount });
        return Outcome::denied_at(layer, None, path);
    }
    if let Some(g) = grants.gate(run) {
        return Outcome::blocked(g, path);
    }
    run.note(if grants.identity.is_empty() { Note::ResourcePolicyNamesRole } else { Note::IdentityAllows });
    let mut by = grants.identity;
    by.extend(limited);
    Outcome::allow(by, path)
}
