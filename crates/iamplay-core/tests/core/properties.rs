//! Property tests: random and mutated input never panics, and an explicit deny that
//! matches always wins, whatever else the scenario holds. Case counts stay modest so CI
//! stays fast.

use iamplay_core::report::{evaluate_all, report};
use iamplay_core::scenario::{load_file, load_parts, Decision};
use proptest::prelude::*;
use serde_json::{json, Value};

fn corpus_texts() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<_> =
        std::fs::read_dir(dir).map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect()).unwrap_or_default();
    iamplay_core::sort::sort(&mut files);
    files
        .iter()
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .filter_map(|t| serde_json::from_str::<Value>(&t).ok())
        .filter_map(|v| v.get("scenario").map(|s| serde_json::to_string_pretty(s).unwrap_or_default()))
        .collect()
}

/// Loads, evaluates and reports: the whole path a user's text takes.
fn exercise(text: &str) {
    let sc = load_file(text);
    let evals = evaluate_all(&sc);
    let _ = report(&sc, &evals, true);
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config(200))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        exercise(&text);
        let sc = load_parts(&text, &text, &text);
        let _ = evaluate_all(&sc);
    }

    #[test]
    fn json_shaped_noise_never_panics(text in "[{}\\[\\]\",:*?$ a-zA-Z0-9/\\\\-]{0,300}") {
        exercise(&text);
    }
}

proptest! {
    #![proptest_config(config(300))]

    /// Corpus scenarios with a byte range deleted, duplicated, or replaced by JSON-ish
    /// characters: every result is still produced without a panic.
    #[test]
    fn mutated_corpus_documents_never_panic(
        which in any::<prop::sample::Index>(),
        start in any::<prop::sample::Index>(),
        len in 0usize..40,
        kind in 0u8..3,
        insert in "[{}\\[\\]\",:*?$\\\\ a-z0-9]{0,12}",
    ) {
        let texts = corpus_texts();
        prop_assume!(!texts.is_empty());
        let text = which.get(&texts);
        let chars: Vec<char> = text.chars().collect();
        let at = start.index(chars.len().max(1));
        let end = (at + len).min(chars.len());
        let head: String = chars.iter().take(at).collect();
        let mid: String = chars.iter().skip(at).take(end - at).collect();
        let tail: String = chars.iter().skip(end).collect();
        let mutated = match kind {
            0 => format!("{head}{tail}"),
            1 => format!("{head}{mid}{mid}{tail}"),
            _ => format!("{head}{insert}{tail}"),
        };
        exercise(&mutated);
    }
}

// ---- explicit deny always wins ----

fn action() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["s3:GetObject", "s3:*", "s3:Get*", "ec2:*", "*", "iam:PassRole", "s3:PutObject"])
        .prop_map(str::to_string)
}

fn resource() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "*",
        "arn:aws:s3:::b/*",
        "arn:aws:s3:::b",
        "arn:aws:s3:::other/*",
        "arn:aws:s3:::b/${aws:username}",
    ])
    .prop_map(str::to_string)
}

fn condition() -> impl Strategy<Value = Option<Value>> {
    prop::option::of(prop::sample::select(vec![
        json!({"StringEquals": {"aws:PrincipalTag/team": "red"}}),
        json!({"StringNotEquals": {"aws:username": ["alice", "bob"]}}),
        json!({"Bool": {"aws:SecureTransport": "true"}}),
        json!({"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]}}),
        json!({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}),
        json!({"NumericLessThan": {"s3:max-keys": "10"}}),
        json!({"Null": {"aws:TokenIssueTime": "true"}}),
    ]))
}

fn statement(effect: &'static str) -> impl Strategy<Value = Value> {
    (action(), resource(), condition()).prop_map(move |(a, r, c)| {
        let mut s = json!({"Effect": effect, "Action": a, "Resource": r});
        if let (Some(c), Some(obj)) = (c, s.as_object_mut()) {
            obj.insert("Condition".into(), c);
        }
        s
    })
}

fn policy() -> impl Strategy<Value = Value> {
    prop::collection::vec(prop_oneof![3 => statement("Allow"), 1 => statement("Deny")], 1..5)
        .prop_map(|st| json!({"Version": "2012-10-17", "Statement": st}))
}

/// Where the matching Deny goes: 0 user, 1 group, 2 boundary, 3 SCP, 4 bucket policy.
fn scenario(policies: Vec<Value>, bucket: Value, deny_at: Option<u8>, context: Value) -> Value {
    let deny =
        json!({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}]});
    let deny_rbp = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]});
    let mut pols = serde_json::Map::new();
    for (i, p) in policies.iter().enumerate() {
        pols.insert(format!("p{i}"), p.clone());
    }
    let names: Vec<String> = (0..policies.len()).map(|i| format!("p{i}")).collect();
    let (user_pols, group_pols) = names.split_at(names.len() / 2);
    let mut user_pols = user_pols.to_vec();
    let mut group_pols = group_pols.to_vec();
    let mut boundary = Value::Null;
    let mut scps = json!([]);
    let mut bucket_policy = bucket;
    pols.insert(
        "full".into(),
        json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}),
    );
    match deny_at {
        Some(0) => {
            pols.insert("deny".into(), deny);
            user_pols.push("deny".into());
        }
        Some(1) => {
            pols.insert("deny".into(), deny);
            group_pols.push("deny".into());
        }
        Some(2) => {
            let mut b = deny;
            if let Some(st) = b.get_mut("Statement").and_then(Value::as_array_mut) {
                st.push(json!({"Effect": "Allow", "Action": "*", "Resource": "*"}));
            }
            pols.insert("deny".into(), b);
            boundary = json!("deny");
        }
        Some(3) => {
            pols.insert("deny".into(), deny);
            scps = json!([["full"], ["deny", "full"]]);
        }
        Some(_) => {
            if let (Some(st), Some(d)) = (
                bucket_policy.get_mut("Statement").and_then(Value::as_array_mut),
                deny_rbp.get("Statement").and_then(|s| s.get(0)),
            ) {
                st.push(d.clone());
            }
        }
        None => {}
    }
    pols.insert("bucket".into(), bucket_policy);
    let mut user = json!({"groups": ["g"], "policies": user_pols, "tags": {"team": "red"}});
    if !boundary.is_null() {
        if let Some(u) = user.as_object_mut() {
            u.insert("boundary".into(), boundary);
        }
    }
    json!({
        "policies": pols,
        "principals": {
            "account": "111122223333",
            "users": {"alice": user},
            "groups": {"g": {"policies": group_pols}},
            "resources": {"arn:aws:s3:::b": {"policy": "bucket"}},
            "organization": {"scps": scps},
        },
        "requests": [{"principal": "user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/alice", "context": context}],
    })
}

fn bucket_policy() -> impl Strategy<Value = Value> {
    prop::collection::vec(
        (
            prop::sample::select(vec!["Allow", "Deny"]),
            prop::sample::select(vec![
                json!("*"),
                json!({"AWS": "arn:aws:iam::111122223333:user/alice"}),
                json!({"AWS": "111122223333"}),
            ]),
            action(),
            condition(),
        ),
        1..3,
    )
    .prop_map(|sts| {
        let st: Vec<Value> = sts
            .into_iter()
            .map(|(e, p, a, c)| {
                let mut s = json!({"Effect": e, "Principal": p, "Action": a, "Resource": "arn:aws:s3:::b/*"});
                if let (Some(c), Some(o)) = (c, s.as_object_mut()) {
                    o.insert("Condition".into(), c);
                }
                s
            })
            .collect();
        json!({"Version": "2012-10-17", "Statement": st})
    })
}

fn request_context() -> impl Strategy<Value = Value> {
    (any::<bool>(), any::<bool>(), prop::option::of(prop::sample::select(vec!["203.0.113.9", "198.51.100.1"])))
        .prop_map(|(tls, tags, ip)| {
            let mut c = json!({"aws:SecureTransport": tls.to_string()});
            if let Some(o) = c.as_object_mut() {
                if tags {
                    o.insert("aws:TagKeys".into(), json!(["a"]));
                }
                if let Some(ip) = ip {
                    o.insert("aws:SourceIp".into(), json!(ip));
                }
            }
            c
        })
}

proptest! {
    #![proptest_config(config(150))]

    #[test]
    fn a_matching_explicit_deny_always_wins(
        policies in prop::collection::vec(policy(), 1..6),
        bucket in bucket_policy(),
        deny_at in 0u8..5,
        context in request_context(),
    ) {
        let without = scenario(policies.clone(), bucket.clone(), None, context.clone()).to_string();
        let with = scenario(policies, bucket, Some(deny_at), context).to_string();
        let base = load_file(&without);
        prop_assert!(!base.has_errors(), "{:?}", base.diagnostics);
        let sc = load_file(&with);
        prop_assert!(!sc.has_errors(), "{:?}", sc.diagnostics);
        let evals = evaluate_all(&sc);
        let ev = evals.first().and_then(Option::as_ref);
        prop_assert_eq!(ev.map(|e| e.decision), Some(Decision::ExplicitDeny));
        // and every statement listed as deciding is a Deny
        let ev = ev.ok_or_else(|| TestCaseError::fail("no evaluation"))?;
        for s in &ev.decided_by {
            let st = sc.policies.get(s.policy).and_then(|p| p.policy.statements.get(s.statement));
            prop_assert_eq!(st.and_then(|s| s.effect), Some(iamplay_core::policy::Effect::Deny));
        }
    }
}

proptest! {
    #![proptest_config(config(100))]

    /// The decision's trace skips the resource and conditions of a statement whose
    /// action does not match; the explanation evaluates them. Both agree on every
    /// statement with the trace of every part.
    #[test]
    fn the_decision_trace_agrees_with_the_whole_trace(
        policies in prop::collection::vec(policy(), 1..6),
        bucket in bucket_policy(),
        context in request_context(),
    ) {
        use iamplay_core::decision::{evaluate_statement, explained, Depth};
        let sc = load_file(&scenario(policies, bucket, None, context).to_string());
        prop_assert!(!sc.has_errors(), "{:?}", sc.diagnostics);
        let evals = evaluate_all(&sc);
        let (Some(Some(ev)), Some(Some(req))) = (evals.first(), sc.requests.first()) else {
            return Err(TestCaseError::fail("no evaluation"));
        };
        for t in &ev.policies {
            let entry = sc.policies.get(t.policy).ok_or_else(|| TestCaseError::fail("no policy"))?;
            for (st, tr) in entry.policy.statements.iter().zip(&t.statements) {
                let whole = evaluate_statement(st, false, req, Depth::Whole);
                prop_assert_eq!(tr.applies, whole.applies);
                prop_assert_eq!(&tr.action, &whole.action);
                prop_assert_eq!(tr.whole, tr.action.as_ref().is_none_or(|a| a.matched));
                prop_assert_eq!(&*explained(&sc, req, t.policy, tr), &whole);
            }
        }
    }
}

/// "Allowed only if…" over the corpus: every option, written into the request's text as
/// its "try it" does, gives the request the decision it promised (Allow, or an explicit
/// deny for "Explicit deny if…").
#[test]
fn every_allowed_if_option_allows_the_request_once_tried() {
    use iamplay_core::scenario::editor_texts::{split, with_context};
    let (mut requests, mut options, mut denies) = (0, 0, 0);
    for text in corpus_texts() {
        let Ok(parts) = split(&text) else { continue };
        let sc = load_parts(&parts.policies, &parts.principals, &parts.request);
        if sc.has_errors() {
            continue;
        }
        for (i, req) in sc.requests.iter().enumerate() {
            let Some(req) = req else { continue };
            let found = iamplay_core::allowed_if::allowed_if(&sc, req);
            requests += 1;
            for o in &found.options {
                options += 1;
                let values: Vec<(String, String)> = o.values.iter().map(|v| (v.key.clone(), v.value.clone())).collect();
                let tried = with_context(&parts.request, i, &values).expect("the request text takes the values");
                let after = load_parts(&parts.policies, &parts.principals, &tried);
                let req = after.requests.get(i).and_then(Option::as_ref).expect("the request, still");
                assert_eq!(iamplay_core::decision::evaluate(&after, req).decision, o.gives, "{values:?} in {tried}");
                if o.gives == Decision::ExplicitDeny {
                    denies += 1;
                }
            }
        }
    }
    assert!(
        requests > 100 && options > 5 && denies > 0,
        "{requests} requests, {options} options ({denies} explicit denies): the corpus exercises it"
    );
}
