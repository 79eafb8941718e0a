//! Reading a scenario: the file (one JSON document) or the playground's three editor
//! texts, into a [`Scenario`] with located diagnostics for anything wrong or unknown.

use super::prepare::{prepare, RequestSpec};
use super::reference;
use super::*;
use crate::diagnostic::did_you_mean;
use crate::json::read::{Reader, SCENARIO};
use crate::json::{self, Json, JsonValue, Member};
use crate::policy::{parse_policy, validate_for};
use std::collections::HashMap;

const TOP_FIELDS: &[&str] = &["formatVersion", "policies", "principals", "requests", "request", "awsManagedPolicies"];
const ACCOUNT_FIELDS: &[&str] = &[
    "account",
    "orgId",
    "users",
    "groups",
    "roles",
    "instanceProfiles",
    "instances",
    "resources",
    "organization",
    "accounts",
];
const USER_FIELDS: &[&str] = &["path", "groups", "policies", "inline", "boundary", "tags"];
const GROUP_FIELDS: &[&str] = &["path", "policies", "inline"];
const ROLE_FIELDS: &[&str] = &["path", "trust", "policies", "inline", "boundary", "tags"];
const REQUEST_FIELDS: &[&str] = &[
    "principal",
    "action",
    "resource",
    "context",
    "sessionName",
    "sessionTags",
    "sessionPolicy",
    "instanceProfile",
    "expect",
    "federatedBy",
];

/// Reads a scenario file (CLI, imports). Never fails: problems become diagnostics.
pub fn load_file(text: &str) -> Scenario {
    let mut l = Loader::new();
    l.sc.sources.add(SourceId::File, text);
    let json = match json::parse(text, SourceId::File) {
        Ok(j) => j,
        Err(d) => {
            l.push(d);
            return l.finish();
        }
    };
    let Some(members) = l.object(&json, "a scenario") else {
        return l.finish();
    };
    l.fields(members, TOP_FIELDS, "a scenario");
    if let Some(v) = json.get("formatVersion") {
        if v.value.scalar_text().as_deref() != Some("1") {
            l.error(
                "scenario-format-version",
                v.value.span,
                "this scenario's `formatVersion` is not supported (this version reads 1)",
                None,
            );
        }
    }
    let policies = json.get("policies").map(|m| &m.value);
    let principals = json.get("principals").map(|m| &m.value);
    if principals.is_none() {
        l.error(
            "scenario-field-missing",
            json.span.start_point(),
            "the scenario has no `principals`",
            Some("add `\"principals\": {\"account\": \"111122223333\", \"users\": {...}}`"),
        );
    }
    let requests = match (json.get("requests"), json.get("request")) {
        (Some(m), Some(other)) => {
            l.error("scenario-field-conflict", other.key_span, "give `requests` or `request`, not both", None);
            Some(&m.value)
        }
        (Some(m), None) | (None, Some(m)) => Some(&m.value),
        (None, None) => None,
    };
    if let Some(m) = json.get("awsManagedPolicies") {
        l.aws_managed = l.one_or_more_strings(&m.value, "`awsManagedPolicies`").into_iter().map(|(n, _)| n).collect();
    }
    l.build(policies, principals, requests);
    l.finish()
}

/// Reads the playground's three editor texts: the `policies` object, the `principals`
/// object, and one request or a list of them.
pub fn load_parts(policies: &str, principals: &str, requests: &str) -> Scenario {
    let mut l = Loader::new();
    l.sc.sources.add(SourceId::Policies, policies);
    l.sc.sources.add(SourceId::Principals, principals);
    l.sc.sources.add(SourceId::Request, requests);
    let parse = |text: &str, id: SourceId, l: &mut Loader| -> Option<Json> {
        if text.trim().is_empty() && id == SourceId::Policies {
            return None;
        }
        match json::parse(text, id) {
            Ok(j) => Some(j),
            Err(d) => {
                l.push(d);
                None
            }
        }
    };
    let p = parse(policies, SourceId::Policies, &mut l);
    let pr = parse(principals, SourceId::Principals, &mut l);
    let r = parse(requests, SourceId::Request, &mut l);
    l.build(p.as_ref(), pr.as_ref(), r.as_ref());
    l.finish()
}

struct Loader {
    sc: Scenario,
    /// Reads the JSON, and holds every diagnostic until the policies are validated.
    r: Reader,
    names: HashMap<String, PolicyId>,
    /// Policies marked as AWS managed (exempt from the customer managed size quota).
    aws_managed: Vec<String>,
}

impl std::ops::Deref for Loader {
    type Target = Reader;
    fn deref(&self) -> &Reader {
        &self.r
    }
}

impl std::ops::DerefMut for Loader {
    fn deref_mut(&mut self) -> &mut Reader {
        &mut self.r
    }
}

impl Loader {
    fn new() -> Self {
        Loader { sc: Scenario::default(), r: Reader::new(&SCENARIO), names: HashMap::new(), aws_managed: Vec::new() }
    }

    fn error(&mut self, code: &'static str, span: Span, message: impl Into<String>, help: Option<&str>) {
        let mut d = Diagnostic::error(code, span, message);
        d.help = help.map(str::to_string);
        self.r.push(d);
    }

    fn warning(&mut self, code: &'static str, span: Span, message: impl Into<String>, help: Option<String>) {
        let mut d = Diagnostic::warning(code, span, message);
        d.help = help;
        self.r.push(d);
    }

    /// The scenario, with every diagnostic reported while reading it.
    fn finish(mut self) -> Scenario {
        self.sc.diagnostics.append(&mut self.r.diagnostics);
        self.sc
    }

    /// Adds a policy document to the table.
    fn add_policy(&mut self, name: String, name_span: Span, doc: &Json, inline: bool) -> PolicyId {
        let text = self.sc.sources.text(doc.span.source).to_string();
        let policy = parse_policy(doc, &text);
        let id = self.sc.policies.len();
        let broken = policy.statements.iter().map(|s| s.broken).collect();
        let mut variables: Vec<(String, crate::key::KeyName)> = Vec::new();
        for st in &policy.statements {
            let resources = st.resource.iter().flat_map(|r| r.patterns.iter()).map(|p| &p.template);
            let values = st.conditions.iter().flat_map(|c| c.values.iter()).filter_map(|v| v.template());
            for (key, lc) in resources.chain(values).flat_map(|t| t.variables()) {
                if !variables.iter().any(|(_, l)| l == lc) {
                    variables.push((key.to_string(), lc.clone()));
                }
            }
        }
        self.sc.policies.push(PolicyEntry {
            name: name.clone(),
            name_span,
            policy,
            uses: Vec::new(),
            broken,
            has_errors: false,
            inline,
            variables,
        });
        self.names.entry(name).or_insert(id);
        id
    }

    /// Resolves a policy name and records its use.
    fn policy_ref(&mut self, name: &str, span: Span, ty: PolicyType) -> Option<PolicyId> {
        match self.names.get(name).copied().filter(|id| self.sc.policies.get(*id).is_some_and(|p| !p.inline)) {
            Some(id) => {
                if let Some(p) = self.sc.policies.get_mut(id) {
                    p.uses.push(ty);
                }
                Some(id)
            }
            None => {
                let managed: Vec<String> =
                    self.sc.policies.iter().filter(|p| !p.inline).map(|p| p.name.clone()).collect();
                let help = did_you_mean(name, managed.iter().map(String::as_str))
                    .map(|s| format!("did you mean `{s}`?"))
                    .unwrap_or_else(|| "declare it under `policies`".into());
                self.error("reference-unknown", span, format!("no policy named `{name}` is declared"), Some(&help));
                None
            }
        }
    }

    fn inline(&mut self, json: &Json, owner: &str) -> Vec<PolicyId> {
        let Some(members) = self.object(json, "inline policies (name → document)") else {
            return Vec::new();
        };
        members
            .iter()
            .map(|m| {
                let id = self.add_policy(format!("{owner}/{}", m.key), m.key_span, &m.value, true);
                if let Some(p) = self.sc.policies.get_mut(id) {
                    p.uses.push(PolicyType::Identity);
                }
                id
            })
            .collect()
    }

    fn build(&mut self, policies: Option<&Json>, principals: Option<&Json>, requests: Option<&Json>) {
        if let Some(p) = policies {
            if let Some(members) = self.object(p, "`policies` (policy name → policy document)") {
                for m in members {
                    self.check_policy_name(&m.key, m.key_span);
                    self.add_policy(m.key.clone(), m.key_span, &m.value, false);
                }
            }
        }
        if let Some(pr) = principals {
            self.account(pr, None);
        }
        if self.sc.accounts.is_empty() {
            // keep evaluating with a placeholder so requests still get located errors
            self.sc.accounts.push(Account { id: "111122223333".into(), ..Account::default() });
        }
        if let Some(r) = requests {
            let items: Vec<&Json> = match &r.value {
                JsonValue::Array(items) => items.iter().collect(),
                JsonValue::Object(_) => vec![r],
                _ => {
                    self.error(
                        "scenario-type",
                        r.span,
                        format!("expected a request object or a list of them, found {}", r.kind_name()),
                        None,
                    );
                    Vec::new()
                }
            };
            for item in items {
                let req = self.request(item);
                self.sc.requests.push(req);
            }
        }
        self.validate_policies();
    }

    fn check_policy_name(&mut self, name: &str, span: Span) {
        let ok = !name.is_empty()
            && name.chars().count() <= 128
            && name.chars().all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c));
        if !ok {
            self.push(
                Diagnostic::error("policy-name-invalid", span, format!("`{name}` is not a valid policy name"))
                    .with_help("policy names use letters, digits and `+=,.@_-`, at most 128 characters")
                    .in_policy(name),
            );
        }
    }

    fn account(&mut self, json: &Json, nested_in: Option<&str>) {
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
                    "scenario-field-missing",
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
                "account-id-invalid",
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
                    "name-duplicate",
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
                            "account-duplicate",
                            other.key_span,
                            format!("the account `{}` is declared twice", other.key),
                            None,
                        );
                        continue;
                    }
                    if other.key.len() != 12 || !other.key.bytes().all(|b| b.is_ascii_digit()) {
                        self.error(
                            "account-id-invalid",
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

    fn path(&mut self, json: &Json) -> String {
        match json.get("path").and_then(|m| self.string(&m.value, "`path`").map(|p| (p, m.value.span))) {
            Some((p, span)) => {
                if !p.starts_with('/') || !p.ends_with('/') {
                    self.error("path-invalid", span, format!("the path `{p}` must begin and end with `/`"), None);
                    "/".into()
                } else {
                    p
                }
            }
            None => "/".into(),
        }
    }

    fn managed_list(&mut self, json: &Json, ty: PolicyType) -> Vec<PolicyId> {
        match json.get("policies") {
            Some(m) => {
                let names = self.one_or_more_strings(&m.value, "`policies`");
                names.into_iter().filter_map(|(n, s)| self.policy_ref(&n, s, ty)).collect()
            }
            None => Vec::new(),
        }
    }

    fn single_ref(&mut self, json: &Json, field: &str, ty: PolicyType) -> Option<PolicyId> {
        let m = json.get(field)?;
        let name = self.string(&m.value, &format!("`{field}`"))?;
        self.policy_ref(&name, m.value.span, ty)
    }

    fn group(&mut self, m: &Member, prefix: &str) -> Group {
        if let Some(members) = self.object(&m.value, "a group") {
            self.fields(members, GROUP_FIELDS, "a group");
        }
        let mut policies = self.managed_list(&m.value, PolicyType::Identity);
        if let Some(JsonValue::Array(items)) = m.value.get("policies").map(|p| &p.value.value) {
            if items.len() > 10 {
                let span = m.value.get("policies").map_or(m.key_span, |p| p.value.span);
                self.error(
                    "quota-managed-policies",
                    span,
                    format!("{} managed policies are attached, but a group takes at most 10", items.len()),
                    Some("this quota cannot be raised"),
                );
            }
        }
        if let Some(i) = m.value.get("inline") {
            let ids = self.inline(&i.value, &format!("{prefix}group/{}", m.key));
            self.inline_quota(&ids, 5120, "group", &m.key, i.key_span);
            policies.extend(ids);
        }
        Group { name: m.key.clone(), path: self.path(&m.value), policies }
    }

    fn user(&mut self, m: &Member, account: usize, prefix: &str) -> User {
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
                            "reference-unknown",
                            span,
                            format!("no group `{name}` is declared in this account"),
                            Some(&help),
                        );
                    }
                }
            }
            if user.groups.len() > 10 {
                self.error("quota-groups", g.value.span, "a user can be in at most 10 groups", None);
            }
        }
        user.policies = self.managed_list(&m.value, PolicyType::Identity);
        if let Some(i) = m.value.get("inline") {
            let ids = self.inline(&i.value, &format!("{prefix}user/{}", m.key));
            self.inline_quota(&ids, 2048, "user", &m.key, i.key_span);
            user.policies.extend(ids);
        }
        user.boundary = self.single_ref(&m.value, "boundary", PolicyType::Boundary);
        if let Some(t) = m.value.get("tags") {
            user.tags = self.tags(&t.value);
        }
        self.managed_quota(&m.value, "user");
        user
    }

    fn managed_quota(&mut self, json: &Json, kind: &str) {
        if let Some(m) = json.get("policies") {
            if let JsonValue::Array(items) = &m.value.value {
                if items.len() > 10 {
                    self.warning(
                        "quota-managed-policies",
                        m.value.span,
                        format!(
                            "{} managed policies are attached, above the default quota of 10 per {kind}",
                            items.len()
                        ),
                        Some("the quota can be raised to 20".into()),
                    );
                }
            }
        }
    }

    fn inline_quota(&mut self, ids: &[PolicyId], limit: usize, kind: &str, owner: &str, span: Span) {
        let total: usize =
            ids.iter().filter_map(|id| self.sc.policies.get(*id)).map(|p| p.policy.size_without_whitespace).sum();
        if total > limit {
            let last = ids.last().and_then(|id| self.sc.policies.get(*id));
            let name = last.map(|p| p.name.clone());
            let span = last.map_or(span, |p| p.policy.span.start_point());
            let mut d = Diagnostic::error(
                "policy-size",
                span,
                format!("the inline policies of {kind} `{owner}` total {total} characters (white space not counted), above IAM's limit of {limit}"),
            )
            .with_help("move some permissions to a managed policy");
            d.policy = name;
            self.push(d);
            for id in ids {
                if let Some(p) = self.sc.policies.get_mut(*id) {
                    p.has_errors = true;
                }
            }
        }
    }

    fn role(&mut self, m: &Member, prefix: &str) -> Role {
        if let Some(members) = self.object(&m.value, "a role") {
            self.fields(members, ROLE_FIELDS, "a role");
        }
        let mut role = Role { name: m.key.clone(), path: self.path(&m.value), ..Role::default() };
        role.trust = self.single_ref(&m.value, "trust", PolicyType::Trust);
        role.policies = self.managed_list(&m.value, PolicyType::Identity);
        if let Some(i) = m.value.get("inline") {
            let ids = self.inline(&i.value, &format!("{prefix}role/{}", m.key));
            self.inline_quota(&ids, 10_240, "role", &m.key, i.key_span);
            role.policies.extend(ids);
        }
        role.boundary = self.single_ref(&m.value, "boundary", PolicyType::Boundary);
        if let Some(t) = m.value.get("tags") {
            role.tags = self.tags(&t.value);
        }
        self.managed_quota(&m.value, "role");
        role
    }

    fn profile(&mut self, m: &Member, account: usize) -> InstanceProfile {
        let mut profile = InstanceProfile { name: m.key.clone(), role: None };
        if let Some(members) = self.object(&m.value, "an instance profile") {
            self.fields(members, &["role"], "an instance profile");
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
                            "reference-unknown",
                            r.value.span,
                            format!("the instance profile `{}` names the role `{name}`, which is not declared", m.key),
                            Some(&help),
                        );
                    }
                }
                JsonValue::Array(_) => self.error(
                    "profile-one-role",
                    r.value.span,
                    "an instance profile holds exactly one role",
                    Some("name one role; this limit cannot be raised"),
                ),
                _ => self.error("scenario-type", r.value.span, "`role` must be a role name", None),
            },
            None => self.error(
                "scenario-field-missing",
                m.value.span.start_point(),
                format!("the instance profile `{}` names no `role`", m.key),
                None,
            ),
        }
        profile
    }

    fn instance(&mut self, m: &Member, account: usize) -> Instance {
        if let Some(members) = self.object(&m.value, "an instance") {
            self.fields(members, &["profile", "region", "tags"], "an instance");
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
                        "reference-unknown",
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

    fn resource(&mut self, m: &Member) -> ResourceDecl {
        if let Some(members) = self.object(&m.value, "a resource") {
            self.fields(members, &["policy", "tags"], "a resource");
        }
        if m.key == "*" {
            self.error(
                "resource-arn-invalid",
                m.key_span,
                "`*` cannot be declared as a resource",
                Some("declare each resource by its ARN"),
            );
        } else if !m.key.starts_with("arn:") {
            self.error(
                "resource-arn-invalid",
                m.key_span,
                format!("`{}` is not an ARN", m.key),
                Some("resources are declared by ARN, e.g. `arn:aws:s3:::my-bucket`"),
            );
        }
        let is_role =
            m.key.starts_with("arn:aws:iam:") && m.key.split(':').nth(5).is_some_and(|r| r.starts_with("role/"));
        if let (true, Some(p)) = (is_role, m.value.get("policy")) {
            self.error(
                "resource-role-policy",
                p.key_span,
                "a role's resource-based policy is its trust policy",
                Some("declare the role under `roles` and name its policy in `trust`"),
            );
        }
        let policy = if is_role { None } else { self.single_ref(&m.value, "policy", PolicyType::Resource) };
        let tags = m.value.get("tags").map(|t| self.tags(&t.value)).unwrap_or_default();
        ResourceDecl { arn: m.key.clone(), policy, tags }
    }

    fn organization(&mut self, json: &Json) -> Organization {
        let mut org = Organization::default();
        if let Some(members) = self.object(json, "an organization") {
            self.fields(members, &["scps", "rcps", "management"], "an organization");
        }
        if let Some(m) = json.get("management") {
            match m.value.value {
                JsonValue::Bool(b) => org.management = b,
                _ => self.error("scenario-type", m.value.span, "`management` must be `true` or `false`", None),
            }
        }
        for (field, ty) in [("scps", PolicyType::Scp), ("rcps", PolicyType::Rcp)] {
            let Some(m) = json.get(field) else { continue };
            let JsonValue::Array(levels) = &m.value.value else {
                self.error(
                    "scenario-type",
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

    fn request(&mut self, json: &Json) -> Option<Request> {
        let members = self.object(json, "a request")?;
        self.fields(members, REQUEST_FIELDS, "a request");
        let errors_before = self.error_count();
        let get = |k: &str| json.get(k);
        let principal_m = get("principal");
        let principal_text = match principal_m {
            Some(m) => self.string(&m.value, "`principal`"),
            None => {
                self.error(
                    "request-field-missing",
                    json.span.start_point(),
                    "the request has no `principal`",
                    Some("add e.g. `\"principal\": \"user/alice\"`"),
                );
                None
            }
        };
        let action = match get("action") {
            Some(m) => self.string(&m.value, "`action`").filter(|a| {
                let ok = a.contains(':') && !a.contains(['*', '?']);
                if !ok {
                    self.error(
                        "request-action-invalid",
                        m.value.span,
                        format!("`{a}` is not an action"),
                        Some("a request names one action, as in `s3:GetObject` (no wildcards)"),
                    );
                }
                ok
            }),
            None => {
                self.error(
                    "request-field-missing",
                    json.span.start_point(),
                    "the request has no `action`",
                    Some("add e.g. `\"action\": \"s3:GetObject\"`"),
                );
                None
            }
        };
        let resource = match get("resource") {
            Some(m) => self.string(&m.value, "`resource`"),
            None => {
                self.error(
                    "request-field-missing",
                    json.span.start_point(),
                    "the request has no `resource`",
                    Some("add the resource's ARN, or `\"resource\": \"*\"`"),
                );
                None
            }
        };
        let session_name = get("sessionName").and_then(|m| self.string(&m.value, "`sessionName`"));
        let mut caller = match (&principal_text, principal_m) {
            (Some(text), Some(m)) => match reference::resolve(&self.sc, text, session_name.as_deref(), None) {
                Ok(c) => Some(c),
                Err((msg, help)) => {
                    self.error("reference-unknown", m.value.span, msg, help.as_deref());
                    None
                }
            },
            _ => None,
        };
        if let Some(m) = get("federatedBy") {
            let name = self.string(&m.value, "`federatedBy`").unwrap_or_default();
            match &mut caller {
                Some(Caller::FederatedUser { account, by_user, .. }) => {
                    let users: Vec<String> =
                        self.sc.accounts.get(*account).map(|a| a.users.iter().map(|u| u.name.clone()).collect()).unwrap_or_default();
                    *by_user = users.iter().position(|u| *u == name);
                    if by_user.is_none() {
                        let help = did_you_mean(&name, users.iter().map(String::as_str))
                            .map_or_else(|| "name a user declared in the federated user's account".to_string(), |s| format!("did you mean `{s}`?"));
                        self.error("reference-unknown", m.value.span, format!("no user `{name}` is declared in the federated user's account"), Some(&help));
                    }
                }
                Some(_) => self.warning(
                    "request-field-ignored",
                    m.key_span,
                    "`federatedBy` only applies to a federated-user principal (`arn:aws:sts::ACCOUNT:federated-user/NAME`); it is ignored",
                    None,
                ),
                None => {}
            }
        }
        for field in ["sessionName", "sessionTags"] {
            if let (
                Some(m),
                Some(
                    Caller::User { .. }
                    | Caller::Root { .. }
                    | Caller::Anonymous
                    | Caller::Service(_)
                    | Caller::WebIdentity(_),
                ),
            ) = (get(field), &caller)
            {
                self.warning(
                    "request-field-ignored",
                    m.key_span,
                    format!("`{field}` only applies to role sessions and federated users; it is ignored"),
                    None,
                );
            }
        }
        let mut session_policies = Vec::new();
        if let Some(m) = get("sessionPolicy") {
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
            if total > 2048 {
                self.error(
                    "policy-size",
                    m.value.span,
                    format!("the session policies total {total} characters, above the limit of 2048"),
                    None,
                );
            }
            if session_policies.len() > 10 {
                self.error(
                    "quota-session-policies",
                    m.value.span,
                    "a session takes at most 10 managed session policies",
                    None,
                );
            }
            if let Some(c) = &caller {
                if !matches!(c, Caller::RoleSession { .. } | Caller::FederatedUser { .. }) {
                    self.warning(
                        "session-policy-ignored",
                        m.key_span,
                        "only role sessions and federated users have session policies; this one is ignored",
                        None,
                    );
                }
            }
        }
        let expect = match get("expect") {
            Some(m) => {
                let d = m.value.as_str().and_then(Decision::parse);
                if d.is_none() {
                    self.error(
                        "request-expect-invalid",
                        m.value.span,
                        "`expect` must be `Allow`, `ExplicitDeny` or `ImplicitDeny`",
                        None,
                    );
                }
                d
            }
            None => None,
        };
        let instance_profile = match get("instanceProfile") {
            Some(m) => {
                let name = self.string(&m.value, "`instanceProfile`");
                let acct = caller.as_ref().and_then(Caller::account).unwrap_or(0);
                let found = name.as_ref().and_then(|n| {
                    self.sc.accounts.get(acct).and_then(|a| a.instance_profiles.iter().position(|p| p.name == *n))
                });
                if found.is_none() {
                    self.error(
                        "reference-unknown",
                        m.value.span,
                        format!("no instance profile `{}` is declared", name.unwrap_or_default()),
                        None,
                    );
                }
                found.map(|p| (acct, p))
            }
            None => None,
        };
        let (Some(caller), Some(action), Some(resource)) = (caller, action, resource) else {
            return None;
        };
        let session_tags = match get("sessionTags") {
            Some(m) if matches!(caller, Caller::RoleSession { .. } | Caller::FederatedUser { .. }) => {
                self.tags(&m.value)
            }
            _ => Vec::new(),
        };
        let mut context = Vec::new();
        if let Some(m) = get("context") {
            for entry in self.object(&m.value, "`context` (key → value)").unwrap_or(&[]) {
                let values = match &entry.value.value {
                    JsonValue::Array(items) => {
                        for bad in items.iter().filter(|i| i.scalar_text().is_none()) {
                            self.error(
                                "scenario-type",
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
                                "scenario-type",
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
        }
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
        let req = prepare(&self.sc, spec);
        let resource_span = get("resource").map_or(json.span, |m| m.value.span);
        self.check_target(&req, resource_span);
        if self.error_count() > errors_before {
            return None;
        }
        Some(req)
    }

    /// Located problems with what a prepared request targets.
    fn check_target(&mut self, req: &Request, resource_span: Span) {
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
                    "reference-unknown",
                    resource_span,
                    format!("no role matching `{resource}` is declared in account {id}"),
                    Some(&help),
                );
            }
        }
        if req.kms_key && req.resource_decl.is_none() {
            self.warning(
                "kms-key-undeclared",
                resource_span,
                "this KMS key is not declared, so it has no key policy and nobody has access to it",
                Some("declare it under `resources` with its key policy (the default one allows the account root, enabling IAM policies)".into()),
            );
        }
        if req.instance_profile.is_some() && req.action_lc != "ec2:runinstances" {
            self.warning(
                "request-field-ignored",
                resource_span,
                "`instanceProfile` only applies to `ec2:RunInstances`; it is ignored",
                None,
            );
        }
    }

    /// Grammar per use, unused policies, size quotas; marks policies with errors.
    fn validate_policies(&mut self) {
        let mut extra = Vec::new();
        for (id, entry) in self.sc.policies.iter_mut().enumerate() {
            let name = entry.name.clone();
            let mut diags: Vec<Diagnostic> = entry.policy.diagnostics.clone();
            let mut uses = entry.uses.clone();
            uses.sort();
            uses.dedup();
            if uses.is_empty() {
                diags.push(Diagnostic::warning(
                    "policy-unused",
                    entry.name_span,
                    format!("nothing uses the policy `{name}`; it was checked as an identity-based policy"),
                ));
                uses.push(PolicyType::Identity);
            }
            for ty in &uses {
                let (d, broken) = validate_for(&entry.policy, *ty);
                let d = d.into_iter().map(|mut d| {
                    if uses.len() > 1 {
                        d.message = format!("{} (used as {})", d.message, ty.describe());
                    }
                    d
                });
                diags.extend(d);
                for b in broken {
                    if let Some(slot) = entry.broken.get_mut(b) {
                        *slot = true;
                    }
                }
                let p = &entry.policy;
                let (size, limit, counted, hard) = match ty {
                    PolicyType::Scp | PolicyType::Rcp => (p.size_total, 5120, "characters", true),
                    PolicyType::Trust => {
                        (p.size_without_whitespace, 2048, "characters (white space not counted)", false)
                    }
                    _ if entry.inline || self.aws_managed.contains(&entry.name) => (0, usize::MAX, "", true),
                    // resource-based policy quotas are the service's (S3 buckets: 20 KB)
                    PolicyType::Resource => {
                        (p.size_without_whitespace, 20_480, "characters (white space not counted)", false)
                    }
                    _ => (p.size_without_whitespace, 6144, "characters (white space not counted)", true),
                };
                if size > limit {
                    let trust_hard = *ty == PolicyType::Trust && size > 4096;
                    let message =
                        format!("the policy has {size} {counted}, above the {} quota of {limit}", ty.describe());
                    let d = if hard || trust_hard {
                        Diagnostic::error("policy-size", entry.name_span, message)
                    } else {
                        Diagnostic::warning("policy-size", entry.name_span, message).with_help(
                            if *ty == PolicyType::Trust {
                                "the trust policy quota can be raised to 4096"
                            } else {
                                "S3 bucket policies may hold 20 KB; other services set their own limits"
                            },
                        )
                    };
                    diags.push(d);
                }
            }
            entry.has_errors = entry.has_errors || diags.iter().any(Diagnostic::is_error);
            extra.extend(diags.into_iter().map(|d| d.in_policy(&name)).map(|d| (id, d)));
        }
        // policy diagnostics first, in policy order, then the scenario's own
        let scenario_diags = std::mem::take(&mut self.r.diagnostics);
        let (with_policy, rest): (Vec<_>, Vec<_>) = scenario_diags.into_iter().partition(|d| d.policy.is_some());
        for d in &with_policy {
            if let Some(p) = self.sc.policies.iter_mut().find(|p| Some(&p.name) == d.policy.as_ref()) {
                p.has_errors |= d.is_error();
            }
        }
        self.sc.diagnostics = extra.into_iter().map(|(_, d)| d).chain(with_policy).chain(rest).collect();
        self.sc.diagnostics.sort_by_key(|d| (d.span.source as u8, d.span.start));
    }
}
