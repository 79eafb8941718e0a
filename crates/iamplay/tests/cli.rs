//! The `iamplay` binary as a user runs it: output shapes (CONTRACT.md §2), exit
//! statuses, and snapshots of the rendered explanations and diagnostics, so a reviewer
//! sees exactly what the user will see.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)] // test code may panic

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples").join(name)
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_iamplay"));
    cmd.args(args).env("NO_COLOR", "1").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("the iamplay binary runs");
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.unwrap_or_default()).expect("stdin is writable");
    }
    child.wait_with_output().expect("iamplay finishes")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Replaces the machine-specific directory in paths shown on stderr.
fn relative(s: &str) -> String {
    s.replace(fixture("").to_string_lossy().as_ref(), "fixtures/")
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).expect("stdout is one JSON document")
}

#[test]
fn owner_tag_example_json_follows_the_contract() {
    let path = example("ec2-owner-tag.json");
    let out = run(&["eval", path.to_str().unwrap_or_default()], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc = json(&out);
    let results = doc["results"].as_array().expect("results");
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["decision"], "Allow");
    assert_eq!(results[0]["decidedBy"][0]["policy"], "ec2-owner");
    assert_eq!(results[0]["decidedBy"][0]["policyType"], "identity");
    assert_eq!(results[0]["decidedBy"][0]["statement"], 0);
    assert_eq!(results[0]["decidedBy"][0]["sid"], "StartOwnInstances");
    assert_eq!(
        (results[0]["decidedBy"][0]["line"].as_u64(), results[0]["decidedBy"][0]["column"].as_u64()),
        (Some(7), Some(9))
    );
    assert_eq!(results[0]["blockedBy"], serde_json::Value::Null);
    assert_eq!(results[0]["pass"], true);
    assert_eq!(results[1]["decision"], "ImplicitDeny");
    assert_eq!(results[1]["blockedBy"]["layer"], "identity");
    assert_eq!(results[1]["decidedBy"].as_array().map(Vec::len), Some(0));
    assert_eq!(doc["diagnostics"].as_array().map(Vec::len), Some(0));
    insta::assert_snapshot!(
        "owner_tag_explain_json",
        text(&run(&["eval", path.to_str().unwrap_or_default(), "--explain"], None).stdout)
    );
}

#[test]
fn owner_tag_example_text_explanation() {
    let path = example("ec2-owner-tag.json");
    let out = run(&["eval", path.to_str().unwrap_or_default(), "--format", "text", "--explain"], None);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("owner_tag_explain_text", text(&out.stdout));
}

#[test]
fn layers_text_and_exit_statuses() {
    let path = fixture("layers.json");
    let out = run(&["eval", path.to_str().unwrap_or_default(), "--format", "text"], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    insta::assert_snapshot!("layers_text", text(&out.stdout));
    // one expectation not met: exit 1, and the JSON says which
    let src = std::fs::read_to_string(&path).unwrap_or_default();
    let failing = src.replacen("\"expect\": \"ExplicitDeny\"", "\"expect\": \"Allow\"", 1);
    let out = run(&["eval", "-"], Some(failing.as_bytes()));
    assert_eq!(out.status.code(), Some(1));
    let doc = json(&out);
    assert_eq!(doc["results"][2]["pass"], false);
    assert_eq!(doc["results"][2]["decidedBy"][0]["policyType"], "scp");
    assert_eq!(doc["results"][1]["blockedBy"]["layer"], "boundary");
}

#[test]
fn broken_input_is_located_and_exits_2() {
    let path = fixture("broken.json");
    let out = run(&["eval", path.to_str().unwrap_or_default()], None);
    assert_eq!(out.status.code(), Some(2));
    let doc = json(&out);
    assert_eq!(doc["results"][0]["complete"], false);
    assert_eq!(doc["results"][1]["decision"], serde_json::Value::Null);
    let first = &doc["diagnostics"][0];
    assert_eq!(
        (first["code"].as_str(), first["line"].as_u64(), first["column"].as_u64()),
        (Some("sid-invalid"), Some(7), Some(18))
    );
    insta::assert_snapshot!("broken_stderr", relative(&text(&out.stderr)));
    let out = run(&["eval", path.to_str().unwrap_or_default(), "--format", "text"], None);
    insta::assert_snapshot!("broken_text", text(&out.stdout));
}

#[test]
fn invalid_json_gets_one_located_error_and_still_a_json_report() {
    let out = run(
        &["eval", "-"],
        Some(b"{\n  \"policies\": {\n    \"p\": {\"Version\": \"2012-10-17\" \"Statement\": []}\n}"),
    );
    assert_eq!(out.status.code(), Some(2));
    let doc = json(&out);
    assert_eq!(doc["diagnostics"][0]["code"], "json-syntax");
    assert_eq!(doc["diagnostics"][0]["line"], 3);
    assert!(text(&out.stderr).starts_with("<stdin>:3:"), "{}", text(&out.stderr));
}

#[test]
fn bad_invocations_never_panic() {
    for (args, input) in [
        (vec!["eval", "/nonexistent/scenario.json"], None),
        (vec!["eval", "-"], Some(&b"\xff\xfe not utf-8"[..])),
        (vec!["eval", "-"], Some(&b""[..])),
        (vec!["eval", "-"], Some(&b"[1, 2, 3]"[..])),
        (vec!["eval"], None),
        (vec!["frobnicate"], None),
        (vec!["eval", "-", "--format", "yaml"], None),
        (vec!["eval", "-", "--bogus"], None),
    ] {
        let out = run(&args, input);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"), "{args:?}: {stderr}");
        assert!(!stderr.trim().is_empty(), "{args:?} explains itself");
    }
    let help = run(&["--help"], None);
    assert_eq!(help.status.code(), Some(0));
    assert!(text(&help.stdout).contains("iamplay eval FILE"));
}

#[test]
fn import_turns_an_export_into_a_scenario_that_loads() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../iamplay-core/tests/import");
    let export = dir.join("account-authorization-details.json");
    let out = run(&["import", export.to_str().unwrap_or_default()], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("SecurityAudit"), "the policy missing from the export is named");
    // the scenario evaluates: add a request and run eval on it
    let mut scenario = json(&out);
    scenario["requests"] =
        serde_json::json!([{"principal": "user/alice", "action": "ec2:DescribeInstances", "resource": "*"}]);
    let evaluated = run(&["eval", "-"], Some(scenario.to_string().as_bytes()));
    assert_eq!(evaluated.status.code(), Some(0), "{}", text(&evaluated.stderr));
    let broken = run(&["import", dir.join("output-text.txt").to_str().unwrap_or_default()], None);
    assert_eq!(broken.status.code(), Some(2));
    assert!(text(&broken.stderr).contains("output-text.txt:1:1: error:"), "{}", text(&broken.stderr));
}

#[test]
fn paths_and_who_can_from_the_command_line() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../iamplay-core/tests/paths-scenario.json");
    let f = file.to_str().unwrap_or_default();
    let out = run(
        &["paths", f, "--principal", "user/bob", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::reports/q1"],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc = json(&out);
    assert_eq!(doc["allowed"], true);
    let allowed: Vec<&serde_json::Value> =
        doc["paths"].as_array().unwrap().iter().filter(|p| p["allowed"] == true).collect();
    assert_eq!(allowed.len(), 1);
    assert_eq!(allowed[0]["kind"], "assume-role");
    assert_eq!(allowed[0]["hops"][0]["action"], "sts:AssumeRole");
    let who = run(
        &["who-can", f, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::reports/q1", "--format", "text"],
        None,
    );
    assert_eq!(who.status.code(), Some(0));
    insta::assert_snapshot!("who_can_text", text(&who.stdout));
    let unknown = run(&["paths", f, "--principal", "user/zed", "--action", "s3:GetObject", "--resource", "*"], None);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown.stderr).contains("no user `zed`"));
}
