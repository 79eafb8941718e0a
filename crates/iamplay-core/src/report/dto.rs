//! The report's shape, as serde types: what `iamplay eval` prints (docs/scenario.md, "CLI output", and
//! the extensions of `docs/scenario.md#cli-output`), what `paths` and `who-can` print, and
//! what the JavaScript API returns. Fields serialise in declaration order; every writer
//! serialises these, none builds JSON by hand.

use crate::context::ContextEntry;
use crate::decision::Path;
use crate::source::SourceId;
use serde::Serialize;

/// The whole report of a scenario.
#[derive(Debug, Serialize)]
pub struct Report {
    pub results: Vec<RequestResult>,
    pub diagnostics: Vec<DiagnosticOut>,
}

/// One request's result: decided, or not readable.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum RequestResult {
    Decided(Box<Decided>),
    Unreadable(Unreadable),
}

/// The fields every decided check has (a request, a launch's check, a path's hop).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DecisionOut {
    pub decision: &'static str,
    pub complete: bool,
    pub decided_by: Vec<DecidedBy>,
    pub blocked_by: Option<BlockedBy>,
    pub missing_context_keys: Vec<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Decided {
    #[serde(flatten)]
    pub decision: DecisionOut,
    pub expect: Option<&'static str>,
    pub pass: Option<bool>,
    pub request: RequestOut,
    pub path: Path,
    pub conflict: Option<&'static str>,
    /// A launch with an instance profile: the launch itself, then `iam:PassRole`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<CheckOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<Explain>,
}

/// A request that could not be read (its diagnostics say why).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Unreadable {
    pub decision: Option<&'static str>,
    pub complete: bool,
    pub decided_by: [DecidedBy; 0],
    pub blocked_by: Option<BlockedBy>,
    pub missing_context_keys: [String; 0],
    pub expect: Option<&'static str>,
    pub pass: Option<bool>,
    pub error: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DecidedBy {
    pub policy: String,
    pub policy_type: Option<&'static str>,
    pub statement: usize,
    pub sid: Option<String>,
    /// For an AWS managed policy named by ARN: its line and column in AWS's document.
    pub line: usize,
    pub column: usize,
    /// An AWS managed policy named by ARN (`policy` is the ARN).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aws_managed: Option<bool>,
    /// The version of AWS's document in use (`v7`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_version: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct BlockedBy {
    pub layer: &'static str,
    pub level: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct RequestOut {
    pub principal: String,
    pub action: String,
    pub resource: String,
}

/// One check of a launch.
#[derive(Debug, Serialize)]
pub struct CheckOut {
    pub action: String,
    pub resource: String,
    #[serde(flatten)]
    pub decision: DecisionOut,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<Explain>,
}

/// A result's full trace (`--explain`).
#[derive(Debug, Serialize)]
pub struct Explain {
    pub notes: Vec<String>,
    pub context: Vec<ContextEntry>,
    pub policies: Vec<PolicyOut>,
    /// "Allowed only if…": the context values the request lacks that would change its
    /// decision (allow a request that is not allowed; explicitly deny one that is not
    /// denied), each checked by deciding it.
    #[serde(rename = "allowedIf", skip_serializing_if = "Vec::is_empty")]
    pub allowed_if: Vec<AllowedIfOut>,
    /// Why no option is given although statements read keys the request lacks.
    #[serde(rename = "allowedIfNote", skip_serializing_if = "Option::is_none")]
    pub allowed_if_note: Option<&'static str>,
}

/// One "allowed only if…" option.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AllowedIfOut {
    /// `policy#statement` whose conditions the values satisfy (or, with `liftsDeny`, the
    /// Deny statement whose negated condition they make false).
    pub statement: String,
    /// The request's decision once the values are added: `Allow` or `ExplicitDeny`.
    pub decision: &'static str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub lifts_deny: bool,
    /// The keys and values to add to the request's context.
    pub context: serde_json::Map<String, serde_json::Value>,
    pub words: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyOut {
    pub policy: String,
    pub policy_type: &'static str,
    pub level: Option<usize>,
    pub via: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aws_managed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_version: Option<String>,
    pub statements: Vec<StatementOut>,
}

#[derive(Debug, Serialize)]
pub struct StatementOut {
    pub statement: usize,
    pub sid: Option<String>,
    pub effect: Option<crate::policy::Effect>,
    pub applies: bool,
    pub evaluated: bool,
    pub line: usize,
    pub column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<PartOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<PartOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principal: Option<PrincipalOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conditions: Option<Vec<ConditionOut>>,
}

/// How an `Action`/`NotAction` or `Resource`/`NotResource` matched.
#[derive(Debug, Serialize)]
pub struct PartOut {
    pub matched: bool,
    /// The pattern that matched, as written.
    pub by: Option<String>,
    pub element: &'static str,
    /// The patterns after variable substitution (None inside: a variable had no value).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub substituted: Option<Vec<Option<String>>>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PrincipalOut {
    pub element: &'static str,
    pub matched: bool,
    pub by: Option<String>,
    pub grant: Option<&'static str>,
    pub boundary_rule: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConditionOut {
    pub operator: String,
    pub key: String,
    pub matched: bool,
    pub key_present: bool,
    pub request_values: Option<Vec<String>>,
    pub policy_values: Vec<Option<String>>,
}

/// A diagnostic with its position (lines 1-based, columns in characters).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DiagnosticOut {
    pub severity: &'static str,
    pub code: &'static str,
    pub message: String,
    pub help: Option<String>,
    pub policy: Option<String>,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub source: SourceId,
}

/// `iamplay paths`: every way a principal obtains a permission.
#[derive(Debug, Serialize)]
pub struct PathsReport {
    pub principal: String,
    pub action: String,
    pub resource: String,
    pub allowed: bool,
    pub paths: Vec<PathOut>,
}

#[derive(Debug, Serialize)]
pub struct PathOut {
    pub kind: &'static str,
    pub description: String,
    pub allowed: bool,
    pub hops: Vec<HopOut>,
}

/// One request of a path (an AssumeRole, a launch, the permission itself).
#[derive(Debug, Serialize)]
pub struct HopOut {
    pub principal: String,
    pub action: String,
    pub resource: String,
    #[serde(flatten)]
    pub decision: DecisionOut,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<Explain>,
}

/// `iamplay who-can`: every principal allowed, with its allowed paths.
#[derive(Debug, Serialize)]
pub struct WhoCanReport {
    pub action: String,
    pub resource: String,
    pub principals: Vec<WhoOut>,
}

#[derive(Debug, Serialize)]
pub struct WhoOut {
    pub principal: String,
    pub kind: &'static str,
    pub paths: Vec<PathOut>,
}
