//! Documents as the export writes them: not JSON, the wrong types, URL-encoded text.

use super::*;

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
