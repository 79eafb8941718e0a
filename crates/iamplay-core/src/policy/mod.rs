//! The policy model: every element keeps its span. `parse` builds it from JSON and
//! reports what is wrong whatever the policy is used as; `validate` adds the rules of
//! one policy type (identity, resource, trust, boundary, SCP, RCP, session).

mod parse;
mod validate;

pub use parse::parse_policy;
pub use validate::validate_for;

use crate::arn::ArnGlob;
use crate::condition::Condition;
use crate::diagnostic::Diagnostic;
use crate::pattern::Glob;
use crate::source::Span;
use crate::template::Template;
use serde::Serialize;

/// Where a policy is used; its grammar is checked per use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PolicyType {
    Identity,
    Resource,
    Trust,
    Boundary,
    Scp,
    Rcp,
    Session,
}

impl PolicyType {
    pub fn as_str(self) -> &'static str {
        match self {
            PolicyType::Identity => "identity",
            PolicyType::Resource => "resource",
            PolicyType::Trust => "trust",
            PolicyType::Boundary => "boundary",
            PolicyType::Scp => "scp",
            PolicyType::Rcp => "rcp",
            PolicyType::Session => "session",
        }
    }

    /// The name with its article, for messages (`an identity-based policy`).
    pub fn with_article(self) -> String {
        let name = self.describe();
        let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
        format!("{article} {name}")
    }

    /// A readable name for messages.
    pub fn describe(self) -> &'static str {
        match self {
            PolicyType::Identity => "identity-based policy",
            PolicyType::Resource => "resource-based policy",
            PolicyType::Trust => "role trust policy",
            PolicyType::Boundary => "permissions boundary",
            PolicyType::Scp => "service control policy",
            PolicyType::Rcp => "resource control policy",
            PolicyType::Session => "session policy",
        }
    }

    /// Types whose statements may name a principal.
    pub fn has_principal(self) -> bool {
        matches!(self, PolicyType::Resource | PolicyType::Trust | PolicyType::Rcp)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Version {
    #[serde(rename = "2012-10-17")]
    V2012,
    #[serde(rename = "2008-10-17")]
    V2008,
    /// No `Version`: variables stay literal, as with 2008-10-17.
    #[serde(rename = "none")]
    Missing,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Effect {
    Allow,
    Deny,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    pub version: Version,
    pub statements: Vec<Statement>,
    /// The whole document.
    pub span: Span,
    /// `Id`, when present (its span).
    pub id_span: Option<Span>,
    /// Problems found whatever the policy is used as.
    pub diagnostics: Vec<Diagnostic>,
    /// Characters that count toward IAM's size quota (white space outside strings excluded).
    pub size_without_whitespace: usize,
    /// Every character of the document (SCP/RCP quotas count these).
    pub size_total: usize,
}

impl Policy {
    /// The statement at `index` of the document's `Statement` list (statements are kept in
    /// document order; one that could not be read at all is missing).
    pub fn statement(&self, index: usize) -> Option<&Statement> {
        self.statements.binary_search_by_key(&index, |s| s.index).ok().and_then(|i| self.statements.get(i))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    /// 0-based index in `Statement` (0 when it is a single object).
    pub index: usize,
    /// The statement object, from its `{`.
    pub span: Span,
    pub sid: Option<(String, Span)>,
    /// None when missing or invalid (the statement then cannot be evaluated).
    pub effect: Option<Effect>,
    pub principal: Option<PrincipalBlock>,
    pub action: Option<ActionBlock>,
    pub resource: Option<ResourceBlock>,
    pub conditions: Vec<Condition>,
    /// Spans of the members as written, for per-type rules.
    pub members: StatementMembers,
    /// An error makes this statement impossible to evaluate.
    pub broken: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct StatementMembers {
    pub principal: Option<Span>,
    pub not_principal: Option<Span>,
    pub action: Option<Span>,
    pub not_action: Option<Span>,
    pub resource: Option<Span>,
    pub not_resource: Option<Span>,
    pub condition: Option<Span>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ActionBlock {
    /// `NotAction`
    pub negated: bool,
    pub patterns: Vec<ActionPattern>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ActionPattern {
    pub raw: String,
    pub span: Span,
    /// Compiled from the lowercased text (actions compare case-insensitively).
    pub glob: Glob,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ResourceBlock {
    /// `NotResource`
    pub negated: bool,
    pub patterns: Vec<ResourcePattern>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ResourcePattern {
    pub raw: String,
    pub span: Span,
    pub template: Template,
    /// Compiled when the pattern has no variables.
    pub glob: Option<ArnGlob>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PrincipalBlock {
    /// `NotPrincipal`
    pub negated: bool,
    pub entries: Vec<PrincipalEntry>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PrincipalEntry {
    /// `AWS`, `Service`, `Federated`, `CanonicalUser`, or `*` for the bare string form.
    pub kind: String,
    pub raw: String,
    pub span: Span,
    pub value: PrincipalValue,
}

/// What a principal entry names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PrincipalValue {
    /// `"*"` or `{"AWS": "*"}`
    Everyone,
    /// `"111122223333"` or `arn:aws:iam::111122223333:root`
    Account(String),
    /// a user, role, assumed-role or federated-user ARN
    Arn {
        kind: ArnKind,
        account: String,
        arn: String,
    },
    Service(String),
    Federated(String),
    CanonicalUser(String),
    /// An IAM unique id (`AIDA…`, `AROA…`).
    UniqueId(String),
    /// Not understood (an error was reported).
    Invalid,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArnKind {
    User,
    Role,
    AssumedRole,
    FederatedUser,
}

impl Statement {
    pub fn sid(&self) -> Option<&str> {
        self.sid.as_ref().map(|(s, _)| s.as_str())
    }
}

impl ResourceBlock {
    /// The patterns after variable substitution, when some pattern holds a variable
    /// (None inside: a variable has no value, so that pattern matches nothing).
    pub fn substituted(&self, ctx: &dyn crate::template::Lookup) -> Option<Vec<Option<String>>> {
        self.patterns
            .iter()
            .any(|p| p.template.has_vars())
            .then(|| self.patterns.iter().map(|p| p.template.expand(ctx).map(|s| s.into_owned())).collect())
    }
}
