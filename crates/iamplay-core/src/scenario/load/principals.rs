//! The principals of an account: users, groups, roles, instance profiles, instances,
//! declared resources and the organization, and other accounts declared beside it.

use super::{Loader, ACCOUNT_FIELDS, GROUP_FIELDS, ROLE_FIELDS, USER_FIELDS};
use crate::code::Code;
use crate::diagnostic::did_you_mean;
use crate::json::{self, Json, JsonValue, Member};
use crate::policy::PolicyType;
use crate::scenario::fields::{INSTANCE_FIELDS, INSTANCE_PROFILE_FIELDS, ORGANIZATION_FIELDS, RESOURCE_FIELDS};
use crate::scenario::quota;
use crate::scenario::{Account, Group, Instance, InstanceProfile, Organization, PolicyId, ResourceDecl, Role, User};

impl Loader<'_> {
    pub(super) fn account(&mut self, json: &Json, nested_in: Option<&str>) {
        let Some(members) = self.object(json, "the principals of an account") else {
            return;
        };
        let known: Vec<&str> = ACCOUNT_FIELDS
            .iter()
            .copied()
            .filter(|f| nested_in.is_none() || *f != "accounts" && *f != "account")
            .collect();
        self.fields(members, &known, "a principals object");
        let id = match (nested_in, json.get("account")) {
            (Some(id), _) => id.to_string(),
            (None, Some(m)) => self.string(&m.value, "`account`").unwrap_or_default(),
            (None, None) => {
                self.error(
                    Code::ScenarioFieldMissing,
                    json.span.start_point(),
                    "`principals` has no `account`",
                    Some("add `\"account\": \"111122223333\"`"),
                );
                "111122223333".to_string()
            }
        };
        if nested_in.is_none() && (id.len() != 12 || !id.bytes().all(|b| b.is_ascii_digit())) {
            let span = json.get("account").map_or(json.span.start_point(), |m| m.value.span);
            self.error(
                Code::AccountIdInvalid,
                span,
                format!("`{id}` is not an account id"),
                Some("an account id is 12 digits"),
            );
        }
        let index = self.sc.accounts.len();
        let mut acct = Account { id: id.clone(), ..Account::default() };
        if let Some(m) = json.get("orgId") {
            acct.org_id = self.string(&m.value, "`orgId`");
        }
        self.sc.accounts.push(acct);
        let prefix = if nested_in.is_some() { format!("{id}/") } else { String::new() };
        // groups first: users name them
        if let Some(m) = json.get("groups") {
            for g in self.object(&m.value, "groups (name → group)").unwrap_or(&[]) {
                let group = self.group(g, &prefix);
                if let Some(a) = self.sc.accounts.get_mut(index) {
                    a.groups.push(group);
                }
            }
        }
        if let Some(m) = json.get("users") {
            for u in self.object(&m.value, "users (name → user)").unwrap_or(&[]) {
                let user = self.user(u, index, &prefix);
                if let Some(a) = self.sc.accounts.get_mut(index) {
                    a.users.push(user);
                }
            }
        }
        if let Some(m) = json.get("roles") {
            for r in self.object(&m.value, "roles (name → role)").unwrap_or(&[]) {
                let role = self.role(r, &prefix);
                if let Some(a) = self.sc.accounts.get_mut(index) {
                    a.roles.push(role);
                }
            }
        }
        if let Some(m) = json.get("instanceProfiles") {
            for p in self.object(&m.value, "instance profiles (name → profile)").unwrap_or(&[]) {
                let profile = self.profile(p, index);
                if let Some(a) = self.sc.accounts.get_mut(index) {
                    a.instance_profiles.push(profile);
                }
            }
        }
        if let Some(m) = json.get("instances") {
            for i in self.object(&m.value, "instances (id → instance)").unwrap_or(&[]) {
                let inst = self.instance(i, index);
                if let Some(a) = self.sc.accounts.get_mut(index) {
                    a.instances.push(inst);
                }
            }
        }
        if let Some(m) = json.get("resources") {
            for r in self.object(&m.value, "resources (ARN → resource)").unwrap_or(&[]) {
                let decl = self.resource(r);
                if let Some(a) = self.sc.accounts.get_mut(index) {
                    a.resources.push(decl);
                }
            }
        }
        if let Some(m) = json.get("organization") {
            let org = self.organization(&m.value);
            if let Some(a) = self.sc.accounts.get_mut(index) {
                a.organization = org;
            }
        }
        for (field, what) in [("users", "user"), ("groups", "group"), ("roles", "role")] {
            let Some(members) = json.get(field).and_then(|m| m.value.as_object()) else { continue };
            for (_, m, first) in json::members_differing_in_case(members) {
                self.error(
                    Code::NameDuplicate,
                    m.key_span,
                    format!("the {what} `{}` differs from `{first}` only in letter case", m.key),
                    Some("IAM names are unique regardless of case: two such names cannot coexist in one account"),
                );
            }
        }
        if nested_in.is_none() {
            if let Some(m) = json.get("accounts") {
                for other in self.object(&m.value, "accounts (account id → principals)").unwrap_or(&[]) {
                    if self.sc.account_index(&other.key).is_some() {
                        self.error(
                            Code::AccountDuplicate,
                            other.key_span,
                            format!("the account `{}` is declared twice", other.key),
                            None,
                        );
                        continue;
                    }
                    if other.key.len() != 12 || !other.key.bytes().all(|b| b.is_ascii_digit()) {
                        self.error(
                            Code::AccountIdInvalid,
                            other.key_span,
                            format!("`{}` is not an account id", other.key),
                            Some("an account id is 12 digits"),
                        );
                    }
                    self.account(&other.value, Some(&other.key));
                }
            }
        }
    }

    pub(super) fn path(&mut self, json: &Json) -> String {
        match json.get("path").and_then(|m| self.string(&m.value, "`path`").map(|p| (p, m.value.span))) {
            Some((p, span)) => {
                if !p.starts_with('/') || !p.ends_with('/') {
                    self.error(Code::PathInvalid, span, format!("the path `{p}` must begin and end with `/`"), None);
                    "/".into()
                } else {
                    p
                }
            }
            None => "/".into(),
        }
    }

    pub(super) fn managed_list(&mut self, json: &Json, ty: PolicyType) -> Vec<PolicyId> {
        match json.get("policies") {
            Some(m) => {
                let names = self.one_or_more_strings(&m.value, "`policies`");
                names.into_iter().filter_map(|(n, s)| self.policy_ref(&n, s, ty)).collect()
            }
            None => Vec::new(),
        }
    }

    pub(super) fn single_ref(&mut self, json: &Json, field: &str, ty: PolicyType) -> Option<PolicyId> {
        let m = json.get(field)?;
        let name = self.string(&m.value, &format!("`{field}`"))?;
        self.policy_ref(&name, m.value.span, ty)
    }

    pub(super) fn group(&mut self, m: &Member, prefix: &str) -> Group {
        if let Some(members) = self.object(&m.value, "a group") {
            // a group's members are named on each user, as in IAM (AddUserToGroup)
            let on_users = format!(
                "a group's members are named on each user: `\"users\": {{ \"alice\": {{ \"groups\": [\"{}\"] }} }}`",
                m.key
            );
            let helps = [("members", on_users.as_str()), ("users", on_users.as_str())];
            self.fields_helped(members, GROUP_FIELDS, "a group", &helps);
        }
        let mut policies = self.managed_list(&m.value, PolicyType::Identity);
        if let Some(JsonValue::Array(items)) = m.value.get("policies").map(|p| &p.value.value) {
            if items.len() > quota::GROUP_MANAGED_POLICIES {
                let span = m.value.get("policies").map_or(m.key_span, |p| p.value.span);
                self.error(
                    Code::QuotaManagedPolicies,
                    span,
                    format!(
                        "{} managed policies are attached, but a group takes at most {}",
                        items.len(),
                        quota::GROUP_MANAGED_POLICIES
                    ),
                    Some("this quota cannot be raised"),
                );
            }
        }
        if let Some(i) = m.value.get("inline") {
            let ids = self.inline(&i.value, &format!("{prefix}group/{}", m.key));
            self.inline_quota(&ids, quota::GROUP_INLINE_CHARS, "group", &m.key, i.key_span);
            policies.extend(ids);
        }
        Group { name: m.key.clone(), path: self.path(&m.value), policies }
    }

    pub(super) fn user(&mut self, m: &Member, account: usize, prefix: &str) -> User {
        if let Some(members) = self.object(&m.value, "a user") {
            self.fields(members, USER_FIELDS, "a user");
        }
        let mut user = User { name: m.key.clone(), path: self.path(&m.value), ..User::default() };
        if let Some(g) = m.value.get("groups") {
            for (name, span) in self.one_or_more_strings(&g.value, "`groups`") {
                let groups = self
                    .sc
                    .accounts
                    .get(account)
                    .map(|a| a.groups.iter().map(|g| g.name.clone()).collect::<Vec<_>>())
                    .unwrap_or_default();
                match groups.iter().position(|g| *g == name) {
                    Some(i) => user.groups.push(i),
                    None => {
                        let help = did_you_mean(&name, groups.iter().map(String::as_str)).map_or_else(
                            || "declare it under `groups`".to_string(),
                            |s| format!("did you mean `{s}`?"),
                        );
                        self.error(
                            Code::ReferenceUnknown,
                            span,
                            format!("no group `{name}` is declared in this account"),
                            Some(&help),
                        );
                    }
                }
            }
            if user.groups.len() > quota::USER_GROUPS {
                let message = format!("a user can be in at most {} groups", quota::USER_GROUPS);
                self.error(Code::QuotaGroups, g.value.span, message, None);
            }
        }
        user.policies = self.managed_list(&m.value, PolicyType::Identity);
        if let Some(i) = m.value.get("inline") {
            let ids = self.inline(&i.value, &format!("{prefix}user/{}", m.key));
            self.inline_quota(&ids, quota::USER_INLINE_CHARS, "user", &m.key, i.key_span);
            user.policies.extend(ids);
        }
        user.boundary = self.single_ref(&m.value, "boundary", PolicyType::Boundary);
        if let Some(t) = m.value.get("tags") {
            user.tags = self.tags(&t.value);
        }
        self.managed_quota(&m.value, "user");
        user
    }

    pub(super) fn role(&mut self, m: &Member, prefix: &str) -> Role {
        if let Some(members) = self.object(&m.value, "a role") {
            self.fields(members, ROLE_FIELDS, "a role");
        }
        let mut role = Role { name: m.key.clone(), path: self.path(&m.value), ..Role::default() };
        role.trust = self.single_ref(&m.value, "trust", PolicyType::Trust);
        role.policies = self.managed_list(&m.value, PolicyType::Identity);
        if let Some(i) = m.value.get("inline") {
            let ids = self.inline(&i.value, &format!("{prefix}role/{}", m.key));
            self.inline_quota(&ids, quota::ROLE_INLINE_CHARS, "role", &m.key, i.key_span);
            role.policies.extend(ids);
        }
        role.boundary = self.single_ref(&m.value, "boundary", PolicyType::Boundary);
        if let Some(t) = m.value.get("tags") {
            role.tags = self.tags(&t.value);
        }
        self.managed_quota(&m.value, "role");
        role
    }

    pub(super) fn profile(&mut self, m: &Member, account: usize) -> InstanceProfile {
        let mut profile = InstanceProfile { name: m.key.clone(), role: None };
        if let Some(members) = self.object(&m.value, "an instance profile") {
            self.fields(members, INSTANCE_PROFILE_FIELDS, "an instance profile");
        }
        match m.value.get("role") {
            Some(r) => match &r.value.value {
                JsonValue::String(name) => {
                    let roles: Vec<String> = self
                        .sc
                        .accounts
                        .get(account)
                        .map(|a| a.roles.iter().map(|r| r.name.clone()).collect())
                        .unwrap_or_default();
                    profile.role = roles.iter().position(|r| r == name);
                    if profile.role.is_none() {
                        let help = did_you_mean(name, roles.iter().map(String::as_str))
                            .map_or_else(|| "declare it under `roles`".to_string(), |s| format!("did you mean `{s}`?"));
                        self.error(
                            Code::ReferenceUnknown,
                            r.value.span,
                            format!("the instance profile `{}` names the role `{name}`, which is not declared", m.key),
                            Some(&help),
                        );
                    }
                }
                JsonValue::Array(_) => self.error(
                    Code::ProfileOneRole,
                    r.value.span,
                    "an instance profile holds exactly one role",
                    Some("name one role; this limit cannot be raised"),
                ),
                _ => self.error(Code::ScenarioType, r.value.span, "`role` must be a role name", None),
            },
            None => self.error(
                Code::ScenarioFieldMissing,
                m.value.span.start_point(),
                format!("the instance profile `{}` names no `role`", m.key),
                None,
            ),
        }
        profile
    }

    pub(super) fn instance(&mut self, m: &Member, account: usize) -> Instance {
        if let Some(members) = self.object(&m.value, "an instance") {
            self.fields(members, INSTANCE_FIELDS, "an instance");
        }
        let mut inst = Instance { id: m.key.clone(), ..Instance::default() };
        if let Some(p) = m.value.get("profile") {
            if let Some(name) = self.string(&p.value, "`profile`") {
                let profiles: Vec<String> = self
                    .sc
                    .accounts
                    .get(account)
                    .map(|a| a.instance_profiles.iter().map(|p| p.name.clone()).collect())
                    .unwrap_or_default();
                inst.profile = profiles.iter().position(|p| *p == name);
                if inst.profile.is_none() {
                    self.error(
                        Code::ReferenceUnknown,
                        p.value.span,
                        format!("no instance profile `{name}` is declared"),
                        None,
                    );
                }
            }
        }
        if let Some(r) = m.value.get("region") {
            inst.region = self.string(&r.value, "`region`");
        }
        if let Some(t) = m.value.get("tags") {
            inst.tags = self.tags(&t.value);
        }
        inst
    }

    pub(super) fn resource(&mut self, m: &Member) -> ResourceDecl {
        if let Some(members) = self.object(&m.value, "a resource") {
            self.fields(members, RESOURCE_FIELDS, "a resource");
        }
        if m.key == "*" {
            self.error(
                Code::ResourceArnInvalid,
                m.key_span,
                "`*` cannot be declared as a resource",
                Some("declare each resource by its ARN"),
            );
        } else if !m.key.starts_with("arn:") {
            self.error(
                Code::ResourceArnInvalid,
                m.key_span,
                format!("`{}` is not an ARN", m.key),
                Some("resources are declared by ARN, e.g. `arn:aws:s3:::my-bucket`"),
            );
        }
        let is_role =
            m.key.starts_with("arn:aws:iam:") && m.key.split(':').nth(5).is_some_and(|r| r.starts_with("role/"));
        if let (true, Some(p)) = (is_role, m.value.get("policy")) {
            self.error(
                Code::ResourceRolePolicy,
                p.key_span,
                "a role's resource-based policy is its trust policy",
                Some("declare the role under `roles` and name its policy in `trust`"),
            );
        }
        let policy = if is_role { None } else { self.single_ref(&m.value, "policy", PolicyType::Resource) };
        let tags = m.value.get("tags").map(|t| self.tags(&t.value)).unwrap_or_default();
        ResourceDecl { arn: m.key.clone(), policy, tags }
    }

    pub(super) fn organization(&mut self, json: &Json) -> Organization {
        let mut org = Organization::default();
        if let Some(members) = self.object(json, "an organization") {
            self.fields(members, ORGANIZATION_FIELDS, "an organization");
        }
        if let Some(m) = json.get("management") {
            match m.value.value {
                JsonValue::Bool(b) => org.management = b,
                _ => self.error(Code::ScenarioType, m.value.span, "`management` must be `true` or `false`", None),
            }
        }
        for (field, ty) in [("scps", PolicyType::Scp), ("rcps", PolicyType::Rcp)] {
            let Some(m) = json.get(field) else { continue };
            let JsonValue::Array(levels) = &m.value.value else {
                self.error(
                    Code::ScenarioType,
                    m.value.span,
                    format!(
                        "`{field}` must be a list of levels, from the root to the account, each a list of policy names"
                    ),
                    None,
                );
                continue;
            };
            let mut out = Vec::new();
            for level in levels {
                let names = self.one_or_more_strings(level, "an organization level");
                out.push(names.into_iter().filter_map(|(n, s)| self.policy_ref(&n, s, ty)).collect());
            }
            if ty == PolicyType::Scp {
                org.scps = out;
            } else {
                org.rcps = out;
            }
        }
        org
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn members_on_a_group_get_the_way_to_name_them() {
        let sc = crate::scenario::load_parts(
            "{}",
            r#"{"account": "111122223333", "groups": {"devs": {"members": ["alice"]}}, "users": {"alice": {}}}"#,
            "[]",
        );
        let d = sc.diagnostics.iter().find(|d| d.message.contains("`members`")).expect("a warning on members");
        assert_eq!(d.severity, crate::diagnostic::Severity::Warning);
        assert_eq!(
            d.help.as_deref(),
            Some(r#"a group's members are named on each user: `"users": { "alice": { "groups": ["devs"] } }`"#)
        );
    }
}
