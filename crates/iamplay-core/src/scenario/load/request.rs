//! One request of a scenario: its fields read, its principal resolved, its session
//! policies, instance profile and context, then prepared for evaluation.

use super::{Loader, REQUEST_FIELDS};
use crate::code::Code;
use crate::diagnostic::did_you_mean;
use crate::json::{Json, JsonValue};
use crate::policy::PolicyType;
use crate::scenario::prepare::{prepare_with, RequestSpec};
use crate::scenario::{quota, reference, Caller, Decision, PolicyId, Request};
use crate::source::Span;

impl Loader<'_> {
    pub(super) fn request(&mut self, json: &Json) -> Option<Request> {
        let members = self.object(json, "a request")?;
        self.fields(members, REQUEST_FIELDS, "a request");
        let errors_before = self.error_count();
        let principal_text = self.request_field(json, "principal", "add e.g. `\"principal\": \"user/alice\"`");
        let action = self.request_field(json, "action", "add e.g. `\"action\": \"s3:GetObject\"`").filter(|a| {
            let ok = a.contains(':') && !a.contains(['*', '?']);
            if !ok {
                let span = json.get("action").map_or(json.span, |m| m.value.span);
                self.error(
                    Code::RequestActionInvalid,
                    span,
                    format!("`{a}` is not an action"),
                    Some("a request names one action, as in `s3:GetObject` (no wildcards)"),
                );
            }
            ok
        });
        let resource =
            self.request_field(json, "resource", "add the resource's ARN, or `\"resource\": \"*\"`").filter(|r| {
                let chars = r.chars().count();
                let ok = chars <= crate::limits::ARN_CHARS;
                if !ok {
                    let span = json.get("resource").map_or(json.span, |m| m.value.span);
                    self.error(
                        Code::ValueTooLong,
                        span,
                        format!(
                            "this resource has {chars} characters; an ARN has at most {}",
                            crate::limits::ARN_CHARS
                        ),
                        Some("AWS accepts no longer ARN, so no request names one"),
                    );
                }
                ok
            });
        if let Some(a) = action.as_deref() {
            let span_of = |key: &str| json.get(key).map_or(json.span, |m| m.value.span);
            self.check_with_catalog(a, span_of("action"), resource.as_deref().map(|r| (r, span_of("resource"))));
        }
        let caller = self.caller(json, principal_text.as_deref());
        let session_policies = self.session_policies(json, caller.as_ref());
        let expect = self.expect(json);
        let instance_profile = self.instance_profile(json, caller.as_ref());
        let (Some(caller), Some(action), Some(resource)) = (caller, action, resource) else {
            return None;
        };
        let session_tags = match json.get("sessionTags") {
            Some(m) if matches!(caller, Caller::RoleSession { .. } | Caller::FederatedUser { .. }) => {
                self.tags(&m.value)
            }
            _ => Vec::new(),
        };
        let context = self.context(json);
        let spec = RequestSpec {
            span: json.span,
            principal_text: principal_text.unwrap_or_default(),
            caller,
            action,
            resource,
            session_tags,
            context,
            session_policies,
            instance_profile,
            expect,
        };
        let req = prepare_with(&self.sc, spec, &mut self.callers);
        let resource_span = json.get("resource").map_or(json.span, |m| m.value.span);
        self.check_target(&req, resource_span);
        if self.error_count() > errors_before {
            return None;
        }
        Some(req)
    }

    /// A string field every request has (`principal`, `action`, `resource`).
    fn request_field(&mut self, json: &Json, key: &str, help: &str) -> Option<String> {
        match json.get(key) {
            Some(m) => self.string(&m.value, &format!("`{key}`")),
            None => {
                let message = format!("the request has no `{key}`");
                self.error(Code::RequestFieldMissing, json.span.start_point(), message, Some(help));
                None
            }
        }
    }

    /// Who makes the request: its principal resolved (with `sessionName` and, for a
    /// federated user, `federatedBy`); fields that do not apply to it are reported.
    fn caller(&mut self, json: &Json, principal_text: Option<&str>) -> Option<Caller> {
        let session_name = json.get("sessionName").and_then(|m| self.string(&m.value, "`sessionName`"));
        let mut caller = match (principal_text, json.get("principal")) {
            (Some(text), Some(m)) => match reference::resolve(&self.sc, text, session_name.as_deref(), None) {
                Ok(c) => Some(c),
                Err((msg, help)) => {
                    self.error(Code::ReferenceUnknown, m.value.span, msg, help.as_deref());
                    None
                }
            },
            _ => None,
        };
        if let Some(m) = json.get("federatedBy") {
            let name = self.string(&m.value, "`federatedBy`").unwrap_or_default();
            match &mut caller {
                Some(Caller::FederatedUser { account, by_user, .. }) => {
                    let users: Vec<String> = self
                        .sc
                        .accounts
                        .get(*account)
                        .map(|a| a.users.iter().map(|u| u.name.clone()).collect())
                        .unwrap_or_default();
                    *by_user = users.iter().position(|u| *u == name);
                    if by_user.is_none() {
                        let help = did_you_mean(&name, users.iter().map(String::as_str)).map_or_else(
                            || "name a user declared in the federated user's account".to_string(),
                            |s| format!("did you mean `{s}`?"),
                        );
                        self.error(
                            Code::ReferenceUnknown,
                            m.value.span,
                            format!("no user `{name}` is declared in the federated user's account"),
                            Some(&help),
                        );
                    }
                }
                Some(_) => self.warning(
                    Code::RequestFieldIgnored,
                    m.key_span,
                    "`federatedBy` only applies to a federated-user principal (`arn:aws:sts::ACCOUNT:federated-user/NAME`); it is ignored",
                    None,
                ),
                None => {}
            }
        }
        for field in ["sessionName", "sessionTags"] {
            let no_session = matches!(
                caller,
                Some(
                    Caller::User { .. }
                        | Caller::Root { .. }
                        | Caller::Anonymous
                        | Caller::Service(_)
                        | Caller::WebIdentity(_)
                )
            );
            if let (Some(m), true) = (json.get(field), no_session) {
                self.warning(
                    Code::RequestFieldIgnored,
                    m.key_span,
                    format!("`{field}` only applies to role sessions and federated users; it is ignored"),
                    None,
                );
            }
        }
        caller
    }

    /// The request's session policies (`sessionPolicy`), held to the session quotas.
    fn session_policies(&mut self, json: &Json, caller: Option<&Caller>) -> Vec<PolicyId> {
        let mut session_policies = Vec::new();
        let Some(m) = json.get("sessionPolicy") else { return session_policies };
        for (name, span) in self.one_or_more_strings(&m.value, "`sessionPolicy`") {
            if let Some(id) = self.policy_ref(&name, span, PolicyType::Session) {
                session_policies.push(id);
            }
        }
        let total: usize = session_policies
            .iter()
            .filter_map(|id| self.sc.policies.get(*id))
            .map(|p| p.policy.size_without_whitespace)
            .sum();
        if total > quota::SESSION_POLICY_CHARS {
            self.error(
                Code::PolicySize,
                m.value.span,
                format!(
                    "the session policies total {total} characters, above the limit of {}",
                    quota::SESSION_POLICY_CHARS
                ),
                None,
            );
        }
        if session_policies.len() > quota::SESSION_MANAGED_POLICIES {
            self.error(
                Code::QuotaSessionPolicies,
                m.value.span,
                format!("a session takes at most {} managed session policies", quota::SESSION_MANAGED_POLICIES),
                None,
            );
        }
        if caller.is_some_and(|c| !matches!(c, Caller::RoleSession { .. } | Caller::FederatedUser { .. })) {
            self.warning(
                Code::SessionPolicyIgnored,
                m.key_span,
                "only role sessions and federated users have session policies; this one is ignored",
                None,
            );
        }
        session_policies
    }

    fn expect(&mut self, json: &Json) -> Option<Decision> {
        let m = json.get("expect")?;
        let d = m.value.as_str().and_then(Decision::parse);
        if d.is_none() {
            self.error(
                Code::RequestExpectInvalid,
                m.value.span,
                "`expect` must be `Allow`, `ExplicitDeny` or `ImplicitDeny`",
                None,
            );
        }
        d
    }

    /// The instance profile a launch is made with, as (account, profile).
    fn instance_profile(&mut self, json: &Json, caller: Option<&Caller>) -> Option<(usize, usize)> {
        let m = json.get("instanceProfile")?;
        let name = self.string(&m.value, "`instanceProfile`");
        let acct = caller.and_then(Caller::account).unwrap_or(0);
        let found = name.as_ref().and_then(|n| {
            self.sc.accounts.get(acct).and_then(|a| a.instance_profiles.iter().position(|p| p.name == *n))
        });
        if found.is_none() {
            self.error(
                Code::ReferenceUnknown,
                m.value.span,
                format!("no instance profile `{}` is declared", name.unwrap_or_default()),
                None,
            );
        }
        found.map(|p| (acct, p))
    }

    /// The keys the request gives (`context`): key → values, each as text.
    fn context(&mut self, json: &Json) -> Vec<(String, Vec<String>)> {
        let mut context = Vec::new();
        let Some(m) = json.get("context") else { return context };
        for entry in self.object(&m.value, "`context` (key → value)").unwrap_or(&[]) {
            let values = match &entry.value.value {
                JsonValue::Array(items) => {
                    for bad in items.iter().filter(|i| i.scalar_text().is_none()) {
                        self.error(
                            Code::ScenarioType,
                            bad.span,
                            format!("a context value must be a string, number or boolean, not {}", bad.kind_name()),
                            None,
                        );
                    }
                    items.iter().filter_map(Json::scalar_text).collect()
                }
                _ => match entry.value.scalar_text() {
                    Some(t) => vec![t],
                    None => {
                        self.error(
                            Code::ScenarioType,
                            entry.value.span,
                            "a context value must be a string, number, boolean or a list of them",
                            None,
                        );
                        continue;
                    }
                },
            };
            context.push((entry.key.clone(), values));
        }
        context
    }

    /// Located problems with what a prepared request targets.
    pub(super) fn check_target(&mut self, req: &Request, resource_span: Span) {
        let resource = &req.resource;
        if req.trust_request && req.target_role.is_none() {
            if let Some(acct) = req.resource_account.and_then(|a| self.sc.accounts.get(a)) {
                let name = resource.rsplit('/').next().unwrap_or("");
                let declared = acct.roles.iter().position(|r| r.name == name);
                let help = match declared {
                    Some(r) => format!(
                        "the role `{name}` is declared with the ARN `{}`",
                        self.sc.role_arn(req.resource_account.unwrap_or(0), r)
                    ),
                    None => did_you_mean(name, acct.roles.iter().map(|r| r.name.as_str())).map_or_else(
                        || "declare the role under `roles`, with its `trust` policy".to_string(),
                        |s| format!("did you mean `{s}`?"),
                    ),
                };
                let id = acct.id.clone();
                self.error(
                    Code::ReferenceUnknown,
                    resource_span,
                    format!("no role matching `{resource}` is declared in account {id}"),
                    Some(&help),
                );
            }
        }
        if req.kms_key && req.resource_decl.is_none() {
            self.warning(
                Code::KmsKeyUndeclared,
                resource_span,
                "this KMS key is not declared, so it has no key policy and nobody has access to it",
                Some("declare it under `resources` with its key policy (the default one allows the account root, enabling IAM policies)".into()),
            );
        }
        if req.instance_profile.is_some() && req.action_lc != "ec2:runinstances" {
            self.warning(
                Code::RequestFieldIgnored,
                resource_span,
                "`instanceProfile` only applies to `ec2:RunInstances`; it is ignored",
                None,
            );
        }
    }
}
