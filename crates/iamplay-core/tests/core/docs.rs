//! `docs/diagnostics.md` and the code agree: every diagnostic code is documented and
//! every documented code exists; the "Lint rules" section is generated from the rules'
//! own documentation (`UPDATE_DOCS=1 cargo test -p iamplay-core --test core docs`
//! rewrites it).

use iamplay_core::code::Code;
use iamplay_core::lint::RULES;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const BEGIN: &str = "<!-- lint rules: generated from";
const END: &str = "<!-- end of lint rules -->";
const HEADINGS: [&str; 4] = ["## What it flags", "## Why", "## Example", "## Instead"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn diagnostics_doc() -> String {
    std::fs::read_to_string(root().join("docs/diagnostics.md")).unwrap()
}

/// The codes the documentation gives an entry: a table row or a rule heading.
fn documented_codes(doc: &str) -> BTreeSet<String> {
    doc.lines()
        .filter_map(|l| l.strip_prefix("| `").or_else(|| l.strip_prefix("### `")))
        .filter_map(|l| l.split('`').next())
        .filter(|c| !["error", "warning", "suggestion"].contains(c))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_code_is_documented_and_every_documented_code_exists() {
    let documented = documented_codes(&diagnostics_doc());
    let in_code: BTreeSet<String> = Code::ALL.iter().map(|c| c.as_str().to_string()).collect();
    let undocumented: Vec<&String> = in_code.difference(&documented).collect();
    let unknown: Vec<&String> = documented.difference(&in_code).collect();
    assert!(undocumented.is_empty(), "codes missing from docs/diagnostics.md: {undocumented:?}");
    assert!(unknown.is_empty(), "docs/diagnostics.md documents codes that do not exist: {unknown:?}");
}

/// Each rule file's module documentation, `//! ` removed.
fn rule_docs() -> Vec<(String, Vec<String>)> {
    let dir = root().join("crates/iamplay-core/src/lint/rules");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs") && !p.ends_with("mod.rs"))
        .collect();
    iamplay_core::sort::sort(&mut files);
    files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            let doc: Vec<String> = text
                .lines()
                .take_while(|l| l.starts_with("//!"))
                .map(|l| {
                    l.trim_start_matches("//!").strip_prefix(' ').unwrap_or(l.trim_start_matches("//!")).to_string()
                })
                .collect();
            (f.file_name().unwrap().to_string_lossy().into_owned(), doc)
        })
        .collect()
}

/// The code named on a rule doc's first line (`` `code` — severity, scope. ``).
fn code_of(doc: &[String]) -> Option<String> {
    doc.first()?.strip_prefix('`')?.split('`').next().map(str::to_string)
}

#[test]
fn every_rule_documents_itself_in_one_shape() {
    let docs = rule_docs();
    for (file, doc) in &docs {
        let code = code_of(doc).unwrap_or_else(|| panic!("{file}: the first doc line names no `code`"));
        assert!(Code::parse(&code).is_some(), "{file}: `{code}` is not a code");
        assert_eq!(file.trim_end_matches(".rs").replace('_', "-"), code, "{file}: the file is named after its code");
        let headings: Vec<&str> = doc.iter().filter(|l| l.starts_with("## ")).map(String::as_str).collect();
        assert_eq!(headings, HEADINGS, "{file}: the doc's sections");
        for section in HEADINGS {
            let at = doc.iter().position(|l| l == section).unwrap();
            let body = doc.iter().skip(at + 1).take_while(|l| !l.starts_with("## "));
            assert!(body.clone().any(|l| !l.trim().is_empty()), "{file}: `{section}` is empty");
        }
    }
    let in_files: BTreeSet<String> = docs.iter().filter_map(|(_, d)| code_of(d)).collect();
    let in_rules: BTreeSet<String> = RULES.iter().map(|r| r.code.as_str().to_string()).collect();
    assert_eq!(in_files, in_rules, "every rule file is in lint::RULES, and every rule has its file");
}

/// The generated section: each rule's doc, headings one level down.
fn generated_section() -> String {
    let mut out = String::new();
    for (_, doc) in rule_docs() {
        let code = code_of(&doc).unwrap_or_default();
        let scope = doc.first().and_then(|l| l.split_once(" — ")).map_or("", |(_, s)| s);
        out.push_str(&format!("\n### `{code}`\n\n*{scope}*\n"));
        for line in doc.iter().skip(1) {
            match line.strip_prefix("## ") {
                Some(h) => out.push_str(&format!("#### {h}\n")),
                None => {
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
    }
    out.push('\n');
    out
}

#[test]
fn the_lint_rules_section_is_generated_from_the_rules() {
    let doc = diagnostics_doc();
    let begin = doc.find(BEGIN).expect("the doc has the generated section's start marker");
    let begin = begin + doc[begin..].find('\n').unwrap() + 1;
    let end = doc.find(END).expect("the doc has the generated section's end marker");
    let want = generated_section();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        let updated = format!("{}{want}{}", &doc[..begin], &doc[end..]);
        std::fs::write(root().join("docs/diagnostics.md"), updated).unwrap();
        return;
    }
    assert!(
        doc[begin..end] == want,
        "docs/diagnostics.md's lint rules are out of date: run `UPDATE_DOCS=1 cargo test -p iamplay-core --test core docs`"
    );
}

/// The rows of the "Access Analyzer's checks" table: (finding type, check, iamplay column).
fn access_analyzer_rows(doc: &str) -> Vec<(String, String, String)> {
    let section = doc.split("\n## Access Analyzer's checks\n").nth(1).unwrap_or_default();
    let section = section.split("\n## ").next().unwrap_or_default();
    section
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Finding type"))
        .map(|l| {
            let cells: Vec<&str> = l.split(" | ").collect();
            let cell =
                |i: usize| cells.get(i).map_or(String::new(), |c| c.trim_matches(|c| c == '|' || c == ' ').to_string());
            (cell(0), cell(1), cell(3))
        })
        .collect()
}

#[test]
fn every_access_analyzer_check_is_listed_with_a_code_that_exists_or_a_reason() {
    let doc = diagnostics_doc();
    let rows = access_analyzer_rows(&doc);
    assert_eq!(rows.len(), 156, "AWS's page lists 156 checks");
    for kind in ["Error", "General warning", "Security warning", "Suggestion"] {
        assert!(rows.iter().any(|(k, _, _)| k == kind), "{kind}");
    }
    let codes: BTreeSet<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    for (_, check, ours) in &rows {
        let named: Vec<&str> = ours.split('`').skip(1).step_by(2).collect();
        let reason = ours.starts_with("not implemented — ");
        assert!(reason || !named.is_empty(), "{check}: neither a code nor a reason: {ours}");
        for code in named {
            assert!(codes.contains(code), "{check}: `{code}` is no iamplay code");
        }
    }
}
