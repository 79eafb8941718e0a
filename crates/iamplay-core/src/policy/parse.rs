//! From JSON to the policy model, with every problem that does not depend on the
//! policy's type (SEMANTICS.md §1.1–§1.5, §1.7).

use super::*;
use crate::arn::{resource_type_word, split_arn};
use crate::condition::operator::{Family, Operator};
use crate::condition::{CondValue, Condition};
use crate::diagnostic::did_you_mean;
use crate::json::{Json, JsonValue, Member};

const POLICY_MEMBERS: &[&str] = &["Version", "Id", "Statement"];
const STATEMENT_MEMBERS: &[&str] =
    &["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];

/// Global condition keys that are single-valued (ForAllValues on them is a trap).
const SINGLE_VALUED_KEYS: &[&str] = &[
    "aws:username",
    "aws:userid",
    "aws:principalarn",
    "aws:principalaccount",
    "aws:principaltype",
    "aws:principalorgid",
    "aws:sourceip",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:securetransport",
    "aws:currenttime",
    "aws:epochtime",
    "aws:requestedregion",
    "aws:multifactorauthpresent",
    "aws:sourcearn",
    "aws:sourceaccount",
];

struct Parser {
    version: Version,
    diags: Vec<Diagnostic>,
}

/// Builds the policy model from `json`; `text` is the source text its spans point into.
pub fn parse_policy(json: &Json, text: &str) -> Policy {
    let mut p = Parser { version: Version::Missing, diags: Vec::new() };
    let (size_without_whitespace, size_total) = sizes(text.get(json.span.start..json.span.end).unwrap_or(""));
    let mut policy = Policy {
        version: Version::Missing,
        statements: Vec::new(),
        span: json.span,
        id_span: None,
        diagnostics: Vec::new(),
        size_without_whitespace,
        size_total,
    };
    let Some(members) = json.as_object() else {
        p.diags.push(Diagnostic::error(
            "policy-not-object",
            json.span,
            format!("a policy document must be a JSON object, not {}", json.kind_name()),
        ));
        policy.diagnostics = p.diags;
        return policy;
    };
    crate::json::check_duplicate_keys(json, &mut p.diags);
    p.check_characters(json);
    for m in members {
        if !POLICY_MEMBERS.contains(&m.key.as_str()) {
            p.unknown_member(m, POLICY_MEMBERS, "policy");
        }
    }
    match json.get("Version") {
        None => p.diags.push(
            Diagnostic::warning(
                "policy-version-missing",
                json.span.start_point(),
                "the policy has no `Version`, so policy variables are read as literal text",
            )
            .with_help("add `\"Version\": \"2012-10-17\"`"),
        ),
        Some(m) => match m.value.as_str() {
            Some("2012-10-17") => p.version = Version::V2012,
            Some("2008-10-17") => {
                p.version = Version::V2008;
                p.diags.push(
                    Diagnostic::suggestion(
                        "policy-version-legacy",
                        m.value.span,
                        "`2008-10-17` is the legacy policy language: policy variables are read as literal text",
                    )
                    .with_help("use `2012-10-17` unless the literal `${` is intended"),
                );
            }
            _ => p.diags.push(
                Diagnostic::error(
                    "policy-version-invalid",
                    m.value.span,
                    "`Version` must be `2012-10-17` or `2008-10-17`",
                )
                .with_help("`Version` is the policy language version, not a date of your own; use `2012-10-17`"),
            ),
        },
    }
    policy.version = p.version;
    policy.id_span = json.get("Id").map(|m| m.key_span);
    if let Some(id) = json.get("Id") {
        if id.value.as_str().is_none() {
            p.diags.push(Diagnostic::error(
                "value-type",
                id.value.span,
                format!("`Id` must be a string, not {}", id.value.kind_name()),
            ));
        }
    }
    match json.get("Statement") {
        None => p.diags.push(
            Diagnostic::error("policy-statement-missing", json.span.start_point(), "the policy has no `Statement`")
                .with_help("add `\"Statement\": [ ... ]` with at least one statement"),
        ),
        Some(m) => match &m.value.value {
            JsonValue::Object(_) => policy.statements.push(p.statement(0, &m.value)),
            JsonValue::Array(items) => {
                if items.is_empty() {
                    p.diags.push(Diagnostic::warning(
                        "empty-array",
                        m.value.span,
                        "`Statement` is empty, so the policy allows and denies nothing",
                    ));
                }
                for (i, item) in items.iter().enumerate() {
                    if item.as_object().is_some() {
                        policy.statements.push(p.statement(i, item));
                    } else {
                        p.diags.push(Diagnostic::error(
                            "statement-not-object",
                            item.span,
                            format!("a statement must be a JSON object, not {}", item.kind_name()),
                        ));
                    }
                }
            }
            _ => p.diags.push(Diagnostic::error(
                "statement-not-object",
                m.value.span,
                format!("`Statement` must be an object or an array of objects, not {}", m.value.kind_name()),
            )),
        },
    }
    for st in &mut policy.statements {
        let inside = |d: &Diagnostic| d.is_error() && d.span.start >= st.span.start && d.span.end <= st.span.end;
        st.broken = st.broken || p.diags.iter().any(inside);
    }
    policy.diagnostics = p.diags;
    policy
}

/// (characters without white space outside strings, all characters)
fn sizes(doc: &str) -> (usize, usize) {
    let (mut in_string, mut escaped, mut count, mut total) = (false, false, 0, 0);
    for c in doc.chars() {
        total += 1;
        if in_string {
            count += 1;
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if !c.is_whitespace() {
            count += 1;
            in_string = c == '"';
        }
    }
    (count, total)
}

impl Parser {
    fn unknown_member(&mut self, m: &Member, known: &[&str], what: &str) {
        let help = match did_you_mean(&m.key, known.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? element names are case-sensitive"),
            None => format!(
                "a {what} may contain {}",
                known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
            ),
        };
        let code = if what == "policy" { "policy-element-unknown" } else { "statement-element-unknown" };
        self.diags
            .push(Diagnostic::error(code, m.key_span, format!("`{}` is not a {what} element", m.key)).with_help(help));
    }

    fn check_characters(&mut self, json: &Json) {
        let mut bad: Option<(char, Span)> = None;
        visit_strings(json, &mut |s, span| {
            if bad.is_none() {
                if let Some(c) = s.chars().find(|c| !matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FF}')) {
                    bad = Some((c, span));
                }
            }
        });
        if let Some((c, span)) = bad {
            self.diags.push(
                Diagnostic::error(
                    "policy-character-invalid",
                    span,
                    format!("the character `{c}` (U+{:04X}) is not allowed in a policy", u32::from(c)),
                )
                .with_help("policies may contain only tab, line feed, carriage return and characters U+0020 to U+00FF"),
            );
        }
    }

    fn statement(&mut self, index: usize, json: &Json) -> Statement {
        let errors_before = self.error_count();
        let mut st = Statement {
            index,
            span: json.span,
            sid: None,
            effect: None,
            principal: None,
            action: None,
            resource: None,
            conditions: Vec::new(),
            members: StatementMembers::default(),
            broken: false,
        };
        let members = json.as_object().unwrap_or(&[]);
        for m in members {
            match m.key.as_str() {
                "Sid" => match m.value.as_str() {
                    Some(s) => st.sid = Some((s.to_string(), m.value.span)),
                    None => self.diags.push(Diagnostic::error(
                        "value-type",
                        m.value.span,
                        format!("`Sid` must be a string, not {}", m.value.kind_name()),
                    )),
                },
                "Effect" => match m.value.as_str() {
                    Some("Allow") => st.effect = Some(Effect::Allow),
                    Some("Deny") => st.effect = Some(Effect::Deny),
                    other => {
                        let help = match other.map(str::to_ascii_lowercase).as_deref() {
                            Some("allow") => "write `Allow`: the value is case-sensitive".to_string(),
                            Some("deny") => "write `Deny`: the value is case-sensitive".to_string(),
                            _ => "`Effect` is `Allow` or `Deny`".to_string(),
                        };
                        let shown = other.map_or_else(|| m.value.kind_name().to_string(), |s| format!("`{s}`"));
                        self.diags.push(
                            Diagnostic::error(
                                "statement-effect-invalid",
                                m.value.span,
                                format!("`Effect` must be `Allow` or `Deny`, not {shown}"),
                            )
                            .with_help(help),
                        );
                    }
                },
                "Action" | "NotAction" => {
                    let negated = m.key == "NotAction";
                    if negated {
                        st.members.not_action = Some(m.key_span);
                    } else {
                        st.members.action = Some(m.key_span);
                    }
                    let patterns = self.actions(m);
                    if st.action.is_none() {
                        st.action = Some(ActionBlock { negated, patterns });
                    }
                }
                "Resource" | "NotResource" => {
                    let negated = m.key == "NotResource";
                    if negated {
                        st.members.not_resource = Some(m.key_span);
                    } else {
                        st.members.resource = Some(m.key_span);
                    }
                    let patterns = self.resources(m);
                    if st.resource.is_none() {
                        st.resource = Some(ResourceBlock { negated, patterns });
                    }
                }
                "Principal" | "NotPrincipal" => {
                    let negated = m.key == "NotPrincipal";
                    if negated {
                        st.members.not_principal = Some(m.key_span);
                    } else {
                        st.members.principal = Some(m.key_span);
                    }
                    let entries = self.principals(m);
                    if st.principal.is_none() {
                        st.principal = Some(PrincipalBlock { negated, entries });
                    }
                }
                "Condition" => {
                    st.members.condition = Some(m.key_span);
                    st.conditions = self.conditions(&m.value);
                }
                _ => self.unknown_member(m, STATEMENT_MEMBERS, "statement"),
            }
        }
        if json.get("Effect").is_none() {
            self.diags.push(
                Diagnostic::error("statement-effect-missing", json.span.start_point(), "the statement has no `Effect`")
                    .with_help("add `\"Effect\": \"Allow\"` or `\"Effect\": \"Deny\"`"),
            );
        }
        match (st.members.action, st.members.not_action) {
            (None, None) => self.diags.push(
                Diagnostic::error(
                    "statement-action-missing",
                    json.span.start_point(),
                    "the statement has neither `Action` nor `NotAction`",
                )
                .with_help("add `\"Action\": \"service:ActionName\"`"),
            ),
            (Some(a), Some(n)) => self.diags.push(
                Diagnostic::error(
                    "statement-action-conflict",
                    a.max_by_start(n),
                    "a statement may have `Action` or `NotAction`, not both",
                )
                .with_help("keep one of them; to exclude actions from a grant, add a separate `Deny` statement"),
            ),
            _ => {}
        }
        if let (Some(a), Some(n)) = (st.members.resource, st.members.not_resource) {
            self.diags.push(Diagnostic::error(
                "statement-resource-conflict",
                a.max_by_start(n),
                "a statement may have `Resource` or `NotResource`, not both",
            ));
        }
        if let (Some(a), Some(n)) = (st.members.principal, st.members.not_principal) {
            self.diags.push(Diagnostic::error(
                "statement-principal-conflict",
                a.max_by_start(n),
                "a statement may have `Principal` or `NotPrincipal`, not both",
            ));
        }
        st.broken = self.error_count() > errors_before;
        st
    }

    fn error_count(&self) -> usize {
        self.diags.iter().filter(|d| d.is_error()).count()
    }

    /// A string or an array of strings.
    fn strings(&mut self, m: &Member) -> Vec<(String, Span)> {
        match &m.value.value {
            JsonValue::String(s) => vec![(s.clone(), m.value.span)],
            JsonValue::Array(items) => {
                if items.is_empty() {
                    self.diags.push(Diagnostic::warning(
                        "empty-array",
                        m.value.span,
                        if m.key.starts_with("Not") {
                            format!(
                                "`{}` is an empty list, so it excludes nothing: the statement applies to everything",
                                m.key
                            )
                        } else {
                            format!("`{}` is an empty list, so it matches nothing", m.key)
                        },
                    ));
                }
                items
                    .iter()
                    .filter_map(|item| match item.as_str() {
                        Some(s) => Some((s.to_string(), item.span)),
                        None => {
                            self.diags.push(Diagnostic::error(
                                "value-type",
                                item.span,
                                format!("each `{}` entry must be a string, not {}", m.key, item.kind_name()),
                            ));
                            None
                        }
                    })
                    .collect()
            }
            _ => {
                self.diags.push(Diagnostic::error(
                    "value-type",
                    m.value.span,
                    format!("`{}` must be a string or an array of strings, not {}", m.key, m.value.kind_name()),
                ));
                Vec::new()
            }
        }
    }

    fn no_variables(&mut self, raw: &str, span: Span, element: &str) -> bool {
        if raw.contains("${") && self.version == Version::V2012 {
            self.diags.push(
                Diagnostic::error("variable-not-allowed", span, format!("policy variables are not allowed in `{element}`"))
                    .with_help("variables may appear only in the resource part of `Resource`/`NotResource` and in the values of string and ARN conditions"),
            );
            return false;
        }
        true
    }

    fn actions(&mut self, m: &Member) -> Vec<ActionPattern> {
        let mut out = Vec::new();
        for (raw, span) in self.strings(m) {
            self.no_variables(&raw, span, &m.key);
            if raw != "*" && !raw.contains(':') {
                self.diags.push(
                    Diagnostic::warning(
                        "action-format",
                        span,
                        format!("`{raw}` is not of the form `service:ActionName`"),
                    )
                    .with_help("write the service prefix, a colon and the action, as in `s3:GetObject`"),
                );
            } else if let Some((service, _)) = raw.split_once(':') {
                if service.contains(['*', '?']) {
                    self.diags.push(Diagnostic::warning(
                        "action-service-wildcard",
                        span,
                        format!("the service prefix of `{raw}` contains a wildcard"),
                    ));
                }
            }
            out.push(ActionPattern { glob: Glob::new(&raw.to_ascii_lowercase()), raw, span });
        }
        out
    }

    fn resources(&mut self, m: &Member) -> Vec<ResourcePattern> {
        let mut out = Vec::new();
        for (raw, span) in self.strings(m) {
            let mut ok = true;
            let short_service =
                raw.strip_prefix("arn:").and_then(|r| r.split(':').nth(1)).filter(|_| split_arn(&raw).is_none());
            if let Some(service) = short_service.filter(|s| s.contains(['*', '?'])) {
                ok = false;
                self.diags.push(
                    Diagnostic::error("resource-wildcard-service", span, format!("the service of `{raw}` contains a wildcard"))
                        .with_help(format!("the service segment must be written out; to cover every resource write `*` (`{service}` matches every service)")),
                );
            }
            if let Some((service, resource)) = split_arn(&raw) {
                let head_len = raw.len() - resource.len();
                if raw.get(..head_len).is_some_and(|h| h.contains("${")) && self.version == Version::V2012 {
                    ok = false;
                    self.diags.push(
                        Diagnostic::error(
                            "variable-not-allowed",
                            span,
                            format!("`{raw}` has a policy variable before the resource part"),
                        )
                        .with_help("variables may appear only after the fifth colon of an ARN"),
                    );
                }
                if service.contains(['*', '?']) {
                    ok = false;
                    self.diags.push(
                        Diagnostic::error("resource-wildcard-service", span, format!("the service of `{raw}` contains a wildcard"))
                            .with_help("the service segment must be written out, as in `arn:aws:s3:::bucket`; to cover every resource write `*`"),
                    );
                }
                if let Some(word) = resource_type_word(service, resource).filter(|w| w.contains(['*', '?'])) {
                    ok = false;
                    self.diags.push(
                        Diagnostic::error(
                            "resource-wildcard-type",
                            span,
                            format!("the resource type `{word}` of `{raw}` contains a wildcard"),
                        )
                        .with_help("write the resource type out, as in `user/*`"),
                    );
                }
            } else if raw != "*" && !raw.starts_with("arn:") {
                self.diags.push(
                    Diagnostic::warning("resource-format", span, format!("`{raw}` is neither `*` nor an ARN"))
                        .with_help("resources are written as ARNs, as in `arn:aws:s3:::bucket/*`"),
                );
            }
            let template = self.template(&raw, span);
            let glob = match &template {
                Some(t) if !t.has_vars() => ArnGlob::build(t, &crate::template::NoValues),
                _ => None,
            };
            if !ok {
                continue;
            }
            if let Some(template) = template {
                out.push(ResourcePattern { raw, span, template, glob });
            }
        }
        out
    }

    /// Parses variables (Version 2012-10-17) or keeps the text literal.
    fn template(&mut self, raw: &str, span: Span) -> Option<Template> {
        if self.version != Version::V2012 {
            return Some(Template::literal(raw));
        }
        match Template::parse(raw) {
            Ok(t) => Some(t),
            Err(e) => {
                self.diags.push(
                    Diagnostic::error("variable-malformed", span, e.message)
                        .with_help("variables are written `${aws:username}` or `${aws:PrincipalTag/team, 'default'}`"),
                );
                None
            }
        }
    }

    fn principals(&mut self, m: &Member) -> Vec<PrincipalEntry> {
        let mut out = Vec::new();
        match &m.value.value {
            JsonValue::String(s) => {
                let value = if s == "*" {
                    PrincipalValue::Everyone
                } else {
                    self.diags.push(
                        Diagnostic::error(
                            "principal-invalid",
                            m.value.span,
                            format!("`{s}` is not a valid principal: the string form must be `*`"),
                        )
                        .with_help(format!("write `{{\"AWS\": \"{s}\"}}` for an account, user or role")),
                    );
                    PrincipalValue::Invalid
                };
                out.push(PrincipalEntry { kind: "*".into(), raw: s.clone(), span: m.value.span, value });
            }
            JsonValue::Object(kinds) => {
                if kinds.is_empty() {
                    self.diags.push(Diagnostic::error(
                        "principal-invalid",
                        m.value.span,
                        format!("`{}` names no principal", m.key),
                    ));
                }
                for k in kinds {
                    let known = ["AWS", "Service", "Federated", "CanonicalUser"];
                    if !known.contains(&k.key.as_str()) {
                        let help = did_you_mean(&k.key, known).map_or_else(
                            || "principal kinds are `AWS`, `Service`, `Federated` and `CanonicalUser`".to_string(),
                            |s| format!("did you mean `{s}`?"),
                        );
                        self.diags.push(
                            Diagnostic::error(
                                "principal-invalid",
                                k.key_span,
                                format!("`{}` is not a principal kind", k.key),
                            )
                            .with_help(help),
                        );
                        continue;
                    }
                    for (raw, span) in self.strings(k) {
                        let value = self.principal_value(&k.key, &raw, span);
                        out.push(PrincipalEntry { kind: k.key.clone(), raw, span, value });
                    }
                }
            }
            _ => self.diags.push(Diagnostic::error(
                "value-type",
                m.value.span,
                format!(
                    "`{}` must be `*` or an object such as `{{\"AWS\": \"...\"}}`, not {}",
                    m.key,
                    m.value.kind_name()
                ),
            )),
        }
        out
    }

    fn principal_value(&mut self, kind: &str, raw: &str, span: Span) -> PrincipalValue {
        if !self.no_variables(raw, span, "Principal") {
            return PrincipalValue::Invalid;
        }
        if raw == "*" {
            if kind == "AWS" {
                return PrincipalValue::Everyone;
            }
            self.diags.push(Diagnostic::error(
                "principal-wildcard",
                span,
                format!("`*` is only allowed as `\"Principal\": \"*\"` or `{{\"AWS\": \"*\"}}`, not for `{kind}`"),
            ));
            return PrincipalValue::Invalid;
        }
        if raw.contains(['*', '?']) {
            self.diags.push(
                Diagnostic::error("principal-wildcard", span, format!("`{raw}` contains a wildcard: principals cannot be matched by pattern"))
                    .with_help("name each principal, or use `\"Principal\": \"*\"` with an `ArnLike` condition on `aws:PrincipalArn`"),
            );
            return PrincipalValue::Invalid;
        }
        match kind {
            "Service" => return PrincipalValue::Service(raw.to_ascii_lowercase()),
            "Federated" => return PrincipalValue::Federated(raw.to_string()),
            "CanonicalUser" => return PrincipalValue::CanonicalUser(raw.to_string()),
            _ => {}
        }
        if raw.len() == 12 && raw.bytes().all(|b| b.is_ascii_digit()) {
            return PrincipalValue::Account(raw.to_string());
        }
        if raw.len() >= 16 && raw.starts_with('A') && raw.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        {
            return PrincipalValue::UniqueId(raw.to_string());
        }
        let invalid = |p: &mut Self, msg: String| {
            p.diags.push(Diagnostic::error("principal-invalid", span, msg).with_help(
                "an AWS principal is a 12-digit account id or an ARN such as `arn:aws:iam::111122223333:user/alice`",
            ));
            PrincipalValue::Invalid
        };
        let parts: Vec<&str> = raw.splitn(6, ':').collect();
        let [arn, _partition, service, _region, account, resource] = parts.as_slice() else {
            return invalid(self, format!("`{raw}` is not an account id or a principal ARN"));
        };
        if *arn != "arn" {
            return invalid(self, format!("`{raw}` is not an account id or a principal ARN"));
        }
        let account = account.to_string();
        let kind = match (*service, resource.split('/').next().unwrap_or("")) {
            ("iam", "root") if *resource == "root" => return PrincipalValue::Account(account),
            ("iam", "user") => ArnKind::User,
            ("iam", "role") => ArnKind::Role,
            ("sts", "assumed-role") => ArnKind::AssumedRole,
            ("sts", "federated-user") => ArnKind::FederatedUser,
            ("iam", "group") => {
                self.diags.push(
                    Diagnostic::error(
                        "principal-group",
                        span,
                        format!("`{raw}` is a group, and a group is never a principal"),
                    )
                    .with_help("name the users, or attach this permission to the group as an identity-based policy"),
                );
                return PrincipalValue::Invalid;
            }
            _ => {
                return invalid(
                    self,
                    format!("`{raw}` is not a principal ARN (root, user, role, assumed-role or federated-user)"),
                )
            }
        };
        PrincipalValue::Arn { kind, account, arn: raw.to_string() }
    }

    fn conditions(&mut self, json: &Json) -> Vec<Condition> {
        let mut out = Vec::new();
        let Some(ops) = json.as_object() else {
            self.diags.push(Diagnostic::error(
                "value-type",
                json.span,
                format!("`Condition` must be an object, not {}", json.kind_name()),
            ));
            return out;
        };
        if ops.is_empty() {
            self.diags.push(Diagnostic::warning("empty-object", json.span, "`Condition` is empty"));
        }
        for op_member in ops {
            let operator = match Operator::parse(&op_member.key) {
                Ok(op) => Some(op),
                Err((code, message, help)) => {
                    let mut d = Diagnostic::error(code, op_member.key_span, message);
                    d.help = help;
                    self.diags.push(d);
                    None
                }
            };
            let Some(keys) = op_member.value.as_object() else {
                self.diags.push(Diagnostic::error(
                    "value-type",
                    op_member.value.span,
                    format!(
                        "`{}` must map condition keys to values, not be {}",
                        op_member.key,
                        op_member.value.kind_name()
                    ),
                ));
                continue;
            };
            let differing: std::collections::HashSet<usize> =
                crate::json::members_differing_in_case(keys).map(|(i, ..)| i).collect();
            for (i, key_member) in keys.iter().enumerate() {
                let key_lc = crate::key::KeyName::new(&key_member.key);
                if differing.contains(&i) {
                    self.diags.push(
                        Diagnostic::error(
                            "condition-key-duplicate",
                            key_member.key_span,
                            format!(
                                "the key `{}` appears twice under `{}`, in different letter case",
                                key_member.key, op_member.key
                            ),
                        )
                        .with_help("key names are case-insensitive: merge the values into one entry"),
                    );
                }
                self.no_variables(&key_member.key, key_member.key_span, "condition key names");
                let values = self.condition_values(key_member, operator.as_ref(), &op_member.key);
                out.push(Condition {
                    operator_name: op_member.key.clone(),
                    operator,
                    operator_span: op_member.key_span,
                    key: key_member.key.clone(),
                    key_lc,
                    key_span: key_member.key_span,
                    values,
                });
            }
        }
        out
    }

    fn condition_values(&mut self, m: &Member, op: Option<&Operator>, op_name: &str) -> Vec<CondValue> {
        let raw_values: Vec<(String, Span)> = match &m.value.value {
            JsonValue::Array(items) => {
                if items.is_empty() {
                    self.diags.push(Diagnostic::warning(
                        "empty-array",
                        m.value.span,
                        format!("`{}` has no values, so it matches no request value", m.key),
                    ));
                }
                items
                    .iter()
                    .filter_map(|v| match v.scalar_text() {
                        Some(t) => Some((t, v.span)),
                        None => {
                            self.diags.push(Diagnostic::error(
                                "value-type",
                                v.span,
                                format!("condition values must be strings, numbers or booleans, not {}", v.kind_name()),
                            ));
                            None
                        }
                    })
                    .collect()
            }
            _ => match m.value.scalar_text() {
                Some(t) => vec![(t, m.value.span)],
                None => {
                    self.diags.push(Diagnostic::error(
                        "value-type",
                        m.value.span,
                        format!("condition values must be strings, numbers or booleans, not {}", m.value.kind_name()),
                    ));
                    Vec::new()
                }
            },
        };
        let Some(op) = op else {
            return raw_values
                .into_iter()
                .map(|(raw, span)| CondValue { raw, span, typed: crate::condition::Typed::Invalid })
                .collect();
        };
        if op.family == Family::Bool && raw_values.len() > 1 {
            self.diags.push(
                Diagnostic::error(
                    "condition-bool-multiple",
                    m.value.span,
                    format!("`{}` has several values, but a Boolean condition takes one", m.key),
                )
                .with_help("use a single `\"true\"` or `\"false\"`"),
            );
        }
        if op.set.is_none() && op.family != Family::Null && is_multivalued(&m.key) {
            self.diags.push(
                Diagnostic::warning(
                    "condition-multivalued-without-set",
                    m.key_span,
                    format!(
                        "`{}` can carry several values, but `{op_name}` has no `ForAnyValue:`/`ForAllValues:` prefix",
                        m.key
                    ),
                )
                .with_help("it is evaluated as `ForAnyValue:`; write the prefix that says what you mean"),
            );
        }
        if op.set == Some(crate::condition::operator::SetQualifier::ForAllValues) && is_single_valued(&m.key) {
            self.diags.push(
                Diagnostic::warning(
                    "condition-forallvalues-single",
                    m.key_span,
                    format!("`ForAllValues:` on the single-valued key `{}`", m.key),
                )
                .with_help("`ForAllValues:` is also true when the key is missing; use the operator without the prefix"),
            );
        }
        let mut out = Vec::new();
        for (raw, span) in raw_values {
            let has_var = self.version == Version::V2012 && raw.contains("${");
            let template = if has_var && !op.allows_variables() {
                self.diags.push(
                    Diagnostic::error(
                        "variable-operator",
                        span,
                        format!("policy variables cannot be used with `{op_name}`"),
                    )
                    .with_help("variables work only with string and ARN operators"),
                );
                Template::literal(&raw)
            } else if has_var {
                if op.family == Family::Bool {
                    self.diags.push(Diagnostic::warning(
                        "variable-operator",
                        span,
                        "AWS pages disagree on whether `Bool` accepts policy variables (SEMANTICS §9.6)",
                    ));
                }
                match self.template(&raw, span) {
                    Some(t) => t,
                    None => {
                        out.push(CondValue { raw, span, typed: crate::condition::Typed::Invalid });
                        continue;
                    }
                }
            } else {
                Template::literal(&raw)
            };
            if op.family == Family::String && !op.uses_wildcards() && raw.contains(['*', '?']) && !raw.contains("${*}")
            {
                self.diags.push(
                    Diagnostic::warning(
                        "condition-wildcard-without-like",
                        span,
                        format!("`*` and `?` are literal characters in `{op_name}`"),
                    )
                    .with_help("use `StringLike` to match a pattern"),
                );
            }
            if op.family == Family::Ip && m.key.eq_ignore_ascii_case("aws:SourceIp") {
                if let Some(r) = crate::value::IpRange::parse(&raw).filter(|r| r.is_private()) {
                    self.diags.push(
                        Diagnostic::warning(
                            "condition-sourceip-private",
                            span,
                            format!("`{}` is a private range, but `aws:SourceIp` only carries public addresses", raw),
                        )
                        .with_help(format!("use `aws:VpcSourceIp` for addresses inside a VPC (prefix /{})", r.prefix)),
                    );
                }
            }
            let reported = has_var && !op.allows_variables();
            if op.family == Family::Bool
                && !has_var
                && (raw.eq_ignore_ascii_case("true") || raw.eq_ignore_ascii_case("false"))
                && raw != "true"
                && raw != "false"
            {
                self.diags.push(Diagnostic::suggestion(
                    "condition-bool-case",
                    span,
                    format!("write `{}` in lower case", raw.to_ascii_lowercase()),
                ));
            }
            if op.family == Family::Date
                && !has_var
                && crate::value::parse_date(&raw).is_some()
                && !crate::value::is_w3c_date(&raw)
            {
                self.diags.push(
                    Diagnostic::suggestion("condition-date-epoch", span, format!("`{raw}` is read as epoch seconds"))
                        .with_help("W3C dates such as `2024-01-01T00:00:00Z` say which instant is meant"),
                );
            }
            let value = CondValue::compile(raw, span, op, template);
            if value.typed == crate::condition::Typed::Invalid && !reported {
                let expected = match op.family {
                    Family::Numeric => "a number",
                    Family::Date => "a date such as `2024-01-01T00:00:00Z` or epoch seconds",
                    Family::Bool => "`true` or `false`",
                    Family::Binary => "base64 text",
                    Family::Ip => "an IP address or CIDR range such as `203.0.113.0/24`",
                    Family::Null => "`true` or `false`",
                    _ => "a value",
                };
                self.diags.push(
                    Diagnostic::error(
                        "condition-value-invalid",
                        span,
                        format!("`{}` is not {expected}, as `{op_name}` needs", value.raw),
                    )
                    .with_help("the statement cannot be evaluated until the value is fixed"),
                );
            }
            out.push(value);
        }
        out
    }
}

/// Global and common service keys that carry several values.
fn is_multivalued(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    ["aws:tagkeys", "aws:calledvia", "aws:principalservicenameslist", "aws:principalorgpaths", "dynamodb:attributes"]
        .contains(&k.as_str())
}

fn is_single_valued(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    SINGLE_VALUED_KEYS.contains(&k.as_str())
        || ["aws:resourcetag/", "aws:requesttag/", "aws:principaltag/"].iter().any(|p| k.starts_with(p))
}

fn visit_strings(json: &Json, f: &mut dyn FnMut(&str, Span)) {
    match &json.value {
        JsonValue::String(s) => f(s, json.span),
        JsonValue::Array(items) => items.iter().for_each(|i| visit_strings(i, f)),
        JsonValue::Object(members) => {
            for m in members {
                f(&m.key, m.key_span);
                visit_strings(&m.value, f);
            }
        }
        _ => {}
    }
}

trait MaxByStart {
    fn max_by_start(self, other: Span) -> Span;
}

impl MaxByStart for Span {
    /// The later of two spans (the member that conflicts with an earlier one).
    fn max_by_start(self, other: Span) -> Span {
        if other.start > self.start {
            other
        } else {
            self
        }
    }
}
