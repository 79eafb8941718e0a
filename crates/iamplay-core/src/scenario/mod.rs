//! The scenario (docs/scenario.md): policies, principals and requests, with every
//! reference resolved and every request prepared (its caller, its context and the
//! policies in play), so evaluating a request does no parsing or lookup by name.

mod caller;
pub mod editor_texts;
pub(crate) mod fields;
mod load;
mod prepare;
pub mod quota;
pub mod reference;

pub use caller::{Caller, CallerFacts};
pub use load::{load_file, load_file_with, load_parts, load_parts_with};
pub use prepare::{prepare, RequestSpec};
pub use reference::resolve as resolve_principal;

use crate::context::RequestContext;
use crate::diagnostic::Diagnostic;
use crate::policy::{Policy, PolicyType};
use crate::source::{LineIndex, Position, SourceId, Span};
use serde::Serialize;

pub type PolicyId = usize;

#[derive(Clone, Debug, PartialEq)]
pub struct PolicyEntry {
    /// The name shown everywhere (`user/alice/default` for inline documents).
    pub name: String,
    pub name_span: Span,
    pub policy: Policy,
    /// Every use, in order of appearance (a policy may be used in several ways).
    pub uses: Vec<PolicyType>,
    /// Statements an error makes impossible to evaluate (for any of its uses).
    pub broken: Vec<bool>,
    /// Some error-severity diagnostic concerns this policy.
    pub has_errors: bool,
    pub inline: bool,
    /// Distinct context keys its policy variables read (as written, lowercased).
    pub variables: Vec<(String, crate::key::KeyName)>,
    /// An AWS managed policy named by ARN: the version of AWS's document in use.
    pub aws_version: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Account {
    pub id: String,
    pub org_id: Option<String>,
    pub users: Vec<User>,
    pub groups: Vec<Group>,
    pub roles: Vec<Role>,
    pub instance_profiles: Vec<InstanceProfile>,
    pub instances: Vec<Instance>,
    pub resources: Vec<ResourceDecl>,
    pub organization: Organization,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Organization {
    /// Levels from the root to the account, each the policies attached there.
    pub scps: Vec<Vec<PolicyId>>,
    pub rcps: Vec<Vec<PolicyId>>,
    /// The organization's management account: SCPs and RCPs do not apply to it.
    pub management: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct User {
    pub name: String,
    pub path: String,
    pub groups: Vec<usize>,
    /// Managed then inline, in order of appearance.
    pub policies: Vec<PolicyId>,
    pub boundary: Option<PolicyId>,
    pub tags: Vec<(String, String)>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Group {
    pub name: String,
    pub path: String,
    pub policies: Vec<PolicyId>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Role {
    pub name: String,
    pub path: String,
    pub trust: Option<PolicyId>,
    pub policies: Vec<PolicyId>,
    pub boundary: Option<PolicyId>,
    pub tags: Vec<(String, String)>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct InstanceProfile {
    pub name: String,
    pub role: Option<usize>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Instance {
    pub id: String,
    pub profile: Option<usize>,
    pub region: Option<String>,
    pub tags: Vec<(String, String)>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResourceDecl {
    pub arn: String,
    pub policy: Option<PolicyId>,
    pub tags: Vec<(String, String)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Decision {
    Allow,
    ExplicitDeny,
    ImplicitDeny,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Allow => "Allow",
            Decision::ExplicitDeny => "ExplicitDeny",
            Decision::ImplicitDeny => "ImplicitDeny",
        }
    }

    pub fn parse(s: &str) -> Option<Decision> {
        match s {
            "Allow" => Some(Decision::Allow),
            "ExplicitDeny" => Some(Decision::ExplicitDeny),
            "ImplicitDeny" => Some(Decision::ImplicitDeny),
            _ => None,
        }
    }
}

/// A request ready to evaluate.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub span: Span,
    pub principal_text: String,
    pub caller: Caller,
    /// What principal matching needs to know about the caller.
    pub facts: CallerFacts,
    pub action: String,
    /// Lowercased, for matching.
    pub action_lc: String,
    pub resource: String,
    pub context: RequestContext,
    pub session_policies: Vec<PolicyId>,
    /// The declared resource the request targets, as (account, index), if any.
    pub resource_decl: Option<(usize, usize)>,
    /// The account that owns the resource.
    pub resource_account: Option<usize>,
    /// The role the request targets when it is `sts:AssumeRole*` on a declared role.
    pub target_role: Option<(usize, usize)>,
    /// `sts:AssumeRole*`, `sts:TagSession` or `sts:SetSourceIdentity` on a role: decided
    /// with the role's trust policy, declared or not.
    pub trust_request: bool,
    /// A KMS key of a declared account: no access unless its key policy allows.
    pub kms_key: bool,
    pub instance_profile: Option<(usize, usize)>,
    /// A launch (`ec2:RunInstances` with `instanceProfile`): the `iam:PassRole` check on
    /// the profile's role, decided alongside.
    pub pass_role: Option<Box<Request>>,
    pub expect: Option<Decision>,
}

/// The texts a scenario was read from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sources {
    texts: Vec<(SourceId, String, LineIndex)>,
}

impl Sources {
    /// How many texts there are.
    pub fn count(&self) -> usize {
        self.texts.len()
    }

    pub fn add(&mut self, id: SourceId, text: &str) {
        self.texts.push((id, text.to_string(), LineIndex::new(text)));
    }

    pub fn text(&self, id: SourceId) -> &str {
        self.texts.iter().find(|(s, ..)| *s == id).map_or("", |(_, t, _)| t.as_str())
    }

    /// The offset in UTF-16 units of a byte offset (what a browser editor counts).
    pub fn utf16_offset(&self, id: SourceId, offset: usize) -> usize {
        self.texts.iter().find(|(s, ..)| *s == id).map_or(0, |(_, _, index)| index.utf16_offset(offset))
    }

    /// 1-based line and column (characters and UTF-16 units) of a byte offset.
    pub fn position(&self, id: SourceId, offset: usize) -> Position {
        match self.texts.iter().find(|(s, ..)| *s == id) {
            Some((_, _, index)) => index.position(offset),
            None => Position { line: 1, column: 1, column_utf16: 1 },
        }
    }
}

/// Actions authorized by a role's trust policy when the resource is the role.
pub fn is_trust_action(action_lc: &str) -> bool {
    matches!(
        action_lc,
        "sts:assumerole"
            | "sts:assumerolewithsaml"
            | "sts:assumerolewithwebidentity"
            | "sts:tagsession"
            | "sts:setsourceidentity"
    )
}

/// A loaded scenario: what could be read, and every diagnostic.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scenario {
    pub policies: Vec<PolicyEntry>,
    /// Index 0 is the default account.
    pub accounts: Vec<Account>,
    /// One per request written; None when the request could not be read.
    pub requests: Vec<Option<Request>>,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
    /// AWS managed policies named by ARN whose documents are still being fetched: nothing
    /// may be decided until they arrive.
    pub pending_aws: Vec<String>,
}

impl Scenario {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn account_index(&self, id: &str) -> Option<usize> {
        self.accounts.iter().position(|a| a.id == id)
    }

    pub fn user_arn(&self, account: usize, user: usize) -> String {
        let a = self.accounts.get(account);
        let u = a.and_then(|a| a.users.get(user));
        format!(
            "arn:aws:iam::{}:user{}{}",
            a.map_or("", |a| &a.id),
            u.map_or("/", |u| &u.path),
            u.map_or("", |u| &u.name)
        )
    }

    pub fn role_arn(&self, account: usize, role: usize) -> String {
        let a = self.accounts.get(account);
        let r = a.and_then(|a| a.roles.get(role));
        format!(
            "arn:aws:iam::{}:role{}{}",
            a.map_or("", |a| &a.id),
            r.map_or("/", |r| &r.path),
            r.map_or("", |r| &r.name)
        )
    }

    pub fn policy_name(&self, id: PolicyId) -> &str {
        self.policies.get(id).map_or("?", |p| p.name.as_str())
    }
}
