//! The importer on hand-written exports: what is read, what is refused, and where.

use super::document::percent_decode;
use super::*;
use crate::decision::evaluate;
use crate::scenario::{load_file, Decision};
use crate::source::LineIndex;
use serde_json::json;

const EXPORT: &str = include_str!("../../tests/import/account-authorization-details.json");
const NOT_JSON: &str = include_str!("../../tests/import/output-text.txt");
const LIST_NOT_ARRAY: &str = include_str!("../../tests/import/user-list-not-array.json");
const BAD_DOCUMENT: &str = include_str!("../../tests/import/bad-encoded-document.json");

fn codes(im: &Imported) -> Vec<(&'static str, Code)> {
    im.diagnostics.iter().map(|d| (d.severity.as_str(), d.code)).collect()
}

fn text_at(text: &str, span: Span) -> &str {
    text.get(span.start..span.end).unwrap_or("<bad span>")
}

fn scenario(im: &Imported) -> &Value {
    im.scenario.as_ref().expect("a scenario")
}

/// A minimal export around one role / policy list, for the small cases.
fn export(body: Value) -> String {
    serde_json::to_string_pretty(&body).unwrap()
}

#[test]
fn imports_the_realistic_export() {
    let im = import(EXPORT, None);
    assert_eq!(codes(&im), vec![("warning", Code::ImportPolicyMissing)], "{:#?}", im.diagnostics);
    let missing = &im.diagnostics[0];
    assert_eq!(text_at(EXPORT, missing.span), "\"arn:aws:iam::aws:policy/SecurityAudit\"");
    assert!(missing.message.contains("`SecurityAudit`") && missing.message.contains("group `auditors`"));
    assert_eq!(missing.span.source, SourceId::File);

    let sc = scenario(&im);
    assert_eq!(sc["formatVersion"], json!(1));
    assert!(sc.get("requests").is_none());
    let names: Vec<&str> = sc["policies"].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "DeveloperAccess",
            "DevBoundary",
            "ReadBillingData",
            "WebAppS3Access",
            "DeployPipeline",
            "IngestPipelineAccess",
            "AmazonS3ReadOnlyAccess",
            "trust-web-server",
            "trust-deploy",
            "trust-lambda-ingest",
        ]
    );
    // only the default version (v3 of 3, URL-encoded) is imported
    let dev = &sc["policies"]["DeveloperAccess"];
    assert_eq!(dev["Statement"].as_array().map(Vec::len), Some(4));
    assert_eq!(dev["Statement"][1]["Condition"]["StringEquals"]["ec2:ResourceTag/Owner"], json!("${aws:username}"));
    assert_eq!(sc["policies"]["ReadBillingData"]["Statement"][0]["Sid"], json!("ReadCostAndBilling"));
    assert_eq!(
        sc["policies"]["trust-web-server"]["Statement"][0]["Principal"],
        json!({"Service": "ec2.amazonaws.com"})
    );

    let p = &sc["principals"];
    assert_eq!(p["account"], json!("111122223333"));
    assert_eq!(
        p["users"]["alice"],
        json!({
            "path": "/engineering/",
            "groups": ["developers"],
            "inline": { "self-manage-credentials": sc["principals"]["users"]["alice"]["inline"]["self-manage-credentials"].clone() },
            "tags": { "team": "platform", "cost-center": "cc-4410" }
        })
    );
    assert_eq!(p["users"]["bob"]["boundary"], json!("DevBoundary"));
    assert_eq!(p["users"]["bob"]["path"], json!("/engineering/contractors/"));
    assert_eq!(p["users"]["bob"]["inline"]["query-reports"]["Statement"][0]["Sid"], json!("QueryReports"));
    assert_eq!(p["users"]["carol"]["policies"], json!(["ReadBillingData"]));
    assert_eq!(p["groups"]["developers"]["policies"], json!(["DeveloperAccess", "AmazonS3ReadOnlyAccess"]));
    assert!(p["groups"]["developers"]["inline"]["deny-prod-data-deletion"].is_object());
    assert_eq!(p["groups"]["auditors"], json!({"path": "/"}), "the missing SecurityAudit is dropped");
    assert_eq!(p["roles"]["web-server"]["trust"], json!("trust-web-server"));
    assert_eq!(p["roles"]["web-server"]["path"], json!("/app/"));
    assert_eq!(p["roles"]["web-server"]["policies"], json!(["WebAppS3Access"]));
    assert_eq!(p["roles"]["web-server"]["tags"], json!({"app": "web"}));
    assert_eq!(p["roles"]["deploy"]["trust"], json!("trust-deploy"));
    assert_eq!(p["roles"]["lambda-ingest"]["policies"], json!(["IngestPipelineAccess"]));
    assert_eq!(p["instanceProfiles"], json!({"web-server": {"role": "web-server"}}));
}

#[test]
fn imported_scenario_loads_and_decides() {
    let im = import(EXPORT, None);
    let mut sc = im.scenario.expect("a scenario");
    // the CI account that assumes `deploy` from outside
    sc["principals"]["accounts"] = json!({
        "444455556666": { "roles": { "ci-runner": { "inline": { "assume-deploy": {
            "Version": "2012-10-17",
            "Statement": [{ "Effect": "Allow", "Action": "sts:AssumeRole",
                            "Resource": "arn:aws:iam::111122223333:role/deploy" }]
        } } } } }
    });
    let instance = "arn:aws:ec2:us-east-1:111122223333:instance/i-0a1b2c3d4e5f67890";
    let cases = [
        ("user/alice", "s3:GetObject", "arn:aws:s3:::example-dev-artifacts/build/app.zip", Decision::Allow),
        // v1 of DeveloperAccess allowed ec2:*, but only the default version v3 is imported
        ("user/alice", "ec2:TerminateInstances", instance, Decision::ImplicitDeny),
        // the group's URL-encoded inline deny
        ("user/alice", "s3:DeleteObject", "arn:aws:s3:::example-prod-data/2024/06/01.csv", Decision::ExplicitDeny),
        ("user/alice", "iam:CreateAccessKey", "arn:aws:iam::111122223333:user/engineering/alice", Decision::Allow),
        // bob's inline policy allows it, his permissions boundary does not
        ("user/bob", "dynamodb:Query", "arn:aws:dynamodb:us-east-1:111122223333:table/reports", Decision::ImplicitDeny),
        ("user/bob", "s3:PutObject", "arn:aws:s3:::example-dev-artifacts/bob/notes.txt", Decision::Allow),
        ("user/carol", "ce:GetCostAndUsage", "*", Decision::Allow),
        // SecurityAudit was not in the export, so nothing grants this
        ("user/carol", "iam:GetAccountAuthorizationDetails", "*", Decision::ImplicitDeny),
        (
            "role/web-server",
            "secretsmanager:GetSecretValue",
            "arn:aws:secretsmanager:us-east-1:111122223333:secret:web/db-AbCdEf",
            Decision::Allow,
        ),
        ("instance-profile/web-server", "s3:GetObject", "arn:aws:s3:::example-web-assets/index.html", Decision::Allow),
        (
            "service:ec2.amazonaws.com",
            "sts:AssumeRole",
            "arn:aws:iam::111122223333:role/app/web-server",
            Decision::Allow,
        ),
        (
            "service:lambda.amazonaws.com",
            "sts:AssumeRole",
            "arn:aws:iam::111122223333:role/app/web-server",
            Decision::ImplicitDeny,
        ),
        (
            "role/lambda-ingest",
            "dynamodb:PutItem",
            "arn:aws:dynamodb:us-east-1:111122223333:table/ingest-events",
            Decision::Allow,
        ),
        (
            "arn:aws:iam::444455556666:role/ci-runner",
            "sts:AssumeRole",
            "arn:aws:iam::111122223333:role/deploy",
            Decision::ImplicitDeny,
        ),
    ];
    let mut requests: Vec<Value> = cases
        .iter()
        .map(|(principal, action, resource, expect)| {
            json!({ "principal": principal, "action": action, "resource": resource, "expect": expect.as_str() })
        })
        .collect();
    requests.push(json!({
        "principal": "arn:aws:iam::444455556666:role/ci-runner", "action": "sts:AssumeRole",
        "resource": "arn:aws:iam::111122223333:role/deploy", "context": { "sts:ExternalId": "ci-7f3a9c" },
        "expect": "Allow"
    }));
    sc["requests"] = Value::Array(requests);

    let loaded = load_file(&serde_json::to_string_pretty(&sc).unwrap());
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}: {} ({:?})", d.code, d.message, d.policy))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(loaded.requests.len(), cases.len() + 1);
    for (i, req) in loaded.requests.iter().enumerate() {
        let req = req.as_ref().unwrap_or_else(|| panic!("request {i} could not be read"));
        let ev = evaluate(&loaded, req);
        assert_eq!(
            Some(ev.decision),
            req.expect,
            "request {i}: {} {} {}",
            req.principal_text,
            req.action,
            req.resource
        );
    }
}

#[test]
fn text_that_is_not_json_gives_no_scenario() {
    let im = import(NOT_JSON, Some("111122223333"));
    assert!(im.scenario.is_none());
    assert_eq!(codes(&im), vec![("error", Code::ImportJson)]);
    let d = &im.diagnostics[0];
    assert_eq!(d.span.source, SourceId::File);
    assert_eq!(LineIndex::new(NOT_JSON).position(d.span.start).line, 1);
    assert!(d.help.as_deref().is_some_and(|h| h.contains("--output json")));
}

#[test]
fn a_list_of_the_wrong_type_is_a_located_error() {
    let im = import(LIST_NOT_ARRAY, None);
    assert_eq!(codes(&im), vec![("error", Code::ImportType)], "{:#?}", im.diagnostics);
    let d = &im.diagnostics[0];
    assert!(text_at(LIST_NOT_ARRAY, d.span).starts_with('{'));
    assert_eq!(d.span.start, LIST_NOT_ARRAY.find("\"UserDetailList\": {").unwrap() + "\"UserDetailList\": ".len());
    assert_eq!(d.message, "`UserDetailList` must be an array, not an object");
    // the rest is imported
    let sc = scenario(&im);
    assert_eq!(sc["principals"]["account"], json!("111122223333"));
    assert!(sc["principals"]["groups"]["operators"]["inline"]["describe-everything"].is_object());
    assert!(sc["principals"].get("users").is_none());
}

#[test]
fn an_encoded_document_that_is_not_json_is_skipped_with_a_located_error() {
    let im = import(BAD_DOCUMENT, None);
    assert_eq!(codes(&im), vec![("error", Code::ImportDocumentInvalid)], "{:#?}", im.diagnostics);
    let d = &im.diagnostics[0];
    assert_eq!(d.policy.as_deref(), Some("user/dave/read-log-events"));
    assert!(d.message.contains("after URL decoding"), "{}", d.message);
    // located inside the encoded string, where the decoded text breaks: right after `"Allow"`
    let literal_start = BAD_DOCUMENT.find("\"%7B").unwrap();
    assert!(d.span.start > literal_start, "{:?}", d.span);
    assert_eq!(text_at(BAD_DOCUMENT, d.span), "%0A", "the line break where a comma is expected");
    assert_eq!(
        d.help.as_deref(),
        Some("decoded, the text there reads `tement\": [ { \"Effect\": \"Allow\"⟨here⟩ \"Action\":`; the policy is not imported")
    );
    let before = BAD_DOCUMENT.get(literal_start..d.span.start).unwrap();
    assert!(before.ends_with("%22Allow%22"), "{before}");
    let sc = scenario(&im);
    let inline = sc["principals"]["users"]["dave"]["inline"].as_object().unwrap();
    assert_eq!(inline.keys().collect::<Vec<_>>(), ["list-log-groups"]);
    // what was imported still loads without errors
    let loaded = load_file(&serde_json::to_string_pretty(sc).unwrap());
    assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
}

#[test]
fn url_decoding_keeps_plus_signs_and_decodes_percent_escapes() {
    assert_eq!(percent_decode("a+b%20c%2Bd").map(|(t, _)| t), Ok("a+b c+d".to_string()));
    assert_eq!(percent_decode("%C3%A9"), Ok(("é".to_string(), vec![0, 3])));
    assert!(matches!(percent_decode("ab%zz"), Err((2, 5, _))));
    assert!(matches!(percent_decode("ab%4"), Err((2, 4, _))));
    assert!(matches!(percent_decode("%C3"), Err((0, 3, _))));
    let doc = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/a+b c\"}}";
    let encoded: String = doc
        .bytes()
        .map(|b| match b {
            b'+' => "+".to_string(), // as a form encoder would not: `+` must stay `+`
            b if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) => (b as char).to_string(),
            b => format!("%{b:02X}"),
        })
        .collect();
    let text = export(json!({
        "UserDetailList": [{ "UserName": "u", "Arn": "arn:aws:iam::111122223333:user/u",
                             "UserPolicyList": [{ "PolicyName": "p", "PolicyDocument": encoded }] }]
    }));
    let im = import(&text, None);
    assert!(im.diagnostics.is_empty(), "{:#?}", im.diagnostics);
    assert_eq!(
        scenario(&im)["principals"]["users"]["u"]["inline"]["p"]["Statement"]["Resource"],
        json!("arn:aws:s3:::b/a+b c")
    );
}

#[test]
fn bad_percent_encoding_is_located_in_the_string() {
    let text = export(json!({
        "RoleDetailList": [{ "RoleName": "r", "Arn": "arn:aws:iam::111122223333:role/r",
                             "AssumeRolePolicyDocument": "%7B%22Version%2G" }]
    }));
    let im = import(&text, None);
    assert_eq!(codes(&im), vec![("error", Code::ImportDocumentEncoding)]);
    assert_eq!(text_at(&text, im.diagnostics[0].span), "%2G");
    assert_eq!(im.diagnostics[0].policy.as_deref(), Some("trust-r"));
    assert_eq!(scenario(&im)["principals"]["roles"]["r"], json!({}));
    assert_eq!(scenario(&im)["policies"], json!({}));
}

#[test]
fn a_plain_json_string_document_is_read_without_decoding() {
    let doc = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/100%25"}]}"#;
    let text = export(json!({
        "GroupDetailList": [{ "GroupName": "g", "Arn": "arn:aws:iam::111122223333:group/g",
                              "GroupPolicyList": [{ "PolicyName": "p", "PolicyDocument": doc }] }]
    }));
    let im = import(&text, None);
    assert!(im.diagnostics.is_empty(), "{:#?}", im.diagnostics);
    assert_eq!(
        scenario(&im)["principals"]["groups"]["g"]["inline"]["p"]["Statement"][0]["Resource"],
        json!("arn:aws:s3:::b/100%25")
    );
}

fn collision_export(aws_first: bool) -> String {
    let doc = |action: &str| json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": action, "Resource": "*"}]});
    let version = |action: &str| json!([{ "VersionId": "v1", "IsDefaultVersion": true, "Document": doc(action) }]);
    let aws = json!({ "PolicyName": "ReadOnlyAccess", "Arn": "arn:aws:iam::aws:policy/ReadOnlyAccess",
                      "DefaultVersionId": "v1", "PolicyVersionList": version("ec2:Describe*") });
    let local = json!({ "PolicyName": "ReadOnlyAccess", "Arn": "arn:aws:iam::111122223333:policy/ReadOnlyAccess",
                        "DefaultVersionId": "v1", "PolicyVersionList": version("s3:Get*") });
    let trust_named = json!({ "PolicyName": "trust-app", "Arn": "arn:aws:iam::111122223333:policy/trust-app",
                              "DefaultVersionId": "v1", "PolicyVersionList": version("sqs:Get*") });
    let policies = if aws_first { vec![aws, local, trust_named] } else { vec![trust_named, local, aws] };
    export(json!({
        "RoleDetailList": [{
            "RoleName": "app", "Path": "/", "Arn": "arn:aws:iam::111122223333:role/app",
            "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
            "AttachedManagedPolicies": [
                {"PolicyName": "ReadOnlyAccess", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"},
                {"PolicyName": "ReadOnlyAccess", "PolicyArn": "arn:aws:iam::111122223333:policy/ReadOnlyAccess"},
                {"PolicyName": "trust-app", "PolicyArn": "arn:aws:iam::111122223333:policy/trust-app"}
            ]
        }],
        "Policies": policies
    }))
}

#[test]
fn shared_names_are_disambiguated_deterministically() {
    for aws_first in [true, false] {
        let text = collision_export(aws_first);
        let im = import(&text, None);
        assert_eq!(
            codes(&im),
            vec![("warning", Code::ImportPolicyRenamed), ("warning", Code::ImportPolicyRenamed)],
            "{:#?}",
            im.diagnostics
        );
        let sc = scenario(&im);
        let p = &sc["policies"];
        assert_eq!(p["ReadOnlyAccess"]["Statement"][0]["Action"], json!("s3:Get*"), "the customer managed one");
        assert_eq!(p["ReadOnlyAccess-aws-managed"]["Statement"][0]["Action"], json!("ec2:Describe*"));
        assert_eq!(p["trust-app"]["Statement"][0]["Action"], json!("sqs:Get*"));
        assert_eq!(p["trust-app-2"]["Statement"][0]["Action"], json!("sts:AssumeRole"));
        let role = &sc["principals"]["roles"]["app"];
        assert_eq!(role["trust"], json!("trust-app-2"));
        assert_eq!(role["policies"], json!(["ReadOnlyAccess-aws-managed", "ReadOnlyAccess", "trust-app"]));
        let renamed = im.diagnostics.iter().find(|d| d.policy.as_deref() == Some("ReadOnlyAccess-aws-managed"));
        let renamed = renamed.expect("a warning about the AWS managed policy");
        assert!(renamed.message.contains("arn:aws:iam::aws:policy/ReadOnlyAccess"));
        assert_eq!(text_at(&text, renamed.span), "\"ReadOnlyAccess\"");
        let loaded = load_file(&serde_json::to_string_pretty(sc).unwrap());
        assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
    }
}

#[test]
fn unique_names_stay_within_128_characters() {
    let taken: HashSet<String> = ["a".to_string(), "a-2".to_string()].into_iter().collect();
    assert_eq!(unique_name("a", &taken, true), "a-3");
    assert_eq!(unique_name("b", &taken, true), "b");
    assert_eq!(unique_name("b", &taken, false), "b-2");
    let long = format!("trust-{}", "r".repeat(128));
    let name = unique_name(&long, &taken, true);
    assert_eq!(name.len(), 128);
    assert!(name.ends_with("r-2") && valid_name(&name));
}

#[test]
fn the_default_version_is_chosen() {
    let doc = |action: &str| json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": action, "Resource": "*"}]});
    let text = export(json!({ "Policies": [
        // IsDefaultVersion decides; DefaultVersionId disagrees: warning
        { "PolicyName": "A", "Arn": "arn:aws:iam::111122223333:policy/A", "DefaultVersionId": "v1",
          "PolicyVersionList": [
            { "VersionId": "v1", "IsDefaultVersion": false, "Document": doc("a:One") },
            { "VersionId": "v2", "IsDefaultVersion": true, "Document": doc("a:Two") } ] },
        // no IsDefaultVersion: DefaultVersionId decides
        { "PolicyName": "B", "Arn": "arn:aws:iam::111122223333:policy/B", "DefaultVersionId": "v2",
          "PolicyVersionList": [
            { "VersionId": "v1", "Document": doc("b:One") },
            { "VersionId": "v2", "Document": doc("b:Two") } ] },
        // neither: error, not imported
        { "PolicyName": "C", "Arn": "arn:aws:iam::111122223333:policy/C",
          "PolicyVersionList": [ { "VersionId": "v1", "IsDefaultVersion": false, "Document": doc("c:One") } ] }
    ]}));
    let im = import(&text, None);
    assert_eq!(codes(&im), vec![("warning", Code::ImportPolicyVersion), ("error", Code::ImportPolicyVersion)]);
    let p = &scenario(&im)["policies"];
    assert_eq!(p["A"]["Statement"][0]["Action"], json!("a:Two"));
    assert_eq!(p["B"]["Statement"][0]["Action"], json!("b:Two"));
    assert!(p.get("C").is_none());
    assert_eq!(im.diagnostics[1].policy.as_deref(), Some("C"));
}

#[test]
fn the_account_comes_from_the_arns_or_the_argument() {
    let user = |arn: &str| json!({ "UserName": "u", "Arn": arn });
    let one = export(json!({ "UserDetailList": [user("arn:aws:iam::111122223333:user/u")] }));
    assert_eq!(scenario(&import(&one, None))["principals"]["account"], json!("111122223333"));

    let given = import(&one, Some("444455556666"));
    assert_eq!(scenario(&given)["principals"]["account"], json!("444455556666"));
    assert_eq!(codes(&given), vec![("warning", Code::ImportAccountMismatch)]);
    assert_eq!(text_at(&one, given.diagnostics[0].span), "\"arn:aws:iam::111122223333:user/u\"");

    let invalid = import(&one, Some("1234"));
    assert_eq!(codes(&invalid), vec![("error", Code::ImportAccountInvalid)]);
    assert_eq!(scenario(&invalid)["principals"]["account"], json!("111122223333"));

    let none = export(json!({ "UserDetailList": [{ "UserName": "u" }] }));
    let im = import(&none, None);
    assert_eq!(codes(&im), vec![("error", Code::ImportAccountMissing)]);
    assert!(scenario(&im)["principals"].get("account").is_none());
    assert_eq!(scenario(&import(&none, Some("111122223333")))["principals"]["account"], json!("111122223333"));

    // AWS managed policy ARNs name no account
    let aws_only = export(json!({ "Policies": [{ "PolicyName": "P", "Arn": "arn:aws:iam::aws:policy/P",
        "DefaultVersionId": "v1", "PolicyVersionList": [{ "VersionId": "v1", "IsDefaultVersion": true,
        "Document": {"Version": "2012-10-17", "Statement": []} }] }] }));
    assert_eq!(codes(&import(&aws_only, None)), vec![("error", Code::ImportAccountMissing)]);

    let mixed = export(json!({ "UserDetailList": [user("arn:aws:iam::111122223333:user/u"),
        { "UserName": "v", "Arn": "arn:aws:iam::999988887777:user/v" }] }));
    let im = import(&mixed, None);
    assert_eq!(codes(&im), vec![("error", Code::ImportAccountMismatch)]);
    assert_eq!(scenario(&im)["principals"]["account"], json!("111122223333"));
}

#[test]
fn instance_profiles_are_read_once_and_need_one_role() {
    let role = |name: &str, profiles: Value| {
        json!({ "RoleName": name, "Arn": format!("arn:aws:iam::111122223333:role/{name}"),
                "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": []},
                "InstanceProfileList": profiles })
    };
    let profile = |name: &str, roles: &[&str]| {
        json!({ "InstanceProfileName": name,
                "Roles": roles.iter().map(|r| json!({"RoleName": r})).collect::<Vec<_>>() })
    };
    let text = export(json!({ "RoleDetailList": [
        role("a", json!([profile("shared", &["a", "b"]), profile("pa", &["a"])])),
        role("b", json!([profile("shared", &["a", "b"]), profile("empty", &[])])),
        role("c", json!([profile("pa", &["a"]), profile("ghost", &["not-exported"])])),
    ]}));
    let im = import(&text, None);
    assert_eq!(
        codes(&im),
        vec![
            ("warning", Code::ImportProfileRoles),
            ("warning", Code::ImportProfileRoles),
            ("warning", Code::ImportRoleMissing)
        ],
        "{:#?}",
        im.diagnostics
    );
    assert!(im.diagnostics[0].message.contains("holds 2 roles"));
    assert!(im.diagnostics[1].message.contains("`empty` holds no role"));
    assert_eq!(scenario(&im)["principals"]["instanceProfiles"], json!({ "pa": { "role": "a" } }));
}

#[test]
fn missing_groups_names_and_types_are_located() {
    let text = export(json!({
        "UserDetailList": [
            { "UserName": "u", "Arn": "arn:aws:iam::111122223333:user/u", "GroupList": ["g", "absent", 7],
              "PermissionsBoundary": { "PermissionsBoundaryType": "Policy",
                                       "PermissionsBoundaryArn": "arn:aws:iam::aws:policy/PowerUserAccess" },
              "Tags": [{ "Key": "k", "Value": "v" }, { "Value": "no key" }] },
            { "Path": "/", "Arn": "arn:aws:iam::111122223333:user/nameless" },
            { "UserName": "bad/name" },
            { "UserName": "U" },
            "not an object"
        ],
        "GroupDetailList": [{ "GroupName": "g", "Path": "no-slashes" }],
        "IsTruncated": true
    }));
    let im = import(&text, None);
    let got = codes(&im);
    let want = [
        ("warning", Code::ImportGroupMissing),
        ("error", Code::ImportType),
        ("warning", Code::ImportPolicyMissing),
        ("error", Code::ImportFieldMissing),
        ("error", Code::ImportFieldMissing),
        ("error", Code::ImportNameInvalid),
        ("error", Code::ImportNameDuplicate),
        ("error", Code::ImportType),
        ("error", Code::ImportPathInvalid),
        ("warning", Code::ImportTruncated),
    ];
    assert_eq!(got, want, "{:#?}", im.diagnostics);
    assert!(im.diagnostics.iter().all(|d| d.span.source == SourceId::File && d.span.end <= text.len()));
    let boundary = &im.diagnostics[2];
    assert!(boundary.message.contains("permissions boundary `PowerUserAccess`"), "{}", boundary.message);
    let u = &scenario(&im)["principals"]["users"]["u"];
    assert_eq!(*u, json!({ "groups": ["g"], "tags": { "k": "v" } }));
    assert_eq!(scenario(&im)["principals"]["groups"]["g"], json!({}));
}

#[test]
fn unreadable_shapes_give_errors_not_panics() {
    for (text, code) in [
        ("[]", Code::ImportType),
        ("\"%7B%7D\"", Code::ImportType),
        ("{}", Code::ImportNotExport),
        ("{\"formatVersion\": 1, \"principals\": {}}", Code::ImportNotExport),
        ("", Code::ImportJson),
        ("{\"UserDetailList\": [}", Code::ImportJson),
    ] {
        let im = import(text, None);
        assert!(im.scenario.is_none(), "{text}");
        assert_eq!(im.diagnostics.first().map(|d| d.code), Some(code), "{text}");
    }
    let dup = "{\"Policies\": [{\"PolicyName\": \"P\", \"Arn\": \"arn:aws:iam::111122223333:policy/P\", \"DefaultVersionId\": \"v1\", \"PolicyVersionList\": [{\"VersionId\": \"v1\", \"IsDefaultVersion\": true, \"Document\": {\"Version\": \"2012-10-17\", \"Version\": \"2008-10-17\", \"Statement\": []}}]}]}";
    let im = import(dup, None);
    assert_eq!(codes(&im), vec![("error", Code::ImportDuplicateKey)]);
    assert_eq!(scenario(&im)["policies"], json!({}));
    // every prefix of a real export: diagnostics, never a panic, spans inside the text
    for cut in (0..EXPORT.len()).step_by(89) {
        let Some(prefix) = EXPORT.get(..cut) else { continue };
        let im = import(prefix, None);
        assert!(im.diagnostics.iter().all(|d| d.span.end <= prefix.len()), "cut at {cut}");
    }
    // every value replaced by a wrong type
    for (i, _) in EXPORT.match_indices(": \"").step_by(7) {
        let mut broken = EXPORT.to_string();
        broken.replace_range(i..i + 2, ": 42, \"x\": ");
        let _ = import(&broken, None);
    }
}
