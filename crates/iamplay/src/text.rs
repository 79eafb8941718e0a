//! `--format text`: the decisions as a readable tree, coloured on a terminal.

use crate::terminal::safe;
use iamplay_core::decision::{Evaluation, StatementTrace};
use iamplay_core::policy::Effect;
use iamplay_core::report::words;
use iamplay_core::scenario::{Decision, Request, Scenario};
use std::fmt::Write;

struct Paint(bool);

impl Paint {
    /// `s`, text from input files with its control characters escaped, in colour.
    fn wrap(&self, code: &str, s: &str) -> String {
        let s = safe(s);
        if self.0 {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.into_owned()
        }
    }
    fn green(&self, s: &str) -> String {
        self.wrap("32", s)
    }
    fn red(&self, s: &str) -> String {
        self.wrap("31", s)
    }
    fn yellow(&self, s: &str) -> String {
        self.wrap("33", s)
    }
    fn dim(&self, s: &str) -> String {
        self.wrap("2", s)
    }
    fn bold(&self, s: &str) -> String {
        self.wrap("1", s)
    }
    fn mark(&self, ok: bool) -> String {
        if ok {
            self.green("yes")
        } else {
            self.red("no")
        }
    }
}

fn decision_words(p: &Paint, d: Decision) -> String {
    match d {
        Decision::Allow => p.green("Allow"),
        Decision::ExplicitDeny => p.red("Explicit deny"),
        Decision::ImplicitDeny => p.yellow("Implicit deny"),
    }
}

/// One request's result as text (`i` counts from 0), ending with a blank line.
pub fn request_block(
    sc: &Scenario,
    i: usize,
    (req, ev): (Option<&Request>, Option<&Evaluation>),
    explain: bool,
    color: bool,
) -> String {
    let p = Paint(color);
    let mut out = String::new();
    let (Some(req), Some(ev)) = (req, ev) else {
        let _ = writeln!(
            out,
            "{} {}",
            p.bold(&format!("request {}", i + 1)),
            p.red("could not be read (see the diagnostics)")
        );
        return out;
    };
    let _ = writeln!(
        out,
        "{} {}  {}  {}",
        p.bold(&format!("request {}:", i + 1)),
        safe(&req.principal_text),
        safe(&req.action),
        safe(&req.resource)
    );
    let mut line = format!("  decision: {}", decision_words(&p, ev.decision));
    if let Some(expect) = req.expect {
        let pass = expect == ev.decision;
        let _ =
            write!(line, "  (expected {}: {})", expect.as_str(), if pass { p.green("pass") } else { p.red("FAIL") });
    }
    if !ev.complete {
        let _ = write!(line, "  {}", p.yellow("(incomplete: a policy in play has errors)"));
    }
    let _ = writeln!(out, "{line}");
    for s in &ev.decided_by {
        let st = sc.policies.get(s.policy).and_then(|e| e.policy.statement(s.statement));
        let pos = st.map(|st| sc.sources.position(st.span.source, st.span.start));
        let sid = st.and_then(|st| st.sid()).map(|s| format!(" ({s})")).unwrap_or_default();
        let ty = iamplay_core::report::policy_type_of(ev, s.policy).unwrap_or("");
        let at = match words::aws_managed(sc, s.policy) {
            Some(aws) => format!(" ({aws})"),
            None => pos.map(|p| format!(" at line {}:{}", p.line, p.column)).unwrap_or_default(),
        };
        let (name, sid) = (safe(sc.policy_name(s.policy)), safe(&sid));
        let _ = writeln!(out, "  decided by: {name}#{}{sid} [{ty}]{}", s.statement, p.dim(&at));
    }
    if let Some(g) = ev.blocked_by {
        let level = g.level.map(|l| format!(" level {l}")).unwrap_or_default();
        let _ = writeln!(out, "  blocked by: {}{level}", g.layer.as_str());
    }
    // a launch's checks: here, or with --explain after the notes, each with its own trace
    if !explain {
        check_lines(&mut out, &p, sc, req, ev, false);
    }
    if let Some(c) = &ev.conflict {
        let _ = writeln!(out, "  {} {}", p.yellow("conflict:"), words::conflict(*c));
    }
    if !ev.missing_keys.is_empty() {
        // the keys the action never carries, by AWS's catalog: no value of theirs helps
        let never: Vec<&str> = iamplay_aws_data::catalog::embedded()
            .ok()
            .map(|c| iamplay_core::vocabulary::never_carried(c, &req.action, &ev.missing_keys))
            .unwrap_or_default();
        let keys: Vec<String> = ev
            .missing_keys
            .iter()
            .map(|k| match never.contains(&k.as_str()) {
                true => format!("{k} (never sent with {})", req.action),
                false => k.clone(),
            })
            .collect();
        let _ = writeln!(out, "  missing context keys: {}", safe(&keys.join(", ")));
    }
    for n in &ev.notes {
        let _ = writeln!(out, "  {} {}", p.dim("-"), safe(&words::note(n)));
    }
    if explain {
        // what the request lacks that would allow it
        let catalog = iamplay_aws_data::catalog::embedded().ok();
        let found = iamplay_core::allowed_if::allowed_if_with(sc, req, catalog.map(|c| c as _));
        for o in &found.options {
            let label = match o.gives {
                Decision::ExplicitDeny => "denied if",
                _ => "allowed only if",
            };
            let _ = writeln!(out, "  {label}: {}", safe(&iamplay_core::report::allowed_if::option_words(sc, o)));
        }
        if found.not_summarised {
            let _ = writeln!(out, "  allowed only if: {}", iamplay_core::report::allowed_if::NOT_SUMMARISED);
        }
    }
    if explain && ev.checks.is_empty() {
        explain_tree(&mut out, &p, sc, req, ev, "  ");
    } else if explain {
        check_lines(&mut out, &p, sc, req, ev, true);
    }
    out.push('\n');
    out
}

/// A launch's checks (`ec2:RunInstances`, then `iam:PassRole`), one line each; with
/// `explain`, each followed by its own request's context and statements.
fn check_lines(out: &mut String, p: &Paint, sc: &Scenario, req: &Request, ev: &Evaluation, explain: bool) {
    let requests = [Some(req), req.pass_role.as_deref()];
    for (c, r) in ev.checks.iter().zip(requests) {
        let gate = words::blocked_by(&c.evaluation);
        let by = words::decided_by(sc, &c.evaluation);
        let _ = writeln!(
            out,
            "  check {} on {}: {}{}{gate}",
            safe(&c.action),
            safe(&c.resource),
            decision_words(p, c.evaluation.decision),
            safe(&by)
        );
        if let Some(r) = r.filter(|_| explain) {
            explain_tree(out, p, sc, r, &c.evaluation, "    ");
        }
    }
}

/// The scenario's diagnostics as text (nothing when it has none).
pub fn diagnostics_block(sc: &Scenario, color: bool) -> String {
    let p = Paint(color);
    let mut out = String::new();
    if !sc.diagnostics.is_empty() {
        let _ = writeln!(out, "{}", p.bold("diagnostics:"));
        for d in sc.diagnostics.iter().take(iamplay_core::limits::SHOWN_DIAGNOSTICS) {
            let pos = sc.sources.position(d.span.source, d.span.start);
            let sev = match d.severity {
                iamplay_core::diagnostic::Severity::Error => p.red("error"),
                iamplay_core::diagnostic::Severity::Warning => p.yellow("warning"),
                iamplay_core::diagnostic::Severity::Suggestion => p.dim("suggestion"),
            };
            let policy = d.policy.as_ref().map(|n| format!(" in `{n}`")).unwrap_or_default();
            let (policy, message) = (safe(&policy), safe(&d.message));
            let _ = writeln!(out, "  {}:{}: {sev}[{}]{policy}: {message}", pos.line, pos.column, d.code);
            if let Some(h) = &d.help {
                let _ = writeln!(out, "      {} {}", p.dim("help:"), safe(h));
            }
        }
        let more = sc.diagnostics.len().saturating_sub(iamplay_core::limits::SHOWN_DIAGNOSTICS);
        if more > 0 {
            let _ = writeln!(out, "  … and {more} more (the JSON report lists them all)");
        }
    }
    out
}

/// A check's context and every statement in play, `indent` in from the left.
fn explain_tree(out: &mut String, p: &Paint, sc: &Scenario, req: &Request, ev: &Evaluation, indent: &str) {
    let _ = writeln!(out, "{indent}context:");
    for e in req.context.entries() {
        let origin = format!("{:?}", e.origin).to_lowercase();
        let values = e.values.join(", ");
        let (key, values) = (safe(&e.key), safe(&values));
        let _ = writeln!(out, "{indent}  {key} = {values} {}", p.dim(&format!("({origin})")));
    }
    let _ = writeln!(out, "{indent}policies in play:");
    for t in &ev.policies {
        let level = t.level.map(|l| format!(" level {l}")).unwrap_or_default();
        let aws = words::aws_managed(sc, t.policy).map(|a| format!(" ({a})")).unwrap_or_default();
        let _ = writeln!(
            out,
            "{indent}  {}{} [{}{level}] {}",
            p.bold(sc.policy_name(t.policy)),
            safe(&aws),
            t.ty.as_str(),
            p.dim(&format!("({})", words::via(sc, t.via, t.ty, t.level)))
        );
        let entry = sc.policies.get(t.policy);
        for s in &t.statements {
            let st = entry.and_then(|e| e.policy.statement(s.index));
            statement_lines(out, p, (sc, t.policy, st), s, req, indent);
        }
    }
}

fn statement_lines(
    out: &mut String,
    p: &Paint,
    (sc, policy, st): (&Scenario, usize, Option<&iamplay_core::policy::Statement>),
    s: &StatementTrace,
    req: &iamplay_core::scenario::Request,
    indent: &str,
) {
    let sid = st.and_then(|st| st.sid()).map(|s| format!(" {s}")).unwrap_or_default();
    let effect = match s.effect {
        Some(Effect::Allow) => "Allow",
        Some(Effect::Deny) => "Deny",
        None => "?",
    };
    let verdict = if !s.evaluated {
        p.yellow("not evaluated (the statement has errors)")
    } else if s.applies {
        p.green("applies")
    } else {
        p.dim("does not apply")
    };
    let _ = writeln!(out, "{indent}    #{}{} {effect}: {verdict}", s.index, safe(&sid));
    for part in iamplay_core::report::words::statement_parts(sc, req, policy, s) {
        let _ = writeln!(out, "{indent}      {}: {}{}", safe(&part.what), p.mark(part.matched), safe(&part.how));
    }
}

fn hop_line(out: &mut String, p: &Paint, sc: &Scenario, h: &iamplay_core::paths::Hop, indent: &str) {
    let by = words::decided_by(sc, &h.evaluation);
    let gate = words::blocked_by(&h.evaluation);
    let _ = writeln!(
        out,
        "{indent}{} {} on {}: {}{}{gate}",
        safe(&h.request.principal_text),
        safe(&h.request.action),
        safe(&h.request.resource),
        decision_words(p, h.evaluation.decision),
        safe(&by)
    );
    for c in &h.evaluation.checks {
        let gate = words::blocked_by(&c.evaluation);
        let _ = writeln!(
            out,
            "{indent}  check {} on {}: {}{gate}",
            safe(&c.action),
            safe(&c.resource),
            decision_words(p, c.evaluation.decision)
        );
    }
}

fn path_lines(out: &mut String, p: &Paint, sc: &Scenario, path: &iamplay_core::paths::AccessPath, indent: &str) {
    let verdict = if path.allowed() { p.green("allowed") } else { p.dim("not allowed") };
    let _ = writeln!(out, "{indent}{} — {verdict}", safe(&path.description));
    for (i, h) in path.hops.iter().enumerate() {
        hop_line(out, p, sc, h, &format!("{indent}  {}. ", i + 1));
    }
}

pub fn render_paths(
    sc: &Scenario,
    principal: &str,
    action: &str,
    resource: &str,
    paths: &[iamplay_core::paths::AccessPath],
    color: bool,
) -> String {
    let p = Paint(color);
    let mut out = String::new();
    let any = paths.iter().any(|x| x.allowed());
    let _ = writeln!(
        out,
        "{} {}  {}  {}: {}",
        p.bold("paths of"),
        safe(principal),
        safe(action),
        safe(resource),
        if any { p.green("allowed by at least one path") } else { p.yellow("no path allows it") }
    );
    for path in paths {
        path_lines(&mut out, &p, sc, path, "  ");
    }
    out
}

pub fn render_who_can(
    sc: &Scenario,
    action: &str,
    resource: &str,
    who: &[iamplay_core::paths::WhoCan],
    color: bool,
) -> String {
    let p = Paint(color);
    let mut out = String::new();
    let _ = writeln!(out, "{} {} on {}: {} principal(s)", p.bold("who can"), safe(action), safe(resource), who.len());
    for w in who {
        let _ = writeln!(out, "  {} ({})", p.bold(&w.principal), safe(w.kind));
        for path in &w.paths {
            path_lines(&mut out, &p, sc, path, "    ");
        }
    }
    out
}
