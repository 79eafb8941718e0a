//! who-can at scale: 1,000 users each with up to 10 managed policies (some through
//! groups), 100 roles (trusting the account, a user, or a service), native.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)] // bench code may panic

use criterion::{criterion_group, criterion_main, Criterion};
use iamplay_core::paths::who_can;
use iamplay_core::scenario::load_file;
use serde_json::{json, Value};
use std::hint::black_box;

fn policy(i: usize) -> Value {
    let services = ["s3", "ec2", "dynamodb", "sqs", "iam", "kms", "lambda", "logs"];
    let svc = services[i % services.len()];
    json!({"Version": "2012-10-17", "Statement": [
        {"Sid": "Read", "Effect": "Allow", "Action": [format!("{svc}:Get*"), format!("{svc}:List*")],
         "Resource": format!("arn:aws:{svc}:::bucket-{}/*", i % 3),
         "Condition": {"StringEquals": {"aws:PrincipalTag/team": format!("team-{}", i % 13)}}},
        {"Sid": "Write", "Effect": "Allow", "Action": format!("{svc}:Put*"), "Resource": "*",
         "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}},
        {"Sid": "Assume", "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": format!("arn:aws:iam::111122223333:role/role-{}", i % 100)},
        {"Sid": "NoDelete", "Effect": "Deny", "Action": format!("{svc}:Delete*"), "Resource": "*"}
    ]})
}

fn scenario() -> String {
    let mut policies = serde_json::Map::new();
    for i in 0..200 {
        policies.insert(format!("p{i}"), policy(i));
    }
    policies.insert("trust-account".into(), json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}]}));
    policies.insert("trust-ec2".into(), json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}));
    let mut groups = serde_json::Map::new();
    for g in 0..50 {
        groups.insert(
            format!("g{g}"),
            json!({"policies": [format!("p{}", (g * 3) % 200), format!("p{}", (g * 7 + 1) % 200)]}),
        );
    }
    let mut users = serde_json::Map::new();
    for u in 0..1000 {
        let own: Vec<String> = (0..(u % 8 + 1)).map(|k| format!("p{}", (u * 11 + k * 17) % 200)).collect();
        users.insert(
            format!("user{u}"),
            json!({"policies": own, "groups": [format!("g{}", u % 50)], "tags": {"team": format!("team-{}", u % 13)}}),
        );
    }
    let mut roles = serde_json::Map::new();
    for r in 0..100 {
        let trust = if r % 3 == 0 { "trust-ec2" } else { "trust-account" };
        roles.insert(
            format!("role-{r}"),
            json!({"trust": trust, "policies": [format!("p{}", (r * 13) % 200), format!("p{}", (r * 5 + 2) % 200)]}),
        );
    }
    serde_json::to_string(&json!({
        "policies": policies,
        "principals": {"account": "111122223333", "groups": groups, "users": users, "roles": roles}
    }))
    .unwrap()
}

fn bench(c: &mut Criterion) {
    let sc = load_file(&scenario());
    assert!(!sc.has_errors(), "{:?}", sc.diagnostics.first());
    let context = vec![("aws:SourceIp".to_string(), vec!["203.0.113.9".to_string()])];
    let found = who_can(&sc, "s3:GetObject", "arn:aws:s3:::bucket-0/report.csv", &context);
    eprintln!("who-can finds {} principals", found.len());
    let mut group = c.benchmark_group("who_can");
    group.sample_size(10);
    group.bench_function("1000_users_100_roles", |b| {
        b.iter(|| black_box(who_can(black_box(&sc), "s3:GetObject", "arn:aws:s3:::bucket-0/report.csv", &context)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
