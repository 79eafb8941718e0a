//! One evaluation in progress: the statements of every policy in play evaluated for the
//! request (the traces), and the notes of the decision as it is made.

use super::note::Note;
use super::statement::{self, StatementTrace};
use super::{PolicyTrace, StatementRef, Via};
use crate::policy::PolicyType;
use crate::scenario::{PolicyId, Request, Scenario};

pub(super) struct Run<'a> {
    pub sc: &'a Scenario,
    pub req: &'a Request,
    pub traces: Vec<PolicyTrace>,
    pub notes: Vec<Note>,
}

impl Run<'_> {
    pub fn note(&mut self, note: Note) {
        self.notes.push(note);
    }

    pub fn trace(&mut self, policy: PolicyId, ty: PolicyType, level: Option<usize>, via: Via) -> usize {
        let statements = match self.sc.policies.get(policy) {
            Some(entry) => entry
                .policy
                .statements
                .iter()
                .map(|st| {
                    let broken = entry.broken.get(st.index).copied().unwrap_or(true);
                    statement::evaluate_statement(st, broken, self.req, statement::Depth::Decision)
                })
                .collect(),
            None => Vec::new(),
        };
        self.traces.push(PolicyTrace { policy, ty, level, via, statements });
        self.traces.len() - 1
    }

    pub fn refs(&self, traces: &[usize], pred: impl Fn(&StatementTrace) -> bool) -> Vec<StatementRef> {
        traces
            .iter()
            .filter_map(|t| self.traces.get(*t))
            .flat_map(|t| {
                t.statements
                    .iter()
                    .filter(|s| pred(s))
                    .map(move |s| StatementRef { policy: t.policy, statement: s.index })
            })
            .collect()
    }

    pub fn any_allow(&self, traces: &[usize]) -> bool {
        traces.iter().filter_map(|t| self.traces.get(*t)).any(|t| t.statements.iter().any(StatementTrace::allows))
    }
}
