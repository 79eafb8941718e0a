//! What the linter knows of condition keys without the AWS catalog: the global keys that
//! carry one value and those that carry several (IAM User Guide, "AWS global condition
//! context keys": the keys marked single-valued and multivalued).

/// Global condition keys that are single-valued (ForAllValues on them is a trap).
const SINGLE_VALUED: &[&str] = &[
    "aws:username",
    "aws:userid",
    "aws:principalarn",
    "aws:principalaccount",
    "aws:principaltype",
    "aws:principalorgid",
    "aws:sourceip",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:securetransport",
    "aws:currenttime",
    "aws:epochtime",
    "aws:requestedregion",
    "aws:multifactorauthpresent",
    "aws:sourcearn",
    "aws:sourceaccount",
];

/// Global and common service keys that carry several values.
const MULTIVALUED: &[&str] =
    &["aws:tagkeys", "aws:calledvia", "aws:principalservicenameslist", "aws:principalorgpaths", "dynamodb:attributes"];

/// Tag keys: one value each.
const SINGLE_VALUED_PREFIXES: &[&str] = &["aws:resourcetag/", "aws:requesttag/", "aws:principaltag/"];

pub fn is_multivalued(key: &str) -> bool {
    MULTIVALUED.contains(&key.to_ascii_lowercase().as_str())
}

pub fn is_single_valued(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    SINGLE_VALUED.contains(&k.as_str()) || SINGLE_VALUED_PREFIXES.iter().any(|p| k.starts_with(p))
}
