//! The playground's two wasm modules between them report what one loader reports: its
//! first module loads the texts with no linter and no catalog (and decides), its second
//! answers with the findings that need them (`workspace::lint_findings`). Over every
//! scenario of examples/ and of the core's corpus, and texts written to draw the catalog's
//! findings: the same decisions, and the union of both modules' diagnostics is the full
//! list, each diagnostic made by exactly one of them.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)] // test code may panic

use iamplay_aws_data::catalog::{Catalog, CATALOG_FILE};
use iamplay_aws_data::{ManagedPolicies, DATA_FILE};
use iamplay_core::aws_managed::{Lookup, Provider};
use iamplay_core::diagnostic::Diagnostic;
use iamplay_core::policy::{Policy, PolicyType};
use iamplay_core::scenario::editor_texts::split;
use iamplay_core::share::Texts;
use iamplay_core::vocabulary::Vocabulary;
use iamplay_core::workspace::{compute_with, lint_findings, needs_linter, Diag};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// The CLI's provider: AWS's documents, the catalog, the linter.
struct Everything {
    policies: ManagedPolicies,
    catalog: Catalog,
}

impl Provider for Everything {
    fn lookup(&self, arn: &str) -> Lookup {
        self.policies.lookup(arn)
    }
    fn arns(&self) -> Vec<String> {
        self.policies.arns()
    }
    fn data_version(&self) -> Option<String> {
        self.policies.data_version()
    }
    fn vocabulary(&self) -> Option<&dyn Vocabulary> {
        Some(&self.catalog)
    }
}

/// The playground's first module: AWS's documents, and neither catalog nor linter.
struct FirstModule<'a>(&'a Everything);

impl Provider for FirstModule<'_> {
    fn lookup(&self, arn: &str) -> Lookup {
        self.0.lookup(arn)
    }
    fn arns(&self) -> Vec<String> {
        self.0.arns()
    }
    fn data_version(&self) -> Option<String> {
        self.0.data_version()
    }
    fn lint(&self, _: &Policy, _: Option<PolicyType>, _: bool) -> Vec<Diagnostic> {
        Vec::new()
    }
}

fn scenarios() -> Vec<(String, Texts)> {
    let mut out = Vec::new();
    for dir in ["../../examples", "../iamplay-core/tests/corpus"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|x| x == "json") {
                let text = std::fs::read_to_string(&path).unwrap();
                if let Ok(texts) = split(&text) {
                    out.push((path.display().to_string(), texts));
                }
            }
        }
    }
    let policies = r#"{"p": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObjects", "Resource": "arn:aws:s3:::b/*"},
        {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b/*"},
        {"Effect": "Allow", "Action": "ec2:StartInstances", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "True"}, "NumericLessThan": {"s3:prefix": "1"}}}]}}"#;
    let principals = r#"{"account": "111122223333", "users": {"alice": {"policies": ["p"]}}}"#;
    let request = r#"[{"principal": "user/alice", "action": "s3:GetObjectz", "resource": "arn:aws:s3:::b/k"},
        {"principal": "user/alice", "action": "s3:ListBucket", "resource": "arn:aws:s3:::b/k"}]"#;
    out.push((
        "catalog findings".into(),
        Texts { policies: policies.into(), principals: principals.into(), request: request.into() },
    ));
    out
}

fn sorted(mut d: Vec<Diag>) -> Vec<String> {
    let mut keys: Vec<String> = d.drain(..).map(|d| format!("{d:?}")).collect();
    iamplay_core::sort::sort(&mut keys);
    keys
}

#[test]
fn the_first_module_and_the_second_together_report_what_one_loader_reports() {
    let all = Everything {
        policies: ManagedPolicies::parse(std::fs::read_to_string(root().join(DATA_FILE)).unwrap()).unwrap(),
        catalog: Catalog::parse(&std::fs::read_to_string(root().join(CATALOG_FILE)).unwrap()).unwrap(),
    };
    let cases = scenarios();
    assert!(cases.len() > 100, "only {} scenarios", cases.len());
    let mut late_total = 0;
    for (name, t) in &cases {
        let whole = compute_with(&t.policies, &t.principals, &t.request, &all);
        let first = compute_with(&t.policies, &t.principals, &t.request, &FirstModule(&all));
        let (late, more) = lint_findings(&t.policies, &t.principals, &t.request, &all);
        let decisions = |m: &iamplay_core::workspace::ViewModel| {
            m.results.iter().map(|r| r.as_ref().map(|r| r.decision)).collect::<Vec<_>>()
        };
        assert_eq!(decisions(&first), decisions(&whole), "{name}: decisions");
        assert!(
            first.diagnostics.iter().all(|d| !needs_linter(iamplay_core::code::Code::parse(d.code).unwrap())),
            "{name}: the first module linted"
        );
        assert!(late.iter().all(|d| needs_linter(iamplay_core::code::Code::parse(d.code).unwrap())), "{name}");
        let total = |shown: usize, more: usize| shown + more;
        assert_eq!(
            total(first.diagnostics.len(), first.more_diagnostics) + total(late.len(), more),
            total(whole.diagnostics.len(), whole.more_diagnostics),
            "{name}: counts"
        );
        if whole.more_diagnostics == 0 {
            let mut union = first.diagnostics.clone();
            union.extend(late.iter().cloned());
            assert_eq!(sorted(union), sorted(whole.diagnostics.clone()), "{name}: diagnostics");
        }
        late_total += late.len();
    }
    // the texts written for it draw findings of every kind: the rules' (with and without
    // the catalog) and the catalog's on requests; the scenarios draw some too
    let (texts_name, t) = cases.last().unwrap();
    let (late, _) = lint_findings(&t.policies, &t.principals, &t.request, &all);
    let codes: Vec<&str> = late.iter().map(|d| d.code).collect();
    for code in [
        "action-unknown",
        "resource-type-mismatch",
        "condition-bool-case",
        "condition-operator-type",
        "request-action-unknown",
        "request-resource-type",
    ] {
        assert!(codes.contains(&code), "{texts_name}: no {code} in {codes:?}");
    }
    assert!(late_total > late.len(), "the scenarios draw no finding");
}
