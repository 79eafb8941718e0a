//! iamplay's own limits on input (limits.rs): beyond them a scenario is refused with a
//! located error and nothing is evaluated; within them it is read as usual.
use iamplay_core::limits::{POLICY_BYTES, STRING_CHARS};
use iamplay_core::scenario::{load_file, load_parts};

fn statements(n: usize) -> String {
    (0..n)
        .map(|i| format!(r#"{{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket-{i}/*"}}"#))
        .collect::<Vec<_>>()
        .join(",")
}

fn scenario(policy: &str) -> String {
    format!(
        r#"{{"formatVersion": 1, "policies": {{"big": {policy}}},
            "principals": {{"account": "111122223333", "users": {{"ann": {{"policies": ["big"]}}}}}},
            "requests": [{{"principal": "user/ann", "action": "s3:GetObject", "resource": "arn:aws:s3:::bucket-1/k"}}]}}"#
    )
}

#[test]
fn a_policy_over_the_limit_is_refused_where_it_starts() {
    let policy = format!(r#"{{"Version": "2012-10-17", "Statement": [{}]}}"#, statements(13_000));
    assert!(policy.len() > POLICY_BYTES);
    let text = scenario(&policy);
    let sc = load_file(&text);
    let refused: Vec<_> = sc.diagnostics.iter().filter(|d| d.code.as_str() == "policy-too-large").collect();
    assert_eq!(refused.len(), 1, "{:?}", sc.diagnostics);
    assert_eq!(refused[0].span.start, text.find(&policy).unwrap(), "located at the policy's opening brace");
    assert!(refused[0].message.contains("1 MiB"), "{}", refused[0].message);
    assert!(sc.policies.is_empty() && sc.requests.is_empty(), "nothing read further, nothing to evaluate");
}

#[test]
fn a_policy_within_the_limit_is_read_and_held_to_aws_quotas() {
    let policy = format!(r#"{{"Version": "2012-10-17", "Statement": [{}]}}"#, statements(1000));
    assert!(policy.len() < POLICY_BYTES);
    let sc = load_file(&scenario(&policy));
    let codes: Vec<&str> = sc.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["policy-size"], "over AWS's quota, which is AWS's error, not a refusal");
    assert_eq!(sc.policies.first().map(|p| p.policy.statements.len()), Some(1000));
    assert_eq!(sc.requests.len(), 1);
}

#[test]
fn the_playground_texts_are_held_to_the_same_limits() {
    let policy = format!(r#"{{"Version": "2012-10-17", "Statement": [{}]}}"#, statements(13_000));
    let sc = load_parts(&format!(r#"{{"big": {policy}}}"#), r#"{"account": "111122223333"}"#, "[]");
    assert!(sc.diagnostics.iter().any(|d| d.code.as_str() == "policy-too-large"));
    let long = "a".repeat(STRING_CHARS + 1);
    let sc = load_parts(
        &format!(
            r#"{{"p": {{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "s3:*", "Resource": "{long}"}}]}}}}"#
        ),
        r#"{"account": "111122223333"}"#,
        "[]",
    );
    assert!(sc.diagnostics.iter().any(|d| d.code.as_str() == "value-too-long"));
    assert!(sc.policies.is_empty());
}

#[test]
fn a_number_literal_is_held_to_the_string_limit() {
    let digits = "9".repeat(STRING_CHARS + 1);
    let policy = format!(
        r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {{"NumericLessThan": {{"s3:max-keys": {digits}}}}}}}]}}"#
    );
    let sc = load_file(&scenario(&policy));
    let long: Vec<_> = sc.diagnostics.iter().filter(|d| d.code.as_str() == "value-too-long").collect();
    assert_eq!(long.len(), 1, "{:?}", sc.diagnostics.iter().map(|d| d.code.as_str()).collect::<Vec<_>>());
    assert!(long[0].message.len() < 200, "the message does not echo the number");
}

#[test]
fn a_number_too_large_to_compare_is_called_one_and_quoted_short() {
    let digits = "9".repeat(3_000);
    let policy = format!(
        r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*",
            "Condition": {{"NumericLessThan": {{"s3:max-keys": ["{digits}", "ten"]}}}}}}]}}"#
    );
    let sc = load_parts(&format!(r#"{{"p": {policy}}}"#), r#"{"account": "111122223333"}"#, "[]");
    let messages: Vec<&str> = sc
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == "condition-value-invalid")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "`9999999999999999999999999999999999999999…` (3,000 characters) is a number too large for `NumericLessThan` to compare",
            "`ten` is not a number, as `NumericLessThan` needs"
        ]
    );
}
