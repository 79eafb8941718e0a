//! The field names of the scenario format (docs/scenario.md), per object: what the loader
//! accepts (any other field is a located warning with "did you mean") and what the editors
//! offer as completions.

/// The default account's principals object (an account under `accounts` has neither
/// `account` nor `accounts`).
pub(crate) const ACCOUNT_FIELDS: &[&str] = &[
    "account",
    "orgId",
    "users",
    "groups",
    "roles",
    "instanceProfiles",
    "instances",
    "resources",
    "organization",
    "accounts",
];
pub(crate) const USER_FIELDS: &[&str] = &["path", "groups", "policies", "inline", "boundary", "tags"];
pub(crate) const GROUP_FIELDS: &[&str] = &["path", "policies", "inline"];
pub(crate) const ROLE_FIELDS: &[&str] = &["path", "trust", "policies", "inline", "boundary", "tags"];
pub(crate) const REQUEST_FIELDS: &[&str] = &[
    "principal",
    "action",
    "resource",
    "context",
    "sessionName",
    "sessionTags",
    "sessionPolicy",
    "instanceProfile",
    "expect",
    "federatedBy",
];

pub(crate) const INSTANCE_PROFILE_FIELDS: &[&str] = &["role"];
pub(crate) const INSTANCE_FIELDS: &[&str] = &["profile", "region", "tags"];
pub(crate) const RESOURCE_FIELDS: &[&str] = &["policy", "tags"];
pub(crate) const ORGANIZATION_FIELDS: &[&str] = &["scps", "rcps", "management"];
