//! What AWS decides whatever the policies say: the few requests that need no permission,
//! and the changes AWS refuses to protected resources. Each list is closed and says
//! which documentation page it comes from; the policies are still evaluated, so the
//! explanation shows what they alone would give.

use crate::aws_managed;
use crate::scenario::{Caller, Request};

/// Actions that need no permission and cannot be denied. STS API reference,
/// GetCallerIdentity: "No permissions are required to perform this operation. If an
/// administrator attaches a policy to your identity that explicitly denies access to the
/// sts:GetCallerIdentity action, you can still perform this operation."
/// (<https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html>)
const NEED_NO_PERMISSION: &[&str] = &["sts:getcalleridentity"];

/// Changes refused on a service-linked role (`role/aws-service-role/…`): "service-linked
/// roles are protected AWS resources. Only the service that depends on the service-linked
/// role can modify or delete the role" (the `UnmodifiableEntity` error of these APIs;
/// IAM User Guide, "Using service-linked roles": the trust and permissions policies and
/// the boundary cannot be changed in IAM). Descriptions and tags may be changed.
const SERVICE_LINKED_ROLE_CHANGES: &[&str] = &[
    "iam:updateassumerolepolicy",
    "iam:putrolepolicy",
    "iam:deleterolepolicy",
    "iam:attachrolepolicy",
    "iam:detachrolepolicy",
    "iam:putrolepermissionsboundary",
    "iam:deleterolepermissionsboundary",
    "iam:deleterole",
    "iam:updaterole",
    "iam:addroletoinstanceprofile",
    "iam:removerolefrominstanceprofile",
];

/// Changes refused on a role under `/aws-reserved/` (IAM Identity Center's
/// `AWSReservedSSO_…` roles): "this role is only modifiable by AWS" (IAM Identity Center
/// User Guide, Troubleshooting); their tags are managed through Identity Center only
/// (API_Tag). Passing them to a service is refused too: only Identity Center uses them.
const RESERVED_ROLE_CHANGES: &[&str] = &[
    "iam:updateassumerolepolicy",
    "iam:putrolepolicy",
    "iam:deleterolepolicy",
    "iam:attachrolepolicy",
    "iam:detachrolepolicy",
    "iam:putrolepermissionsboundary",
    "iam:deleterolepermissionsboundary",
    "iam:deleterole",
    "iam:updaterole",
    "iam:updateroledescription",
    "iam:tagrole",
    "iam:untagrole",
    "iam:passrole",
];

/// Alias changes refused for `alias/aws/…` (AWS managed keys): CreateAlias "The alias
/// name cannot begin with alias/aws/. The alias/aws/ prefix is reserved for AWS managed
/// keys"; UpdateAlias "You don't have permission to associate an alias with an AWS
/// managed key"; the KMS Developer Guide, deleting aliases: "You cannot manage aliases for
/// AWS managed keys".
const AWS_KMS_ALIAS_CHANGES: &[&str] = &["kms:createalias", "kms:deletealias", "kms:updatealias"];

/// A protection AWS enforces whatever the policies say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protection {
    AwsManagedPolicy,
    ServiceLinkedRole,
    ReservedRole,
    AwsKmsAlias,
}

/// What AWS decides on its own for a request, if anything.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Override {
    /// Allowed without any permission.
    NeedsNoPermission,
    /// Refused, to protect this.
    Refused(Protection),
}

fn role_path(resource: &str) -> Option<&str> {
    resource.strip_prefix("arn:aws:iam::")?.split_once(':')?.1.strip_prefix("role/")
}

pub fn override_for(req: &Request) -> Option<Override> {
    let action = req.action_lc.as_str();
    let authenticated = matches!(
        req.caller,
        Caller::User { .. } | Caller::RoleSession { .. } | Caller::FederatedUser { .. } | Caller::Root { .. }
    );
    if NEED_NO_PERMISSION.contains(&action) && authenticated {
        return Some(Override::NeedsNoPermission);
    }
    let resource = req.resource.as_str();
    if aws_managed::is_arn(resource) && aws_managed::POLICY_CHANGES.contains(&action) {
        return Some(Override::Refused(Protection::AwsManagedPolicy));
    }
    if let Some(path) = role_path(resource) {
        if path.starts_with("aws-service-role/") && SERVICE_LINKED_ROLE_CHANGES.contains(&action) {
            return Some(Override::Refused(Protection::ServiceLinkedRole));
        }
        if path.starts_with("aws-reserved/") && RESERVED_ROLE_CHANGES.contains(&action) {
            return Some(Override::Refused(Protection::ReservedRole));
        }
    }
    let alias = resource.split_once(":alias/").map(|(_, a)| a).filter(|_| resource.starts_with("arn:aws:kms:"));
    if alias.is_some_and(|a| a.starts_with("aws/")) && AWS_KMS_ALIAS_CHANGES.contains(&action) {
        return Some(Override::Refused(Protection::AwsKmsAlias));
    }
    None
}
