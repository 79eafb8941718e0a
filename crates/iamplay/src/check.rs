//! `iamplay check EXERCISE SUBMISSION...`: grades workshop submissions against an
//! exercise (or an exercise of a pack) and reports in words, JSON or JUnit XML
//! (docs/exercises.md#iamplay-check). Exit 0 all solved, 1 one is not, 2 bad input.

use crate::args::{CheckArgs, CheckFormat};
use crate::{read_input, write_out};
use iamplay_core::code::Code;
use iamplay_core::diagnostic::Diagnostic;
use iamplay_core::exercise::report::{self, Place, Placer, SubmissionOut};
use iamplay_core::exercise::{
    escape_markup, grade, load_exercise, load_pack, read_submission, Exercise, Grade, PackEntry, Submission,
};
use iamplay_core::source::{LineIndex, SourceId};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

fn print_located(shown: &str, text: &str, diagnostics: &[Diagnostic]) {
    let index = LineIndex::new(text);
    let mut stderr = std::io::stderr().lock();
    for d in diagnostics {
        let p = index.position(d.span.start);
        let help = d.help.as_ref().map(|h| format!(" ({h})")).unwrap_or_default();
        let line = format!("{shown}:{}:{}: {}: {}{help}", p.line, p.column, d.severity.as_str(), d.message);
        let _ = writeln!(stderr, "{}", crate::terminal::safe(&line));
    }
}

/// The exercises the file holds: one, or every exercise of a pack.
fn exercises(file: &Path) -> Result<Vec<Exercise>, ()> {
    let text = read_input(file).map_err(|e| eprintln!("iamplay: {}", crate::terminal::safe(&e)))?;
    let shown = crate::shown(file);
    let shown = shown.as_str();
    let is_pack = iamplay_core::json::parse(&text, SourceId::File).is_ok_and(|j| j.get("packFormat").is_some());
    if !is_pack {
        return load_exercise(&text).map(|e| vec![e]).map_err(|d| print_located(shown, &text, &d));
    }
    let pack = load_pack(&text).map_err(|d| print_located(shown, &text, &d))?;
    let dir = file.parent().unwrap_or(Path::new("."));
    let mut list = Vec::new();
    let mut failed = false;
    for entry in &pack.entries {
        match entry {
            PackEntry::Inline(e) => list.push((**e).clone()),
            PackEntry::File(path, span) => {
                let full = dir.join(path);
                let shown_entry = full.display().to_string();
                match read_input(&full) {
                    Ok(t) => match load_exercise(&t) {
                        Ok(e) => list.push(e),
                        Err(d) => {
                            print_located(&shown_entry, &t, &d);
                            failed = true;
                        }
                    },
                    Err(e) => {
                        let d = Diagnostic::error(Code::PackFile, *span, format!("cannot read the exercise: {e}"));
                        print_located(shown, &text, &[d]);
                        failed = true;
                    }
                }
            }
        }
    }
    if failed {
        return Err(());
    }
    pack.assemble(list).map(|p| p.exercises).map_err(|d| print_located(shown, &text, &d))
}

/// One submission, read and graded (or why it could not be).
struct Graded<'e> {
    file: String,
    exercise: Option<&'e Exercise>,
    outcome: Result<(Submission, String, Grade), String>,
}

pub fn run(args: &CheckArgs) -> ExitCode {
    if args.submissions.iter().filter(|s| *s == Path::new("-")).count() > 1 {
        eprintln!("iamplay: standard input (`-`) can be given once");
        return ExitCode::from(2);
    }
    let Ok(all) = exercises(&args.exercise) else {
        return ExitCode::from(2);
    };
    if let Some(id) = &args.id {
        if !all.iter().any(|e| &e.id == id) {
            let ids: Vec<&str> = all.iter().map(|e| e.id.as_str()).collect();
            let line = format!("{} has no exercise `{id}` (it has: {})", crate::shown(&args.exercise), ids.join(", "));
            eprintln!("iamplay: {}", crate::terminal::safe(&line));
            return ExitCode::from(2);
        }
    }
    let graded: Vec<Graded<'_>> =
        args.submissions.iter().map(|file| grade_one(file, &all, args.id.as_deref())).collect();
    let rendered = match args.format {
        CheckFormat::Human => crate::terminal::safe_lines(&human(&graded)).into_owned(),
        CheckFormat::Json => {
            let exercise = graded.iter().find_map(|g| g.exercise);
            crate::pretty(&report::check_report(exercise, reports(&graded)))
        }
        CheckFormat::Junit => junit(&graded),
    };
    if let Err(code) = write_out(&rendered) {
        return code;
    }
    if graded.iter().any(|g| g.outcome.is_err()) {
        ExitCode::from(2)
    } else if graded.iter().all(|g| g.outcome.as_ref().is_ok_and(|(_, _, grade)| grade.solved)) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn grade_one<'e>(file: &Path, all: &'e [Exercise], id: Option<&str>) -> Graded<'e> {
    let shown = crate::shown(file);
    let fail = |exercise, why: String| Graded { file: shown.clone(), exercise, outcome: Err(why) };
    let text = match read_input(file) {
        Ok(t) => t,
        Err(e) => return fail(None, e),
    };
    let submission = match read_submission(&text) {
        Ok(s) => s,
        Err(d) => {
            print_located(&shown, &text, &d);
            let first = d.first().map_or_else(String::new, |d| d.message.clone());
            return fail(None, format!("not a submission: {first}"));
        }
    };
    // --id, else the only exercise, else the one the submission names
    let wanted = id.or(if all.len() == 1 { None } else { submission.exercise.as_deref() });
    let exercise = match (wanted, all) {
        (Some(w), _) => all.iter().find(|e| e.id == w),
        (None, [only]) => Some(only),
        (None, _) => return fail(None, "the pack has several exercises: name one with `--id`".into()),
    };
    let Some(exercise) = exercise else {
        return fail(None, format!("the pack has no exercise `{}`", wanted.unwrap_or_default()));
    };
    if let Some(named) = &submission.exercise {
        if *named != exercise.id {
            return fail(Some(exercise), format!("it was made for exercise `{named}`, not `{}`", exercise.id));
        }
    }
    let g = grade(exercise, &submission.texts(&exercise.start));
    Graded { file: shown, exercise: Some(exercise), outcome: Ok((submission, text, g)) }
}

fn at(file: &str, sub: &Submission, p: &Place) -> String {
    if sub.is_scenario {
        format!("{file}:{}:{}", p.line, p.column)
    } else {
        format!("{file} ({} editor):{}:{}", p.editor, p.line, p.column)
    }
}

fn decided_by_names(g: &Grade, i: usize) -> Vec<String> {
    g.checks
        .get(i)
        .map(|c| c.decided_by.iter().map(|r| format!("{}#{}", g.scenario.policy_name(r.policy), r.statement)).collect())
        .unwrap_or_default()
}

fn human(graded: &[Graded<'_>]) -> String {
    let mut out = String::new();
    for gr in graded {
        let id = gr.exercise.map_or("?", |e| e.id.as_str());
        let (sub, text, g) = match &gr.outcome {
            Ok(o) => o,
            Err(why) => {
                out.push_str(&format!("{}: cannot be graded — {why}\n", gr.file));
                continue;
            }
        };
        let Some(ex) = gr.exercise else { continue };
        let placer = Placer::new(sub, text, g);
        out.push_str(&format!(
            "{}: {} — {id} ({}/{} checks, {}/{} constraints{})\n",
            gr.file,
            if g.solved { "solved" } else { "not solved" },
            g.checks_passed(),
            g.checks.len(),
            g.constraints_held(),
            g.constraints.len(),
            if g.errors.is_empty() { String::new() } else { format!(", {} errors", g.errors.len()) },
        ));
        for d in &g.errors {
            let p = placer.place(d.span);
            out.push_str(&format!("  error at {}: {}\n", at(&gr.file, sub, &p), d.message));
        }
        for (i, (check, outcome)) in ex.checks.iter().zip(&g.checks).enumerate() {
            if outcome.pass {
                continue;
            }
            if check.hidden {
                out.push_str(&format!("  check {} failed (hidden): {}\n", i + 1, check.description));
                continue;
            }
            let by = decided_by_names(g, i);
            let by = if by.is_empty() { String::new() } else { format!(" (decided by {})", by.join(", ")) };
            out.push_str(&format!(
                "  check {} failed: {} — {}{by}\n",
                i + 1,
                check.description,
                outcome.reason.as_deref().unwrap_or("")
            ));
        }
        for (c, outcome) in ex.constraints.iter().zip(&g.constraints) {
            if outcome.unreadable {
                out.push_str(&format!("  constraint not checked: {} — the texts have JSON errors\n", c.description));
            }
            for v in &outcome.violations {
                let p = placer.place(v.span);
                out.push_str(&format!(
                    "  constraint broken: {} — {}: {}\n",
                    c.description,
                    at(&gr.file, sub, &p),
                    v.message
                ));
            }
        }
    }
    let solved = graded.iter().filter(|g| g.outcome.as_ref().is_ok_and(|(_, _, g)| g.solved)).count();
    out.push_str(&format!("{solved} of {} submissions solved\n", graded.len()));
    out
}

/// Each submission as the report holds it.
fn reports(graded: &[Graded<'_>]) -> Vec<SubmissionOut> {
    graded
        .iter()
        .map(|gr| match (&gr.outcome, gr.exercise) {
            (Ok((sub, text, g)), Some(ex)) => report::graded(&gr.file, ex, sub, text, g),
            (Err(why), ex) => report::not_graded(&gr.file, ex, why),
            (Ok(_), None) => report::not_graded(&gr.file, None, ""),
        })
        .collect()
}

/// JUnit XML: a suite per submission, a case per check, per constraint and `no errors`.
fn junit(graded: &[Graded<'_>]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"iamplay check\">\n");
    for (gr, report) in graded.iter().zip(reports(graded)) {
        let mut cases: Vec<(String, Option<String>)> = Vec::new();
        if let Some(error) = &report.error {
            cases.push(("read the submission".into(), Some(error.clone())));
        } else {
            let failure = report.diagnostics.first().map(|d| {
                format!(
                    "{} error(s); first at {} {}:{}: {}",
                    report.diagnostics.len(),
                    d.editor,
                    d.line,
                    d.column,
                    d.message
                )
            });
            cases.push(("no errors".into(), failure));
            for c in &report.checks {
                let reason = c.reason.clone().unwrap_or_else(|| "failed (hidden check)".into());
                cases.push((format!("check {}: {}", c.index + 1, c.description), (!c.pass).then_some(reason)));
            }
            for c in &report.constraints {
                let why = c.violations.first().map_or_else(
                    || "cannot be checked: the texts have JSON errors".to_string(),
                    |v| format!("{} {}:{}: {}", v.editor, v.line, v.column, v.message),
                );
                cases.push((format!("constraint: {}", c.description), (!c.pass).then_some(why)));
            }
        }
        let failures = cases.iter().filter(|(_, f)| f.is_some()).count();
        let id = gr.exercise.map_or("?", |e| e.id.as_str());
        out.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">\n",
            escape_markup(&gr.file),
            cases.len()
        ));
        for (name, failure) in cases {
            out.push_str(&format!(
                "    <testcase classname=\"{}\" name=\"{}\"",
                escape_markup(id),
                escape_markup(&name)
            ));
            match failure {
                Some(f) => {
                    out.push_str(&format!(">\n      <failure message=\"{}\"/>\n    </testcase>\n", escape_markup(&f)))
                }
                None => out.push_str("/>\n"),
            }
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
