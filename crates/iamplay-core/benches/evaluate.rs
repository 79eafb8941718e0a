//! Benchmarks (timings live here, never in tests):
//! - evaluation (the decision and its trace: a statement whose action does not match is
//!   not evaluated further) of (a) one identity policy of 3 statements and (b) 10
//!   policies of 10 statements each, all with conditions, on a scenario parsed once;
//! - the same with the full explanation built (every part of every statement, as the
//!   playground and `--explain` show it);
//! - parsing (loading) throughput in MB/s for a realistic scenario;
//! - the adversarial wildcard case `a*a*a*…b` against long texts.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)] // test code may panic

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use iamplay_core::decision::evaluate;
use iamplay_core::pattern::Glob;
use iamplay_core::report::explanation;
use iamplay_core::scenario::{load_file, Scenario};
use serde_json::{json, Value};
use std::hint::black_box;

fn statement(p: usize, s: usize) -> Value {
    let actions = ["s3:GetObject", "s3:PutObject", "ec2:Describe*", "iam:List*", "dynamodb:Query", "sqs:SendMessage"];
    let action = actions.get((p * 10 + s) % actions.len()).copied().unwrap_or("s3:GetObject");
    let conditions = [
        json!({"StringEquals": {"aws:PrincipalTag/team": format!("team-{s}")}}),
        json!({"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "198.51.100.0/24"]}}),
        json!({"StringLike": {"s3:prefix": [format!("home/${{aws:username}}/{s}/*"), "public/*"]}}),
        json!({"Bool": {"aws:SecureTransport": "true"}, "NumericLessThan": {"s3:max-keys": "100"}}),
        json!({"DateGreaterThan": {"aws:CurrentTime": "2024-01-01T00:00:00Z"}}),
    ];
    json!({
        "Sid": format!("S{p}x{s}"),
        "Effect": if s % 7 == 6 { "Deny" } else { "Allow" },
        "Action": [action, format!("{}:Other{s}", action.split(':').next().unwrap_or("s3"))],
        "Resource": [format!("arn:aws:s3:::bucket-{p}/home/${{aws:username}}/*"), format!("arn:aws:s3:::bucket-{p}-{s}/*")],
        "Condition": conditions.get(s % conditions.len()).cloned().unwrap_or(Value::Null),
    })
}

fn scenario(policies: usize, statements: usize) -> String {
    let mut pols = serde_json::Map::new();
    let mut names = Vec::new();
    for p in 0..policies {
        let st: Vec<Value> = (0..statements).map(|s| statement(p, s)).collect();
        pols.insert(format!("policy-{p}"), json!({"Version": "2012-10-17", "Statement": st}));
        names.push(format!("policy-{p}"));
    }
    serde_json::to_string_pretty(&json!({
        "policies": pols,
        "principals": {"account": "111122223333", "users": {"alice": {"policies": names, "tags": {"team": "team-3"}}}},
        "requests": [{
            "principal": "user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::bucket-0/home/alice/report.txt",
            "context": {"aws:SourceIp": "203.0.113.7", "aws:SecureTransport": "true", "s3:prefix": "home/alice/3/x", "aws:CurrentTime": "2025-06-01T00:00:00Z", "s3:max-keys": "10"}
        }]
    }))
    .unwrap_or_default()
}

fn loaded(text: &str) -> Scenario {
    let sc = load_file(text);
    assert!(!sc.has_errors(), "{:?}", sc.diagnostics);
    sc
}

fn bench_evaluate(c: &mut Criterion) {
    let mut group = c.benchmark_group("evaluate");
    for (name, p, s) in [("a_1x3", 1, 3), ("b_10x10", 10, 10)] {
        let sc = loaded(&scenario(p, s));
        let req = sc.requests.first().and_then(Option::as_ref).cloned();
        let Some(req) = req else { continue };
        group.bench_function(name, |b| b.iter(|| black_box(evaluate(black_box(&sc), black_box(&req)))));
    }
    group.finish();
    let mut group = c.benchmark_group("explain");
    for (name, p, s) in [("a_1x3", 1, 3), ("b_10x10", 10, 10)] {
        let sc = loaded(&scenario(p, s));
        let req = sc.requests.first().and_then(Option::as_ref).cloned();
        let Some(req) = req else { continue };
        group.bench_function(name, |b| {
            b.iter(|| {
                let ev = evaluate(black_box(&sc), black_box(&req));
                black_box(explanation(&sc, &req, &ev))
            })
        });
    }
    group.finish();
}

fn bench_parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    for (name, p, s) in [("a_1x3", 1, 3), ("b_10x10", 10, 10)] {
        let text = scenario(p, s);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| b.iter(|| black_box(load_file(black_box(&text)))));
    }
    group.finish();
}

fn bench_wildcard(c: &mut Criterion) {
    let mut group = c.benchmark_group("wildcard");
    for stars in [10usize, 50, 200] {
        let pattern = Glob::new(&format!("{}b", "a*".repeat(stars)));
        let text = "a".repeat(10_000);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("a*..b_vs_10k_a", stars), &text, |b, t| {
            b.iter(|| black_box(pattern.is_match(black_box(t))))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_evaluate, bench_parse, bench_wildcard);
criterion_main!(benches);
