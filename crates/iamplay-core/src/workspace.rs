//! The playground's workspace: its three editor texts in, what it shows out — every
//! diagnostic placed in its editor (UTF-16 offsets, as browser editors count), and for
//! each request its decision, deciding statements (with their ranges for highlighting),
//! the blocking gate, the per-statement trace, missing and derived context keys. This is
//! the work of one keystroke; it lives here, with no browser types, so it is benchmarked
//! and fuzzed natively and the web app only renders its result.

use crate::aws_managed::{NoData, Provider};
use crate::decision::{Evaluation, StatementTrace};
use crate::policy::Effect;
use crate::report::evaluate_all;
use crate::scenario::{load_parts_with, Decision, Request, Scenario};
use crate::source::Span;

#[derive(Clone, Debug, PartialEq)]
pub struct Diag {
    pub editor: &'static str,
    pub severity: &'static str,
    pub code: &'static str,
    pub message: String,
    pub help: Option<String>,
    pub line: usize,
    pub column: usize,
    /// UTF-16 offsets in the editor's text (what CodeMirror counts).
    pub from: usize,
    pub to: usize,
}

/// A place in an editor.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub editor: &'static str,
    pub from: usize,
    pub to: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Deciding {
    /// `policy#index`
    pub label: String,
    pub policy_type: &'static str,
    pub sid: Option<String>,
    pub deny: bool,
    pub place: Option<Place>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StatementRow {
    pub label: String,
    pub sid: Option<String>,
    pub effect: &'static str,
    pub verdict: &'static str,
    pub applies: bool,
    /// One line per part: action, resource, principal, each condition.
    pub parts: Vec<(bool, String)>,
    pub place: Option<Place>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PolicyRows {
    pub name: String,
    pub policy_type: &'static str,
    pub via: String,
    /// An AWS managed policy named by ARN: `AWS managed, v7`.
    pub aws_managed: Option<String>,
    pub statements: Vec<StatementRow>,
}

/// One check of a launch, with its own request's context and statements.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckView {
    /// `iam:PassRole on arn:aws:iam::111122223333:role/web`
    pub what: String,
    pub decision: Decision,
    pub blocked_by: Option<String>,
    pub context: Vec<(String, String, &'static str)>,
    pub policies: Vec<PolicyRows>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ResultView {
    pub principal: String,
    /// The instance profile a launch (`ec2:RunInstances`) is made with.
    pub instance_profile: Option<String>,
    pub action: String,
    pub resource: String,
    pub decision: Decision,
    pub complete: bool,
    pub deciding: Vec<Deciding>,
    pub blocked_by: Option<String>,
    pub missing_keys: Vec<String>,
    /// Of those, the keys a request for the action never carries (by AWS's catalog, when
    /// there is one): no value given to the request changes what they decide.
    pub missing_never_carried: Vec<String>,
    pub context: Vec<(String, String, &'static str)>,
    pub notes: Vec<String>,
    /// Every statement in play (for a launch: empty, each check has its own).
    pub policies: Vec<PolicyRows>,
    /// A launch with an instance profile: `ec2:RunInstances`, then `iam:PassRole`, each
    /// decided on its own request.
    pub checks: Vec<CheckView>,
    pub conflict: Option<String>,
    pub expect: Option<Decision>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct ViewModel {
    /// One per request written; None when the request could not be read.
    pub results: Vec<Option<ResultView>>,
    /// The first diagnostics, as many as people are shown
    /// ([`crate::limits::SHOWN_DIAGNOSTICS`]) ...
    pub diagnostics: Vec<Diag>,
    /// ... and how many more there are.
    pub more_diagnostics: usize,
    pub has_errors: bool,
    /// AWS managed policies named by ARN whose documents are still on their way: while
    /// any is, nothing is decided (`results` is empty).
    pub pending_aws: Vec<String>,
    /// Counts evaluations (the speed measurement watches it change).
    pub revision: u64,
}

static REVISION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Where a span is in its editor (UTF-16 offsets).
pub fn place(sc: &Scenario, span: Span) -> Place {
    Place {
        editor: span.source.editor(),
        from: sc.sources.utf16_offset(span.source, span.start),
        to: sc.sources.utf16_offset(span.source, span.end),
    }
}

pub fn compute(policies: &str, principals: &str, requests: &str) -> ViewModel {
    compute_with(policies, principals, requests, &NoData)
}

/// The same, AWS managed policies named by ARN taken from `aws`.
pub fn compute_with(policies: &str, principals: &str, requests: &str, aws: &dyn Provider) -> ViewModel {
    let sc = load_parts_with(policies, principals, requests, aws);
    let shown = crate::limits::SHOWN_DIAGNOSTICS;
    let more_diagnostics = sc.diagnostics.len().saturating_sub(shown);
    let diagnostics = sc.diagnostics.iter().take(shown).map(|d| diag(&sc, d)).collect();
    // never a decision made without a document it needs
    let results = if sc.pending_aws.is_empty() {
        let evaluations = evaluate_all(&sc);
        sc.requests
            .iter()
            .zip(&evaluations)
            .map(|(r, e)| Some(result_view(&sc, r.as_ref()?, e.as_ref()?, aws.vocabulary())))
            .collect()
    } else {
        Vec::new()
    };
    let revision = REVISION.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
    ViewModel {
        results,
        diagnostics,
        more_diagnostics,
        has_errors: sc.has_errors(),
        pending_aws: sc.pending_aws.clone(),
        revision,
    }
}

/// A diagnostic as an editor shows it.
fn diag(sc: &Scenario, d: &crate::diagnostic::Diagnostic) -> Diag {
    let p = place(sc, d.span);
    let pos = sc.sources.position(d.span.source, d.span.start);
    Diag {
        editor: p.editor,
        severity: d.severity.as_str(),
        code: d.code.as_str(),
        // a name or value quoted in a message could reverse or hide the rest of it
        message: crate::report::visible::visible(&d.message).into_owned(),
        help: d.help.as_deref().map(|h| crate::report::visible::visible(h).into_owned()),
        line: pos.line,
        column: pos.column,
        from: p.from,
        to: p.to,
    }
}

/// Whether a diagnostic of this code is made only with the linter or AWS's catalog: a
/// lint rule's finding, or a request's action or resource the catalog does not know.
pub fn needs_linter(code: crate::code::Code) -> bool {
    use crate::code::Code;
    crate::lint::is_finding(code) || matches!(code, Code::RequestActionUnknown | Code::RequestResourceType)
}

/// The diagnostics of the three texts that only the linter or AWS's catalog make
/// ([`needs_linter`]), as many as people are shown, and how many more there are: what
/// the playground's second module answers after each decision, when its first module
/// (whose provider lints nothing and has no catalog) has made all the others.
pub fn lint_findings(policies: &str, principals: &str, requests: &str, aws: &dyn Provider) -> (Vec<Diag>, usize) {
    let sc = load_parts_with(policies, principals, requests, aws);
    let mut found = sc.diagnostics.iter().filter(|d| needs_linter(d.code));
    let shown: Vec<Diag> = found.by_ref().take(crate::limits::SHOWN_DIAGNOSTICS).map(|d| diag(&sc, d)).collect();
    (shown, found.count())
}

/// Diagnostics made for the text `before` of `editor`, carried into its text `after`:
/// those of other editors, and those wholly before or after the edited part, kept (moved
/// with the text after it, line and column included); those that touch it, dropped. So
/// findings made for a text a moment old stay where their text is while it is edited.
pub fn carry(diags: &[Diag], editor: &str, before: &str, after: &str) -> Vec<Diag> {
    if before == after {
        return diags.to_vec();
    }
    let (start, old_end, new_end) = edited(before, after);
    let utf16 = |text: &str, to: usize| text.get(..to).map_or(0, |t| t.encode_utf16().count());
    let (start16, old_end16, new_end16) = (utf16(before, start), utf16(before, old_end), utf16(after, new_end));
    let old_at = crate::source::LineIndex::new(before).position(old_end);
    let new_at = crate::source::LineIndex::new(after).position(new_end);
    diags
        .iter()
        .filter_map(|d| {
            if d.editor != editor || d.to <= start16 {
                return Some(d.clone());
            }
            if d.from < old_end16 {
                return None;
            }
            let mut d = d.clone();
            d.from = d.from.saturating_sub(old_end16).saturating_add(new_end16);
            d.to = d.to.saturating_sub(old_end16).saturating_add(new_end16);
            if d.line == old_at.line {
                d.column = d.column.saturating_sub(old_at.column).saturating_add(new_at.column);
            }
            d.line = d.line.saturating_sub(old_at.line).saturating_add(new_at.line);
            Some(d)
        })
        .collect()
}

/// Where two texts differ: the byte offset where the edit starts, and where it ends in
/// each (the longest common start and end, on character boundaries).
fn edited(before: &str, after: &str) -> (usize, usize, usize) {
    let prefix = before
        .char_indices()
        .zip(after.chars())
        .find(|((_, a), b)| a != b)
        .map_or_else(|| before.len().min(after.len()), |((i, _), _)| i);
    let max_suffix = before.len().min(after.len()) - prefix;
    let suffix = before
        .char_indices()
        .rev()
        .zip(after.chars().rev())
        .take_while(|((i, a), b)| a == b && before.len() - i <= max_suffix)
        .last()
        .map_or(0, |((i, _), _)| before.len() - i);
    (prefix, before.len() - suffix, after.len() - suffix)
}

fn statement_place(sc: &Scenario, policy: usize, index: usize) -> Option<(Place, Option<String>)> {
    let st = sc.policies.get(policy)?.policy.statement(index)?;
    Some((place(sc, st.span), st.sid().map(str::to_string)))
}

fn result_view(
    sc: &Scenario,
    req: &Request,
    ev: &Evaluation,
    vocabulary: Option<&dyn crate::vocabulary::Vocabulary>,
) -> ResultView {
    let deciding = ev
        .decided_by
        .iter()
        .map(|s| {
            let found = statement_place(sc, s.policy, s.statement);
            let effect = sc.policies.get(s.policy).and_then(|p| p.policy.statement(s.statement)).and_then(|x| x.effect);
            Deciding {
                label: format!("{}#{}", sc.policy_name(s.policy), s.statement),
                policy_type: crate::report::policy_type_of(ev, s.policy).unwrap_or(""),
                sid: found.as_ref().and_then(|(_, sid)| sid.clone()),
                deny: effect == Some(Effect::Deny),
                place: found.map(|(p, _)| p),
            }
        })
        .collect();
    // a launch's checks each hold their own statements, compared with their own request
    let requests = [Some(req), req.pass_role.as_deref()];
    let checks: Vec<CheckView> = ev
        .checks
        .iter()
        .zip(requests)
        .filter_map(|(c, r)| {
            Some(CheckView {
                what: format!("{} on {}", c.action, c.resource),
                decision: c.evaluation.decision,
                blocked_by: c.evaluation.blocked_by.map(|g| g.layer.as_str().to_string()),
                context: context_rows(r?),
                policies: policy_rows(sc, r?, &c.evaluation),
            })
        })
        .collect();
    let policies = if checks.is_empty() { policy_rows(sc, req, ev) } else { Vec::new() };
    ResultView {
        principal: req.principal_text.clone(),
        instance_profile: req
            .instance_profile
            .and_then(|(a, p)| sc.accounts.get(a)?.instance_profiles.get(p))
            .map(|p| p.name.clone()),
        action: req.action.clone(),
        resource: req.resource.clone(),
        decision: ev.decision,
        complete: ev.complete,
        deciding,
        blocked_by: ev.blocked_by.map(|g| match g.level {
            Some(l) => format!("{} (organization level {l})", g.layer.as_str()),
            None => g.layer.as_str().to_string(),
        }),
        missing_keys: ev.missing_keys.clone(),
        missing_never_carried: vocabulary
            .map(|v| crate::vocabulary::never_carried(v, &req.action, &ev.missing_keys))
            .unwrap_or_default()
            .into_iter()
            .map(str::to_string)
            .collect(),
        context: context_rows(req),
        notes: ev.notes.iter().map(crate::report::words::note).collect(),
        checks,
        conflict: ev.conflict.map(|c| crate::report::words::conflict(c).to_string()),
        policies,
        expect: req.expect,
    }
}

fn policy_rows(sc: &Scenario, req: &Request, ev: &Evaluation) -> Vec<PolicyRows> {
    ev.policies
        .iter()
        .map(|t| PolicyRows {
            name: sc.policy_name(t.policy).to_string(),
            policy_type: t.ty.as_str(),
            via: crate::report::words::via(sc, t.via, t.ty, t.level),
            aws_managed: crate::report::words::aws_managed(sc, t.policy),
            statements: t.statements.iter().map(|s| statement_row(sc, req, t.policy, s)).collect(),
        })
        .collect()
}

fn context_rows(req: &Request) -> Vec<(String, String, &'static str)> {
    req.context
        .entries()
        .map(|e| {
            let origin = match e.origin {
                crate::context::Origin::Principal => "principal",
                crate::context::Origin::Session => "session",
                crate::context::Origin::Resource => "resource",
                crate::context::Origin::Request => "request",
            };
            (e.key.clone(), e.values.join(", "), origin)
        })
        .collect()
}

fn statement_row(sc: &Scenario, req: &Request, policy: usize, t: &StatementTrace) -> StatementRow {
    let parts = crate::report::words::statement_parts(sc, req, policy, t)
        .into_iter()
        .map(|p| (p.matched, format!("{}{}", p.what, p.how)))
        .collect();
    let found = statement_place(sc, policy, t.index);
    StatementRow {
        label: format!("{}#{}", sc.policy_name(policy), t.index),
        sid: found.as_ref().and_then(|(_, s)| s.clone()),
        effect: match t.effect {
            Some(Effect::Allow) => "Allow",
            Some(Effect::Deny) => "Deny",
            None => "?",
        },
        verdict: if !t.evaluated {
            "not evaluated (the statement has errors)"
        } else if t.applies {
            "applies"
        } else {
            "does not apply"
        },
        applies: t.applies,
        parts,
        place: found.map(|(p, _)| p),
    }
}

/// The same result without editor offsets (for rendering that need not follow them).
pub fn without_places(mut r: ResultView) -> ResultView {
    for d in &mut r.deciding {
        d.place = None;
    }
    let checks = r.checks.iter_mut().flat_map(|c| c.policies.iter_mut());
    for s in r.policies.iter_mut().chain(checks).flat_map(|p| p.statements.iter_mut()) {
        s.place = None;
    }
    r
}

#[cfg(test)]
mod tests {
    use super::{carry, edited, Diag};

    fn at(editor: &'static str, text: &str, what: &str) -> Diag {
        let start = text.find(what).unwrap_or(usize::MAX);
        let index = crate::source::LineIndex::new(text);
        let pos = index.position(start);
        let utf16 = |to: usize| text.get(..to).map_or(0, |t| t.encode_utf16().count());
        Diag {
            editor,
            severity: "warning",
            code: "action-unknown",
            message: what.to_string(),
            help: None,
            line: pos.line,
            column: pos.column,
            from: utf16(start),
            to: utf16(start + what.len()),
        }
    }

    #[test]
    fn the_edited_part_is_the_longest_common_start_and_end() {
        assert_eq!(edited("abcdef", "abXdef"), (2, 3, 3));
        assert_eq!(edited("abc", "abXc"), (2, 2, 3));
        assert_eq!(edited("aaa", "aaaa"), (3, 3, 4));
        assert_eq!(edited("aaaa", "aa"), (2, 4, 2));
        assert_eq!(edited("é1", "é2"), (2, 3, 3));
        assert_eq!(edited("", "x"), (0, 0, 1));
    }

    #[test]
    fn findings_before_and_after_an_edit_stay_on_their_text_and_those_in_it_go() {
        let before = "{\n  \"a\": \"s3:GetObjects\",\n  \"b\": \"ec2:Bad\", \"c\": \"iam:Worse\"\n}";
        let after = "{\n  \"a\": \"s3:GetObjects\",\n  \"b\": \"ec2:Bad\",\n\n  \"é\": 1, \"c\": \"iam:Worse\"\n}";
        let diags =
            [at("policies", before, "s3:GetObjects"), at("policies", before, "iam:Worse"), at("request", "x", "x")];
        let carried = carry(&diags, "policies", before, after);
        // each carried finding points at its text in the new one, line and column included
        assert_eq!(
            carried,
            [at("policies", after, "s3:GetObjects"), at("policies", after, "iam:Worse"), at("request", "x", "x")]
        );
        // typing inside a finding's text drops it (the next answer brings it back); text
        // typed just before or after it leaves it as it was
        let typed = before.replace("ec2:Bad", "ec2:Bxad");
        let dropped = carry(
            &[at("policies", before, "ec2:Bad"), at("policies", before, "iam:Worse")],
            "policies",
            before,
            &typed,
        );
        assert_eq!(dropped, [at("policies", &typed, "iam:Worse")]);
        let appended = before.replace("ec2:Bad\"", "ec2:Bad\" ");
        assert_eq!(
            carry(&[at("policies", before, "ec2:Bad")], "policies", before, &appended),
            [at("policies", &appended, "ec2:Bad")]
        );
        // another editor's edit moves nothing
        assert_eq!(carry(&diags, "principals", "a", "ab"), diags);
    }
}
