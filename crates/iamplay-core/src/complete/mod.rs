//! Completions while typing in the editors: inside a JSON string, what fits where the
//! cursor is — actions (with their access level) and service prefixes under `Action`,
//! condition operators under `Condition`, condition keys under an operator, `Allow` and
//! `Deny`, the policy language's version, a statement's element names; in the principals
//! and request editors the names the scenario declares where a reference to one goes
//! (policies, AWS managed policies by ARN, groups, roles, instance profiles, users) and
//! the forms of a request's principal. The text is usually broken while
//! it is typed, so the place is found by a forward scan that needs no valid JSON.

mod names;

use crate::vocabulary::Vocabulary;
use names::*;

/// What the editor shows: the options replace the text from `from` (a byte offset, the
/// start of the string's content) to the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub from: usize,
    pub options: Vec<Choice>,
    /// An AWS managed policy's ARN may go here: the editor fetches their list if it has
    /// not (`Texts::aws_managed`).
    pub aws_managed_here: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub label: String,
    /// Shown beside it (an access level, a service's name).
    pub detail: String,
    /// CodeMirror's kinds: `keyword`, `function`, `property`, `variable`, `constant`.
    pub kind: &'static str,
    /// Ranks it above options that match the typed text as well (1: a condition key the
    /// statement's actions carry); 0 for most.
    pub boost: i8,
    /// An ARN format whose `${Placeholder}` parts are fields to fill in (a snippet), not
    /// policy variables to keep.
    pub template: bool,
}

/// Which editor is typed in, and what the others hold.
pub struct Texts<'a> {
    pub policies: &'a str,
    pub principals: &'a str,
    /// The ARNs of the AWS managed policies a scenario may name (empty until their list is
    /// here).
    pub aws_managed: &'a [String],
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Frame {
    Object,
    Array,
}

/// Where a string being typed sits: its content's start, and the keys of the containers
/// around it, innermost last (an array inherits its member's key); `is_key` when the
/// string is a member name.
#[derive(Debug, PartialEq)]
pub(crate) struct Place {
    pub(crate) from: usize,
    pub(crate) keys: Vec<Option<String>>,
    pub(crate) is_key: bool,
    /// The `Action` values written before the cursor in the objects open around it (the
    /// statement being typed, also from inside its Condition).
    actions: Vec<String>,
}

/// Scans `text` up to `cursor`; Some when the cursor is inside a string.
pub(crate) fn place(text: &str, cursor: usize) -> Option<Place> {
    let bytes = text.as_bytes();
    let end = cursor.min(bytes.len());
    // each open container: its kind, the member key it is the value of
    let mut stack: Vec<(Frame, Option<String>)> = Vec::new();
    let mut expect_key = false;
    let mut current_key: Option<String> = None;
    // per open object, the Action values read in it
    let mut objects_actions: Vec<Vec<String>> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes.get(i).copied().unwrap_or_default() {
            b'"' => {
                let start = i + 1;
                let mut j = start;
                let mut closed = false;
                while j < bytes.len() {
                    match bytes.get(j).copied().unwrap_or_default() {
                        b'\\' => j += 2,
                        b'"' => {
                            closed = true;
                            break;
                        }
                        b'\n' => break,
                        _ => j += 1,
                    }
                }
                let in_object = matches!(stack.last(), Some((Frame::Object, _)));
                if end <= j || !closed {
                    // the cursor is in this string
                    if end < start {
                        return None;
                    }
                    let mut keys: Vec<Option<String>> = stack.iter().map(|(_, k)| k.clone()).collect();
                    if in_object && !expect_key {
                        keys.push(current_key.clone());
                    }
                    // the statement's: an object open around the cursor (its Condition's are
                    // inside it; a closed statement's are gone)
                    let actions = objects_actions.concat();
                    return Some(Place { from: start, keys, is_key: in_object && expect_key, actions });
                }
                let value = text.get(start..j).map(str::to_string);
                if in_object && expect_key {
                    current_key = value;
                } else {
                    // an Action value, itself or in the Action list: the statement's
                    let under = match stack.last() {
                        Some((Frame::Object, _)) => current_key.as_deref(),
                        Some((Frame::Array, k)) => k.as_deref(),
                        None => None,
                    };
                    // (a request's `action` too: its context keys and resource follow it)
                    if let (Some("Action" | "action"), Some(v), Some(list)) = (under, value, objects_actions.last_mut())
                    {
                        list.push(v);
                    }
                }
                i = j + 1;
                continue;
            }
            open @ (b'{' | b'[') => {
                // the member key it is the value of (an array's items inherit the array's)
                let key = match stack.last() {
                    Some((Frame::Object, _)) => current_key.take(),
                    Some((Frame::Array, k)) => k.clone(),
                    None => None,
                };
                let frame = if open == b'{' { Frame::Object } else { Frame::Array };
                stack.push((frame, key));
                expect_key = frame == Frame::Object;
                if frame == Frame::Object {
                    objects_actions.push(Vec::new());
                }
            }
            close @ (b'}' | b']') => {
                if close == b'}' {
                    objects_actions.pop();
                }
                stack.pop();
                expect_key = false;
            }
            b',' => expect_key = matches!(stack.last(), Some((Frame::Object, _))),
            b':' => expect_key = false,
            _ => {}
        }
        i += 1;
    }
    None
}

fn choice(label: impl Into<String>, detail: impl Into<String>, kind: &'static str) -> Choice {
    Choice { label: label.into(), detail: detail.into(), kind, boost: 0, template: false }
}

const STATEMENT_ELEMENTS: &[&str] =
    &["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition", "Principal", "NotPrincipal"];

/// An operator name without its set qualifier and `IfExists` (`ForAnyValue:StringLikeIfExists`
/// → `StringLike`).
fn op_base(op: &str) -> &str {
    let op = op.split_once(':').map_or(op, |(_, rest)| rest);
    op.strip_suffix("IfExists").unwrap_or(op)
}

/// Actions under `Action`: the services while no `:` is typed, then the service's actions.
fn actions(typed: &str, aws: &dyn Vocabulary) -> Vec<Choice> {
    match typed.split_once(':') {
        None => aws
            .prefixes()
            .into_iter()
            .map(|p| choice(format!("{p}:"), aws.service_name(p).unwrap_or_default(), "variable"))
            .collect(),
        Some((service, _)) => aws
            .actions(service)
            .into_iter()
            .map(|a| {
                let full = format!("{service}:{a}");
                let level = aws.access_level(&full).unwrap_or_default();
                choice(full, level, "function")
            })
            .collect(),
    }
}

/// Condition keys under an operator: the global ones, and the typed service's.
/// Condition keys under an operator: the global ones, and the typed service's; those the
/// statement's `actions` carry first (boosted, so they stay first as the list narrows).
fn condition_keys(typed: &str, actions: &[String], aws: &dyn Vocabulary) -> Vec<Choice> {
    let mut out: Vec<Choice> =
        aws.keys("aws").into_iter().map(|k| choice(k, aws.key_type(k).unwrap_or_default(), "property")).collect();
    if let Some((service, _)) = typed.split_once(':').filter(|(s, _)| !s.eq_ignore_ascii_case("aws")) {
        out.extend(aws.keys(service).into_iter().map(|k| choice(k, aws.key_type(k).unwrap_or_default(), "property")));
    }
    let carried = |key: &str| actions.iter().any(|a| aws.action_supports_key(a, key) == Some(true));
    let (mut first, rest): (Vec<Choice>, Vec<Choice>) = out.into_iter().partition(|c| carried(&c.label));
    for c in &mut first {
        c.boost = 1;
        c.detail = format!("{}, carried by the statement's actions", c.detail);
    }
    first.extend(rest);
    // a key's variable part (`${TagKey}`, `<key>`) is a field to fill in
    for c in &mut first {
        if c.label.contains("${") || c.label.contains('<') {
            c.label = c.label.replace('<', "${").replace('>', "}");
            c.template = true;
        }
    }
    first
}

/// Resource ARNs for the statement's actions: each resource type's ARN format, in the
/// `aws` partition, its other parts left as placeholders to fill in.
fn resource_templates(actions: &[String], principals: &str, aws: &dyn Vocabulary) -> Vec<Choice> {
    // the declared account, where the format has one
    let account = crate::json::parse(principals, crate::source::SourceId::Principals)
        .ok()
        .and_then(|j| j.get("account").and_then(|m| m.value.as_str()).map(str::to_string));
    let mut out: Vec<Choice> = Vec::new();
    for action in actions.iter().filter(|a| !a.contains(['*', '?'])) {
        for t in aws.resource_types(action).unwrap_or_default() {
            let arn = t.arn.replace("${Partition}", "aws");
            let arn = match &account {
                Some(a) => arn.replace("${Account}", a),
                None => arn,
            };
            if !out.iter().any(|c| c.label == arn) {
                out.push(Choice { template: true, ..choice(arn, format!("{} ({action})", t.name), "constant") });
            }
        }
    }
    out
}

/// The condition operators, with and without `IfExists` (`Null` has none); after a set
/// qualifier, the operators it qualifies, written with it.
fn operators(typed: &str) -> Vec<Choice> {
    let qualifier = ["ForAnyValue:", "ForAllValues:"]
        .into_iter()
        .find(|q| typed.get(..q.len()).is_some_and(|t| t.eq_ignore_ascii_case(q)));
    let bases = crate::condition::operator::base_names();
    let mut out: Vec<Choice> = Vec::new();
    for base in bases.filter(|b| qualifier.is_none() || *b != "Null") {
        let q = qualifier.unwrap_or_default();
        out.push(choice(format!("{q}{base}"), "condition operator", "keyword"));
        if base != "Null" {
            let detail = if q.is_empty() { "the same, true where the key is missing" } else { "condition operator" };
            out.push(choice(format!("{q}{base}IfExists"), detail, "keyword"));
        }
    }
    if qualifier.is_none() {
        out.extend(
            ["ForAnyValue:", "ForAllValues:"]
                .map(|q| choice(q, "for a key with several values (then an operator)", "keyword")),
        );
    }
    out
}

/// The completions at `cursor` (a byte offset) of `editor`'s `text` (`policies`,
/// `principals` or `request`); None where nothing is offered.
pub fn complete(
    editor: &str,
    text: &str,
    cursor: usize,
    others: &Texts<'_>,
    aws: Option<&dyn Vocabulary>,
) -> Option<Completion> {
    let p = place(text, cursor)?;
    let typed = text.get(p.from..cursor)?;
    let key = |back: usize| p.keys.iter().rev().nth(back).cloned().flatten();
    let options = match (editor, p.is_key) {
        ("policies", false) => match (key(0).as_deref(), key(1).as_deref()) {
            (Some("Action" | "NotAction"), _) => actions(typed, aws?),
            (Some("Resource" | "NotResource"), _) => resource_templates(&p.actions, others.principals, aws?),
            (Some("Effect"), _) => vec![choice("Allow", "", "constant"), choice("Deny", "", "constant")],
            (Some("Version"), _) => vec![choice("2012-10-17", "the current policy language", "constant")],
            (Some("AWS"), Some("Principal" | "NotPrincipal")) => principal_arns(others.principals),
            (Some("Service"), Some("Principal" | "NotPrincipal")) => SERVICE_PRINCIPALS
                .iter()
                .map(|s| choice(format!("{s}.amazonaws.com"), "an AWS service", "constant"))
                .collect(),
            // a condition's value: true or false under Bool
            (Some(_), Some(op)) if op_base(op).eq_ignore_ascii_case("Bool") => {
                vec![choice("true", "", "constant"), choice("false", "", "constant")]
            }
            _ => return None,
        },
        ("policies", true) => match (key(0).as_deref(), key(1).as_deref()) {
            (Some("Condition"), _) => operators(typed),
            (Some("Principal" | "NotPrincipal"), _) => ["AWS", "Service", "Federated", "CanonicalUser"]
                .map(|e| choice(e, "principal type", "keyword"))
                .to_vec(),
            (Some(_), Some("Condition")) => condition_keys(typed, &p.actions, aws?),
            (Some("Statement"), _) => {
                STATEMENT_ELEMENTS.iter().map(|e| choice(*e, "statement element", "keyword")).collect()
            }
            (Some(_), None) => ["Version", "Id", "Statement"].map(|e| choice(e, "policy element", "keyword")).to_vec(),
            _ => return None,
        },
        ("principals", true) => match (key(0).as_deref(), key(1).as_deref()) {
            (None, None) => fields(PRINCIPALS_FIELDS, "principals field"),
            (Some(_), Some("accounts")) => fields(PRINCIPALS_FIELDS.get(1..).unwrap_or_default(), "account field"),
            (Some(_), Some("users")) => fields(USER_FIELDS, "user field"),
            (Some(_), Some("groups")) => fields(&["path", "policies", "inline"], "group field"),
            (Some(_), Some("roles")) => fields(ROLE_FIELDS, "role field"),
            (Some(_), Some("instanceProfiles")) => fields(&["role"], "instance profile field"),
            (Some(_), Some("instances")) => fields(&["profile", "region", "tags"], "instance field"),
            (Some(_), Some("resources")) => fields(&["policy", "tags"], "resource field"),
            (Some("organization"), _) => fields(&["scps", "rcps", "management"], "organization field"),
            _ => return None,
        },
        ("principals", false) => match key(0).as_deref() {
            // identity-based policies and boundaries may be AWS managed ones, by ARN
            Some("policies" | "boundary") => policy_names(others, true),
            Some("trust" | "policy" | "scps" | "rcps") => policy_names(others, false),
            Some("groups") => declared(text, "groups", "group"),
            Some("role") => declared(text, "roles", "role"),
            Some("profile") => declared(text, "instanceProfiles", "instance profile"),
            _ => return None,
        },
        ("request", true) => match key(0).as_deref() {
            None => fields(REQUEST_FIELDS, "request field"),
            // the context keys, those the request's action carries first
            Some("context") => condition_keys(typed, &p.actions, aws?),
            _ => return None,
        },
        ("request", false) => match key(0).as_deref() {
            Some("action") => actions(typed, aws?),
            Some("resource") => resource_templates(&p.actions, others.principals, aws?),
            Some("principal") => principal_references(others.principals),
            Some("sessionPolicy") => policy_names(others, true),
            Some("instanceProfile") => declared(others.principals, "instanceProfiles", "instance profile"),
            Some("federatedBy") => declared(others.principals, "users", "user"),
            Some("expect") => ["Allow", "ExplicitDeny", "ImplicitDeny"].map(|d| choice(d, "", "constant")).to_vec(),
            _ => return None,
        },
        _ => return None,
    };
    let aws_managed_here = matches!(
        (editor, p.is_key, key(0).as_deref()),
        ("principals", false, Some("policies" | "boundary")) | ("request", false, Some("sessionPolicy"))
    );
    (!options.is_empty() || aws_managed_here).then_some(Completion { from: p.from, options, aws_managed_here })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::TestVocabulary;

    fn labels(editor: &str, text_with_cursor: &str) -> Option<Vec<String>> {
        let cursor = text_with_cursor.find('|').expect("a cursor");
        let text = text_with_cursor.replacen('|', "", 1);
        let aws_managed = ["arn:aws:iam::aws:policy/ReadOnlyAccess".to_string()];
        let others = Texts {
            policies: r#"{"ReadReports": {}, "Admin": {}}"#,
            principals: r#"{"account": "444455556666", "users": {"alice": {}}, "roles": {"web": {}}, "instanceProfiles": {"web-profile": {}}}"#,
            aws_managed: &aws_managed,
        };
        complete(editor, &text, cursor, &others, Some(&TestVocabulary)).map(|c| {
            assert_eq!(text.get(c.from..cursor), Some(text_with_cursor.get(c.from..cursor).unwrap_or_default()));
            c.options.into_iter().map(|o| o.label).collect()
        })
    }

    #[test]
    fn actions_under_action_even_while_the_text_is_broken() {
        let services =
            labels("policies", r#"{"p": {"Statement": [{"Effect": "Allow", "Action": "|"#).expect("services");
        assert_eq!(services, ["s3:", "ec2:"]);
        let actions =
            labels("policies", r#"{"p": {"Statement": [{"Action": ["s3:GetObject", "s3:Li|"]}]}}"#).expect("actions");
        assert!(actions.contains(&"s3:ListBucket".to_string()), "{actions:?}");
        // a Resource: the ARN formats of the statement's actions' resource types
        let arns = labels("policies", r#"{"p": {"Statement": [{"Action": ["s3:GetObject"], "Resource": "arn:|"#)
            .expect("ARNs");
        assert!(!arns.is_empty() && arns.iter().all(|a| a.starts_with("arn:aws:s3:::")), "{arns:?}");
        // the Action list of another statement does not count
        let other = r#"{"p": {"Statement": [{"Action": "s3:GetObject"}, {"Action": "*", "Resource": "|"#;
        assert!(labels("policies", other).is_none());
    }

    #[test]
    fn operators_keys_effects_and_element_names_where_they_go() {
        let ops = labels("policies", r#"{"p": {"Statement": [{"Condition": {"|"#).expect("operators");
        assert!(ops.contains(&"StringEquals".to_string()) && ops.contains(&"ForAnyValue:".to_string()));
        let keys = labels("policies", r#"{"p": {"Statement": [{"Condition": {"StringEquals": {"aws:|"#).expect("keys");
        assert!(keys.iter().any(|k| k == "aws:SourceIp"), "{keys:?}");
        assert_eq!(labels("policies", r#"{"p": {"Statement": [{"Effect": "|"#).expect("effects"), ["Allow", "Deny"]);
        let elements = labels("policies", r#"{"p": {"Statement": [{"Effect": "Allow", "|"#).expect("elements");
        assert!(elements.contains(&"NotAction".to_string()));
        let top = labels("policies", r#"{"p": {"Version": "2012-10-17", "|"#).expect("policy elements");
        assert_eq!(top, ["Version", "Id", "Statement"]);
        // a value that is no element's: nothing
        assert!(labels("policies", r#"{"p": {"Statement": [{"Sid": "|"#).is_none());
        // outside a string: nothing
        assert!(labels("policies", r#"{"p": |"#).is_none());
    }

    #[test]
    fn keys_the_statements_actions_carry_come_first() {
        let text = r#"{"p": {"Statement": [{"Action": "s3:ListBucket", "Condition": {"StringEquals": {"s3:|"#;
        let text = text.replacen('|', "", 1);
        let cursor = text.len();
        let others = Texts { policies: "", principals: "", aws_managed: &[] };
        let found = complete("policies", &text, cursor, &others, Some(&TestVocabulary)).expect("keys");
        let boosted: Vec<&str> = found.options.iter().filter(|o| o.boost > 0).map(|o| o.label.as_str()).collect();
        assert_eq!(boosted, ["s3:prefix", "s3:max-keys"]);
        assert_eq!(found.options.first().map(|o| o.label.as_str()), Some("s3:prefix"));
        assert!(found.options.iter().any(|o| o.label == "aws:SourceIp" && o.boost == 0));
        // another action: another key first
        let text = text.replace("s3:ListBucket", "s3:GetObject");
        let found = complete("policies", &text, text.len(), &others, Some(&TestVocabulary)).expect("keys");
        assert_eq!(found.options.first().map(|o| o.label.as_str()), Some("s3:ExistingObjectTag/${key}"));
    }

    #[test]
    fn operators_with_qualifiers_and_ifexists_principal_entries_and_bool_values() {
        let ops = labels("policies", r#"{"p": {"Statement": [{"Condition": {"|"#).expect("operators");
        assert!(ops.contains(&"StringEqualsIfExists".to_string()) && !ops.contains(&"NullIfExists".to_string()));
        let qualified =
            labels("policies", r#"{"p": {"Statement": [{"Condition": {"ForAllValues:Str|"#).expect("qualified");
        assert!(qualified.contains(&"ForAllValues:StringEquals".to_string()), "{qualified:?}");
        assert!(
            qualified.iter().all(|o| o.starts_with("ForAllValues:"))
                && !qualified.contains(&"ForAllValues:Null".into())
        );
        let kinds = labels("policies", r#"{"p": {"Statement": [{"Principal": {"|"#).expect("principal types");
        assert_eq!(kinds, ["AWS", "Service", "Federated", "CanonicalUser"]);
        let aws = labels("policies", r#"{"p": {"Statement": [{"Principal": {"AWS": "|"#).expect("ARNs");
        assert_eq!(
            aws,
            [
                "arn:aws:iam::444455556666:root",
                "arn:aws:iam::444455556666:user/alice",
                "arn:aws:iam::444455556666:role/web",
                "*"
            ]
        );
        let services = labels("policies", r#"{"p": {"Statement": [{"Principal": {"Service": ["|"#).expect("services");
        assert!(services.contains(&"ec2.amazonaws.com".to_string()));
        let bool_values =
            labels("policies", r#"{"p": {"Statement": [{"Condition": {"BoolIfExists": {"aws:SecureTransport": "|"#);
        assert_eq!(bool_values.expect("true/false"), ["true", "false"]);
        // a key's variable part is a field to fill in
        let text = r#"{"p": {"Statement": [{"Condition": {"StringEquals": {"s3:|"#.replacen('|', "", 1);
        let others = Texts { policies: "", principals: "", aws_managed: &[] };
        let keys = complete("policies", &text, text.len(), &others, Some(&TestVocabulary)).expect("keys");
        let tag = keys.options.iter().find(|o| o.label.starts_with("s3:ExistingObjectTag/")).expect("a tag key");
        assert_eq!((tag.label.as_str(), tag.template), ("s3:ExistingObjectTag/${key}", true));
    }

    #[test]
    fn field_names_of_principals_and_requests_and_a_request_s_keys_and_resource() {
        let top = labels("principals", r#"{"|"#).expect("fields");
        assert!(top.contains(&"instanceProfiles".to_string()) && top.contains(&"account".to_string()));
        let user = labels("principals", r#"{"users": {"alice": {"|"#).expect("user fields");
        assert_eq!(user, USER_FIELDS);
        let role = labels("principals", r#"{"roles": {"web": {"policies": [], "|"#).expect("role fields");
        assert!(role.contains(&"trust".to_string()));
        assert_eq!(labels("principals", r#"{"organization": {"|"#).expect("org"), ["scps", "rcps", "management"]);
        let request = labels("request", r#"[{"principal": "user/alice", "|"#).expect("request fields");
        assert_eq!(request, REQUEST_FIELDS);
        let context = labels("request", r#"{"action": "s3:ListBucket", "context": {"s3:|"#).expect("context keys");
        assert_eq!(context.first().map(String::as_str), Some("s3:prefix"), "{context:?}");
        let resource = labels("request", r#"{"action": "s3:GetObject", "resource": "|"#).expect("ARN formats");
        assert!(resource.iter().all(|a| a.starts_with("arn:aws:s3:::")), "{resource:?}");
    }

    #[test]
    fn declared_names_in_the_principals_and_request_editors() {
        let names = labels("principals", r#"{"users": {"alice": {"policies": ["|"#).expect("policies");
        assert_eq!(names, ["ReadReports", "Admin", "arn:aws:iam::aws:policy/ReadOnlyAccess"]);
        let boundary = labels("principals", r#"{"roles": {"r": {"boundary": "|"#).expect("boundary");
        assert_eq!(boundary.len(), 3);
        // a trust policy or an SCP is never an AWS managed one
        let trust = labels("principals", r#"{"roles": {"r": {"trust": "|"#).expect("trust");
        assert_eq!(trust, ["ReadReports", "Admin"]);
        let scps = labels("principals", r#"{"organization": {"scps": [["|"#).expect("scps");
        assert_eq!(scps, ["ReadReports", "Admin"]);
        // the names the Principals text itself declares, where a reference to one goes
        let text = r#"{"groups": {"dev": {}, "ops": {}}, "roles": {"web": {}}, "instanceProfiles": {"wp": {"role": "|"}}, "users": {"alice": {"groups": [""]}}}"#;
        assert_eq!(labels("principals", text).expect("roles"), ["web"]);
        let text = r#"{"groups": {"dev": {}, "ops": {}}, "users": {"alice": {"groups": ["|"]}}}"#;
        assert_eq!(labels("principals", text).expect("groups"), ["dev", "ops"]);
        let text = r#"{"instanceProfiles": {"wp": {}}, "instances": {"i-1": {"profile": "|"}}}"#;
        assert_eq!(labels("principals", text).expect("profiles"), ["wp"]);
        let who = labels("request", r#"{"principal": "|"#).expect("principals");
        assert_eq!(
            who,
            [
                "user/alice",
                "role/web",
                "instance-profile/web-profile",
                "arn:aws:iam::444455556666:user/alice",
                "arn:aws:iam::444455556666:role/web",
                "arn:aws:sts::444455556666:assumed-role/web/session",
                "root",
                "anonymous",
                "service:",
                "federated:",
                "arn:aws:iam::444455556666:root",
                "arn:aws:sts::444455556666:federated-user/",
            ]
        );
        // a broken Principals text: the forms that name nothing declared
        let broken = Texts { policies: "{}", principals: r#"{"users": {"#, aws_managed: &[] };
        let text = r#"{"principal": ""#;
        let forms = complete("request", text, text.len(), &broken, None).expect("forms");
        let forms: Vec<String> = forms.options.into_iter().map(|o| o.label).collect();
        assert_eq!(forms, ["root", "anonymous", "service:", "federated:"]);
        // where an AWS managed policy may go, the editor is told so, even with nothing to offer yet
        let empty = Texts { policies: "{}", principals: "{}", aws_managed: &[] };
        let boundary = r#"{"users": {"a": {"boundary": ""}}}"#;
        let inside = boundary.find(r#""}"#).expect("the empty string's end");
        let there = complete("principals", boundary, inside, &empty, None).expect("told");
        assert!(there.options.is_empty() && there.aws_managed_here);
        let trust = r#"{"roles": {"r": {"trust": ""#;
        assert!(complete("principals", trust, trust.len(), &empty, None).is_none());
        let session = labels("request", r#"{"principal": "role/web", "sessionPolicy": "|"#).expect("session");
        assert_eq!(session, ["ReadReports", "Admin", "arn:aws:iam::aws:policy/ReadOnlyAccess"]);
        let profile = labels("request", r#"{"principal": "anonymous", "instanceProfile": "|"#).expect("profile");
        assert_eq!(profile, ["web-profile"]);
        let by = labels("request", r#"{"federatedBy": "|"#).expect("federatedBy");
        assert_eq!(by, ["alice"]);
        let action = labels("request", r#"{"principal": "user/alice", "action": "ec2:|"#).expect("actions");
        assert!(action.contains(&"ec2:RunInstances".to_string()));
        // escaped quotes inside an earlier string do not confuse the scan
        let names = labels("principals", r#"{"users": {"a\"b": {"policies": ["|"#).expect("policies");
        assert_eq!(names.len(), 3);
    }
}
