//! `iamplay summary FILE`: each policy's summary against AWS's catalog (per service, each
//! access level, full or limited; grants that allow privilege escalation), as text or JSON.

use crate::args::{Format, SummaryArgs};
use crate::{stderr, terminal};
use iamplay_aws_data::catalog;
use iamplay_core::report::summary::{
    escalation_words, grouped, grouped_words, service_words, summarized, summary_report, SummaryReport,
};
use iamplay_core::source::{LineIndex, SourceId};
use std::process::ExitCode;

pub fn run(a: &SummaryArgs, input: &str, shown: &str) -> ExitCode {
    let c = match catalog::embedded() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("iamplay: {e}");
            return ExitCode::from(2);
        }
    };
    let style = stderr::style(&a.output);
    let json = match iamplay_core::json::parse(input, SourceId::File) {
        Ok(j) => j,
        Err(d) => {
            stderr::print(shown, input, &LineIndex::new(input), &[d], style);
            return ExitCode::from(2);
        }
    };
    // one policy document, or a scenario of policies
    let report = if json.get("Statement").is_some() {
        let policy = iamplay_core::policy::parse_policy(&json, input);
        stderr::print(shown, input, &LineIndex::new(input), &policy.diagnostics, style);
        summary_report([(shown, &policy)], c)
    } else {
        let sc = iamplay_core::scenario::load_file_with(input, &iamplay_aws_data::Embedded);
        crate::print_diagnostics(shown, &sc, style);
        summary_report(summarized(&sc), c)
    };
    let rendered = match a.format {
        Format::Json => serde_json::to_string_pretty(&report).unwrap_or_default() + "\n",
        Format::Text => text(&report),
    };
    if let Err(code) = crate::write_out(&rendered) {
        return code;
    }
    match report.policies.iter().any(|p| !p.privilege_escalation.is_empty()) {
        true => ExitCode::from(1),
        false => ExitCode::SUCCESS,
    }
}

fn text(r: &SummaryReport) -> String {
    let mut s = String::new();
    for p in &r.policies {
        s.push_str(&format!("policy {}\n", terminal::safe(&p.policy)));
        if p.services.is_empty() {
            s.push_str("  allows no action AWS lists\n");
        }
        let (one_by_one, together) = grouped(p);
        if !together.is_empty() {
            s.push_str(&format!("  {}\n", grouped_words(&together, !one_by_one.is_empty())));
        }
        for x in one_by_one {
            s.push_str(&format!("  {}\n", service_words(x)));
            let resources: Vec<String> = x.resources.iter().map(|r| terminal::safe(r).into_owned()).collect();
            if !resources.is_empty() {
                s.push_str(&format!("    on {}\n", resources.join(", ")));
            }
        }
        if !p.denied.is_empty() {
            s.push_str(&format!("  denies actions of: {}\n", p.denied.join(", ")));
        }
        for e in &p.privilege_escalation {
            s.push_str(&format!("  privilege escalation {}\n", escalation_words(e)));
        }
    }
    s.push_str(&format!("(IAM data: {})\n", r.catalog));
    s
}
