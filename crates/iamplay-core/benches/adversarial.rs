//! Adversarial input: each case must be decided or refused quickly (the goal: within
//! 100 ms), whatever a link, a file or a paste holds. Every case runs the playground's
//! whole path (`workspace::compute`: read the three texts, decide, build the view); the
//! share link is decoded first. Timings live here, never in tests.
//!
//! - `share_link`: a 2.6 KB link whose texts inflate to a `Resource` of `*`, 600,000 `a`
//!   and `b`, matched against a resource of 1,200,000 `a` (refused: no string that long);
//! - `question_marks_at_the_limits`: 250 statements (a policy just under 1 MiB) whose
//!   `Resource` is 4,000 characters of `a?` pieces between stars (the longest string read),
//!   each matched against a 2,048-character resource (the longest ARN): the worst matching
//!   within the limits;
//! - `duplicate_members`: a policy with 300,000 members of one name (3.3 MB, refused: a
//!   policy holds at most 1 MiB); `…_within_the_limit`: 90,000 of them, read and decided;
//! - `one_line_policy`: a 1 MB policy on one line (10,000 statements, within the limit),
//!   read and decided;
//! - `many_policies`: a large account, 4,000 policies of 5 statements (3.6 MB on one line).

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)] // test code may panic

use criterion::{criterion_group, criterion_main, Criterion};
use iamplay_core::share::{decode, encode, Texts};
use iamplay_core::workspace::compute;
use std::hint::black_box;

const PRINCIPALS: &str = r#"{"account": "111122223333", "users": {"alice": {"policies": ["p"]}}}"#;

fn texts(policies: String, resource: &str) -> Texts {
    Texts {
        policies,
        principals: PRINCIPALS.to_string(),
        request: format!(r#"{{"principal": "user/alice", "action": "s3:GetObject", "resource": "{resource}"}}"#),
    }
}

fn policy(statements: &[String]) -> String {
    format!(r#"{{"p": {{"Version": "2012-10-17", "Statement": [{}]}}}}"#, statements.join(","))
}

fn statement(resource: &str) -> String {
    format!(r#"{{"Effect": "Allow", "Action": "*", "Resource": "{resource}"}}"#)
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("adversarial");
    group.sample_size(10);

    let huge = texts(policy(&[statement(&format!("*{}b", "a".repeat(600_000)))]), &"a".repeat(1_200_000));
    let link = encode(&huge);
    println!("share_link: {} characters", link.len());
    group.bench_function("share_link", |b| {
        b.iter(|| {
            let t = decode(black_box(&link)).expect("the link decodes");
            black_box(compute(&t.policies, &t.principals, &t.request))
        })
    });

    let pattern = format!("arn:aws:s3:::*{}*", "a?".repeat(1_990));
    let many = texts(policy(&vec![statement(&pattern); 250]), &format!("arn:aws:s3:::{}", "a".repeat(2_035)));
    let m = compute(&many.policies, &many.principals, &many.request);
    assert!(m.diagnostics.iter().all(|d| d.code != "policy-too-large"), "within the limits");
    // over the policy size quota (an error), but read and decided: every string is within the limits
    assert!(m.diagnostics.iter().all(|d| d.code != "value-too-long"), "within the limits");
    assert!(m.results.first().is_some_and(Option::is_some), "decided");
    group.bench_function("question_marks_at_the_limits", |b| {
        b.iter(|| black_box(compute(black_box(&many.policies), &many.principals, &many.request)))
    });

    let refused = |t: &Texts| {
        compute(&t.policies, &t.principals, &t.request).diagnostics.iter().any(|d| d.code == "policy-too-large")
    };
    let dup_policy = |n: usize| {
        let members = (0..n).map(|_| r#""Sid": "x""#).collect::<Vec<_>>().join(",");
        texts(format!(r#"{{"p": {{"Version": "2012-10-17", {members}, "Statement": []}}}}"#), "*")
    };
    let dup = dup_policy(300_000);
    assert!(refused(&dup), "3.3 MB of one policy is refused");
    group.bench_function("duplicate_members", |b| {
        b.iter(|| black_box(compute(black_box(&dup.policies), &dup.principals, &dup.request)))
    });
    // about the most copies a policy within the limit holds: read, reported once, decided
    let dup = dup_policy(90_000);
    assert!(!refused(&dup));
    group.bench_function("duplicate_members_within_the_limit", |b| {
        b.iter(|| black_box(compute(black_box(&dup.policies), &dup.principals, &dup.request)))
    });

    let statements: Vec<String> =
        (0..10_000).map(|i| statement(&format!("arn:aws:s3:::bucket-{i}/home/${{aws:username}}/*"))).collect();
    let line = texts(policy(&statements), "arn:aws:s3:::bucket-9999/home/alice/x");
    assert!(!refused(&line), "a 1 MB policy is within the limit");
    println!("one_line_policy: {} bytes", line.policies.len());
    group.bench_function("one_line_policy", |b| {
        b.iter(|| black_box(compute(black_box(&line.policies), &line.principals, &line.request)))
    });
    // a large account: 4,000 policies of 5 statements (3.6 MB on one line), none attached
    let many: Vec<String> = (0..4_000)
        .map(|i| {
            let st: Vec<String> =
                (0..5).map(|j| statement(&format!("arn:aws:s3:::b/{}{j}", "k".repeat(100)))).collect();
            format!(r#""p{i}": {{"Version": "2012-10-17", "Statement": [{}]}}"#, st.join(","))
        })
        .collect();
    let account = texts(format!("{{{}}}", many.join(",")), "arn:aws:s3:::b/k");
    println!("many_policies: {} bytes", account.policies.len());
    group.bench_function("many_policies", |b| {
        b.iter(|| black_box(compute(black_box(&account.policies), &account.principals, &account.request)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
