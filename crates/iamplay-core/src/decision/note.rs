//! The steps of a decision, as data: what the decision found at each step, in order.
//! The words for people are made at the edge (`report::words`), once, for the CLI's
//! text view, the JSON and the playground.

use super::aws_rules::Protection;
use crate::scenario::Decision;

/// A policy that must allow a request whatever the identity side says: a role's trust
/// policy (for `sts:AssumeRole*` on the role) or a KMS key's key policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gatekeeper {
    TrustPolicy,
    KeyPolicy,
}

/// One step of a decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Note {
    /// A `Deny` statement matched.
    ExplicitDeny,
    /// RCPs were in play and none denied (the AWS full-access RCP is implied).
    RcpsDenyNothing,
    /// No SCP at this organization level allows the action.
    ScpLevelMissing { level: usize },
    /// Every organization level has an SCP that allows the action.
    ScpsAllow,
    /// The permissions boundary has no matching `Allow`.
    BoundaryMissing,
    /// A federated-user session without a session policy.
    FederatedWithoutSessionPolicy,
    /// No session policy allows the action.
    SessionPolicyMissing,
    /// The root user, on its own account's resources.
    RootFullAccess,
    /// The root user asked to assume a role (STS refuses root credentials).
    RootCannotAssumeRole,
    /// The trust or key policy has no `Allow` for this caller.
    GatekeeperAllowsNothing(Gatekeeper),
    /// The key policy allows the account, and the caller is its root user.
    GatekeeperAllowsRootAccount(Gatekeeper),
    /// The trust policy names the caller, but the caller's boundary blocks sts:AssumeRole.
    TrustNamesCallerBoundaryBlocks,
    /// The trust or key policy names the caller itself.
    GatekeeperNamesCaller(Gatekeeper),
    /// The trust or key policy names the caller's role (or parent user).
    GatekeeperNamesRole(Gatekeeper),
    /// The trust or key policy names only the account: identity policies must allow.
    GatekeeperNamesAccount(Gatekeeper),
    /// Same account: a resource-based policy names the caller directly (or everyone).
    ResourcePolicyNamesCaller,
    /// Neither an identity-based nor a resource-based policy allows the request.
    NothingAllows,
    /// The resource-based policy names only the account, and no identity policy allows.
    ResourcePolicyNamesOnlyAccount,
    /// Same account: a resource-based policy names the caller's role (or parent user).
    ResourcePolicyNamesRole,
    /// An identity-based policy allows, and every gate passed.
    IdentityAllows,
    /// A cross-account request: both sides must allow.
    CrossAccount,
    /// Cross-account: no identity-based policy of the caller allows.
    CrossAccountNoIdentityAllow,
    /// Cross-account: no resource-based policy of the resource's account allows the caller.
    CrossAccountNoResourceAllow,
    /// The action needs no permission, and cannot be denied.
    NeedsNoPermission { action: String },
    /// AWS refuses the request whatever the policies say.
    RefusedByAws(Protection),
    /// What the policies alone decide, when AWS decided otherwise.
    PoliciesAlone(Decision),
    /// A launch with an instance profile needs two allows.
    LaunchNeedsBoth,
}

/// A documented conflict between AWS pages that affects a result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conflict {
    /// A user named in a trust policy, whose boundary does not allow sts:AssumeRole: the
    /// trust-policy page says the boundary must allow it; the boundary page says a
    /// resource-based policy naming the user is not limited by it.
    TrustPolicyAndBoundary,
}
