//! `iamplay expand PATTERN...`: the actions each action pattern covers, from AWS's catalog
//! (`iamplay_aws_data::catalog`), with their access levels; as text or JSON.

use crate::args::{ExpandArgs, Format};
use crate::terminal;
use iamplay_aws_data::catalog::{self, Catalog};
use serde::Serialize;
use std::process::ExitCode;

/// The JSON output.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ExpandOut {
    /// "PACKAGE VERSION, DATE" of the catalog the patterns were matched against.
    catalog: String,
    patterns: Vec<PatternOut>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PatternOut {
    pattern: String,
    count: usize,
    actions: Vec<ActionOut>,
    /// Why the pattern covers nothing, when it does not.
    #[serde(skip_serializing_if = "Option::is_none")]
    problem: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ActionOut {
    action: String,
    access_level: &'static str,
}

/// Why a pattern that covers nothing does: no such service, or no such action.
fn problem(c: &Catalog, pattern: &str) -> String {
    use iamplay_core::vocabulary::{unlisted, Unlisted};
    let Some((service, action)) = pattern.split_once(':') else {
        return "an action pattern is SERVICE:ACTION (or `*`)".to_string();
    };
    if service.contains(['*', '?']) {
        return "it covers no action AWS lists".to_string();
    }
    match unlisted(c, pattern) {
        Some(Unlisted::Service { near: Some(p) }) => {
            format!("AWS has no service with the prefix `{service}`; did you mean `{p}`?")
        }
        Some(Unlisted::Service { near: None }) => format!("AWS has no service with the prefix `{service}`"),
        // a near name is a typo's; a pattern with wildcards has none
        Some(Unlisted::Action { service_name, near: Some(a) }) if !action.contains(['*', '?']) => {
            format!("{service_name} has no action `{action}`; did you mean `{service}:{a}`?")
        }
        _ => format!("it covers no action of {}", c.service(service).map_or(service, |s| s.name.as_str())),
    }
}

fn expand(c: &Catalog, pattern: &str) -> PatternOut {
    let actions: Vec<ActionOut> =
        c.expand(pattern).into_iter().map(|a| ActionOut { action: a.action, access_level: a.level.as_str() }).collect();
    let problem = actions.is_empty().then(|| problem(c, pattern));
    PatternOut { pattern: pattern.to_string(), count: actions.len(), actions, problem }
}

pub fn run(a: &ExpandArgs) -> ExitCode {
    let c = match catalog::embedded() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("iamplay: {e}");
            return ExitCode::from(2);
        }
    };
    let out = ExpandOut { catalog: c.data_version(), patterns: a.patterns.iter().map(|p| expand(c, p)).collect() };
    let rendered = match a.format {
        Format::Json => serde_json::to_string_pretty(&out).unwrap_or_default() + "\n",
        Format::Text => text(&out),
    };
    if let Err(code) = crate::write_out(&rendered) {
        return code;
    }
    if out.patterns.iter().any(|p| p.count == 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn text(out: &ExpandOut) -> String {
    let mut s = String::new();
    for p in &out.patterns {
        let pattern = terminal::safe(&p.pattern);
        match &p.problem {
            Some(why) => s.push_str(&format!("{pattern}: covers no action: {why}\n")),
            None => {
                let noun = if p.count == 1 { "action" } else { "actions" };
                s.push_str(&format!("{pattern} covers {} {noun}:\n", p.count));
                for a in &p.actions {
                    s.push_str(&format!("  {:<24} {}\n", a.access_level, a.action));
                }
            }
        }
    }
    s.push_str(&format!("(IAM data: {})\n", out.catalog));
    s
}
