//! The conformance corpus (tests/corpus/*.json, see its README): every case of
//! docs/semantics.md §8.1–§8.4, §8.6 and §1.7, each a scenario with the expected decision,
//! deciding statements and blocking gate per request, or the expected located errors.

use iamplay_core::decision::evaluate;
use iamplay_core::json::{self, Json};
use iamplay_core::scenario::{load_file, Scenario};
use iamplay_core::source::SourceId;
use serde_json::Value;
use std::path::Path;

fn corpus_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// Loads the case's scenario from the case file's own text, so diagnostic lines are
/// lines of the case file. Returns the scenario and the line offset to add.
fn load_case(path: &Path, text: &str, case: &Value) -> Result<(Scenario, usize), String> {
    if let Some(file) = case.get("scenarioFile").and_then(Value::as_str) {
        let other = std::fs::read_to_string(path.with_file_name(file)).map_err(|e| e.to_string())?;
        return Ok((load_file(&other), 0));
    }
    let json: Json = json::parse(text, SourceId::File).map_err(|d| d.message)?;
    let member = json.get("scenario").ok_or("no scenario")?;
    let span = member.value.span;
    let sub = text.get(span.start..span.end).ok_or("bad span")?;
    let offset = text.get(..span.start).ok_or("bad span")?.matches('\n').count();
    Ok((load_file(sub), offset))
}

fn check_case(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let case: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let (sc, line_offset) = load_case(path, &text, &case)?;
    let line_of =
        |d: &iamplay_core::diagnostic::Diagnostic| sc.sources.position(d.span.source, d.span.start).line + line_offset;
    let mut problems = Vec::new();
    if let Some(expected) = case.get("expectErrors").and_then(Value::as_array) {
        for e in expected {
            let code = e.get("code").and_then(Value::as_str).unwrap_or("");
            let policy = e.get("policy").and_then(Value::as_str);
            let line = e.get("line").and_then(Value::as_u64).map(|l| l as usize);
            let found = sc.diagnostics.iter().any(|d| {
                d.is_error()
                    && d.code == code
                    && (policy.is_none() || d.policy.as_deref() == policy || d.code == "json-syntax")
                    && line.is_none_or(|l| line_of(d) == l)
            });
            if !found {
                problems.push(format!("missing error {code} (policy {policy:?}, line {line:?})"));
            }
        }
        let codes: Vec<&str> = expected.iter().filter_map(|e| e.get("code").and_then(Value::as_str)).collect();
        for d in sc.diagnostics.iter().filter(|d| d.is_error() && !codes.contains(&d.code.as_str())) {
            problems.push(format!("unexpected error {} at line {}: {}", d.code, line_of(d), d.message));
        }
    }
    if let Some(codes) = case.get("diagnostics").and_then(Value::as_array) {
        for c in codes.iter().filter_map(Value::as_str) {
            if !sc.diagnostics.iter().any(|d| d.code == c) {
                problems.push(format!("missing diagnostic {c}"));
            }
        }
    }
    if let Some(expect) = case.get("expect").and_then(Value::as_array) {
        for d in sc.diagnostics.iter().filter(|d| d.is_error()) {
            problems.push(format!("unexpected error {} at line {}: {}", d.code, line_of(d), d.message));
        }
        if expect.len() != sc.requests.len() {
            problems.push(format!("{} expectations for {} requests", expect.len(), sc.requests.len()));
        }
        for (i, (exp, req)) in expect.iter().zip(&sc.requests).enumerate() {
            let Some(req) = req else {
                problems.push(format!("request {i} could not be read"));
                continue;
            };
            let ev = evaluate(&sc, req);
            let want = exp.get("decision").and_then(Value::as_str).unwrap_or("");
            if ev.decision.as_str() != want {
                problems.push(format!(
                    "request {i}: decision {} (want {want}); notes: {:?}",
                    ev.decision.as_str(),
                    ev.notes
                ));
            }
            let by: Vec<String> =
                ev.decided_by.iter().map(|s| format!("{}#{}", sc.policy_name(s.policy), s.statement)).collect();
            let want_by: Vec<String> = exp
                .get("decidedBy")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
                .unwrap_or_default();
            if by != want_by {
                problems.push(format!("request {i}: decidedBy {by:?} (want {want_by:?})"));
            }
            let blocked = ev.blocked_by.map(|g| (g.layer.as_str().to_string(), g.level));
            let want_blocked = exp.get("blockedBy").filter(|v| !v.is_null()).map(|b| {
                (
                    b.get("layer").and_then(Value::as_str).unwrap_or("").to_string(),
                    b.get("level").and_then(Value::as_u64).map(|l| l as usize),
                )
            });
            if blocked != want_blocked {
                problems.push(format!("request {i}: blockedBy {blocked:?} (want {want_blocked:?})"));
            }
            if let Some(checks) = exp.get("checks").and_then(Value::as_array) {
                if checks.len() != ev.checks.len() {
                    problems.push(format!("request {i}: {} checks (want {})", ev.checks.len(), checks.len()));
                }
                for (want, got) in checks.iter().zip(&ev.checks) {
                    let action = want.get("action").and_then(Value::as_str).unwrap_or("");
                    if !got.action.eq_ignore_ascii_case(action) {
                        problems.push(format!("request {i}: check {} (want {action})", got.action));
                    }
                    let d = want.get("decision").and_then(Value::as_str).unwrap_or("");
                    if got.evaluation.decision.as_str() != d {
                        problems.push(format!(
                            "request {i}: check {action}: {} (want {d})",
                            got.evaluation.decision.as_str()
                        ));
                    }
                    let by: Vec<String> = got
                        .evaluation
                        .decided_by
                        .iter()
                        .map(|s| format!("{}#{}", sc.policy_name(s.policy), s.statement))
                        .collect();
                    let want_by: Vec<String> = want
                        .get("decidedBy")
                        .and_then(Value::as_array)
                        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
                        .unwrap_or_default();
                    if by != want_by {
                        problems.push(format!("request {i}: check {action}: decidedBy {by:?} (want {want_by:?})"));
                    }
                    let blocked = got.evaluation.blocked_by.map(|g| g.layer.as_str().to_string());
                    let want_blocked = want
                        .get("blockedBy")
                        .filter(|v| !v.is_null())
                        .map(|b| b.get("layer").and_then(Value::as_str).unwrap_or("").to_string());
                    if want.get("blockedBy").is_some() && blocked != want_blocked {
                        problems.push(format!(
                            "request {i}: check {action}: blockedBy {blocked:?} (want {want_blocked:?})"
                        ));
                    }
                }
            }
            if let Some(keys) = exp.get("missingContextKeys").and_then(Value::as_array) {
                let mut want: Vec<String> =
                    keys.iter().filter_map(Value::as_str).map(str::to_ascii_lowercase).collect();
                let mut got: Vec<String> = ev.missing_keys.iter().map(|k| k.to_ascii_lowercase()).collect();
                iamplay_core::sort::sort(&mut want);
                iamplay_core::sort::sort(&mut got);
                if want != got {
                    problems.push(format!("request {i}: missingContextKeys {got:?} (want {want:?})"));
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n    "))
    }
}

/// One test per corpus file, so a failure names its case.
pub fn trials() -> Vec<libtest_mimic::Trial> {
    let mut files: Vec<_> = std::fs::read_dir(corpus_dir())
        .map(|d| {
            d.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect()
        })
        .unwrap_or_default();
    iamplay_core::sort::sort(&mut files);
    let count = files.len();
    let mut trials: Vec<libtest_mimic::Trial> = files
        .into_iter()
        .map(|f| {
            let name = f.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            libtest_mimic::Trial::test(format!("corpus::{name}"), move || check_case(&f).map_err(Into::into))
        })
        .collect();
    trials.push(libtest_mimic::Trial::test("corpus::has_every_case", move || {
        if count >= 110 {
            Ok(())
        } else {
            Err(format!("the corpus has only {count} cases").into())
        }
    }));
    trials
}
