//! No dead reference: every relative link in the README, `docs/` and the crates' Markdown
//! leads to a file of the repository, every `docs/NAME.md` named in a source comment,
//! message or corpus case exists, every section of `docs/semantics.md` cited (`§6.3`,
//! `§9 item 8`) is a heading there, and nothing points outside the repository.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// The repository's own text files (no build output, no installed packages).
fn files() -> Vec<PathBuf> {
    let skip = ["target", "node_modules", "dist", ".git", ".tools", "test-results", "corpus", "seeds", "artifacts"];
    let mut out = Vec::new();
    let mut todo = vec![root()];
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                // fuzz/corpus and fuzz/seeds are generated; the conformance corpus is read
                let generated = skip.contains(&name.as_str()) && !path.ends_with("tests/corpus");
                if !generated {
                    todo.push(path);
                }
            } else if ["rs", "md", "js", "mjs", "ts", "json", "toml", "html", "sh"]
                .iter()
                .any(|e| name.ends_with(&format!(".{e}")))
                && !name.ends_with(".lock")
                && !name.contains("package-lock")
            {
                out.push(path);
            }
        }
    }
    iamplay_core::sort::sort(&mut out);
    out
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root()).unwrap().display().to_string()
}

/// The section numbers `docs/semantics.md` has (`## 6. …` → 6, `### 6.3 …` → 6.3), and
/// the items of each section's numbered lists (`1.7#4` for item 4 of §1.7).
fn semantics_sections() -> BTreeSet<String> {
    let doc = std::fs::read_to_string(root().join("docs/semantics.md")).unwrap();
    let mut out = BTreeSet::new();
    let mut current = String::new();
    for line in doc.lines() {
        if line.starts_with('#') {
            let number = line.trim_start_matches('#').split_whitespace().next().unwrap_or("");
            let number = number.trim_end_matches('.');
            if number.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                current = number.to_string();
                out.insert(current.clone());
            }
        } else if let Some((item, _)) = line.split_once(". ") {
            if !item.is_empty() && item.chars().all(|c| c.is_ascii_digit()) {
                out.insert(format!("{current}#{item}"));
            }
        }
    }
    out
}

/// The sections cited after `semantics.md` on one line: `§6.3`, and `§1.7 item 4` as
/// `1.7#4` (an item of §1.7's list) or, where items are sections (§9), `9.8`.
fn cited_sections(line: &str) -> Vec<String> {
    let Some(at) = line.find("semantics.md") else { return Vec::new() };
    let rest = &line[at..];
    let mut out = Vec::new();
    for (i, _) in rest.match_indices('§') {
        let after = &rest[i + '§'.len_utf8()..];
        let number: String = after.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
        let number = number.trim_end_matches('.').to_string();
        if number.is_empty() {
            continue;
        }
        let item = after[number.len()..]
            .strip_prefix(" item ")
            .map(|s| s.chars().take_while(char::is_ascii_digit).collect::<String>());
        match item {
            Some(n) if !n.is_empty() => out.push(format!("{number}#{n}")),
            _ => out.push(number),
        }
    }
    out
}

/// Relative Markdown link targets of a line: `[text](target)`.
fn links(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find("](") {
        let after = &rest[i + 2..];
        let Some(end) = after.find(')') else { break };
        out.push(&after[..end]);
        rest = &after[end..];
    }
    out
}

#[test]
fn no_reference_is_dead() {
    let root = root();
    let sections = semantics_sections();
    assert!(sections.contains("6.3") && sections.contains("9.8"), "docs/semantics.md has its numbered sections");
    let mut dead = Vec::new();
    for file in files() {
        let Ok(text) = std::fs::read_to_string(&file) else { continue };
        let me = relative(&file);
        if me.ends_with("tests/core/references.rs") {
            continue; // this file names what it looks for
        }
        for (n, line) in text.lines().enumerate() {
            let at = format!("{me}:{}", n + 1);
            for outside in ["SEMANTICS", "CONTRACT.md", "/work/", "../shared/"] {
                if line.contains(outside) {
                    dead.push(format!("{at}: points outside the repository ({outside})"));
                }
            }
            for section in cited_sections(line) {
                let as_heading = section.replace('#', ".");
                if !sections.contains(&section) && !sections.contains(&as_heading) {
                    dead.push(format!("{at}: docs/semantics.md has no §{section}"));
                }
            }
            for (i, _) in line.match_indices("docs/") {
                // a path of its own, not the end of another (`team-docs/runbook.md` in an ARN)
                if line[..i].chars().next_back().is_some_and(|c| c.is_ascii_alphanumeric() || "-_/.".contains(c)) {
                    continue;
                }
                let name: String =
                    line[i..].chars().take_while(|c| c.is_ascii_alphanumeric() || "/-_.".contains(*c)).collect();
                let name = name.trim_end_matches('.');
                if name.ends_with(".md") && !root.join(name).exists() {
                    dead.push(format!("{at}: {name} does not exist"));
                }
            }
            for path in line.split(|c: char| !(c.is_ascii_alphanumeric() || "-_./".contains(c))) {
                // `NAME.md` beside the file or at the top, `docs/NAME.md` from the top
                let name = path.rsplit('/').next().unwrap_or(path);
                let upper = name.strip_suffix(".md").is_some_and(|n| {
                    !n.is_empty() && n.chars().all(|c| c.is_ascii_uppercase() || c == '-' || c == '_')
                });
                let found = [root.join(path), file.parent().unwrap().join(path)].iter().any(|p| p.exists());
                if upper && !found {
                    dead.push(format!("{at}: {path} does not exist"));
                }
            }
            if me.ends_with(".md") {
                // what is inside `code` is an example, not a link
                let prose: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
                for target in links(&prose) {
                    let target = target.split('#').next().unwrap_or("");
                    if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
                        continue;
                    }
                    if !file.parent().unwrap().join(target).exists() {
                        dead.push(format!("{at}: the link to {target} leads nowhere"));
                    }
                }
            }
        }
    }
    assert!(dead.is_empty(), "dead references:\n{}", dead.join("\n"));
}
