//! `iamplay explain-error TEXT [--scenario FILE]`: an AWS AccessDenied message read as a
//! request (iamplay_core::access_denied), and whether the scenario's decision of it is the
//! deny AWS named; words and JSON from iamplay_core::report::access_denied.

use crate::args::{ExplainErrorArgs, Format};
use crate::terminal;
use iamplay_core::access_denied::{agreement, read, Agreement};
use iamplay_core::report::access_denied::{agreement_out, reading, reading_words, unreadable_words, ReadingOut};
use serde::Serialize;
use std::io::Read;
use std::process::ExitCode;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Out {
    reading: ReadingOut,
    #[serde(skip_serializing_if = "Option::is_none")]
    scenario: Option<ScenarioOut>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ScenarioOut {
    /// The scenario's decision of the request.
    decision: &'static str,
    /// `reproduced`, `other-layer`, `allowed`, `not-modelled`, `no-reason`.
    agreement: &'static str,
    words: String,
}

pub fn run(a: &ExplainErrorArgs) -> ExitCode {
    let text = if a.text == "-" {
        let mut s = String::new();
        let _ = std::io::stdin().take(1 << 20).read_to_string(&mut s);
        s
    } else {
        a.text.clone()
    };
    let message = match read(&text) {
        Ok(m) => m,
        Err(why) => {
            eprintln!("iamplay: {}", unreadable_words(&why));
            return ExitCode::from(2);
        }
    };
    let mut scenario = None;
    // the scenario's default account: a caller of another account keeps its ARN
    let mut home = None;
    if let Some(file) = &a.scenario {
        let input = match crate::read_input(file) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("iamplay: {}", terminal::safe(&e));
                return ExitCode::from(2);
            }
        };
        let shown = crate::shown(file);
        let texts = match iamplay_core::scenario::editor_texts::split(&input) {
            Ok(t) => t,
            Err(d) => {
                eprintln!("iamplay: {shown}: {}", terminal::safe(&d.message));
                return ExitCode::from(2);
            }
        };
        // the scenario's policies and principals, and the message's request alone
        let parts = iamplay_core::scenario::load_parts(&texts.policies, &texts.principals, "[]");
        home = parts.accounts.first().map(|a| a.id.clone());
        let one = iamplay_core::access_denied::request_json(&message, home.as_deref());
        let requests = format!("[{one}]");
        let sc = iamplay_core::scenario::load_parts_with(
            &texts.policies,
            &texts.principals,
            &requests,
            &iamplay_aws_data::Embedded,
        );
        let request = sc.requests.first().and_then(Option::as_ref);
        let Some(request) = request else {
            let why = sc.diagnostics.iter().find(|d| d.severity == iamplay_core::diagnostic::Severity::Error);
            let why = why.map_or("it cannot be read".to_string(), |d| terminal::safe(&d.message).into_owned());
            eprintln!("iamplay: the message's request cannot be decided in {shown}: {why}");
            return ExitCode::from(2);
        };
        let evaluation = iamplay_core::decision::evaluate(&sc, request);
        let agreed = agreement(&message, &sc, &evaluation);
        let (code, words) = agreement_out(&agreed);
        scenario = Some((agreed, ScenarioOut { decision: evaluation.decision.as_str(), agreement: code, words }));
    }
    let reproduced = scenario.as_ref().is_none_or(|(a, _)| *a == Agreement::Reproduced);
    let out = Out { reading: reading(&message, home.as_deref()), scenario: scenario.map(|(_, s)| s) };
    let rendered = match a.format {
        Format::Json => serde_json::to_string_pretty(&out).unwrap_or_default() + "\n",
        Format::Text => {
            let mut s = format!("{}\n", terminal::safe(&reading_words(&message)));
            s += &format!("request: {}\n", terminal::safe(&out.reading.request));
            if let Some(sc) = &out.scenario {
                s += &format!("scenario: {} — {}\n", sc.decision, sc.words);
            }
            s
        }
    };
    if let Err(code) = crate::write_out(&rendered) {
        return code;
    }
    if reproduced {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
