//! Workshop exercises: the built-in pack is solvable and not already solved, grading
//! takes locked parts from the exercise, constraints say where they break, and malformed
//! exercises and packs are refused with located errors (docs/exercises.md).

use iamplay_core::exercise::{grade, load_exercise, load_pack, read_submission, Exercise, Pack, PackEntry};
use iamplay_core::share::Texts;
use iamplay_core::source::LineIndex;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read_pack(path: &Path) -> Pack {
    let text = std::fs::read_to_string(path).expect("the pack is readable");
    let file = load_pack(&text).unwrap_or_else(|d| panic!("{}: {d:?}", path.display()));
    let dir = path.parent().expect("a folder");
    let exercises = file
        .entries
        .iter()
        .map(|e| match e {
            PackEntry::Inline(e) => (**e).clone(),
            PackEntry::File(name, _) => {
                let t = std::fs::read_to_string(dir.join(name)).expect("an exercise file is readable");
                load_exercise(&t).unwrap_or_else(|d| panic!("{name}: {}", located(&t, &d)))
            }
        })
        .collect();
    file.assemble(exercises).expect("ids are unique")
}

fn located(text: &str, diagnostics: &[iamplay_core::diagnostic::Diagnostic]) -> String {
    let index = LineIndex::new(text);
    diagnostics
        .iter()
        .map(|d| {
            let p = index.position(d.span.start);
            format!("{}:{}: {} [{}]", p.line, p.column, d.message, d.code)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn small() -> Exercise {
    read_pack(&root().join("crates/iamplay-core/tests/exercise-fixtures/pack.json")).exercises.remove(0)
}

fn failures(ex: &Exercise, work: &Texts) -> String {
    let g = grade(ex, work);
    let mut out = Vec::new();
    for (c, o) in ex.checks.iter().zip(&g.checks).filter(|(_, o)| !o.pass) {
        out.push(format!("check `{}`: {}", c.description, o.reason.clone().unwrap_or_default()));
    }
    for (c, o) in ex.constraints.iter().zip(&g.constraints).filter(|(_, o)| !o.pass()) {
        out.push(format!(
            "constraint `{}`: {:?}",
            c.description,
            o.violations.iter().map(|v| &v.message).collect::<Vec<_>>()
        ));
    }
    for d in &g.errors {
        out.push(format!("error: {}", d.message));
    }
    out.join("\n")
}

#[test]
fn the_builtin_pack_teaches_at_least_ten_exercises() {
    let pack = read_pack(&root().join("exercises/pack.json"));
    assert!(pack.exercises.len() >= 10, "{} exercises", pack.exercises.len());
    for ex in &pack.exercises {
        assert!(!ex.instructions.trim().is_empty(), "{}: instructions", ex.id);
        assert!(ex.checks.len() >= 2, "{}: checks", ex.id);
        assert!(ex.solution.is_some(), "{}: every built-in exercise has a reference solution", ex.id);
        assert!(
            ex.learned.as_deref().is_some_and(|l| l.len() > 40),
            "{}: what it teaches, for the finished pack",
            ex.id
        );
    }
}

#[test]
fn every_reference_solution_solves_its_exercise() {
    let pack = read_pack(&root().join("exercises/pack.json"));
    for ex in &pack.exercises {
        let solution = ex.solution.as_ref().expect("a solution");
        let g = grade(ex, solution);
        assert!(g.solved, "{}: the solution does not solve it:\n{}", ex.id, failures(ex, solution));
    }
}

#[test]
fn no_exercise_is_solved_at_the_start() {
    let pack = read_pack(&root().join("exercises/pack.json"));
    for ex in &pack.exercises {
        let g = grade(ex, &ex.start);
        assert!(!g.solved, "{}: the starting state already solves it", ex.id);
        assert!(g.errors.is_empty(), "{}: the starting state has errors: {:?}", ex.id, g.errors);
    }
}

#[test]
fn grading_decides_checks_and_tests_constraints() {
    let ex = small();
    let g = grade(&ex, &ex.start);
    // s3:* on * lets alice write too (the hidden check fails), and breaks two constraints
    assert_eq!(g.checks.iter().map(|c| c.pass).collect::<Vec<_>>(), [true, false, true]);
    assert_eq!(g.constraints.iter().map(|c| c.pass()).collect::<Vec<_>>(), [false, false, true]);
    let broken = &g.constraints[0].violations[0];
    let p = g.scenario.sources.position(broken.span.source, broken.span.start);
    let line = ex.start.policies.lines().nth(p.line - 1).unwrap();
    assert!(line.get(p.column - 1..).unwrap().starts_with("\"*\""), "points at the `*`: {line}");
    assert_eq!((broken.policy.as_deref(), broken.statement), (Some("ReadReports"), Some(0)));
    assert!(grade(&ex, ex.solution.as_ref().unwrap()).solved);
}

#[test]
fn locked_parts_always_come_from_the_exercise() {
    let ex = small();
    // the learner may edit only the policies: a submission that also rewrites the
    // principals (to give bob the policy) is graded with the exercise's principals
    let mut work = ex.solution.clone().unwrap();
    work.principals = r#"{"account": "111122223333", "users": {"alice": {"policies": ["ReadReports"]},
        "bob": {"policies": ["ReadReports"]}}}"#
        .into();
    let g = grade(&ex, &work);
    assert!(g.solved, "{}", failures(&ex, &work));
    assert_eq!(g.checks[2].decision.map(|d| d.as_str()), Some("ImplicitDeny"));
}

#[test]
fn broken_work_is_not_solved_and_constraints_are_not_guessed() {
    let ex = small();
    let mut work = ex.solution.clone().unwrap();
    work.policies.push_str(" }");
    let g = grade(&ex, &work);
    assert!(!g.solved);
    assert_eq!(g.errors[0].code, "json-syntax");
    assert!(g.constraints.iter().all(|c| c.unreadable && !c.pass()));
    // a check naming a user the work no longer declares fails with that reason
    let mut texts = ex.solution.clone().unwrap();
    texts.principals = r#"{"account": "111122223333", "users": {"alice": {"policies": ["ReadReports"]}}}"#.into();
    let text = std::fs::read_to_string(root().join("crates/iamplay-core/tests/exercise-fixtures/small.json")).unwrap();
    let open =
        load_exercise(&text.replacen("\"start\"", "\"editable\": [\"policies\", \"principals\"],\n  \"start\"", 1))
            .unwrap();
    let g = grade(&open, &texts);
    assert!(!g.checks[2].pass);
    assert!(g.checks[2].reason.as_deref().unwrap().contains("bob"), "{:?}", g.checks[2].reason);
}

#[test]
fn submissions_and_scenario_files_are_both_read() {
    let ex = small();
    let sub = iamplay_core::exercise::submission_json("small", ex.solution.as_ref().unwrap());
    let read = read_submission(&sub).unwrap();
    assert_eq!(read.exercise.as_deref(), Some("small"));
    assert!(grade(&ex, &read.texts(&ex.start)).solved);
    let scenario = r#"{"formatVersion": 1,
        "policies": {"ReadReports": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}}},
        "principals": {"account": "111122223333"}}"#;
    let read = read_submission(scenario).unwrap();
    assert!(read.is_scenario && read.exercise.is_none());
    assert!(grade(&ex, &read.texts(&ex.start)).solved);
    let err = read_submission(r#"{"hello": 1}"#).unwrap_err();
    assert_eq!(err[0].code, "submission-type");
}

/// (what is changed in the small exercise, the error code, its line and column)
#[test]
fn malformed_exercises_are_refused_with_located_errors() {
    let base = std::fs::read_to_string(root().join("crates/iamplay-core/tests/exercise-fixtures/small.json")).unwrap();
    let cases: &[(&str, &str, &str, (usize, usize))] = &[
        ("\"hints\"", "\"hint\"", "exercise-field-unknown", (34, 3)),
        ("\"exerciseFormat\": 1", "\"exerciseFormat\": 2", "exercise-format-version", (2, 21)),
        ("\"id\": \"small\"", "\"id\": \"Small One\"", "exercise-id-invalid", (3, 9)),
        (
            "{ \"kind\": \"maxStatements\", \"max\": 1 }",
            "{ \"kind\": \"maxStatement\" }",
            "exercise-constraint",
            (32, 15),
        ),
        ("\"expect\": \"ImplicitDeny\", \"hidden\"", "\"expect\": \"Deny\", \"hidden\"", "exercise-type", (24, 54)),
        ("\"user/bob\"", "\"user/bobby\"", "exercise-check", (27, 33)),
        (
            "\"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::reports/*\"",
            "\"Actions\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::reports/*\"",
            "exercise-solution",
            (40, 11),
        ),
        ("[\"ReadReports\"] }, \"bob\"", "[\"ReadReport\"] }, \"bob\"", "exercise-start", (17, 42)),
        ("\"checks\": [", "\"checks\": [], \"x\": [", "exercise-field-missing", (21, 13)),
    ];
    for (from, to, code, (line, column)) in cases {
        assert!(base.contains(from), "fixture holds {from}");
        let text = base.replacen(from, to, 1);
        let errors = load_exercise(&text).expect_err(code);
        let found =
            errors.iter().find(|d| d.code == *code).unwrap_or_else(|| panic!("{code}: {}", located(&text, &errors)));
        let p = LineIndex::new(&text).position(found.span.start);
        assert_eq!((p.line, p.column), (*line, *column), "{code}: {}", located(&text, &errors));
    }
}

#[test]
fn malformed_packs_are_refused_with_located_errors() {
    let cases: &[(&str, &str, (usize, usize))] = &[
        ("{\"packFormat\": 1, \"id\": \"p\", \"title\": \"P\", \"exercises\": []}", "exercise-field-missing", (1, 57)),
        (
            "{\"packFormat\": 1, \"id\": \"p\", \"title\": \"P\",\n \"exercises\": [\"a.json\", 7]}",
            "exercise-type",
            (2, 26),
        ),
        ("{\"packFormat\": 1, \"id\": \"p\", \"exercises\": [\"a.json\"]}", "exercise-field-missing", (1, 1)),
        (
            "{\"packFormat\": 1, \"id\": \"p\", \"title\": \"P\", \"exercise\": [\"a.json\"]}",
            "exercise-field-unknown",
            (1, 44),
        ),
        ("{\"packFormat\": 1, \"id\": \"p\", \"title\": \"P\", \"exercises\": [\"a.json\"]", "json-syntax", (1, 1)),
    ];
    for (text, code, (line, column)) in cases {
        let errors = load_pack(text).expect_err(code);
        let found =
            errors.iter().find(|d| d.code == *code).unwrap_or_else(|| panic!("{code}: {}", located(text, &errors)));
        let p = LineIndex::new(text).position(found.span.start);
        assert_eq!((p.line, p.column), (*line, *column), "{code}: {}", located(text, &errors));
    }
    // entries stay inside the pack's folder
    for entry in [
        "/etc/passwd",
        "../up.json",
        "a/../../b.json",
        "-",
        "C:\\x.json",
        "https://evil.example/p.json",
        "//evil.example/p.json",
        "\\\\evil.example\\p.json",
        "a\\b.json",
        "%2e%2e/x.json",
        "a//b.json",
        "./a.json",
    ] {
        let text = format!(
            "{{\"packFormat\": 1, \"id\": \"p\", \"title\": \"P\", \"exercises\": [\"ok.json\", {}]}}",
            serde_json::to_string(entry).unwrap()
        );
        let errors = load_pack(&text).expect_err(entry);
        assert_eq!(errors.iter().map(|d| d.code.as_str()).collect::<Vec<_>>(), ["pack-path-invalid"], "{entry}");
        assert_eq!(errors[0].span.start, text.rfind(", \"").map(|i| i + 2).unwrap(), "{entry}");
    }
    assert!(load_pack("{\"packFormat\": 1, \"id\": \"p\", \"title\": \"P\", \"exercises\": [\"basics/01-a.json\"]}")
        .is_ok());
    // two entries with one id
    let ex = small();
    let file =
        load_pack("{\"packFormat\": 1, \"id\": \"p\", \"title\": \"P\", \"exercises\": [\"a.json\", \"b.json\"]}")
            .unwrap();
    let errors = file.assemble(vec![ex.clone(), ex]).unwrap_err();
    assert_eq!(errors[0].code, "pack-duplicate-id");
    assert_eq!(errors[0].span.start, 67);
}

#[test]
fn a_file_of_the_other_kind_is_one_error_that_says_so() {
    let exercise = std::fs::read_to_string(root().join("exercises/01-read-one-bucket.json")).expect("readable");
    let pack = std::fs::read_to_string(root().join("exercises/pack.json")).expect("readable");
    let as_pack = load_pack(&exercise).map(|_| ()).unwrap_err();
    assert_eq!(as_pack.len(), 1, "{}", located(&exercise, &as_pack));
    assert!(as_pack[0].message.starts_with("this is an exercise file"), "{}", as_pack[0].message);
    assert_eq!(as_pack[0].span.start, exercise.find("\"exerciseFormat\"").unwrap_or_default());
    let as_exercise = load_exercise(&pack).map(|_| ()).unwrap_err();
    assert_eq!(as_exercise.len(), 1, "{}", located(&pack, &as_exercise));
    assert!(as_exercise[0].message.starts_with("this is a pack file"), "{}", as_exercise[0].message);
}
