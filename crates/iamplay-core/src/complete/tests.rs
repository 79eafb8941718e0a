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
    let services = labels("policies", r#"{"p": {"Statement": [{"Effect": "Allow", "Action": "|"#).expect("services");
    assert_eq!(services, ["s3:", "ec2:"]);
    let actions =
        labels("policies", r#"{"p": {"Statement": [{"Action": ["s3:GetObject", "s3:Li|"]}]}}"#).expect("actions");
    assert!(actions.contains(&"s3:ListBucket".to_string()), "{actions:?}");
    // a Resource: the ARN formats of the statement's actions' resource types
    let arns =
        labels("policies", r#"{"p": {"Statement": [{"Action": ["s3:GetObject"], "Resource": "arn:|"#).expect("ARNs");
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
    let qualified = labels("policies", r#"{"p": {"Statement": [{"Condition": {"ForAllValues:Str|"#).expect("qualified");
    assert!(qualified.contains(&"ForAllValues:StringEquals".to_string()), "{qualified:?}");
    assert!(
        qualified.iter().all(|o| o.starts_with("ForAllValues:")) && !qualified.contains(&"ForAllValues:Null".into())
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
    // another account's principals: neither its own id nor further accounts
    let other = labels("principals", r#"{"accounts": {"444455556666": {"|"#).expect("account fields");
    assert!(other.contains(&"users".to_string()));
    assert!(!other.contains(&"account".to_string()) && !other.contains(&"accounts".to_string()), "{other:?}");
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
