//! The JSON report of CONTRACT.md §2: one result per request, and every diagnostic with
//! its line and column (columns in characters). `explain` adds each result's full trace.

pub mod words;

use crate::decision::{evaluate, Evaluation, PartMatch, StatementTrace};
use crate::diagnostic::Diagnostic;
use crate::policy::Statement;
use crate::scenario::{Decision, Request, Scenario};
use crate::source::Span;
use serde_json::{json, Map, Value};

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

fn statement_of(sc: &Scenario, policy: usize, index: usize) -> Option<&Statement> {
    sc.policies.get(policy)?.policy.statements.iter().find(|s| s.index == index)
}

pub fn diagnostic_json(sc: &Scenario, d: &Diagnostic) -> Value {
    let start = sc.sources.position(d.span.source, d.span.start);
    let end = sc.sources.position(d.span.source, d.span.end);
    json!({
        "severity": d.severity.as_str(),
        "code": d.code,
        "message": d.message,
        "help": d.help,
        "policy": d.policy,
        "line": start.line,
        "column": start.column,
        "endLine": end.line,
        "endColumn": end.column,
        "source": d.span.source,
    })
}

/// The whole report for a scenario.
pub fn report(sc: &Scenario, evaluations: &[Option<Evaluation>], explain: bool) -> Value {
    let results: Vec<Value> = sc
        .requests
        .iter()
        .zip(evaluations)
        .map(|(req, ev)| match (req, ev) {
            (Some(req), Some(ev)) => result_json(sc, req, ev, explain),
            _ => json!({
                "decision": null, "complete": false, "decidedBy": [], "blockedBy": null,
                "missingContextKeys": [], "expect": null, "pass": null,
                "error": "the request could not be read; see the diagnostics",
            }),
        })
        .collect();
    json!({
        "results": results,
        "diagnostics": sc.diagnostics.iter().map(|d| diagnostic_json(sc, d)).collect::<Vec<_>>(),
    })
}

/// The type a policy had in this evaluation (or in one of its checks).
pub fn policy_type_of(ev: &Evaluation, policy: usize) -> Option<&'static str> {
    ev.policies
        .iter()
        .find(|t| t.policy == policy)
        .map(|t| t.ty.as_str())
        .or_else(|| ev.checks.iter().find_map(|c| policy_type_of(&c.evaluation, policy)))
}

fn decided_by_json(sc: &Scenario, ev: &Evaluation) -> Vec<Value> {
    ev.decided_by
        .iter()
        .map(|s| {
            let st = statement_of(sc, s.policy, s.statement);
            let (line, column) = st.map_or((1, 1), |st| position(sc, st.span));
            json!({
                "policy": sc.policy_name(s.policy),
                "policyType": policy_type_of(ev, s.policy),
                "statement": s.statement,
                "sid": st.and_then(|st| st.sid()),
                "line": line,
                "column": column,
            })
        })
        .collect()
}

pub fn decision_fields(sc: &Scenario, ev: &Evaluation, out: &mut Map<String, Value>) {
    out.insert("decision".into(), json!(ev.decision.as_str()));
    out.insert("complete".into(), json!(ev.complete));
    out.insert("decidedBy".into(), json!(decided_by_json(sc, ev)));
    out.insert(
        "blockedBy".into(),
        ev.blocked_by.map_or(Value::Null, |g| json!({"layer": g.layer.as_str(), "level": g.level})),
    );
    out.insert("missingContextKeys".into(), json!(ev.missing_keys));
}

pub fn result_json(sc: &Scenario, req: &Request, ev: &Evaluation, explain: bool) -> Value {
    let mut out = Map::new();
    decision_fields(sc, ev, &mut out);
    out.insert("expect".into(), json!(req.expect.map(Decision::as_str)));
    out.insert("pass".into(), json!(req.expect.map(|e| e == ev.decision)));
    out.insert(
        "request".into(),
        json!({"principal": req.principal_text, "action": req.action, "resource": req.resource}),
    );
    out.insert("path".into(), json!(ev.path));
    out.insert("conflict".into(), json!(ev.conflict.map(words::conflict)));
    if !ev.checks.is_empty() {
        // the launch itself, then iam:PassRole (its prepared request is req.pass_role)
        let requests = [Some(req), req.pass_role.as_deref()];
        let checks: Vec<Value> = ev
            .checks
            .iter()
            .zip(requests)
            .map(|(c, r)| {
                let mut o = Map::new();
                o.insert("action".into(), json!(c.action));
                o.insert("resource".into(), json!(c.resource));
                decision_fields(sc, &c.evaluation, &mut o);
                if let (true, Some(r)) = (explain, r) {
                    o.insert("explain".into(), explain_json(sc, r, &c.evaluation));
                }
                Value::Object(o)
            })
            .collect();
        out.insert("checks".into(), json!(checks));
    }
    if explain {
        out.insert("explain".into(), explain_json(sc, req, ev));
    }
    Value::Object(out)
}

fn part_json(m: &PartMatch, patterns: &[String]) -> Value {
    json!({
        "matched": m.matched,
        "by": m.by.and_then(|i| patterns.get(i)),
    })
}

fn statement_json(sc: &Scenario, req: &Request, policy: usize, t: &StatementTrace) -> Value {
    let st = statement_of(sc, policy, t.index);
    let (line, column) = st.map_or((1, 1), |st| position(sc, st.span));
    let mut o = Map::new();
    o.insert("statement".into(), json!(t.index));
    o.insert("sid".into(), json!(st.and_then(|s| s.sid())));
    o.insert("effect".into(), json!(t.effect));
    o.insert("applies".into(), json!(t.applies));
    o.insert("evaluated".into(), json!(t.evaluated));
    o.insert("line".into(), json!(line));
    o.insert("column".into(), json!(column));
    if let (Some(a), Some(block)) = (&t.action, st.and_then(|s| s.action.as_ref())) {
        let raw: Vec<String> = block.patterns.iter().map(|p| p.raw.clone()).collect();
        let mut v = part_json(a, &raw);
        if let Some(obj) = v.as_object_mut() {
            obj.insert("element".into(), json!(if block.negated { "NotAction" } else { "Action" }));
        }
        o.insert("action".into(), v);
    }
    if let (Some(r), Some(block)) = (&t.resource, st.and_then(|s| s.resource.as_ref())) {
        let raw: Vec<String> = block.patterns.iter().map(|p| p.raw.clone()).collect();
        let mut v = part_json(r, &raw);
        if let Some(obj) = v.as_object_mut() {
            obj.insert("element".into(), json!(if block.negated { "NotResource" } else { "Resource" }));
            if let Some(subs) = block.substituted(&req.context) {
                obj.insert("substituted".into(), json!(subs));
            }
        }
        o.insert("resource".into(), v);
    }
    if let (Some(p), Some(block)) = (&t.principal, st.and_then(|s| s.principal.as_ref())) {
        o.insert(
            "principal".into(),
            json!({
                "element": if block.negated { "NotPrincipal" } else { "Principal" },
                "matched": p.matched,
                "by": p.by.and_then(|i| block.entries.get(i)).map(|e| e.raw.clone()),
                "grant": p.grant.map(|g| g.as_str()),
                "boundaryRule": p.boundary_rule,
            }),
        );
    }
    if let Some(st) = st {
        let conditions: Vec<Value> = st
            .conditions
            .iter()
            .zip(&t.conditions)
            .map(|(c, outcome)| {
                let request_values = req.context.get(&c.key).map(|e| e.values.clone());
                let policy_values = c.policy_values(&req.context);
                json!({
                    "operator": c.operator_name,
                    "key": c.key,
                    "matched": outcome.matched,
                    "keyPresent": outcome.key_present,
                    "requestValues": request_values,
                    "policyValues": policy_values,
                })
            })
            .collect();
        o.insert("conditions".into(), json!(conditions));
    }
    Value::Object(o)
}

/// One part of a statement (its action, resource, principal, or a condition) as it was
/// matched against a request, in words: what the CLI's text view and the playground's
/// trace both show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartLine {
    pub matched: bool,
    /// What was compared (`Action s3:GetObject`).
    pub what: String,
    /// How it matched, when there is more to say (` by `s3:Get*``), possibly empty.
    pub how: String,
}

/// The parts of statement `t` of policy `policy` in words (none when the statement could
/// not be evaluated).
pub fn statement_parts(sc: &Scenario, req: &Request, policy: usize, t: &StatementTrace) -> Vec<PartLine> {
    let mut out = Vec::new();
    let Some(st) = statement_of(sc, policy, t.index).filter(|_| t.evaluated) else { return out };
    if let (Some(a), Some(block)) = (&t.action, &st.action) {
        let by = a.by.and_then(|i| block.patterns.get(i)).map(|x| format!(" by `{}`", x.raw)).unwrap_or_default();
        let el = if block.negated { "NotAction" } else { "Action" };
        out.push(PartLine { matched: a.matched, what: format!("{el} {}", req.action), how: by });
    }
    if let (Some(r), Some(block)) = (&t.resource, &st.resource) {
        let by = r.by.and_then(|i| block.patterns.get(i)).map(|x| format!(" by `{}`", x.raw)).unwrap_or_default();
        let el = if block.negated { "NotResource" } else { "Resource" };
        let subs = block
            .substituted(&req.context)
            .map(|v| {
                let values: Vec<String> = v.into_iter().map(|x| x.unwrap_or_else(|| "<no value>".into())).collect();
                format!(" (after substitution: {})", values.join(", "))
            })
            .unwrap_or_default();
        out.push(PartLine { matched: r.matched, what: format!("{el} {}", req.resource), how: format!("{by}{subs}") });
    }
    if let (Some(pm), Some(block)) = (&t.principal, &st.principal) {
        let el = if block.negated { "NotPrincipal" } else { "Principal" };
        let grant = pm.grant.map(|g| format!(" ({} grant)", g.as_str())).unwrap_or_default();
        let rule = if pm.boundary_rule {
            " (Deny with NotPrincipal applies to every principal with a permissions boundary)"
        } else {
            ""
        };
        out.push(PartLine { matched: pm.matched, what: el.to_string(), how: format!("{grant}{rule}") });
    }
    for (c, o) in st.conditions.iter().zip(&t.conditions) {
        let request =
            req.context.get(&c.key).map_or_else(|| "<missing>".to_string(), |e| format!("[{}]", e.values.join(", ")));
        let policy: Vec<String> =
            c.policy_values(&req.context).into_iter().map(|x| x.unwrap_or_else(|| "<no value>".into())).collect();
        out.push(PartLine {
            matched: o.matched,
            what: format!("{} {}: request {request} vs policy [{}]", c.operator_name, c.key, policy.join(", ")),
            how: String::new(),
        });
    }
    out
}

pub fn explain_json(sc: &Scenario, req: &Request, ev: &Evaluation) -> Value {
    let policies: Vec<Value> = ev
        .policies
        .iter()
        .map(|t| {
            json!({
                "policy": sc.policy_name(t.policy),
                "policyType": t.ty.as_str(),
                "level": t.level,
                "via": words::via(sc, t.via, t.ty, t.level),
                "statements": t.statements.iter().map(|s| statement_json(sc, req, t.policy, s)).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "notes": ev.notes.iter().map(words::note).collect::<Vec<_>>(),
        "context": req.context.entries().collect::<Vec<_>>(),
        "policies": policies,
    })
}
