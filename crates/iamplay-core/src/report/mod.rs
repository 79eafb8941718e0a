//! The report of docs/scenario.md ("CLI output") (one result per request, and every diagnostic with its
//! line and column, columns in characters; `explain` adds each result's full trace), the
//! reports of `paths` and `who-can`, built as the serde types of `dto.rs`; and the words
//! for people of what the evaluator finds (`words.rs`).

pub mod access_denied;
pub mod allowed_if;
pub mod dto;
pub mod graph;
pub mod near_miss;
pub mod summary;
pub mod visible;
pub mod words;

use crate::decision::{evaluate, Evaluation, PartMatch, StatementTrace};
use crate::diagnostic::Diagnostic;
use crate::paths::{AccessPath, Hop, WhoCan};
use crate::policy::Statement;
use crate::scenario::{Decision, Request, Scenario};
use crate::source::Span;
use crate::vocabulary::Vocabulary;
use dto::*;

/// Evaluates every request of a scenario that could be read.
pub fn evaluate_all(sc: &Scenario) -> Vec<Option<Evaluation>> {
    sc.requests.iter().map(|r| r.as_ref().map(|r| evaluate(sc, r))).collect()
}

/// Whether a request met its `expect` (None when it has none or could not be decided).
pub fn passes(req: Option<&Request>, ev: Option<&Evaluation>) -> Option<bool> {
    Some(req?.expect? == ev?.decision)
}

fn position(sc: &Scenario, span: Span) -> (usize, usize) {
    let p = sc.sources.position(span.source, span.start);
    (p.line, p.column)
}

pub(crate) fn statement_of(sc: &Scenario, policy: usize, index: usize) -> Option<&Statement> {
    sc.policies.get(policy)?.policy.statement(index)
}

/// A diagnostic with its position in the text it concerns.
pub fn diagnostic(sc: &Scenario, d: &Diagnostic) -> DiagnosticOut {
    let start = sc.sources.position(d.span.source, d.span.start);
    let end = sc.sources.position(d.span.source, d.span.end);
    DiagnosticOut {
        severity: d.severity.as_str(),
        code: d.code.as_str(),
        message: d.message.clone(),
        help: d.help.clone(),
        policy: d.policy.clone(),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        source: d.span.source,
    }
}

/// The whole report for a scenario.
pub fn report(sc: &Scenario, evaluations: &[Option<Evaluation>], explain: bool) -> Report {
    report_with(sc, evaluations, explain, None)
}

/// [`report`], with AWS's catalog where the front-end has one: the explanation's
/// "allowed only if…" then leaves out values of keys the action never carries.
pub fn report_with(
    sc: &Scenario,
    evaluations: &[Option<Evaluation>],
    explain: bool,
    vocabulary: Option<&dyn Vocabulary>,
) -> Report {
    let results = sc
        .requests
        .iter()
        .zip(evaluations)
        .map(|(req, ev)| result_with(sc, req.as_ref(), ev.as_ref(), explain, vocabulary))
        .collect();
    Report { results, diagnostics: diagnostics(sc) }
}

/// One request's result (the report's `results` hold one per request, in order).
pub fn result(sc: &Scenario, req: Option<&Request>, ev: Option<&Evaluation>, explain: bool) -> RequestResult {
    result_with(sc, req, ev, explain, None)
}

/// [`result`], with AWS's catalog where the front-end has one (see [`report_with`]).
pub fn result_with(
    sc: &Scenario,
    req: Option<&Request>,
    ev: Option<&Evaluation>,
    explain: bool,
    vocabulary: Option<&dyn Vocabulary>,
) -> RequestResult {
    match (req, ev) {
        (Some(req), Some(ev)) => RequestResult::Decided(Box::new(decided(sc, req, ev, explain, vocabulary))),
        _ => RequestResult::Unreadable(Unreadable {
            decision: None,
            complete: false,
            decided_by: [],
            blocked_by: None,
            missing_context_keys: [],
            expect: None,
            pass: None,
            error: "the request could not be read; see the diagnostics",
        }),
    }
}

/// The scenario's diagnostics, each with its position.
pub fn diagnostics(sc: &Scenario) -> Vec<DiagnosticOut> {
    sc.diagnostics.iter().map(|d| diagnostic(sc, d)).collect()
}

/// The type a policy had in this evaluation (or in one of its checks).
pub fn policy_type_of(ev: &Evaluation, policy: usize) -> Option<&'static str> {
    ev.policies
        .iter()
        .find(|t| t.policy == policy)
        .map(|t| t.ty.as_str())
        .or_else(|| ev.checks.iter().find_map(|c| policy_type_of(&c.evaluation, policy)))
}

/// What every decided check reports: the decision, its statements, the gate, the keys.
pub fn decision(sc: &Scenario, ev: &Evaluation) -> DecisionOut {
    DecisionOut {
        decision: ev.decision.as_str(),
        complete: ev.complete,
        decided_by: ev
            .decided_by
            .iter()
            .map(|s| {
                let st = statement_of(sc, s.policy, s.statement);
                let (line, column) = st.map_or((1, 1), |st| position(sc, st.span));
                let aws_version = sc.policies.get(s.policy).and_then(|p| p.aws_version.clone());
                DecidedBy {
                    policy: sc.policy_name(s.policy).to_string(),
                    policy_type: policy_type_of(ev, s.policy),
                    statement: s.statement,
                    sid: st.and_then(|st| st.sid()).map(str::to_string),
                    line,
                    column,
                    aws_managed: aws_version.is_some().then_some(true),
                    policy_version: aws_version,
                }
            })
            .collect(),
        blocked_by: ev.blocked_by.map(|g| BlockedBy { layer: g.layer.as_str(), level: g.level }),
        missing_context_keys: ev.missing_keys.clone(),
    }
}

fn decided(
    sc: &Scenario,
    req: &Request,
    ev: &Evaluation,
    explain: bool,
    vocabulary: Option<&dyn Vocabulary>,
) -> Decided {
    // a launch: the launch itself, then iam:PassRole (its prepared request is req.pass_role)
    let requests = [Some(req), req.pass_role.as_deref()];
    let checks = ev
        .checks
        .iter()
        .zip(requests)
        .map(|(c, r)| CheckOut {
            action: c.action.clone(),
            resource: c.resource.clone(),
            decision: decision(sc, &c.evaluation),
            explain: r.filter(|_| explain).map(|r| explanation(sc, r, &c.evaluation)),
        })
        .collect();
    Decided {
        decision: decision(sc, ev),
        expect: req.expect.map(Decision::as_str),
        pass: req.expect.map(|e| e == ev.decision),
        request: RequestOut {
            principal: req.principal_text.clone(),
            action: req.action.clone(),
            resource: req.resource.clone(),
        },
        path: ev.path,
        conflict: ev.conflict.map(words::conflict),
        checks,
        explain: explain.then(|| with_allowed_if(sc, req, explanation(sc, req, ev), vocabulary)),
    }
}

/// The explanation with the request's "allowed only if…".
fn with_allowed_if(sc: &Scenario, req: &Request, mut e: Explain, vocabulary: Option<&dyn Vocabulary>) -> Explain {
    let found = crate::allowed_if::allowed_if_with(sc, req, vocabulary);
    e.allowed_if = found
        .options
        .iter()
        .map(|o| AllowedIfOut {
            statement: format!("{}#{}", sc.policy_name(o.statement.policy), o.statement.statement),
            decision: o.gives.as_str(),
            lifts_deny: o.lifts_deny,
            context: o.values.iter().map(|v| (v.key.clone(), serde_json::Value::String(v.value.clone()))).collect(),
            words: allowed_if::option_words(sc, o),
        })
        .collect();
    e.allowed_if_note = found.not_summarised.then_some(allowed_if::NOT_SUMMARISED);
    e
}

fn part(m: &PartMatch, patterns: Vec<String>, element: &'static str) -> PartOut {
    PartOut { matched: m.matched, by: m.by.and_then(|i| patterns.into_iter().nth(i)), element, substituted: None }
}

fn statement(sc: &Scenario, req: &Request, policy: usize, t: &StatementTrace) -> StatementOut {
    let t = &*crate::decision::explained(sc, req, policy, t);
    let st = statement_of(sc, policy, t.index);
    let (line, column) = st.map_or((1, 1), |st| position(sc, st.span));
    let action = match (&t.action, st.and_then(|s| s.action.as_ref())) {
        (Some(a), Some(block)) => Some(part(
            a,
            block.patterns.iter().map(|p| p.raw.clone()).collect(),
            if block.negated { "NotAction" } else { "Action" },
        )),
        _ => None,
    };
    let resource = match (&t.resource, st.and_then(|s| s.resource.as_ref())) {
        (Some(r), Some(block)) => Some(PartOut {
            substituted: block.substituted(&req.context),
            ..part(
                r,
                block.patterns.iter().map(|p| p.raw.clone()).collect(),
                if block.negated { "NotResource" } else { "Resource" },
            )
        }),
        _ => None,
    };
    let principal = match (&t.principal, st.and_then(|s| s.principal.as_ref())) {
        (Some(p), Some(block)) => Some(PrincipalOut {
            element: if block.negated { "NotPrincipal" } else { "Principal" },
            matched: p.matched,
            by: p.by.and_then(|i| block.entries.get(i)).map(|e| e.raw.clone()),
            grant: p.grant.map(|g| g.as_str()),
            boundary_rule: p.boundary_rule,
        }),
        _ => None,
    };
    let conditions = st.map(|st| {
        st.conditions
            .iter()
            .zip(&t.conditions)
            .map(|(c, outcome)| ConditionOut {
                operator: c.operator_name.clone(),
                key: c.key.clone(),
                matched: outcome.matched,
                key_present: outcome.key_present,
                request_values: req.context.get(&c.key).map(|e| e.values.clone()),
                policy_values: c.policy_values(&req.context),
            })
            .collect()
    });
    StatementOut {
        statement: t.index,
        sid: st.and_then(|s| s.sid()).map(str::to_string),
        effect: t.effect,
        applies: t.applies,
        evaluated: t.evaluated,
        line,
        column,
        action,
        resource,
        principal,
        conditions,
    }
}

/// A result's full trace: the notes, the request context, every statement in play.
pub fn explanation(sc: &Scenario, req: &Request, ev: &Evaluation) -> Explain {
    Explain {
        notes: ev.notes.iter().map(words::note).collect(),
        context: req.context.entries().cloned().collect(),
        policies: ev
            .policies
            .iter()
            .map(|t| PolicyOut {
                policy: sc.policy_name(t.policy).to_string(),
                policy_type: t.ty.as_str(),
                level: t.level,
                via: words::via(sc, t.via, t.ty, t.level),
                aws_managed: sc.policies.get(t.policy).and_then(|p| p.aws_version.as_ref()).map(|_| true),
                policy_version: sc.policies.get(t.policy).and_then(|p| p.aws_version.clone()),
                statements: t.statements.iter().map(|s| statement(sc, req, t.policy, s)).collect(),
            })
            .collect(),
        allowed_if: Vec::new(),
        allowed_if_note: None,
    }
}

fn hop(sc: &Scenario, h: &Hop, explain: bool) -> HopOut {
    HopOut {
        principal: h.request.principal_text.clone(),
        action: h.request.action.clone(),
        resource: h.request.resource.clone(),
        decision: decision(sc, &h.evaluation),
        explain: explain.then(|| explanation(sc, &h.request, &h.evaluation)),
    }
}

fn path(sc: &Scenario, p: &AccessPath, explain: bool) -> PathOut {
    PathOut {
        kind: p.kind.as_str(),
        description: p.description.clone(),
        allowed: p.allowed(),
        hops: p.hops.iter().map(|h| hop(sc, h, explain)).collect(),
    }
}

/// `iamplay paths`.
pub fn paths_report(
    sc: &Scenario,
    principal: &str,
    action: &str,
    resource: &str,
    paths: &[AccessPath],
    explain: bool,
) -> PathsReport {
    PathsReport {
        principal: principal.to_string(),
        action: action.to_string(),
        resource: resource.to_string(),
        allowed: paths.iter().any(AccessPath::allowed),
        paths: paths.iter().map(|p| path(sc, p, explain)).collect(),
    }
}

/// `iamplay who-can`.
pub fn who_can_report(sc: &Scenario, action: &str, resource: &str, who: &[WhoCan]) -> WhoCanReport {
    WhoCanReport {
        action: action.to_string(),
        resource: resource.to_string(),
        principals: who
            .iter()
            .map(|w| WhoOut {
                principal: w.principal.clone(),
                kind: w.kind,
                paths: w.paths.iter().map(|p| path(sc, p, false)).collect(),
            })
            .collect(),
    }
}
