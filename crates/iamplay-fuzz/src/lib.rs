//! The bodies of iamplay's fuzz targets: each takes any bytes, runs one way in which text
//! from outside (a file, a link, a paste, a pack, an export) enters the evaluator, and
//! checks what must hold whatever the input. A panic or a failed check is a finding.
//!
//! `fuzz/` runs them under libFuzzer (`scripts/fuzz`); `tests/replay.rs` runs them, in
//! the normal test command, over their seeds and over every input a fuzzer once found
//! (`fuzz/regressions/TARGET/`), so a fixed finding stays fixed.

pub mod seeds;

use iamplay_core::diagnostic::Diagnostic;
use iamplay_core::exercise;
use iamplay_core::report;
use iamplay_core::scenario::{self, Scenario};
use iamplay_core::share;
use iamplay_core::workspace;

/// A target's body: any bytes in, a panic when something that must hold does not.
pub type Body = fn(&[u8]);

/// The fuzz targets by name, as `fuzz/fuzz_targets/NAME.rs` and the regression folders
/// name them.
pub const TARGETS: [(&str, Body); 5] =
    [("scenario", scenario), ("workspace", workspace), ("share", share), ("exercise", exercise), ("import", import)];

/// The body of target `name`.
pub fn target(name: &str) -> Option<Body> {
    TARGETS.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// A scenario file, as `iamplay eval` and the JS API read it: loaded, every request
/// decided and explained, the report serialised, who can do the first request's action.
pub fn scenario(data: &[u8]) {
    let text = text(data);
    let sc = scenario::load_file(&text);
    check_spans(&sc, &sc.diagnostics, &text);
    decide_and_report(&sc);
    if let Some(Some(req)) = sc.requests.first() {
        let _ = iamplay_core::paths::who_can(&sc, &req.action, &req.resource, &[]);
    }
}

/// The playground's three texts, separated by NUL bytes in the input.
pub fn workspace(data: &[u8]) {
    let text = text(data);
    let mut parts = text.splitn(3, '\0');
    let (policies, principals, request) =
        (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let _ = workspace::compute(policies, principals, request);
    let sc = scenario::load_parts(policies, principals, request);
    decide_and_report(&sc);
}

/// A share link: the input is read as a fragment (`v1.…`) and as the JSON a fragment
/// inflates to; texts that read back are encoded again and must decode to the same.
pub fn share(data: &[u8]) {
    let text = text(data);
    let mut read = Vec::new();
    read.extend(share::decode(&text));
    read.extend(share::from_json(&text));
    for texts in read {
        let again = share::decode(&share::encode(&texts));
        assert_eq!(again.as_ref(), Ok(&texts), "a share link reads back as what it was made from");
        let _ = workspace::compute(&texts.policies, &texts.principals, &texts.request);
    }
}

/// An exercise file, a pack file and a submission, as `iamplay check` and exercise mode
/// read them: an exercise that loads is graded with its start texts and its solution,
/// and a submission made of its start texts reads back as them.
pub fn exercise(data: &[u8]) {
    let text = text(data);
    if let Ok(ex) = exercise::load_exercise(&text) {
        let graded = exercise::grade(&ex, &ex.start);
        decide_and_report(&graded.scenario);
        if let Some(solution) = &ex.solution {
            let _ = exercise::grade(&ex, &ex.graded_texts(solution));
        }
        let made = exercise::submission_json(&ex.id, &ex.start);
        let read = exercise::read_submission(&made);
        let read = read.as_ref().ok();
        assert_eq!(read.and_then(|s| s.exercise.as_deref()), Some(ex.id.as_str()), "a submission names its exercise");
        let policies = read.and_then(|s| s.policies.as_ref()).map(|e| e.text.as_str());
        assert_eq!(policies, Some(ex.start.policies.as_str()), "a submission holds the texts it was made of");
    }
    if let Ok(pack) = exercise::load_pack(&text) {
        let _ = pack.assemble(Vec::new());
    }
    if let Ok(submission) = exercise::read_submission(&text) {
        let _ = submission.exercise;
    }
}

/// The output of `aws iam get-account-authorization-details`: imported, and the scenario
/// it makes loaded and decided like any other.
pub fn import(data: &[u8]) {
    let text = text(data);
    let imported = iamplay_core::import::import(&text, None);
    for d in &imported.diagnostics {
        assert!(d.span.end <= text.len() && d.span.start <= d.span.end, "a diagnostic inside the input: {d:?}");
    }
    if let Some(json) = imported.scenario {
        let made = serde_json::to_string_pretty(&json).unwrap_or_default();
        let sc = scenario::load_file(&made);
        decide_and_report(&sc);
    }
}

fn decide_and_report(sc: &Scenario) {
    let evaluations = report::evaluate_all(sc);
    let out = report::report(sc, &evaluations, true);
    let _ = serde_json::to_string(&out);
}

/// Every diagnostic of a scenario read from `text` lies inside it, on character
/// boundaries (the editors and the CLI place them by these offsets).
fn check_spans(sc: &Scenario, diagnostics: &[Diagnostic], text: &str) {
    for d in diagnostics {
        let s = d.span;
        assert!(
            s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "a diagnostic outside its text or inside a character: {d:?}"
        );
        let _ = report::diagnostic(sc, d);
    }
}
