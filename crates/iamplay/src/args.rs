//! The command line, as clap reads it: a subcommand per question, each with its own
//! `--help`, "did you mean" for a mistyped command or option, and arguments read as the
//! operating system gives them (a file name that is not UTF-8 still names a file; an
//! option value that must be text and is not is a usage error, never a panic).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const USAGE: &str = "\
iamplay eval FILE [--explain] [--format json|text|ndjson] [--color auto|always|never] [--diagnostics auto|rich|lines]
       iamplay paths FILE --principal P --action A --resource R [--context KEY=VALUE]... [--explain] [--format json|text]
       iamplay who-can FILE --action A --resource R [--context KEY=VALUE]... [--format json|text]
       iamplay import FILE [--account ID]
       iamplay check EXERCISE SUBMISSION... [--id ID] [--format human|json|junit]
       iamplay expand PATTERN... [--format text|json]
       iamplay summary FILE [--format text|json]
       iamplay explain-error TEXT [--scenario FILE] [--format text|json]
       iamplay simulate --policy FILE... --action A... [--resource R]... [--caller ARN] [--show-scenario]
       iamplay graph FILE [--request N] [--format dot|svg|json]";

const AFTER: &str = "\
FILE is a scenario file (see docs/scenario.md); `-` reads standard input.
Exit status of eval: 0 all good, 1 a request did not meet its `expect`, 2 errors in the input.
`iamplay COMMAND --help` says more about each command.";

/// iamplay — decide AWS IAM requests and explain why
#[derive(Debug, Parser)]
#[command(name = "iamplay", version, override_usage = USAGE, after_help = AFTER, arg_required_else_help = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Decide every request of a scenario and explain the decisions
    ///
    /// Prints one JSON document with a result per request and every diagnostic (also when
    /// the input has errors, as long as it is JSON). Each diagnostic is also a line
    /// `FILE:LINE:COL: severity: message` on standard error. Exit status: 0 all good, 1 a
    /// request did not meet its `expect`, 2 errors in the input.
    Eval(EvalArgs),
    /// Every way a principal obtains (or could obtain) a permission
    ///
    /// Its own policies, each group separately, each role it may assume (transitively,
    /// every hop's sts:AssumeRole decision shown), and launching an instance with a
    /// profile whose role it may pass. The scenario's own requests are not used.
    Paths(PathsArgs),
    /// Every principal of the scenario allowed to do an action on a resource
    #[command(name = "who-can")]
    WhoCan(WhoCanArgs),
    /// Turn `aws iam get-account-authorization-details` output into a scenario
    Import(ImportArgs),
    /// Grade workshop submissions against an exercise (docs/exercises.md)
    ///
    /// EXERCISE is an exercise file, or a pack with `--id` (without it, each submission's
    /// `exercise` field picks the exercise). Exit status: 0 every submission is solved, 1
    /// one is not, 2 bad input.
    Check(CheckArgs),
    /// The actions an action pattern covers, with their access levels
    ///
    /// PATTERN is written as in a policy's Action (`s3:Get*`, `iam:*Role*`, `*:List*`;
    /// letter case ignored), matched against AWS's catalog of actions. Exit status: 0 every
    /// pattern covers an action, 1 one covers none (a typo, or an action AWS does not list).
    Expand(ExpandArgs),
    /// What each policy allows, per service and access level, as the AWS console sums it up
    ///
    /// FILE is a scenario (each of its policies is summed up) or one policy document. Per
    /// service, each access level the policy allows, "full" (every action of the level, on
    /// every resource, without a condition) or "limited", counted in AWS's catalog; and the
    /// grants known to allow privilege escalation. Exit status: 0, 1 when a policy allows
    /// privilege escalation, 2 bad input.
    Summary(SummaryArgs),
    /// An AWS AccessDenied message as a request, and whether a scenario reproduces it
    ///
    /// TEXT is the message as AWS wrote it ("User: ARN is not authorized to perform: ACTION
    /// on resource: RESOURCE because no identity-based policy allows …" or "… with an
    /// explicit deny in a service control policy …"). Without --scenario, what it says and
    /// the request to add; with it, the scenario's decision of that request and whether it
    /// is the same deny in the same layer. Exit status: 0 read (and reproduced), 1 the
    /// scenario decides otherwise, 2 unreadable message or bad input.
    ExplainError(ExplainErrorArgs),
    /// Policies tried without a scenario, as `aws iam simulate-custom-policy` does
    ///
    /// Each --policy FILE is an identity-based policy of the caller (a user or a role,
    /// `arn:aws:iam::111122223333:user/alice` unless --caller names another), with an
    /// optional permissions boundary, resource-based policy (for each --resource) and SCPs
    /// (one level: each must allow what it does not deny). Every --action is decided on
    /// every --resource, and printed as `iamplay eval` prints a scenario's results;
    /// --show-scenario prints the scenario made instead (the lines and columns of the
    /// results are in it). Exit status as `eval`'s.
    Simulate(SimulateArgs),
    /// The scenario as a graph: who is in which group, which policies are attached,
    /// who may assume which role, which profile wraps which role
    ///
    /// Nodes are the accounts, users, groups, roles, instance profiles, instances, resources
    /// with a policy, and policies; edges are member of, attached, boundary, trust policy,
    /// may assume (the role's trust policy allows the principal; dashed where its
    /// sts:AssumeRole is still denied), wraps, runs with, SCP and RCP levels and resource
    /// policies. With --request N, what the Nth request went through is lit (green) and
    /// what stopped it is marked (red). Printed as Graphviz DOT, as SVG (laid out by
    /// layout-rs), or as JSON.
    Graph(GraphArgs),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Text,
}

/// How `eval` prints its results.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    /// one JSON document: `results` and `diagnostics`
    Json,
    /// a readable tree
    Text,
    /// one result per line, as compact JSON, written as each request is decided (the
    /// diagnostics are on standard error only)
    Ndjson,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// How diagnostics are written to standard error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Diagnostics {
    /// `rich` on a terminal, `lines` otherwise
    Auto,
    /// each with the source line and the span underlined
    Rich,
    /// `FILE:LINE:COL: severity: message`, one per line
    Lines,
}

#[derive(Clone, Debug, Args)]
pub struct Output {
    /// Colour in the text format
    #[arg(long, visible_alias = "colour", value_enum, default_value = "auto")]
    pub color: Color,
    /// How to print diagnostics on standard error
    #[arg(long, value_enum, default_value = "auto")]
    pub diagnostics: Diagnostics,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The scenario file (`-`: standard input)
    pub file: PathBuf,
    /// Add each result's full trace: every statement in play, each part compared
    #[arg(long)]
    pub explain: bool,
    /// How to print the results
    #[arg(long, value_enum, default_value = "json")]
    pub format: EvalFormat,
    #[command(flatten)]
    pub output: Output,
}

/// A request the question is about.
#[derive(Debug, Args)]
pub struct Question {
    /// The action, as in `s3:GetObject` (one action, no wildcards)
    #[arg(long)]
    pub action: String,
    /// The resource's ARN, or `*`
    #[arg(long)]
    pub resource: String,
    /// A context key and its value (repeatable; `a,b` for several values)
    #[arg(long = "context", value_name = "KEY=VALUE", value_parser = context_pair)]
    pub context: Vec<(String, Vec<String>)>,
}

fn context_pair(s: &str) -> Result<(String, Vec<String>), String> {
    let (k, v) = s.split_once('=').ok_or_else(|| format!("`--context` takes KEY=VALUE, not `{s}`"))?;
    Ok((k.to_string(), v.split(',').map(str::to_string).collect()))
}

#[derive(Debug, Args)]
pub struct PathsArgs {
    /// The scenario file (`-`: standard input)
    pub file: PathBuf,
    /// The principal: `user/NAME`, `role/NAME`, an IAM or STS ARN, …
    #[arg(long)]
    pub principal: String,
    #[command(flatten)]
    pub question: Question,
    /// Add the full trace of every hop
    #[arg(long)]
    pub explain: bool,
    /// How to print the results
    #[arg(long, value_enum, default_value = "json")]
    pub format: Format,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Debug, Args)]
pub struct WhoCanArgs {
    /// The scenario file (`-`: standard input)
    pub file: PathBuf,
    #[command(flatten)]
    pub question: Question,
    /// How to print the results
    #[arg(long, value_enum, default_value = "json")]
    pub format: Format,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The export (`-`: standard input)
    pub file: PathBuf,
    /// The account id to use (read from the ARNs when not given)
    #[arg(long)]
    pub account: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
    Junit,
}

#[derive(Debug, Args)]
pub struct ExpandArgs {
    /// Action patterns, as in a policy's Action
    #[arg(required = true, value_name = "PATTERN")]
    pub patterns: Vec<String>,
    /// How to print the actions
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// An identity-based policy of the caller (repeatable)
    #[arg(long = "policy", value_name = "FILE", required = true)]
    pub policies: Vec<PathBuf>,
    /// A resource-based policy, on each resource
    #[arg(long, value_name = "FILE")]
    pub resource_policy: Option<PathBuf>,
    /// The caller's permissions boundary
    #[arg(long, value_name = "FILE")]
    pub boundary: Option<PathBuf>,
    /// A service control policy of the caller's account (repeatable)
    #[arg(long = "scp", value_name = "FILE")]
    pub scps: Vec<PathBuf>,
    /// The caller: an IAM user's or role's ARN
    #[arg(long, default_value = "arn:aws:iam::111122223333:user/alice")]
    pub caller: String,
    /// An action to decide (repeatable)
    #[arg(long = "action", required = true)]
    pub actions: Vec<String>,
    /// A resource ARN (repeatable; `*` when none is given)
    #[arg(long = "resource")]
    pub resources: Vec<String>,
    /// A context key and its value (repeatable; `a,b` for several values)
    #[arg(long = "context", value_name = "KEY=VALUE", value_parser = context_pair)]
    pub context: Vec<(String, Vec<String>)>,
    /// Print the scenario made, not its results
    #[arg(long)]
    pub show_scenario: bool,
    /// Add each result's full trace
    #[arg(long)]
    pub explain: bool,
    /// How to print the results
    #[arg(long, value_enum, default_value = "json")]
    pub format: EvalFormat,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Debug, Args)]
pub struct ExplainErrorArgs {
    /// The AccessDenied message (`-`: standard input)
    #[arg(value_name = "TEXT")]
    pub text: String,
    /// The scenario to decide the request in
    #[arg(long, value_name = "FILE")]
    pub scenario: Option<PathBuf>,
    /// How to print it
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    Dot,
    Svg,
    Json,
}

#[derive(Debug, Args)]
pub struct GraphArgs {
    /// The scenario file (`-`: standard input)
    pub file: PathBuf,
    /// Light what the Nth request (1-based) went through
    #[arg(long, value_name = "N")]
    pub request: Option<usize>,
    /// How to print the graph
    #[arg(long, value_enum, default_value = "dot")]
    pub format: GraphFormat,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Debug, Args)]
pub struct SummaryArgs {
    /// The scenario or policy file (`-`: standard input)
    pub file: PathBuf,
    /// How to print the summary
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The exercise (or pack) file
    pub exercise: PathBuf,
    /// The submission files (`-`: standard input, once)
    #[arg(required = true, value_name = "SUBMISSION")]
    pub submissions: Vec<PathBuf>,
    /// The exercise of a pack to grade against
    #[arg(long)]
    pub id: Option<String>,
    /// How to print the grades
    #[arg(long, value_enum, default_value = "human")]
    pub format: CheckFormat,
}
