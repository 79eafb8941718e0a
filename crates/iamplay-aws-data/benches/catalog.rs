//! What AWS's catalog costs (timings live here, never in tests):
//! - `ready`: the catalog inflated from its compressed form and read, every line checked
//!   (what the playground pays once it has the file; each service's actions are read
//!   when it is first asked for, and the CLI's built-in text is neither inflated nor
//!   checked line by line);
//! - `lint_20kb`: every rule, the catalog's included, over the policies of the
//!   playground's 20 KB keystroke workload (web/tests/perf.mjs: 10 policies of 10
//!   statements with conditions, some actions AWS does not list): what each keystroke
//!   pays for lint.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)] // test code may panic

use criterion::{criterion_group, criterion_main, Criterion};
use iamplay_aws_data::catalog::Catalog;
use iamplay_core::json;
use iamplay_core::lint::lint_with;
use iamplay_core::policy::parse_policy;
use iamplay_core::source::SourceId;
use serde_json::json;
use std::hint::black_box;

/// The policies of web/tests/perf.mjs's scenario, as texts.
fn policies() -> Vec<String> {
    let actions = ["s3:GetObject", "s3:PutObject", "s3:List*", "ec2:Describe*", "dynamodb:Query", "sqs:SendMessage"];
    let conditions = [
        json!({"StringEquals": {"aws:PrincipalTag/team": "team-0"}}),
        json!({"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "198.51.100.0/24"]}}),
        json!({"StringLike": {"s3:prefix": ["home/${aws:username}/0/*", "public/*"]}}),
        json!({"Bool": {"aws:SecureTransport": "true"}, "NumericLessThan": {"s3:max-keys": "100"}}),
        json!({"DateGreaterThan": {"aws:CurrentTime": "2024-01-01T00:00:00Z"}}),
    ];
    (0..10)
        .map(|p| {
            let statements: Vec<_> = (0..10)
                .map(|s| {
                    json!({
                        "Sid": format!("P{p}S{s}"),
                        "Effect": if s == 7 { "Deny" } else { "Allow" },
                        "Action": [actions[(p * 10 + s) % actions.len()], format!("s3:Other{s}")],
                        "Resource": [format!("arn:aws:s3:::bucket-{p}/home/${{aws:username}}/*"), format!("arn:aws:s3:::bucket-{p}-{s}/*")],
                        "Condition": conditions[s % conditions.len()],
                    })
                })
                .collect();
            serde_json::to_string_pretty(&json!({"Version": "2012-10-17", "Statement": statements})).unwrap()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("catalog");
    group.sample_size(20);
    let raw = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/catalog.tsv")).unwrap();
    let compressed = miniz_oxide::deflate::compress_to_vec(&raw, 9);
    group.bench_function("ready", |b| {
        b.iter(|| {
            let text = miniz_oxide::inflate::decompress_to_vec(black_box(&compressed)).unwrap();
            black_box(Catalog::parse(std::str::from_utf8(&text).unwrap()).unwrap())
        })
    });
    let catalog = iamplay_aws_data::catalog::embedded().unwrap();
    let texts = policies();
    println!("lint_20kb: {} bytes of policies", texts.iter().map(String::len).sum::<usize>());
    let parsed: Vec<_> = texts.iter().map(|t| parse_policy(&json::parse(t, SourceId::Policies).unwrap(), t)).collect();
    let findings: usize = parsed.iter().map(|p| lint_with(p, Some(catalog)).len()).sum();
    println!("lint_20kb: {findings} findings");
    print_costliest_rules(&parsed, catalog);
    group.bench_function("lint_20kb", |b| {
        b.iter(|| {
            for p in &parsed {
                black_box(lint_with(black_box(p), Some(catalog)));
            }
        })
    });
    group.finish();
}

/// The rules that cost most on this workload (a rough measure beside criterion's: 200
/// rounds each), to show where a slower `lint_20kb` comes from.
fn print_costliest_rules(parsed: &[iamplay_core::policy::Policy], catalog: &Catalog) {
    use iamplay_core::lint::{Check, RULES};
    let mut costs: Vec<(f64, &str)> = RULES
        .iter()
        .map(|rule| {
            let start = std::time::Instant::now();
            for _ in 0..200 {
                for p in parsed {
                    let mut out = Vec::new();
                    match &rule.check {
                        Check::Text(check) => check(black_box(p), &mut out),
                        Check::Catalog(check) => check(black_box(p), catalog, &mut out),
                    }
                    black_box(out);
                }
            }
            (start.elapsed().as_secs_f64() * 1e6 / 200.0, rule.code.as_str())
        })
        .collect();
    iamplay_core::sort::sort_by(&mut costs, |a, b| b.0.total_cmp(&a.0));
    let listed: Vec<String> = costs.iter().take(8).map(|(us, code)| format!("{code} {us:.0} µs")).collect();
    println!("lint_20kb: costliest rules: {}", listed.join(", "));
}

criterion_group!(benches, bench);
criterion_main!(benches);
