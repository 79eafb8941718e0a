//! One lint rule per file (see `lint/mod.rs` for the shape of their docs).

pub mod action_service_unknown;
pub mod action_unknown;
pub mod condition_bool_case;
pub mod condition_date_epoch;
pub mod condition_forallvalues_single;
pub mod condition_key_format;
pub mod condition_key_unknown;
pub mod condition_key_unsupported;
pub mod condition_multivalued_without_set;
pub mod condition_operator_type;
pub mod condition_sourceip_private;
pub mod condition_wildcard_without_like;
pub mod passrole_wide;
pub mod resource_arn_account;
pub mod resource_arn_format;
pub mod resource_type_mismatch;
pub mod resource_wildcard_type;

pub mod action_redundant;
pub mod condition_arn_stringlike;
pub mod condition_audience_qualifier;
pub mod condition_dynamodb_attributes;
pub mod condition_ip_host_bits;
pub mod condition_key_irrelevant;
pub mod condition_key_spoofable;
pub mod condition_null_qualifier;
pub mod condition_numeric_redundant;
pub mod condition_s3_prefix_negated;
pub mod condition_sensitive_wildcard;
pub mod condition_tag_notaction;
pub mod condition_tag_unsupported;
pub mod condition_vpc_format;
pub mod condition_vpce_services;
pub mod condition_vpcsourceip_unpaired;
pub mod condition_wildcard_only;
pub mod create_slr_wide;
pub mod principal_federated_format;
pub mod principal_federated_resource;
pub mod principal_service_format;
pub mod principal_unique_id;
pub mod rcp_action_service;
pub mod rcp_condition_service_principals;
pub mod resource_redundant;
pub mod resource_service_unrestricted;
pub mod sid_empty;
pub mod statement_duplicate;
pub mod trust_federated_action;
pub mod trust_oidc_unconditioned;
pub mod trust_principal_redundant;
pub mod trust_rolesanywhere_actions;

use crate::condition::operator::Operator;
use crate::condition::{CondValue, Condition};
use crate::pattern::Glob;
use crate::policy::{Policy, Statement, Version};
use crate::vocabulary::Vocabulary;

/// Whether an `Allow` statement grants `action` (lowercase, `iam:passrole`): its `Action`
/// covers it, or its `NotAction` does not.
pub(super) fn allows_action(st: &Statement, action: &str) -> bool {
    let Some(block) = st.action.as_ref() else { return false };
    st.effect == Some(crate::policy::Effect::Allow)
        && block.negated != block.patterns.iter().any(|p| p.glob.is_match(action))
}

/// Whether a statement is about every resource: `"Resource": "*"`, or `NotResource`.
pub(super) fn on_every_resource(st: &Statement) -> bool {
    st.resource.as_ref().is_some_and(|r| r.negated || r.patterns.iter().any(|p| p.raw == "*"))
}

/// Whether the statement has a condition on `key` (any operator).
pub(super) fn has_condition_on(st: &Statement, key: &str) -> bool {
    st.conditions.iter().any(|c| c.key.eq_ignore_ascii_case(key))
}

/// Every condition clause of the policy whose operator is known.
pub(super) fn clauses(policy: &Policy) -> impl Iterator<Item = (&Condition, &Operator)> {
    policy.statements.iter().flat_map(clauses_of)
}

/// Every condition clause of one statement whose operator is known.
pub(super) fn clauses_of(st: &Statement) -> impl Iterator<Item = (&Condition, &Operator)> {
    st.conditions.iter().filter_map(|c| c.operator.as_ref().map(|op| (c, op)))
}

/// Whether a clause with this operator may hold when its key is absent: as the evaluator
/// decides it ([`Operator::holds_without_key`]), and `Null`, which may test for that.
pub(super) fn holds_without_key(op: &Operator) -> bool {
    op.holds_without_key() || op.compare == crate::condition::operator::Compare::Null
}

/// Whether a condition value holds a policy variable (only the 2012-10-17 language has them).
pub(super) fn has_variable(policy: &Policy, value: &CondValue) -> bool {
    policy.version == Version::V2012 && value.raw.contains("${")
}

/// The actions AWS's catalog lists that a statement's `Action` covers (`s3:Get*`
/// expanded), each as (service as the statement writes it, action as AWS writes it), when
/// all of them can be known: None for `NotAction`, a `*` service, an unknown service, a
/// variable, or a pattern the catalog has no action for.
pub(super) fn listed_actions<'s, 'a>(st: &'s Statement, aws: &'a dyn Vocabulary) -> Option<Vec<(&'s str, &'a str)>> {
    let block = st.action.as_ref().filter(|b| !b.negated)?;
    let mut actions = Vec::new();
    for p in &block.patterns {
        let (service, covered) = actions_of(&p.raw, aws)?;
        actions.extend(covered.into_iter().map(|a| (service, a)));
    }
    (!actions.is_empty()).then_some(actions)
}

/// The actions AWS's catalog lists that one action pattern covers, with the service as
/// the pattern writes it: None for a `*` service, an unknown service, a variable, or a
/// pattern the catalog has no action for (`action-unknown`).
pub(super) fn actions_of<'s, 'a>(raw: &'s str, aws: &'a dyn Vocabulary) -> Option<(&'s str, Vec<&'a str>)> {
    let (service, name) = raw.split_once(':')?; // `*`: every action of every service
    if service.contains(['*', '?', '$']) || name.contains('$') {
        return None;
    }
    aws.service_name(service)?;
    let prefix = name.strip_suffix('*').filter(|p| !p.contains(['*', '?']));
    let actions: Vec<&str> = if let Some(prefix) = prefix {
        // the usual pattern (`Describe*`): a prefix, which the catalog answers from its index
        aws.actions_starting(service, prefix)
    } else if name.contains(['*', '?']) {
        let glob = Glob::new(&name.to_ascii_lowercase());
        let mut lower = String::new(); // one buffer for every name compared
        aws.actions(service)
            .into_iter()
            .filter(|a| {
                lower.clear();
                lower.extend(a.chars().map(|c| c.to_ascii_lowercase()));
                glob.is_match(&lower)
            })
            .collect()
    } else {
        aws.action_name(service, name).into_iter().collect()
    };
    (!actions.is_empty()).then_some((service, actions))
}
