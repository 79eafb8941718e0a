//! `iamplay summary`'s output, as serde types: each policy's summary (crate::summary),
//! with the catalog's version; every writer serialises these.

use crate::summary::{summarize, PolicySummary};
use crate::vocabulary::Vocabulary;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct SummaryReport {
    /// "PACKAGE VERSION, DATE" of the catalog the actions were counted in.
    pub catalog: String,
    pub policies: Vec<PolicySummaryOut>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicySummaryOut {
    pub policy: String,
    pub services: Vec<ServiceOut>,
    /// Services some Deny statement names actions of.
    pub denied: Vec<String>,
    pub privilege_escalation: Vec<EscalationOut>,
}

#[derive(Debug, Serialize)]
pub struct ServiceOut {
    pub prefix: String,
    pub name: String,
    pub levels: Vec<LevelOut>,
    pub resources: Vec<String>,
    pub conditional: bool,
}

#[derive(Debug, Serialize)]
pub struct LevelOut {
    pub level: &'static str,
    /// `full` or `limited`, as the console says.
    pub access: &'static str,
    pub allowed: usize,
    pub of: usize,
}

#[derive(Debug, Serialize)]
pub struct EscalationOut {
    pub id: &'static str,
    pub actions: &'static [&'static str],
    pub why: &'static str,
    /// The allowing statements' indexes.
    pub statements: Vec<usize>,
    pub source: &'static str,
}

fn out(policy: &str, s: PolicySummary) -> PolicySummaryOut {
    PolicySummaryOut {
        policy: policy.to_string(),
        services: s
            .services
            .into_iter()
            .map(|x| ServiceOut {
                prefix: x.prefix,
                name: x.name,
                levels: x
                    .levels
                    .into_iter()
                    .map(|l| LevelOut {
                        level: l.level,
                        access: if l.full { "full" } else { "limited" },
                        allowed: l.allowed,
                        of: l.of,
                    })
                    .collect(),
                resources: x.resources,
                conditional: x.conditional,
            })
            .collect(),
        denied: s.denied,
        privilege_escalation: s
            .escalations
            .into_iter()
            .map(|e| EscalationOut {
                id: e.risk.id,
                actions: e.risk.actions,
                why: e.risk.why,
                statements: e.statements,
                source: e.risk.source,
            })
            .collect(),
    }
}

/// The policies of a scenario a summary is about: all but trust policies (which say who
/// may assume a role; they grant nothing).
pub fn summarized(sc: &crate::scenario::Scenario) -> impl Iterator<Item = (&str, &crate::policy::Policy)> {
    use crate::policy::PolicyType;
    sc.policies
        .iter()
        .filter(|p| p.uses.is_empty() || p.uses.iter().any(|u| *u != PolicyType::Trust))
        .map(|p| (p.name.as_str(), &p.policy))
}

/// The summary of each named policy.
pub fn summary_report<'p>(
    policies: impl IntoIterator<Item = (&'p str, &'p crate::policy::Policy)>,
    aws: &dyn Vocabulary,
) -> SummaryReport {
    SummaryReport {
        catalog: aws.data_version(),
        policies: policies.into_iter().map(|(name, p)| out(name, summarize(p, aws))).collect(),
    }
}

/// A service's line: `Amazon S3 (s3): List full (18 of 18); Read limited (63 of 66)`, and
/// `, with conditions` when some allowing statement has one.
pub fn service_words(x: &ServiceOut) -> String {
    let levels: Vec<String> =
        x.levels.iter().map(|l| format!("{} {} ({} of {})", l.level, l.access, l.allowed, l.of)).collect();
    let conditional = if x.conditional { ", with conditions" } else { "" };
    // "AWS Identity and Access Management (IAM)" names its prefix already
    let named = x.name.to_ascii_lowercase().ends_with(&format!("({})", x.prefix.to_ascii_lowercase()));
    let prefix = if named { String::new() } else { format!(" ({})", x.prefix) };
    format!("{}{prefix}: {}{conditional}", x.name, levels.join("; "))
}

/// More services than this, each allowed in full, are told as one line.
const LISTED_FULL: usize = 12;

/// The services to tell one by one, and those told together as "every action of N more
/// services" (a `NotAction` or `*` policy allows hundreds in full).
pub fn grouped(p: &PolicySummaryOut) -> (Vec<&ServiceOut>, Vec<&ServiceOut>) {
    let full = |x: &ServiceOut| x.levels.iter().all(|l| l.access == "full" && l.allowed == l.of) && !x.conditional;
    let (all_full, rest): (Vec<&ServiceOut>, Vec<&ServiceOut>) = p.services.iter().partition(|x| full(x));
    match all_full.len() > LISTED_FULL {
        true => (rest, all_full),
        false => (p.services.iter().collect(), Vec::new()),
    }
}

/// The line for the services told together: `every action of 412 more services: a2c, a4b,
/// … (full, on every resource)`;
/// `others`: some services are told one by one too ("N more services").
pub fn grouped_words(together: &[&ServiceOut], others: bool) -> String {
    let names: Vec<&str> = together.iter().take(8).map(|x| x.prefix.as_str()).collect();
    let etc = if together.len() > names.len() { ", …" } else { "" };
    let more = if others { " more" } else { "" };
    format!("every action of {}{more} services: {}{etc} (full, on every resource)", together.len(), names.join(", "))
}

/// An escalation's line: `[passrole-any-role]: passes any role … (statement #0; SOURCE)`.
pub fn escalation_words(e: &EscalationOut) -> String {
    let statements: Vec<String> = e.statements.iter().map(|i| format!("#{i}")).collect();
    format!("[{}]: {} (statement {}; {})", e.id, e.why, statements.join(", "), e.source)
}
