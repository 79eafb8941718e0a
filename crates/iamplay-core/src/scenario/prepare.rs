//! Preparing a request: who the caller is for principal matching, the request context
//! as AWS would derive it (principal, session and resource keys), which account owns
//! the resource and which resource-based policy applies. Used by the scenario loader
//! and by questions that build requests of their own (access paths, who-can).

use super::*;
use crate::aws_managed;
use crate::context::{unique_id, Origin};
use std::collections::HashMap;
use std::sync::Arc;

/// What a request is made of, before preparation.
#[derive(Clone, Debug)]
pub struct RequestSpec {
    pub span: Span,
    pub principal_text: String,
    pub caller: Caller,
    pub action: String,
    pub resource: String,
    pub session_tags: Vec<(String, String)>,
    /// Keys given in the request; they override derived ones.
    pub context: Vec<(String, Vec<String>)>,
    pub session_policies: Vec<PolicyId>,
    pub instance_profile: Option<(usize, usize)>,
    pub expect: Option<Decision>,
}

impl RequestSpec {
    pub fn new(
        caller: Caller,
        principal_text: impl Into<String>,
        action: impl Into<String>,
        resource: impl Into<String>,
    ) -> Self {
        RequestSpec {
            span: Span::new(SourceId::File, 0, 0),
            principal_text: principal_text.into(),
            caller,
            action: action.into(),
            resource: resource.into(),
            session_tags: Vec::new(),
            context: Vec::new(),
            session_policies: Vec::new(),
            instance_profile: None,
            expect: None,
        }
    }
}

/// The context keys derived from each caller, made once and shared by every request
/// that caller makes (a batch of requests by a few principals holds one copy each).
#[derive(Default)]
pub struct CallerContexts(HashMap<Caller, Arc<RequestContext>>);

impl CallerContexts {
    fn of(&mut self, sc: &Scenario, caller: &Caller) -> Arc<RequestContext> {
        if let Some(shared) = self.0.get(caller) {
            return Arc::clone(shared);
        }
        let mut derived = RequestContext::new();
        derive_principal_context(sc, caller, &mut derived);
        let shared = Arc::new(derived);
        self.0.insert(caller.clone(), Arc::clone(&shared));
        shared
    }
}

/// Prepares a request against a loaded scenario.
pub fn prepare(sc: &Scenario, spec: RequestSpec) -> Request {
    prepare_with(sc, spec, &mut CallerContexts::default())
}

/// [`prepare`], sharing the caller-derived keys of requests prepared with `callers`
/// (valid while the scenario's principals do not change).
pub fn prepare_with(sc: &Scenario, spec: RequestSpec, callers: &mut CallerContexts) -> Request {
    let mut context = RequestContext::on(callers.of(sc, &spec.caller));
    if matches!(spec.caller, Caller::RoleSession { .. } | Caller::FederatedUser { .. }) {
        for (k, v) in &spec.session_tags {
            context.set_one(&format!("aws:PrincipalTag/{k}"), v.clone(), Origin::Session);
        }
    }
    let action_lc = spec.action.to_ascii_lowercase();
    let resource = spec.resource;
    let (resource_account, resource_decl, target_role) = locate_resource(sc, &resource, &spec.caller, &spec.action);
    let is_role_arn =
        resource.starts_with("arn:aws:iam::") && resource.split(':').nth(5).is_some_and(|r| r.starts_with("role/"));
    let trust_request = is_trust_action(&action_lc) && is_role_arn;
    let kms_key = resource.starts_with("arn:aws:kms:")
        && resource.split(':').nth(5).is_some_and(|r| r.starts_with("key/"))
        && resource_account.is_some_and(|a| {
            sc.accounts.get(a).is_some_and(|acct| resource.split(':').nth(4) == Some(acct.id.as_str()))
        });
    derive_resource_context(sc, &resource, resource_account, resource_decl, &mut context);
    for (k, v) in spec.context {
        context.set(&k, v, Origin::Request);
    }
    let launch = match spec.instance_profile {
        Some((a, p)) if action_lc == "ec2:runinstances" => {
            let role = sc.accounts.get(a).and_then(|acct| acct.instance_profiles.get(p)).and_then(|p| p.role);
            role.map(|r| {
                let mut pass = RequestSpec::new(
                    spec.caller.clone(),
                    spec.principal_text.clone(),
                    "iam:PassRole",
                    sc.role_arn(a, r),
                );
                pass.span = spec.span;
                pass.session_tags = spec.session_tags.clone();
                pass.session_policies = spec.session_policies.clone();
                pass.context = context
                    .entries()
                    .filter(|e| e.origin == Origin::Request)
                    .map(|e| (e.key.clone(), e.values.clone()))
                    .chain(std::iter::once(("iam:PassedToService".to_string(), vec!["ec2.amazonaws.com".to_string()])))
                    .collect();
                Box::new(prepare_with(sc, pass, callers))
            })
        }
        _ => None,
    };
    Request {
        span: spec.span,
        principal_text: spec.principal_text,
        facts: CallerFacts::of(sc, &spec.caller),
        caller: spec.caller,
        action_lc,
        action: spec.action,
        resource,
        context,
        session_policies: spec.session_policies,
        resource_decl,
        resource_account,
        target_role,
        trust_request,
        kms_key,
        instance_profile: spec.instance_profile,
        pass_role: launch,
        expect: spec.expect,
    }
}

/// (owning account, declared resource, targeted role) of a request's resource.
pub(super) fn locate_resource(sc: &Scenario, resource: &str, caller: &Caller, action: &str) -> Located {
    let caller_account = caller.account().unwrap_or(0);
    if resource == "*" {
        return (Some(caller_account), None, None);
    }
    // an AWS managed policy belongs to no customer account, and has no resource-based
    // policy: reading it (or trying to change it) is decided in the caller's own account
    let action_lc = action.to_ascii_lowercase();
    let on_aws_policy = aws_managed::POLICY_READS.contains(&action_lc.as_str())
        || aws_managed::POLICY_CHANGES.contains(&action_lc.as_str());
    if aws_managed::is_arn(resource) && on_aws_policy {
        return (Some(caller_account), None, None);
    }
    let parts: Vec<&str> = resource.splitn(6, ':').collect();
    let account_field = parts.get(4).copied().unwrap_or("");
    let owner = if account_field.is_empty() {
        // S3 and other ARNs without an account: the account that declares it (or its bucket)
        let bucket = bucket_arn(resource);
        sc.accounts
            .iter()
            .position(|a| a.resources.iter().any(|r| r.arn == resource || Some(r.arn.as_str()) == bucket.as_deref()))
            .or(Some(0))
    } else {
        sc.account_index(account_field)
    };
    let decl = owner.and_then(|a| {
        let acct = sc.accounts.get(a)?;
        let exact = acct.resources.iter().position(|r| r.arn == resource);
        let bucket = bucket_arn(resource);
        exact.or_else(|| acct.resources.iter().position(|r| Some(r.arn.as_str()) == bucket.as_deref())).map(|i| (a, i))
    });
    let is_trust = is_trust_action(&action.to_ascii_lowercase());
    let role = match (owner, parts.get(2), parts.get(5).and_then(|r| r.strip_prefix("role/"))) {
        (Some(a), Some(&"iam"), Some(path_name)) if is_trust => {
            let name = path_name.rsplit('/').next().unwrap_or(path_name);
            sc.accounts
                .get(a)
                .and_then(|acct| acct.roles.iter().position(|r| r.name == name))
                .filter(|r| sc.role_arn(a, *r) == resource)
                .map(|r| (a, r))
        }
        _ => None,
    };
    (owner, decl, role)
}

pub(super) fn derive_principal_context(sc: &Scenario, caller: &Caller, ctx: &mut RequestContext) {
    let p = Origin::Principal;
    let acct = |a: usize| sc.accounts.get(a);
    let common = |ctx: &mut RequestContext, a: usize| {
        if let Some(acct) = acct(a) {
            ctx.set_one("aws:PrincipalAccount", acct.id.clone(), p);
            if let Some(org) = &acct.org_id {
                ctx.set_one("aws:PrincipalOrgID", org.clone(), p);
            }
        }
        ctx.set_one("aws:PrincipalIsAWSService", "false", p);
    };
    match caller {
        Caller::User { account, user } => {
            let Some(u) = acct(*account).and_then(|a| a.users.get(*user)) else {
                return;
            };
            let id = acct(*account).map_or("", |a| a.id.as_str());
            ctx.set_one("aws:username", u.name.clone(), p);
            ctx.set_one("aws:userid", unique_id("AIDA", id, &u.name), p);
            ctx.set_one("aws:PrincipalArn", sc.user_arn(*account, *user), p);
            ctx.set_one("aws:PrincipalType", "User", p);
            common(ctx, *account);
            for (k, v) in &u.tags {
                ctx.set_one(&format!("aws:PrincipalTag/{k}"), v.clone(), p);
            }
        }
        Caller::RoleSession { account, role, session, instance } => {
            let Some(r) = acct(*account).and_then(|a| a.roles.get(*role)) else {
                return;
            };
            let id = acct(*account).map_or("", |a| a.id.as_str());
            ctx.set_one("aws:userid", format!("{}:{session}", unique_id("AROA", id, &r.name)), p);
            ctx.set_one("aws:PrincipalArn", sc.role_arn(*account, *role), p);
            ctx.set_one("aws:PrincipalType", "AssumedRole", p);
            common(ctx, *account);
            for (k, v) in &r.tags {
                ctx.set_one(&format!("aws:PrincipalTag/{k}"), v.clone(), p);
            }
            if let Some(inst) = instance.and_then(|i| acct(*account).and_then(|a| a.instances.get(i))) {
                if let Some(region) = &inst.region {
                    ctx.set_one("ec2:SourceInstanceARN", format!("arn:aws:ec2:{region}:{id}:instance/{}", inst.id), p);
                }
            }
        }
        Caller::FederatedUser { account, name, .. } => {
            let id = acct(*account).map_or("", |a| a.id.as_str()).to_string();
            ctx.set_one("aws:userid", format!("{id}:{name}"), p);
            ctx.set_one("aws:PrincipalArn", format!("arn:aws:sts::{id}:federated-user/{name}"), p);
            ctx.set_one("aws:PrincipalType", "FederatedUser", p);
            common(ctx, *account);
        }
        Caller::Root { account } => {
            let id = acct(*account).map_or("", |a| a.id.as_str()).to_string();
            ctx.set_one("aws:userid", id.clone(), p);
            ctx.set_one("aws:PrincipalArn", format!("arn:aws:iam::{id}:root"), p);
            ctx.set_one("aws:PrincipalType", "Account", p);
            common(ctx, *account);
        }
        Caller::WebIdentity(provider) => {
            ctx.set_one("aws:FederatedProvider", provider.clone(), p);
        }
        Caller::Anonymous => {
            ctx.set_one("aws:userid", "anonymous", p);
            ctx.set_one("aws:PrincipalAccount", "anonymous", p);
            ctx.set_one("aws:PrincipalType", "Anonymous", p);
        }
        Caller::Service(name) => {
            ctx.set_one("aws:PrincipalIsAWSService", "true", p);
            ctx.set_one("aws:PrincipalServiceName", name.clone(), p);
        }
    }
}

pub(super) fn derive_resource_context(
    sc: &Scenario,
    resource: &str,
    owner: Option<usize>,
    decl: Option<(usize, usize)>,
    ctx: &mut RequestContext,
) {
    let service = resource.split(':').nth(2).filter(|s| !s.is_empty());
    let mut tags: Vec<(String, String)> = Vec::new();
    if let Some((a, i)) = decl {
        if let Some(d) = sc.accounts.get(a).and_then(|acct| acct.resources.get(i)) {
            if d.arn == resource {
                tags.extend(d.tags.iter().cloned());
            }
        }
    }
    if let Some(acct) = owner.and_then(|a| sc.accounts.get(a)) {
        for inst in &acct.instances {
            let matches = resource.ends_with(&format!(":instance/{}", inst.id))
                && inst
                    .region
                    .as_ref()
                    .is_none_or(|r| resource == format!("arn:aws:ec2:{r}:{}:instance/{}", acct.id, inst.id));
            if matches {
                tags.extend(inst.tags.iter().cloned());
            }
        }
        if let Some(rest) = resource.strip_prefix(&format!("arn:aws:iam::{}:", acct.id)) {
            let name = rest.rsplit('/').next().unwrap_or("");
            if rest.starts_with("user/") {
                tags.extend(acct.users.iter().filter(|u| u.name == name).flat_map(|u| u.tags.iter().cloned()));
            } else if rest.starts_with("role/") {
                tags.extend(acct.roles.iter().filter(|r| r.name == name).flat_map(|r| r.tags.iter().cloned()));
            }
        }
    }
    for (k, v) in tags {
        ctx.set_one(&format!("aws:ResourceTag/{k}"), v.clone(), Origin::Resource);
        if let Some(svc) = service {
            ctx.set_one(&format!("{svc}:ResourceTag/{k}"), v, Origin::Resource);
        }
    }
}

/// (owning account, declared resource as (account, index), targeted role as (account, index))
type Located = (Option<usize>, Option<(usize, usize)>, Option<(usize, usize)>);

/// `arn:aws:s3:::bucket` for an S3 object ARN `arn:aws:s3:::bucket/key`.
fn bucket_arn(resource: &str) -> Option<String> {
    let rest = resource.strip_prefix("arn:aws:s3:::")?;
    let (bucket, _) = rest.split_once('/')?;
    Some(format!("arn:aws:s3:::{bucket}"))
}
