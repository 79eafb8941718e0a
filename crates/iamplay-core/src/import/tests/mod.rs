//! The importer on hand-written exports: what is read, what is refused, and where.

use super::document::percent_decode;
use super::*;
use crate::decision::evaluate;
use crate::scenario::{load_file, Decision};
use crate::source::LineIndex;
use serde_json::json;

const EXPORT: &str = include_str!("../../../tests/import/account-authorization-details.json");
const NOT_JSON: &str = include_str!("../../../tests/import/output-text.txt");
const LIST_NOT_ARRAY: &str = include_str!("../../../tests/import/user-list-not-array.json");
const BAD_DOCUMENT: &str = include_str!("../../../tests/import/bad-encoded-document.json");

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

mod documents;
mod shapes;
