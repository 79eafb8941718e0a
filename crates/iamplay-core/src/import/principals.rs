//! Users, groups, roles (with their trust policies) and instance profiles: names, paths,
//! memberships, attached and inline policies, boundaries and tags.

use super::*;

impl Importer<'_> {
    pub(super) fn inline(&mut self, obj: &Json, key: &str, owner_kind: &str, owner: &str) -> Map<String, Value> {
        let mut out = Map::new();
        let mut seen = Vec::new();
        for item in self.objects(obj, key) {
            let Some((name, span)) = self.name(item, "PolicyName", "this inline policy") else { continue };
            if !self.first_of_name(&mut seen, name, span, &format!("inline policy of {owner_kind} `{owner}`")) {
                continue;
            }
            let shown = format!("{owner_kind}/{owner}/{name}");
            if let Some(doc) = self.document(item, "PolicyDocument", &format!("the inline policy `{name}`"), &shown) {
                out.insert(name.to_string(), doc);
            }
        }
        out
    }

    pub(super) fn tags(&mut self, obj: &Json) -> Map<String, Value> {
        let mut out = Map::new();
        for item in self.objects(obj, "Tags") {
            let Some((key, _)) = self.r.required_str(item, "Key", "this tag") else { continue };
            let value = self.r.str_member(item, "Value").map_or("", |(v, _)| v);
            out.insert(key.to_string(), Value::String(value.to_string()));
        }
        out
    }

    // ---- principals ----

    pub(super) fn groups(&mut self, items: &[Json]) -> (Map<String, Value>, HashSet<String>) {
        let mut out = Map::new();
        let mut seen = Vec::new();
        for item in items {
            if item.as_object().is_none() {
                self.r.wrong_type(item, "an entry of `GroupDetailList`", "an object");
                continue;
            }
            let Some((name, span)) = self.name(item, "GroupName", "this group") else { continue };
            if !self.first_of_name(&mut seen, name, span, "group") {
                continue;
            }
            let mut group = Map::new();
            if let Some(path) = self.path(item) {
                group.insert("path".into(), Value::String(path));
            }
            let owner = format!("the group `{name}`");
            let attached = self.attached(item, &owner);
            if !attached.is_empty() {
                group.insert("policies".into(), Value::Array(attached));
            }
            let inline = self.inline(item, "GroupPolicyList", "group", name);
            if !inline.is_empty() {
                group.insert("inline".into(), Value::Object(inline));
            }
            out.insert(name.to_string(), Value::Object(group));
        }
        let names = out.keys().cloned().collect();
        (out, names)
    }

    pub(super) fn users(
        &mut self,
        items: &[Json],
        groups: &HashSet<String>,
        groups_exported: bool,
    ) -> Map<String, Value> {
        let mut out = Map::new();
        let mut seen = Vec::new();
        for item in items {
            if item.as_object().is_none() {
                self.r.wrong_type(item, "an entry of `UserDetailList`", "an object");
                continue;
            }
            let Some((name, span)) = self.name(item, "UserName", "this user") else { continue };
            if !self.first_of_name(&mut seen, name, span, "user") {
                continue;
            }
            let mut user = Map::new();
            if let Some(path) = self.path(item) {
                user.insert("path".into(), Value::String(path));
            }
            let mut member_of: Vec<Value> = Vec::new();
            for g in self.list(item, "GroupList") {
                match g.as_str() {
                    Some(group) if groups.contains(group) => {
                        let v = Value::String(group.to_string());
                        if !member_of.contains(&v) {
                            member_of.push(v);
                        }
                    }
                    Some(group) => {
                        let why = if groups_exported {
                            "`GroupDetailList` has no such group"
                        } else {
                            "the export has no `GroupDetailList` (was it filtered without `Group`?)"
                        };
                        self.emit(
                            Diagnostic::warning(
                                Code::ImportGroupMissing,
                                g.span,
                                format!(
                                    "the user `{name}` is in the group `{group}`, which the export does not include"
                                ),
                            )
                            .with_help(format!("{why}; the membership is dropped")),
                        );
                    }
                    None => self.r.wrong_type(g, "an entry of `GroupList`", "a group name"),
                }
            }
            if !member_of.is_empty() {
                user.insert("groups".into(), Value::Array(member_of));
            }
            let owner = format!("the user `{name}`");
            let attached = self.attached(item, &owner);
            if !attached.is_empty() {
                user.insert("policies".into(), Value::Array(attached));
            }
            let inline = self.inline(item, "UserPolicyList", "user", name);
            if !inline.is_empty() {
                user.insert("inline".into(), Value::Object(inline));
            }
            if let Some(b) = self.boundary(item, &owner) {
                user.insert("boundary".into(), Value::String(b));
            }
            let tags = self.tags(item);
            if !tags.is_empty() {
                user.insert("tags".into(), Value::Object(tags));
            }
            out.insert(name.to_string(), Value::Object(user));
        }
        out
    }

    pub(super) fn roles(&mut self, items: &[Json]) -> (Map<String, Value>, Vec<Profile>) {
        let mut out = Map::new();
        let mut profiles: Vec<Profile> = Vec::new();
        let mut seen_profiles: Vec<String> = Vec::new();
        let mut seen = Vec::new();
        for item in items {
            if item.as_object().is_none() {
                self.r.wrong_type(item, "an entry of `RoleDetailList`", "an object");
                continue;
            }
            let Some((name, span)) = self.name(item, "RoleName", "this role") else { continue };
            if !self.first_of_name(&mut seen, name, span, "role") {
                continue;
            }
            let mut role = Map::new();
            if let Some(path) = self.path(item) {
                role.insert("path".into(), Value::String(path));
            }
            let base = format!("trust-{name}");
            let trust_name = unique_name(&base, &self.taken, true);
            if let Some(doc) = self.document(item, "AssumeRolePolicyDocument", "this role", &trust_name) {
                if trust_name != base {
                    let doc_span = item.get("AssumeRolePolicyDocument").map_or(span, |m| m.key_span);
                    self.emit(
                        Diagnostic::warning(
                            Code::ImportPolicyRenamed,
                            doc_span,
                            format!("the trust policy of the role `{name}` is imported as `{trust_name}`"),
                        )
                        .with_help(format!("a managed policy is already named `{base}`"))
                        .in_policy(&trust_name),
                    );
                }
                self.taken.insert(trust_name.clone());
                self.policies.insert(trust_name.clone(), doc);
                role.insert("trust".into(), Value::String(trust_name));
            }
            let owner = format!("the role `{name}`");
            let attached = self.attached(item, &owner);
            if !attached.is_empty() {
                role.insert("policies".into(), Value::Array(attached));
            }
            let inline = self.inline(item, "RolePolicyList", "role", name);
            if !inline.is_empty() {
                role.insert("inline".into(), Value::Object(inline));
            }
            if let Some(b) = self.boundary(item, &owner) {
                role.insert("boundary".into(), Value::String(b));
            }
            let tags = self.tags(item);
            if !tags.is_empty() {
                role.insert("tags".into(), Value::Object(tags));
            }
            for p in self.objects(item, "InstanceProfileList") {
                if let Some(profile) = self.profile(p, &mut seen_profiles) {
                    profiles.push(profile);
                }
            }
            out.insert(name.to_string(), Value::Object(role));
        }
        (out, profiles)
    }

    /// An instance profile listed under a role, the first time it is seen.
    pub(super) fn profile(&mut self, p: &Json, seen: &mut Vec<String>) -> Option<Profile> {
        let (name, span) = self.name(p, "InstanceProfileName", "this instance profile")?;
        if seen.iter().any(|s| s == name) {
            return None; // listed under another role already (read there)
        }
        seen.push(name.to_string());
        let mut roles: Vec<(&str, Span)> = Vec::new();
        for r in self.objects(p, "Roles") {
            if let Some(role) = self.r.required_str(r, "RoleName", "this role of an instance profile") {
                roles.push(role);
            }
        }
        match roles.as_slice() {
            [(role, role_span)] => {
                Some(Profile { name: name.to_string(), role: role.to_string(), role_span: *role_span })
            }
            [] => {
                self.emit(
                    Diagnostic::warning(
                        Code::ImportProfileRoles,
                        span,
                        format!("the instance profile `{name}` holds no role"),
                    )
                    .with_help("an instance profile gives its instances one role; this one is not imported"),
                );
                None
            }
            several => {
                let list: Vec<String> = several.iter().map(|(r, _)| format!("`{r}`")).collect();
                self.emit(
                    Diagnostic::warning(
                        Code::ImportProfileRoles,
                        span,
                        format!("the instance profile `{name}` holds {} roles: {}", several.len(), list.join(", ")),
                    )
                    .with_help("an instance profile holds at most one role; this one is not imported"),
                );
                None
            }
        }
    }
}
