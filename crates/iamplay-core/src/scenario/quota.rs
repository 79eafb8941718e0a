//! IAM's quotas that a scenario is held to, in one table so each number is written once.
//! Sources: IAM User Guide, "IAM and AWS STS quotas"
//! (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html>); AWS
//! Organizations User Guide, "Quotas for AWS Organizations" (SCP and RCP size); Amazon S3
//! User Guide (bucket policy size). Characters are counted as IAM counts them: white space
//! outside strings is not counted, except for SCPs and RCPs, which count every character.

/// Letters, digits and `+=,.@_-` in a policy name, at most this many.
pub const POLICY_NAME_CHARS: usize = 128;

/// Managed policies attached to one group (cannot be raised).
pub const GROUP_MANAGED_POLICIES: usize = 10;
/// Groups one user can be in.
pub const USER_GROUPS: usize = 10;
/// Managed policies attached to one user or role, by default ...
pub const MANAGED_POLICIES_DEFAULT: usize = 10;
/// ... and at most, on request.
pub const MANAGED_POLICIES_RAISED: usize = 20;

/// All inline policies of one user together.
pub const USER_INLINE_CHARS: usize = 2048;
/// All inline policies of one group together.
pub const GROUP_INLINE_CHARS: usize = 5120;
/// All inline policies of one role together.
pub const ROLE_INLINE_CHARS: usize = 10_240;

/// A customer managed policy (also used as a permissions boundary or session policy).
pub const MANAGED_POLICY_CHARS: usize = 6144;
/// A role trust policy, by default ...
pub const TRUST_POLICY_CHARS: usize = 2048;
/// ... and at most, on request.
pub const TRUST_POLICY_CHARS_RAISED: usize = 4096;
/// An SCP or an RCP (every character counts).
pub const ORGANIZATION_POLICY_CHARS: usize = 5120;
/// A resource-based policy: each service sets its own; S3 bucket policies hold 20 KB.
pub const RESOURCE_POLICY_CHARS: usize = 20_480;

/// The session policies of one session together (the packed size is not modelled).
pub const SESSION_POLICY_CHARS: usize = 2048;
/// Managed session policies one session takes.
pub const SESSION_MANAGED_POLICIES: usize = 10;
