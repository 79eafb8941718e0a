//! Does one statement apply to a request? Every part is evaluated (action, resource,
//! principal, each condition) so the explanation can say why a statement did or did
//! not apply, not only the first reason.

use super::CallerFacts;
use crate::arn::ArnGlob;
use crate::condition::ConditionOutcome;
use crate::policy::{ArnKind, Effect, PrincipalBlock, PrincipalValue, Statement};
use crate::scenario::Request;

/// How a principal entry covers the caller (SEMANTICS.md §2.5, used by §6).
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
    /// The pattern (index in the element's list) that matched, if any.
    pub by: Option<usize>,
    /// For patterns with policy variables: each pattern after substitution (None: a
    /// variable had no value, so the pattern matches nothing).
    pub substituted: Option<Vec<Option<String>>>,
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
    pub conditions: Vec<ConditionOutcome>,
    pub applies: bool,
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

pub fn evaluate_statement(
    st: &Statement,
    broken: bool,
    req: &Request,
    caller: &CallerFacts,
) -> StatementTrace {
    let action = st.action.as_ref().map(|a| {
        let by = a
            .patterns
            .iter()
            .position(|p| p.glob.is_match(&req.action_lc));
        PartMatch {
            matched: by.is_some() != a.negated,
            by,
            substituted: None,
        }
    });
    let resource = st.resource.as_ref().map(|r| {
        let mut substituted: Option<Vec<Option<String>>> = None;
        let mut by = None;
        for (i, p) in r.patterns.iter().enumerate() {
            let hit = match &p.glob {
                Some(g) => g.is_match(&req.resource),
                None => {
                    let g = ArnGlob::build(&p.template, &req.context);
                    let subs = substituted.get_or_insert_with(|| {
                        r.patterns
                            .iter()
                            .map(|q| q.glob.is_some().then(|| q.raw.clone()))
                            .collect()
                    });
                    if let Some(slot) = subs.get_mut(i) {
                        *slot = p.template.expand(&req.context).map(|s| s.into_owned());
                    }
                    g.is_some_and(|g| g.is_match(&req.resource))
                }
            };
            if hit && by.is_none() {
                by = Some(i);
                if substituted.is_none() && !r.patterns.iter().any(|q| q.glob.is_none()) {
                    break;
                }
            }
        }
        PartMatch {
            matched: by.is_some() != r.negated,
            by,
            substituted,
        }
    });
    let principal = st
        .principal
        .as_ref()
        .map(|p| match_principal(p, st.effect, caller));
    let conditions: Vec<ConditionOutcome> = st
        .conditions
        .iter()
        .map(|c| c.evaluate(&req.context))
        .collect();
    let evaluated =
        !broken && st.effect.is_some() && st.conditions.iter().all(|c| c.is_evaluable());
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
    }
}

/// How one principal entry covers the caller, if it does.
fn entry_grant(value: &PrincipalValue, caller: &CallerFacts) -> Option<Grant> {
    match value {
        PrincipalValue::Everyone => Some(Grant::Direct),
        PrincipalValue::Account(a) => {
            (caller.account.as_deref() == Some(a.as_str())).then_some(Grant::Account)
        }
        PrincipalValue::Arn { kind, arn, .. } => match kind {
            ArnKind::User if caller.arn.as_deref() == Some(arn) => Some(Grant::Direct),
            ArnKind::User if caller.parent_user_arn.as_deref() == Some(arn) => Some(Grant::ViaUser),
            ArnKind::Role => (caller.role_arn.as_deref() == Some(arn)).then_some(Grant::ViaRole),
            ArnKind::AssumedRole | ArnKind::FederatedUser => {
                (caller.arn.as_deref() == Some(arn)).then_some(Grant::Direct)
            }
            _ => None,
        },
        PrincipalValue::Service(s) => {
            (caller.service.as_deref() == Some(s.as_str())).then_some(Grant::Direct)
        }
        PrincipalValue::UniqueId(id) => match caller.unique_id.as_deref() {
            Some(u) if u == id && caller.role_arn.is_some() => Some(Grant::ViaRole),
            Some(u) if u == id => Some(Grant::Direct),
            _ => None,
        },
        PrincipalValue::Federated(_)
        | PrincipalValue::CanonicalUser(_)
        | PrincipalValue::Invalid => None,
    }
}

fn match_principal(
    block: &PrincipalBlock,
    effect: Option<Effect>,
    caller: &CallerFacts,
) -> PrincipalMatch {
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
    // session, role or user, account — is listed (SEMANTICS.md §2.5).
    let listed =
        |pred: &dyn Fn(&PrincipalValue) -> bool| block.entries.iter().position(|e| pred(&e.value));
    let everyone = listed(&|v| *v == PrincipalValue::Everyone);
    let own = caller.arn.as_deref().and_then(|arn| listed(&|v| matches!(v, PrincipalValue::Arn { arn: a, .. } if a == arn)).or_else(|| {
        // the root user is the account itself
        arn.ends_with(":root").then(|| listed(&|v| matches!(v, PrincipalValue::Account(a) if caller.account.as_deref() == Some(a.as_str())))).flatten()
    }));
    let service = caller
        .service
        .as_deref()
        .and_then(|s| listed(&|v| matches!(v, PrincipalValue::Service(x) if x == s)));
    let role = caller
        .role_arn
        .as_deref()
        .map(|r| listed(&|v| matches!(v, PrincipalValue::Arn { arn: a, .. } if a == r)));
    let account = caller
        .account
        .as_deref()
        .map(|acct| listed(&|v| matches!(v, PrincipalValue::Account(a) if a == acct)));
    let excluded = everyone.is_some()
        || service.is_some()
        || (own.is_some()
            && role.is_none_or(|r| r.is_some())
            && account.is_none_or(|a| a.is_some()));
    let boundary_rule = effect == Some(Effect::Deny) && caller.has_boundary;
    let matched = !excluded || boundary_rule;
    PrincipalMatch {
        matched,
        by: None,
        grant: matched.then_some(Grant::Direct),
        boundary_rule: boundary_rule && excluded,
    }
}
