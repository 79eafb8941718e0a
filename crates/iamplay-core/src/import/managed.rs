//! Managed policies: each one's default version under `policies`, names shared by an AWS
//! managed and a customer managed policy told apart deterministically, and references to
//! them (attached policies, boundaries) resolved by ARN.

use super::*;
use crate::aws_managed::Lookup;

/// `base`, or `base-2`, `base-3` … (cut to 128 characters), whichever is not taken.
pub(super) fn unique_name(base: &str, taken: &HashSet<String>, plain_allowed: bool) -> String {
    if plain_allowed && base.chars().count() <= MAX_NAME && !taken.contains(base) {
        return base.to_string();
    }
    let mut n = 2usize;
    loop {
        let suffix = format!("-{n}");
        let keep = MAX_NAME.saturating_sub(suffix.len());
        let candidate: String = base.chars().take(keep).chain(suffix.chars()).collect();
        if !taken.contains(&candidate) {
            return candidate;
        }
        n += 1;
    }
}

impl Importer<'_> {
    pub(super) fn managed_policies(&mut self, items: &[Json]) {
        let mut read: Vec<Managed> = Vec::new();
        let mut seen_arns: HashSet<String> = HashSet::new();
        for item in items {
            if item.as_object().is_none() {
                self.r.wrong_type(item, "an entry of `Policies`", "an object");
                continue;
            }
            let Some((name, name_span)) = self.name(item, "PolicyName", "this managed policy") else { continue };
            let Some((arn, arn_span)) = self.r.required_str(item, "Arn", &format!("the managed policy `{name}`"))
            else {
                continue;
            };
            if !seen_arns.insert(arn.to_string()) {
                self.emit(
                    Diagnostic::warning(
                        Code::ImportPolicyDuplicate,
                        arn_span,
                        format!("the managed policy `{arn}` is listed twice"),
                    )
                    .with_help("only the first entry is imported"),
                );
                continue;
            }
            let aws = arn_account(arn) == Some("aws");
            let document = self.default_version(item, name);
            match document {
                Some(document) => {
                    read.push(Managed { original: name.to_string(), name_span, arn: arn.to_string(), aws, document })
                }
                None => {
                    self.by_arn.insert(arn.to_string(), None);
                }
            }
        }
        // names: the customer managed policy (then the lowest ARN) keeps a shared name
        let mut names: Vec<Option<String>> = vec![None; read.len()];
        let mut by_name: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, p) in read.iter().enumerate() {
            by_name.entry(p.original.as_str()).or_default().push(i);
            self.taken.insert(p.original.clone());
        }
        let mut renamed: Vec<(usize, String, String)> = Vec::new();
        for (name, mut group) in by_name {
            crate::sort::sort_by(&mut group, |a, b| {
                let key = |i: &usize| read.get(*i).map(|p| (p.aws, p.arn.clone()));
                key(a).cmp(&key(b))
            });
            let mut rest = group.into_iter();
            if let Some(first) = rest.next() {
                if let Some(slot) = names.get_mut(first) {
                    *slot = Some(name.to_string());
                }
            }
            for i in rest {
                let Some(p) = read.get(i) else { continue };
                let new = if p.aws {
                    unique_name(&format!("{name}-aws-managed"), &self.taken, true)
                } else {
                    unique_name(name, &self.taken, false)
                };
                self.taken.insert(new.clone());
                if let Some(slot) = names.get_mut(i) {
                    *slot = Some(new.clone());
                }
                renamed.push((i, name.to_string(), new));
            }
        }
        for (i, original, new) in renamed {
            let Some(p) = read.get(i) else { continue };
            let kind = if p.aws { "AWS managed" } else { "customer managed" };
            let message = format!(
                "two managed policies are named `{original}`; this {kind} one (`{}`) is imported as `{new}`",
                p.arn
            );
            let help = format!("every policy of a scenario has its own name; references to `{}` use `{new}`", p.arn);
            self.emit(
                Diagnostic::warning(Code::ImportPolicyRenamed, p.name_span, message).with_help(help).in_policy(&new),
            );
        }
        for (p, name) in read.into_iter().zip(names) {
            let name = name.unwrap_or_else(|| p.original.clone());
            self.by_arn.insert(p.arn, Some(name.clone()));
            if p.aws {
                self.aws_managed.push(name.clone());
            }
            self.policies.insert(name, p.document);
        }
    }

    /// The document of a managed policy's default version.
    pub(super) fn default_version(&mut self, item: &Json, name: &str) -> Option<Value> {
        let default_id = self.r.str_member(item, "DefaultVersionId");
        let versions = self.objects(item, "PolicyVersionList");
        let mut marked: Vec<&Json> = Vec::new();
        let mut by_id: Option<&Json> = None;
        for v in &versions {
            match v.get("IsDefaultVersion").map(|m| &m.value) {
                Some(Json { value: JsonValue::Bool(true), .. }) => marked.push(v),
                Some(Json { value: JsonValue::Bool(false), .. }) | None => {}
                Some(other) => self.r.wrong_type(other, "`IsDefaultVersion`", "true or false"),
            }
            let id = v.get("VersionId").and_then(|m| m.value.as_str());
            if id.is_some() && id == default_id.map(|(d, _)| d) && by_id.is_none() {
                by_id = Some(v);
            }
        }
        let chosen = match (marked.as_slice(), by_id) {
            ([one], by_id) => {
                if let (Some(other), Some((d, span))) = (by_id, default_id) {
                    if !std::ptr::eq(other, *one) {
                        let marked_id = one.get("VersionId").and_then(|m| m.value.as_str()).unwrap_or("?");
                        self.emit(Diagnostic::warning(
                            Code::ImportPolicyVersion,
                            span,
                            format!("`DefaultVersionId` is `{d}`, but the version marked `IsDefaultVersion` is `{marked_id}`"),
                        )
                        .with_help(format!("the version `{marked_id}` is imported"))
                        .in_policy(name));
                    }
                }
                Some(*one)
            }
            (_, Some(v)) => Some(v),
            (several, None) if several.len() > 1 => {
                let span = several.get(1).map_or(item.span, |v| opening(v));
                self.emit(
                    Diagnostic::error(
                        Code::ImportPolicyVersion,
                        span,
                        format!("several versions of the managed policy `{name}` are marked as the default"),
                    )
                    .with_help("a managed policy has one default version; the policy is not imported")
                    .in_policy(name),
                );
                return None;
            }
            _ => None,
        };
        let Some(version) = chosen else {
            let span = item.get("PolicyVersionList").map_or(opening(item), |m| m.key_span);
            self.emit(Diagnostic::error(Code::ImportPolicyVersion, span, format!("the managed policy `{name}` has no default version"))
                .with_help(
                    "its `PolicyVersionList` has no version with `\"IsDefaultVersion\": true` or named by `DefaultVersionId`; the policy is not imported",
                )
                .in_policy(name));
            return None;
        };
        self.document(version, "Document", "this policy version", name)
    }

    // ---- references ----

    /// The scenario name of the managed policy `arn`, or None (a missing one is reported).
    pub(super) fn resolve(&mut self, arn: &str, span: Span, owner: &str, boundary: bool) -> Option<String> {
        match self.by_arn.get(arn) {
            Some(Some(name)) => Some(name.clone()),
            Some(None) => None, // it could not be imported; that is reported where it is
            None => {
                let name = arn_name(arn);
                if let Lookup::Found(p) = self.aws.lookup(arn) {
                    let data = self.aws.data_version().unwrap_or_default();
                    let message = format!(
                        "the AWS managed policy `{name}` of {owner} is not in the export: the scenario names it by ARN, and AWS's document {} ({data}) is used",
                        p.version
                    );
                    self.emit(
                        Diagnostic::suggestion(Code::ImportAwsManagedFromData, span, message).with_help(
                            "include `AWSManagedPolicy` in the export's filter to use the account's own copy",
                        ),
                    );
                    return Some(arn.to_string());
                }
                let (message, consequence) = if boundary {
                    (
                        format!("the permissions boundary `{name}` of {owner} is not in the export"),
                        "the boundary is dropped, so it does not limit these permissions",
                    )
                } else {
                    (
                        format!("the managed policy `{name}` attached to {owner} is not in the export"),
                        "the attachment is dropped",
                    )
                };
                self.emit(Diagnostic::warning(Code::ImportPolicyMissing, span, message).with_help(format!(
                    "`Policies` has no entry with the ARN `{arn}` (was the export filtered, e.g. without `AWSManagedPolicy`?); {consequence}"
                )));
                None
            }
        }
    }

    pub(super) fn attached(&mut self, obj: &Json, owner: &str) -> Vec<Value> {
        let mut out: Vec<Value> = Vec::new();
        for item in self.objects(obj, "AttachedManagedPolicies") {
            let Some((arn, span)) = self.r.required_str(item, "PolicyArn", "this attached policy") else { continue };
            if let Some(name) = self.resolve(arn, span, owner, false) {
                let name = Value::String(name);
                if !out.contains(&name) {
                    out.push(name);
                }
            }
        }
        out
    }

    pub(super) fn boundary(&mut self, obj: &Json, owner: &str) -> Option<String> {
        let m = obj.get("PermissionsBoundary")?;
        match &m.value.value {
            JsonValue::Object(_) => {
                let (arn, span) =
                    self.r.required_str(&m.value, "PermissionsBoundaryArn", "this permissions boundary")?;
                self.resolve(arn, span, owner, true)
            }
            JsonValue::Null => None,
            _ => {
                self.r.wrong_type(&m.value, "`PermissionsBoundary`", "an object");
                None
            }
        }
    }
}
