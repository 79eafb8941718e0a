//! Does one statement apply to a request? Every part is evaluated (action, resource,
//! principal, each condition) so the explanation can say why a statement did or did
//! not apply, not only the first reason.

use crate::arn::ArnGlob;
use crate::condition::ConditionOutcome;
use crate::policy::{ArnKind, Effect, PrincipalBlock, PrincipalValue, Statement};
use crate::scenario::{CallerFacts, PolicyId, Request, Scenario};
use std::borrow::Cow;

/// How a principal entry covers the caller (docs/semantics.md §2.5, used by §6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Grant {
    /// The account: delegates to the account's identity policies.
    Account,
    /// The role's ARN, matching one of its sessions: limited by boundary and session policy.
    ViaRole,
    /// The user's ARN, matching a federated session the user created: limited.
    ViaUser,
    /// The caller itself (user, session, federated user, service) or everyone.
    Direct,
}

impl Grant {
    pub fn as_str(self) -> &'static str {
        match self {
            Grant::Account => "account",
            Grant::ViaRole => "role",
            Grant::ViaUser => "parent-user",
            Grant::Direct => "direct",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct PartMatch {
    pub matched: bool,
    /// The pattern (index in the element's list) that matched, if any. Patterns with
    /// policy variables are compared after substitution; one whose variable has no value
    /// matches nothing.
    pub by: Option<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PrincipalMatch {
    pub matched: bool,
    pub by: Option<usize>,
    pub grant: Option<Grant>,
    /// `Deny` + `NotPrincipal` applies to every principal that has a permissions boundary.
    pub boundary_rule: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StatementTrace {
    pub index: usize,
    pub effect: Option<Effect>,
    /// False when an error makes the statement impossible to evaluate.
    pub evaluated: bool,
    pub action: Option<PartMatch>,
    /// None when the statement has no `Resource` (a resource-based or trust policy:
    /// it applies to the resource it is attached to).
    pub resource: Option<PartMatch>,
    pub principal: Option<PrincipalMatch>,
    /// One outcome per condition clause, in order (stored inline: statements rarely
    /// have more than a few clauses).
    pub conditions: smallvec::SmallVec<[ConditionOutcome; 6]>,
    pub applies: bool,
    /// False when the action did not match and the resource and conditions were left
    /// unevaluated: nothing else could make the statement apply. [`explained`]
    /// evaluates them for an explanation.
    pub whole: bool,
}

impl StatementTrace {
    pub fn allows(&self) -> bool {
        self.applies && self.effect == Some(Effect::Allow)
    }

    pub fn denies(&self) -> bool {
        self.applies && self.effect == Some(Effect::Deny)
    }

    pub fn grant(&self) -> Option<Grant> {
        self.principal.as_ref().and_then(|p| p.grant)
    }
}

/// How much of a statement to evaluate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Depth {
    /// What the decision needs: the rest is skipped when the action does not match.
    Decision,
    /// Every part, for an explanation.
    Whole,
}

pub fn evaluate_statement(st: &Statement, broken: bool, req: &Request, depth: Depth) -> StatementTrace {
    let caller = &req.facts;
    let action = st.action.as_ref().map(|a| {
        let by = a.patterns.iter().position(|p| p.glob.is_match(&req.action_lc));
        PartMatch { matched: by.is_some() != a.negated, by }
    });
    if depth == Depth::Decision && action.as_ref().is_some_and(|a| !a.matched) {
        let principal = st.principal.as_ref().map(|p| match_principal(p, st.effect, caller));
        let evaluated = !broken && st.effect.is_some();
        let conditions = smallvec::SmallVec::new();
        let (index, effect, resource) = (st.index, st.effect, None);
        return StatementTrace {
            index,
            effect,
            evaluated,
            action,
            resource,
            principal,
            conditions,
            applies: false,
            whole: false,
        };
    }
    let resource = st.resource.as_ref().map(|r| {
        let by = r.patterns.iter().position(|p| match &p.glob {
            Some(g) => g.is_match(&req.resource),
            None => ArnGlob::template_matches(&p.template, &req.context, &req.resource) == Some(true),
        });
        PartMatch { matched: by.is_some() != r.negated, by }
    });
    let principal = st.principal.as_ref().map(|p| match_principal(p, st.effect, caller));
    let conditions: smallvec::SmallVec<[ConditionOutcome; 6]> =
        st.conditions.iter().map(|c| c.evaluate(&req.context)).collect();
    // an unknown operator or unreadable value is an error that marks the statement broken
    let evaluated = !broken && st.effect.is_some();
    let applies = evaluated
        && action.as_ref().is_some_and(|a| a.matched)
        && resource.as_ref().is_none_or(|r| r.matched)
        && principal.as_ref().is_none_or(|p| p.matched)
        && conditions.iter().all(|c| c.matched);
    StatementTrace {
        index: st.index,
        effect: st.effect,
        evaluated,
        action,
        resource,
        principal,
        conditions,
        applies,
        whole: true,
    }
}

/// The trace of statement `t` of `policy` with every part evaluated, for an explanation
/// (the decision's trace skips what cannot change it).
pub fn explained<'t>(sc: &Scenario, req: &Request, policy: PolicyId, t: &'t StatementTrace) -> Cow<'t, StatementTrace> {
    if t.whole {
        return Cow::Borrowed(t);
    }
    let Some(entry) = sc.policies.get(policy) else { return Cow::Borrowed(t) };
    let Some(st) = entry.policy.statement(t.index) else { return Cow::Borrowed(t) };
    let broken = entry.broken.get(st.index).copied().unwrap_or(true);
    Cow::Owned(evaluate_statement(st, broken, req, Depth::Whole))
}

/// How one principal entry covers the caller, if it does.
fn entry_grant(value: &PrincipalValue, caller: &CallerFacts) -> Option<Grant> {
    match value {
        PrincipalValue::Everyone => Some(Grant::Direct),
        PrincipalValue::Account(a) => (caller.account.as_deref() == Some(a.as_str())).then_some(Grant::Account),
        PrincipalValue::Arn { kind, arn, .. } => match kind {
            ArnKind::User if caller.arn.as_deref() == Some(arn) => Some(Grant::Direct),
            ArnKind::User if caller.parent_user_arn.as_deref() == Some(arn) => Some(Grant::ViaUser),
            ArnKind::Role => (caller.role_arn.as_deref() == Some(arn)).then_some(Grant::ViaRole),
            ArnKind::AssumedRole | ArnKind::FederatedUser => {
                (caller.arn.as_deref() == Some(arn)).then_some(Grant::Direct)
            }
            _ => None,
        },
        PrincipalValue::Service(s) => (caller.service.as_deref() == Some(s.as_str())).then_some(Grant::Direct),
        PrincipalValue::UniqueId(id) => match caller.unique_id.as_deref() {
            Some(u) if u == id && caller.role_arn.is_some() => Some(Grant::ViaRole),
            Some(u) if u == id => Some(Grant::Direct),
            _ => None,
        },
        PrincipalValue::Federated(p) => (caller.web_identity.as_deref() == Some(p.as_str())).then_some(Grant::Direct),
        PrincipalValue::CanonicalUser(_) | PrincipalValue::Invalid => None,
    }
}

fn match_principal(block: &PrincipalBlock, effect: Option<Effect>, caller: &CallerFacts) -> PrincipalMatch {
    if !block.negated {
        let best = block
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| entry_grant(&e.value, caller).map(|g| (g, i)))
            .max_by_key(|(g, i)| (*g, usize::MAX - i));
        return PrincipalMatch {
            matched: best.is_some(),
            by: best.map(|(_, i)| i),
            grant: best.map(|(g, _)| g),
            boundary_rule: false,
        };
    }
    // NotPrincipal: the caller is excluded only when every identity AWS may check —
    // session, role or user, account — is listed (docs/semantics.md §2.5).
    let listed = |pred: &dyn Fn(&PrincipalValue) -> bool| block.entries.iter().position(|e| pred(&e.value));
    let everyone = listed(&|v| *v == PrincipalValue::Everyone);
    let own = caller.arn.as_deref().and_then(|arn| {
        listed(&|v| matches!(v, PrincipalValue::Arn { arn: a, .. } if a == arn)).or_else(|| {
            // the root user is the account itself
            arn.ends_with(":root")
                .then(|| {
                    listed(
                        &|v| matches!(v, PrincipalValue::Account(a) if caller.account.as_deref() == Some(a.as_str())),
                    )
                })
                .flatten()
        })
    });
    let service =
        caller.service.as_deref().and_then(|s| listed(&|v| matches!(v, PrincipalValue::Service(x) if x == s)));
    let role =
        caller.role_arn.as_deref().map(|r| listed(&|v| matches!(v, PrincipalValue::Arn { arn: a, .. } if a == r)));
    let account =
        caller.account.as_deref().map(|acct| listed(&|v| matches!(v, PrincipalValue::Account(a) if a == acct)));
    let excluded = everyone.is_some()
        || service.is_some()
        || (own.is_some() && role.is_none_or(|r| r.is_some()) && account.is_none_or(|a| a.is_some()));
    let boundary_rule = effect == Some(Effect::Deny) && caller.has_boundary;
    // "NotPrincipal must be used with "Effect":"Deny". Using it with "Effect":"Allow" is
    // not supported." (IAM User Guide, NotPrincipal): such a statement grants nothing
    let matched = effect != Some(Effect::Allow) && (!excluded || boundary_rule);
    PrincipalMatch {
        matched,
        by: None,
        grant: matched.then_some(Grant::Direct),
        boundary_rule: boundary_rule && excluded,
    }
}

/// Whether some `Allow` statement of `policy` could apply to `caller` doing `action_lc`
/// (principal and action only): a cheap test before a full evaluation.
pub fn may_allow(policy: &crate::policy::Policy, action_lc: &str, caller: &CallerFacts) -> bool {
    policy.statements.iter().any(|st| {
        st.effect == Some(Effect::Allow)
            && st.action.as_ref().is_some_and(|a| a.patterns.iter().any(|p| p.glob.is_match(action_lc)) != a.negated)
            && st.principal.as_ref().is_some_and(|p| match_principal(p, st.effect, caller).matched)
    })
}
