//! Evaluating a request: the policies in play (`in_play.rs`), every statement of them
//! evaluated (`run.rs`), the decision made from them (`decide.rs`) and the explanation
//! gathered; a launch with an instance profile is two checks combined.

use super::aws_rules::{self, Override};
use super::decide::{decide, Layers, Outcome};
use super::in_play::in_play;
use super::note::Note;
use super::run::Run;
use super::*;
use crate::scenario::{Request, Scenario};

/// Decides a request, and for a launch combines it with its `iam:PassRole` check.
pub fn evaluate(sc: &Scenario, req: &Request) -> Evaluation {
    let Some(pass) = req.pass_role.as_deref() else {
        return evaluate_single(sc, req);
    };
    let launch = evaluate_single(sc, req);
    let passing = evaluate_single(sc, pass);
    combine(
        sc,
        vec![
            Check { action: req.action.clone(), resource: req.resource.clone(), evaluation: launch },
            Check { action: pass.action.clone(), resource: pass.resource.clone(), evaluation: passing },
        ],
    )
}

/// One result for several checks: an explicit deny in any wins; else the first check
/// that is implicitly denied decides; else every check allows.
fn combine(sc: &Scenario, checks: Vec<Check>) -> Evaluation {
    let explicit: Vec<&Check> = checks.iter().filter(|c| c.evaluation.decision == Decision::ExplicitDeny).collect();
    let implicit = checks.iter().find(|c| c.evaluation.decision == Decision::ImplicitDeny);
    let (decision, mut decided_by, blocked_by) = if !explicit.is_empty() {
        (Decision::ExplicitDeny, explicit.iter().flat_map(|c| c.evaluation.decided_by.iter().copied()).collect(), None)
    } else if let Some(c) = implicit {
        (Decision::ImplicitDeny, Vec::new(), c.evaluation.blocked_by)
    } else {
        (Decision::Allow, checks.iter().flat_map(|c| c.evaluation.decided_by.iter().copied()).collect::<Vec<_>>(), None)
    };
    sort_by_position(sc, &mut decided_by);
    decided_by.dedup();
    let mut missing_keys: Vec<String> = Vec::new();
    for k in checks.iter().flat_map(|c| c.evaluation.missing_keys.iter()) {
        if !missing_keys.iter().any(|m| m.eq_ignore_ascii_case(k)) {
            missing_keys.push(k.clone());
        }
    }
    // each check's decision is in `checks` (the report prints it once, with its trace)
    let notes = vec![Note::LaunchNeedsBoth];
    let first = checks.first().map(|c| &c.evaluation);
    Evaluation {
        decision,
        complete: checks.iter().all(|c| c.evaluation.complete),
        decided_by,
        blocked_by,
        missing_keys,
        policies: first.map(|e| e.policies.clone()).unwrap_or_default(),
        path: first.map_or(Path::SameAccount, |e| e.path),
        notes,
        conflict: checks.iter().find_map(|c| c.evaluation.conflict),
        checks,
    }
}

fn sort_by_position(sc: &Scenario, refs: &mut [StatementRef]) {
    crate::sort::sort_by_key(refs, |r| {
        let statement = sc.policies.get(r.policy).and_then(|p| p.policy.statement(r.statement));
        statement.map_or(((u8::MAX, u16::MAX), usize::MAX), |s| (s.span.source.order(), s.span.start))
    });
}

/// Decides one authorization check.
pub fn evaluate_single(sc: &Scenario, req: &Request) -> Evaluation {
    evaluate_restricted(sc, req, None)
}

/// Which of a user's identity policies take part (for access paths).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdentitySource {
    /// The user's own attached and inline policies.
    User,
    /// The policies of the user's group with this index.
    Group(usize),
}

/// Decides one check with only some of a user's identity policies in play (`None`: all).
pub fn evaluate_restricted(sc: &Scenario, req: &Request, only: Option<IdentitySource>) -> Evaluation {
    let play = in_play(sc, req, only);
    let mut run = Run { sc, req, traces: Vec::new(), notes: Vec::new() };
    let identity: Vec<usize> =
        play.identity.iter().map(|(id, via)| run.trace(*id, PolicyType::Identity, None, *via)).collect();
    let boundary: Vec<usize> =
        play.boundary.iter().map(|id| run.trace(*id, PolicyType::Boundary, None, Via::Boundary)).collect();
    let session: Vec<usize> =
        play.session.iter().map(|id| run.trace(*id, PolicyType::Session, None, Via::Session)).collect();
    let scps: Vec<Vec<usize>> = play
        .scps
        .iter()
        .enumerate()
        .map(|(level, ids)| {
            ids.iter().map(|id| run.trace(*id, PolicyType::Scp, Some(level), Via::Organization)).collect()
        })
        .collect();
    let rcps: Vec<Vec<usize>> = play
        .rcps
        .iter()
        .enumerate()
        .map(|(level, ids)| {
            ids.iter().map(|id| run.trace(*id, PolicyType::Rcp, Some(level), Via::Organization)).collect()
        })
        .collect();
    let resource: Vec<usize> = play.resource.iter().map(|(id, ty)| run.trace(*id, *ty, None, Via::Resource)).collect();

    let missing_keys = missing_keys(sc, req, &run.traces);
    let complete = run
        .traces
        .iter()
        .all(|t| sc.policies.get(t.policy).is_some_and(|p| !p.has_errors) && t.statements.iter().all(|s| s.evaluated));
    let layers = Layers { identity, boundary, session, scps, rcps, resource };
    let Outcome { decision, mut decided_by, mut blocked_by, path, conflict } = decide(&mut run, &layers);
    // what AWS decides whatever the policies say: said first, and what the policies alone
    // give after the rest of the explanation
    let decision = match aws_rules::override_for(req) {
        None => decision,
        Some(o) => {
            let (note, overruled) = match o {
                Override::NeedsNoPermission => {
                    (Note::NeedsNoPermission { action: req.action.clone() }, Decision::Allow)
                }
                Override::Refused(p) => (Note::RefusedByAws(p), Decision::ImplicitDeny),
            };
            run.notes.insert(0, note);
            run.note(Note::PoliciesAlone(decision));
            decided_by.clear();
            blocked_by =
                (overruled == Decision::ImplicitDeny).then_some(Gate { layer: Layer::AwsProtection, level: None });
            overruled
        }
    };
    // source order: policies as they appear in the scenario, statements by index
    sort_by_position(sc, &mut decided_by);
    Evaluation {
        decision,
        complete,
        decided_by,
        blocked_by,
        missing_keys,
        policies: run.traces,
        path,
        notes: run.notes,
        conflict,
        checks: Vec::new(),
    }
}

/// Keys read by statements in play (conditions and variables) that the request lacks.
/// Condition keys come from the outcomes already computed; only values holding
/// variables need a lookup.
fn missing_keys(sc: &Scenario, req: &Request, traces: &[PolicyTrace]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |key: &str| {
        if !out.iter().any(|k| k.eq_ignore_ascii_case(key)) {
            out.push(key.to_string());
        }
    };
    for t in traces {
        let Some(entry) = sc.policies.get(t.policy) else { continue };
        // only statements whose action, resource and principal match: there the missing
        // key is what decides (the keys the simulator reports as missing)
        let relevant = |tr: &&StatementTrace| {
            tr.action.as_ref().is_some_and(|a| a.matched)
                && tr.resource.as_ref().is_none_or(|r| r.matched)
                && tr.principal.as_ref().is_none_or(|p| p.matched)
        };
        for (st, tr) in entry.policy.statements.iter().zip(&t.statements).filter(|(_, tr)| relevant(tr)) {
            for (c, o) in st.conditions.iter().zip(&tr.conditions) {
                if !o.key_present {
                    add(&c.key);
                }
            }
        }
        let any_relevant = t.statements.iter().any(|tr| relevant(&tr));
        for (key, lc) in entry.variables.iter().filter(|_| any_relevant) {
            if !req.context.contains(lc) {
                add(key);
            }
        }
        // a statement whose resource does not match only because a variable in it has no
        // value (its action and principal match, the pattern's literal start fits): that
        // variable's key decides too
        let resource_waits = |tr: &&StatementTrace| {
            tr.action.as_ref().is_some_and(|a| a.matched)
                && tr.resource.as_ref().is_some_and(|r| !r.matched)
                && tr.principal.as_ref().is_none_or(|p| p.matched)
        };
        for (st, _) in entry.policy.statements.iter().zip(&t.statements).filter(|(_, tr)| resource_waits(tr)) {
            let patterns = st.resource.iter().filter(|r| !r.negated).flat_map(|r| r.patterns.iter());
            for p in patterns.filter(|p| req.resource.starts_with(p.template.literal_prefix())) {
                for (key, lc) in p.template.variables() {
                    if !req.context.contains(lc) {
                        add(key);
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::scenario::{load_file, Decision};

    fn decide(text: &str) -> Vec<(Decision, Vec<String>)> {
        let sc = load_file(text);
        assert!(!sc.has_errors(), "{:?}", sc.diagnostics);
        sc.requests
            .iter()
            .flatten()
            .map(|r| {
                let e = super::evaluate(&sc, r);
                let by = e.decided_by.iter().map(|s| format!("{}#{}", sc.policy_name(s.policy), s.statement)).collect();
                (e.decision, by)
            })
            .collect()
    }

    #[test]
    fn the_root_user_cannot_assume_roles() {
        let text = r#"{
          "policies": {"t": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole"}]}},
          "principals": {"account": "111122223333", "roles": {"r": {"trust": "t"}}},
          "requests": [{"principal": "root", "action": "sts:AssumeRole", "resource": "arn:aws:iam::111122223333:role/r"}]}"#;
        assert_eq!(decide(text).first().map(|r| r.0), Some(Decision::ImplicitDeny));
    }

    #[test]
    fn owner_tag_example() {
        let text = r#"{
          "policies": {"owner": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:StartInstances",
             "Resource": "*", "Condition": {"StringEquals": {"ec2:ResourceTag/Owner": "${aws:username}"}}}]}},
          "principals": {"account": "111122223333", "users": {"alice": {"policies": ["owner"]}, "bob": {"policies": ["owner"]}},
             "instances": {"i-1": {"region": "us-east-1", "tags": {"Owner": "alice"}}}},
          "requests": [
            {"principal": "user/alice", "action": "ec2:StartInstances", "resource": "arn:aws:ec2:us-east-1:111122223333:instance/i-1"},
            {"principal": "user/bob", "action": "ec2:StartInstances", "resource": "arn:aws:ec2:us-east-1:111122223333:instance/i-1"}
          ]}"#;
        let r = decide(text);
        assert_eq!(r.first(), Some(&(Decision::Allow, vec!["owner#0".to_string()])));
        assert_eq!(r.get(1), Some(&(Decision::ImplicitDeny, vec![])));
    }
}
