//! The policies of a scenario: the table of documents (managed and inline), references
//! to them by name, their names, their grammar per use and their size quotas.

use super::Loader;
use crate::aws_managed::{self, Lookup};
use crate::code::Code;
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::json::{self, Json, JsonValue};
use crate::policy::{parse_policy, validate_for, PolicyType};
use crate::scenario::quota;
use crate::scenario::{PolicyEntry, PolicyId};
use crate::source::{SourceId, Span};

impl Loader<'_> {
    /// Adds a policy document to the table.
    pub(super) fn add_policy(&mut self, name: String, name_span: Span, doc: &Json, inline: bool) -> PolicyId {
        let policy = parse_policy(doc, self.sc.sources.text(doc.span.source));
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
            aws_version: None,
        });
        self.names.entry(name).or_insert(id);
        id
    }

    /// Resolves a policy name (or an AWS managed policy's ARN) and records its use.
    pub(super) fn policy_ref(&mut self, name: &str, span: Span, ty: PolicyType) -> Option<PolicyId> {
        let name = if aws_managed::is_arn(name) { self.aws_policy(name, span)? } else { name.to_string() };
        let name = name.as_str();
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
                self.error(Code::ReferenceUnknown, span, format!("no policy named `{name}` is declared"), Some(&help));
                None
            }
        }
    }

    /// The name in the table of the AWS managed policy `arn` names: the scenario's own
    /// copy of its document (an export marks it in `awsManagedPolicies`), else AWS's
    /// document from the provider, added to the table the first time. None when there is
    /// none (reported) or it is still being fetched (recorded as pending).
    fn aws_policy(&mut self, arn: &str, span: Span) -> Option<String> {
        let short = aws_managed::name_of(arn);
        if self.aws_managed.iter().any(|n| n == short) && self.names.contains_key(short) {
            return Some(short.to_string());
        }
        if self.names.contains_key(arn) {
            return Some(arn.to_string());
        }
        let found = match self.aws.lookup(arn) {
            Lookup::Found(p) => (p.version, p.document),
            Lookup::Pending => {
                if !self.sc.pending_aws.iter().any(|a| a == arn) {
                    self.sc.pending_aws.push(arn.to_string());
                }
                return None;
            }
            Lookup::Unknown => {
                let known = self.aws.arns();
                let help = match aws_managed::suggest(arn, &known) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "AWS managed policy ARNs look like `arn:aws:iam::aws:policy/ReadOnlyAccess`, with the policy's path (`…/policy/service-role/NAME`)".into(),
                };
                let data = self.aws.data_version().map(|v| format!(" (in {v})")).unwrap_or_default();
                self.error(
                    Code::AwsPolicyUnknown,
                    span,
                    format!("no AWS managed policy `{arn}` exists{data}"),
                    Some(&help),
                );
                return None;
            }
            Lookup::Unavailable(why) => {
                let message = format!("the AWS managed policy `{arn}` cannot be had: {why}");
                self.error(
                    Code::AwsPolicyUnavailable,
                    span,
                    message,
                    Some("paste its document under `policies` instead, and name it there"),
                );
                return None;
            }
        };
        let (version, text) = found;
        let source = SourceId::AwsManaged(u16::try_from(self.sc.sources.count()).unwrap_or(u16::MAX));
        self.sc.sources.add(source, &text);
        let doc = match json::parse(&text, source) {
            Ok(j) => j,
            Err(d) => {
                self.push(d.in_policy(arn));
                return None;
            }
        };
        let id = self.add_policy(arn.to_string(), span, &doc, false);
        if let Some(p) = self.sc.policies.get_mut(id) {
            p.aws_version = Some(version);
        }
        Some(arn.to_string())
    }

    pub(super) fn inline(&mut self, json: &Json, owner: &str) -> Vec<PolicyId> {
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

    pub(super) fn check_policy_name(&mut self, name: &str, span: Span) {
        let ok = !name.is_empty()
            && name.chars().count() <= quota::POLICY_NAME_CHARS
            && name.chars().all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c));
        if !ok {
            self.push(
                Diagnostic::error(Code::PolicyNameInvalid, span, format!("`{name}` is not a valid policy name"))
                    .with_help(format!(
                        "policy names use letters, digits and `+=,.@_-`, at most {} characters",
                        quota::POLICY_NAME_CHARS
                    ))
                    .in_policy(name),
            );
        }
    }

    pub(super) fn managed_quota(&mut self, json: &Json, kind: &str) {
        if let Some(m) = json.get("policies") {
            if let JsonValue::Array(items) = &m.value.value {
                if items.len() > quota::MANAGED_POLICIES_DEFAULT {
                    self.warning(
                        Code::QuotaManagedPolicies,
                        m.value.span,
                        format!(
                            "{} managed policies are attached, above the default quota of {} per {kind}",
                            items.len(),
                            quota::MANAGED_POLICIES_DEFAULT
                        ),
                        Some(format!("the quota can be raised to {}", quota::MANAGED_POLICIES_RAISED)),
                    );
                }
            }
        }
    }

    pub(super) fn inline_quota(&mut self, ids: &[PolicyId], limit: usize, kind: &str, owner: &str, span: Span) {
        let total: usize =
            ids.iter().filter_map(|id| self.sc.policies.get(*id)).map(|p| p.policy.size_without_whitespace).sum();
        if total > limit {
            let last = ids.last().and_then(|id| self.sc.policies.get(*id));
            let name = last.map(|p| p.name.clone());
            let span = last.map_or(span, |p| p.policy.span.start_point());
            let mut d = Diagnostic::error(
                Code::PolicySize,
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

    /// Grammar per use, unused policies, size quotas; marks policies with errors.
    pub(super) fn validate_policies(&mut self) {
        let mut extra = Vec::new();
        let provider = self.aws;
        for (id, entry) in self.sc.policies.iter_mut().enumerate() {
            let name = entry.name.clone();
            let mut diags: Vec<Diagnostic> = entry.policy.diagnostics.clone();
            let aws = entry.aws_version.is_some();
            // AWS's own documents are what AWS wrote: the catalog's rules would only be noise
            diags.extend(provider.lint(&entry.policy, None, !aws));
            let mut uses = entry.uses.clone();
            crate::sort::sort(&mut uses);
            uses.dedup();
            if uses.is_empty() {
                diags.push(Diagnostic::warning(
                    Code::PolicyUnused,
                    entry.name_span,
                    format!("nothing uses the policy `{name}`; it was checked as an identity-based policy"),
                ));
                uses.push(PolicyType::Identity);
            }
            for ty in &uses {
                let (mut d, broken) = validate_for(&entry.policy, *ty);
                d.extend(provider.lint(&entry.policy, Some(*ty), false));
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
                    PolicyType::Scp | PolicyType::Rcp => {
                        (p.size_total, quota::ORGANIZATION_POLICY_CHARS, "characters", true)
                    }
                    PolicyType::Trust => (
                        p.size_without_whitespace,
                        quota::TRUST_POLICY_CHARS,
                        "characters (white space not counted)",
                        false,
                    ),
                    _ if entry.inline || aws || self.aws_managed.contains(&entry.name) => (0, usize::MAX, "", true),
                    // resource-based policy quotas are the service's (S3 buckets: 20 KB)
                    PolicyType::Resource => (
                        p.size_without_whitespace,
                        quota::RESOURCE_POLICY_CHARS,
                        "characters (white space not counted)",
                        false,
                    ),
                    _ => (
                        p.size_without_whitespace,
                        quota::MANAGED_POLICY_CHARS,
                        "characters (white space not counted)",
                        true,
                    ),
                };
                if size > limit {
                    let trust_hard = *ty == PolicyType::Trust && size > quota::TRUST_POLICY_CHARS_RAISED;
                    let message =
                        format!("the policy has {size} {counted}, above the {} quota of {limit}", ty.describe());
                    let d = if hard || trust_hard {
                        Diagnostic::error(Code::PolicySize, entry.name_span, message)
                    } else {
                        Diagnostic::warning(Code::PolicySize, entry.name_span, message).with_help(
                            if *ty == PolicyType::Trust {
                                format!("the trust policy quota can be raised to {}", quota::TRUST_POLICY_CHARS_RAISED)
                            } else {
                                format!(
                                    "S3 bucket policies may hold {} KB; other services set their own limits",
                                    quota::RESOURCE_POLICY_CHARS / 1024
                                )
                            },
                        )
                    };
                    diags.push(d);
                }
            }
            // AWS's own documents: what AWS accepts is valid, and its style is not the
            // user's to change, so only errors (there should be none) are reported
            if aws {
                diags.retain(Diagnostic::is_error);
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
        crate::sort::sort_by_key(&mut self.sc.diagnostics, |d| (d.span.source.order(), d.span.start));
    }
}
