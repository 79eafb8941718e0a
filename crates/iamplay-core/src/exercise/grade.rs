//! Grading a learner's texts against an exercise (docs/exercises.md#how-grading-works):
//! locked parts from the exercise, the checks' requests in place of the request editor,
//! every check decided, every constraint tested.

use super::{Editor, Exercise};
use crate::code::Code;
use crate::decision::{evaluate, StatementRef};
use crate::diagnostic::Diagnostic;
use crate::json;
use crate::scenario::{Decision, Scenario};
use crate::share::Texts;
use crate::source::SourceId;

#[derive(Clone, Debug, PartialEq)]
pub struct CheckOutcome {
    pub pass: bool,
    /// None when the request could not be decided.
    pub decision: Option<Decision>,
    pub decided_by: Vec<StatementRef>,
    /// Why it fails, in words (None when it passes).
    pub reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ConstraintOutcome {
    pub violations: Vec<super::Violation>,
    /// The learner's texts could not be read, so the constraint could not be tested.
    pub unreadable: bool,
}

impl ConstraintOutcome {
    pub fn pass(&self) -> bool {
        !self.unreadable && self.violations.is_empty()
    }
}

#[derive(Debug)]
pub struct Grade {
    /// The graded scenario: sources Policies and Principals (the graded texts) and
    /// Request (the checks' requests). Positions of diagnostics and violations are in it.
    pub scenario: Scenario,
    pub checks: Vec<CheckOutcome>,
    pub constraints: Vec<ConstraintOutcome>,
    /// Error-severity diagnostics of the learner's texts (Policies and Principals).
    pub errors: Vec<Diagnostic>,
    pub solved: bool,
}

impl Grade {
    pub fn checks_passed(&self) -> usize {
        self.checks.iter().filter(|c| c.pass).count()
    }

    pub fn constraints_held(&self) -> usize {
        self.constraints.iter().filter(|c| c.pass()).count()
    }
}

/// Grades `work` (the learner's editor texts; locked parts are ignored).
pub fn grade(ex: &Exercise, work: &Texts) -> Grade {
    let texts = ex.graded_texts(work);
    let sc = super::load_for_errors(&texts.policies, &texts.principals, &ex.checks_text);
    let errors: Vec<Diagnostic> =
        sc.diagnostics.iter().filter(|d| d.is_error() && d.span.source != SourceId::Request).cloned().collect();
    let checks =
        ex.checks
            .iter()
            .enumerate()
            .map(|(i, check)| {
                let request_error = sc.diagnostics.iter().find(|d| {
                    d.is_error() && d.span.source == SourceId::Request && ex.check_at(d.span.start) == Some(i)
                });
                let request = sc.requests.get(i).and_then(Option::as_ref);
                match (request, request_error) {
                    (Some(req), None) => {
                        let ev = evaluate(&sc, req);
                        let pass = ev.complete && ev.decision == check.expect;
                        let reason = if pass {
                            None
                        } else if !ev.complete {
                            Some("a policy this request depends on has errors".to_string())
                        } else {
                            Some(format!("expected {}, got {}", check.expect.as_str(), ev.decision.as_str()))
                        };
                        CheckOutcome { pass, decision: Some(ev.decision), decided_by: ev.decided_by, reason }
                    }
                    (_, error) => CheckOutcome {
                        pass: false,
                        decision: None,
                        decided_by: Vec::new(),
                        reason: Some(match error {
                            Some(d) => format!("the request cannot be decided: {}", d.message),
                            None => "the request cannot be decided: the texts have errors".to_string(),
                        }),
                    },
                }
            })
            .collect::<Vec<_>>();
    // only constraints on users and attachments read the Principals text itself
    let reads_principals = ex.constraints.iter().any(|c| c.reads_principals());
    let principals = reads_principals.then(|| json::parse(&texts.principals, SourceId::Principals).ok()).flatten();
    let unreadable = |e: Editor, id: SourceId| {
        ex.is_editable(e) && sc.diagnostics.iter().any(|d| d.code == Code::JsonSyntax && d.span.source == id)
    };
    let texts_unreadable =
        unreadable(Editor::Policies, SourceId::Policies) || unreadable(Editor::Principals, SourceId::Principals);
    let constraints: Vec<ConstraintOutcome> = ex
        .constraints
        .iter()
        .map(|c| {
            if texts_unreadable {
                ConstraintOutcome { violations: Vec::new(), unreadable: true }
            } else {
                ConstraintOutcome { violations: c.test(&sc, principals.as_ref(), &ex.editable), unreadable: false }
            }
        })
        .collect();
    let solved = errors.is_empty() && checks.iter().all(|c| c.pass) && constraints.iter().all(ConstraintOutcome::pass);
    Grade { scenario: sc, checks, constraints, errors, solved }
}
