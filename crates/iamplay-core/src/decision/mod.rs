//! Deciding a request (docs/semantics.md §6) and explaining the decision: the deciding
//! statements, the gate that blocked an otherwise allowed request, and for every
//! statement in play whether its action, resource, principal and each condition matched.

mod aws_rules;
mod decide;
mod engine;
mod in_play;
mod note;
mod run;
mod statement;

pub use aws_rules::Protection;
pub use engine::{evaluate, evaluate_restricted, evaluate_single, IdentitySource};
pub use note::{Conflict, Gatekeeper, Note};
pub use statement::{
    evaluate_statement, explained, may_allow, Depth, Grant, PartMatch, PrincipalMatch, StatementTrace,
};

use crate::policy::PolicyType;
use crate::scenario::{Decision, PolicyId};
use serde::Serialize;

/// A statement of a policy of the scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StatementRef {
    pub policy: PolicyId,
    pub statement: usize,
}

/// A layer of the decision that can block a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    Policy(PolicyType),
    CrossAccountIdentity,
    CrossAccountResource,
    /// AWS refuses the request whatever the policies say (a protected resource).
    AwsProtection,
}

impl Layer {
    pub fn as_str(self) -> &'static str {
        match self {
            Layer::Policy(t) => t.as_str(),
            Layer::CrossAccountIdentity => "cross-account-identity",
            Layer::CrossAccountResource => "cross-account-resource",
            Layer::AwsProtection => "aws-protection",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Gate {
    pub layer: Layer,
    /// 0-based organization level for SCP/RCP gates.
    pub level: Option<usize>,
}

/// The statements of one policy in play, as evaluated for this request.
#[derive(Clone, Debug, PartialEq)]
pub struct PolicyTrace {
    pub policy: PolicyId,
    pub ty: PolicyType,
    /// Organization level for SCPs and RCPs.
    pub level: Option<usize>,
    /// How the policy came into play.
    pub via: Via,
    pub statements: Vec<StatementTrace>,
}

/// How a policy came into play for a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    User { account: usize, user: usize },
    Group { account: usize, group: usize, user: usize },
    Role { account: usize, role: usize },
    Boundary,
    Session,
    Organization,
    Resource,
}

/// Which way the request was decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Path {
    SameAccount,
    CrossAccount,
    RootUser,
    AssumeRole,
    KmsKey,
    Anonymous,
    ServicePrincipal,
}

/// The decision for one request and its explanation.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    pub decision: Decision,
    /// False when a policy the decision depends on has errors.
    pub complete: bool,
    pub decided_by: Vec<StatementRef>,
    pub blocked_by: Option<Gate>,
    /// Context keys the policies in play read that the request lacks.
    pub missing_keys: Vec<String>,
    pub policies: Vec<PolicyTrace>,
    pub path: Path,
    /// The steps of the decision, in order (`report::words::note` words them).
    pub notes: Vec<Note>,
    /// A documented conflict between AWS pages that affects this result.
    pub conflict: Option<Conflict>,
    /// For a launch (`ec2:RunInstances` with an instance profile): each check decided
    /// (the launch itself, then `iam:PassRole` on the profile's role); the result above
    /// combines them.
    pub checks: Vec<Check>,
}

/// One of the authorization checks a request needs.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    pub action: String,
    pub resource: String,
    pub evaluation: Evaluation,
}
