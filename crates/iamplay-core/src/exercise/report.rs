//! The report of grading submissions (`iamplay check --format json`, and the JUnit view
//! made from it), as serde types. Hidden checks show only their description and pass or
//! fail. Positions are where the learner wrote the text: the editor, line and column in
//! the submission's text for that editor, or in the file for a scenario file.

use super::{Exercise, Grade, Submission};
use crate::diagnostic::Diagnostic;
use crate::source::{LineIndex, SourceId, Span};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct CheckReport {
    pub exercise: Option<ExerciseOut>,
    pub submissions: Vec<SubmissionOut>,
    pub solved: usize,
    pub total: usize,
}

#[derive(Debug, Serialize)]
pub struct ExerciseOut {
    pub id: String,
    pub title: String,
}

/// One submission: graded, or why it could not be (`error`).
#[derive(Debug, Serialize)]
pub struct SubmissionOut {
    pub file: String,
    pub exercise: Option<String>,
    pub solved: bool,
    pub error: Option<String>,
    pub checks: Vec<CheckResult>,
    pub constraints: Vec<ConstraintResult>,
    pub diagnostics: Vec<DiagnosticAt>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckResult {
    pub index: usize,
    pub description: String,
    pub hidden: bool,
    pub pass: bool,
    pub expect: Option<&'static str>,
    pub decision: Option<&'static str>,
    pub decided_by: Option<Vec<Deciding>>,
    pub reason: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Deciding {
    pub policy: String,
    pub statement: usize,
}

#[derive(Debug, Serialize)]
pub struct ConstraintResult {
    pub kind: &'static str,
    pub description: String,
    pub pass: bool,
    pub unreadable: bool,
    pub violations: Vec<ViolationAt>,
}

#[derive(Debug, Serialize)]
pub struct ViolationAt {
    pub message: String,
    pub editor: &'static str,
    pub policy: Option<String>,
    pub statement: Option<usize>,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Serialize)]
pub struct DiagnosticAt {
    pub severity: &'static str,
    pub code: &'static str,
    pub message: String,
    pub help: Option<String>,
    pub policy: Option<String>,
    pub editor: &'static str,
    pub line: usize,
    pub column: usize,
}

/// Where a span of the graded texts is, for the learner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    pub editor: &'static str,
    pub line: usize,
    pub column: usize,
}

/// Places spans of one graded submission (the file's line index built once).
pub struct Placer<'a> {
    submission: &'a Submission,
    grade: &'a Grade,
    file: LineIndex,
}

impl<'a> Placer<'a> {
    pub fn new(submission: &'a Submission, file_text: &str, grade: &'a Grade) -> Self {
        let file = if submission.is_scenario { LineIndex::new(file_text) } else { LineIndex::default() };
        Placer { submission, grade, file }
    }

    pub fn place(&self, span: Span) -> Place {
        let (editor, excerpt) = match span.source {
            SourceId::Principals => ("principals", self.submission.principals.as_ref()),
            SourceId::Request => ("requests", None),
            _ => ("policies", self.submission.policies.as_ref()),
        };
        let p = match excerpt.filter(|_| self.submission.is_scenario) {
            Some(e) => self.file.position(e.to_file(span.start)),
            None => self.grade.scenario.sources.position(span.source, span.start),
        };
        Place { editor, line: p.line, column: p.column }
    }
}

fn diagnostic_at(d: &Diagnostic, at: Place) -> DiagnosticAt {
    DiagnosticAt {
        severity: d.severity.as_str(),
        code: d.code.as_str(),
        message: d.message.clone(),
        help: d.help.clone(),
        policy: d.policy.clone(),
        editor: at.editor,
        line: at.line,
        column: at.column,
    }
}

/// A graded submission.
pub fn graded(file: &str, ex: &Exercise, submission: &Submission, text: &str, g: &Grade) -> SubmissionOut {
    let placer = Placer::new(submission, text, g);
    let checks = ex
        .checks
        .iter()
        .zip(&g.checks)
        .enumerate()
        .map(|(index, (c, o))| {
            let shown = !c.hidden;
            CheckResult {
                index,
                description: c.description.clone(),
                hidden: c.hidden,
                pass: o.pass,
                expect: shown.then(|| c.expect.as_str()),
                decision: o.decision.filter(|_| shown).map(|d| d.as_str()),
                decided_by: shown.then(|| {
                    o.decided_by
                        .iter()
                        .map(|r| Deciding {
                            policy: g.scenario.policy_name(r.policy).to_string(),
                            statement: r.statement,
                        })
                        .collect()
                }),
                reason: o.reason.clone().filter(|_| shown),
            }
        })
        .collect();
    let constraints = ex
        .constraints
        .iter()
        .zip(&g.constraints)
        .map(|(c, o)| ConstraintResult {
            kind: c.kind_name(),
            description: c.description.clone(),
            pass: o.pass(),
            unreadable: o.unreadable,
            violations: o
                .violations
                .iter()
                .map(|v| {
                    let at = placer.place(v.span);
                    ViolationAt {
                        message: v.message.clone(),
                        editor: at.editor,
                        policy: v.policy.clone(),
                        statement: v.statement,
                        line: at.line,
                        column: at.column,
                    }
                })
                .collect(),
        })
        .collect();
    SubmissionOut {
        file: file.to_string(),
        exercise: Some(ex.id.clone()),
        solved: g.solved,
        error: None,
        checks,
        constraints,
        diagnostics: g.errors.iter().map(|d| diagnostic_at(d, placer.place(d.span))).collect(),
    }
}

/// A submission that could not be graded, and why.
pub fn not_graded(file: &str, ex: Option<&Exercise>, why: &str) -> SubmissionOut {
    SubmissionOut {
        file: file.to_string(),
        exercise: ex.map(|e| e.id.clone()),
        solved: false,
        error: Some(why.to_string()),
        checks: Vec::new(),
        constraints: Vec::new(),
        diagnostics: Vec::new(),
    }
}

/// The report over several submissions of one exercise (or pack).
pub fn check_report(exercise: Option<&Exercise>, submissions: Vec<SubmissionOut>) -> CheckReport {
    CheckReport {
        exercise: exercise.map(|e| ExerciseOut { id: e.id.clone(), title: e.title.clone() }),
        solved: submissions.iter().filter(|s| s.solved).count(),
        total: submissions.len(),
        submissions,
    }
}
