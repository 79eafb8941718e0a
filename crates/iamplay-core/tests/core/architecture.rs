//! The house rules of the code, checked on its text (ARCHITECTURE.md): no two sibling
//! modules import from each other (directly or round a longer circle), and no file of
//! library code has more than 500 lines outside its tests unless its module doc says why.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 500;
/// The phrase a long file's module doc uses to say why it is long.
const LONG_BECAUSE: &str = "This file is long because";

fn crates() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.filter_map(Result::ok) {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// A file's module path below `src` (`scenario/load/mod.rs` → `["scenario", "load"]`).
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap();
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let last = parts.pop().unwrap();
    match last.as_str() {
        "mod.rs" | "lib.rs" | "main.rs" => {}
        name => parts.push(name.trim_end_matches(".rs").to_string()),
    }
    parts
}

/// The code of a file without its test module and comments.
fn code_without_tests(text: &str) -> String {
    let end = text.find("#[cfg(test)]\nmod tests").unwrap_or(text.len());
    text[..end].lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

/// The module paths a file refers to: `crate::a::b…` and `super::…` resolved.
fn references(module: &[String], code: &str) -> BTreeSet<Vec<String>> {
    let mut out = BTreeSet::new();
    let words: Vec<&str> = code.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).collect();
    for w in words {
        let segments: Vec<&str> = w.split("::").filter(|s| !s.is_empty()).collect();
        let resolved: Option<Vec<String>> = match segments.first() {
            Some(&"crate") => Some(segments.iter().skip(1).map(|s| s.to_string()).collect()),
            Some(&"super") => {
                let ups = segments.iter().take_while(|s| **s == "super").count();
                module.len().checked_sub(ups).map(|base| {
                    let mut p: Vec<String> = module[..base].to_vec();
                    p.extend(segments.iter().skip(ups).map(|s| s.to_string()));
                    p
                })
            }
            _ => None,
        };
        if let Some(p) = resolved.filter(|p| !p.is_empty()) {
            out.insert(p);
        }
    }
    out
}

/// For each folder of modules, the edges between its direct children: a → b when code in
/// a (or below it) refers to b (or below it).
fn sibling_edges(src: &Path) -> BTreeMap<Vec<String>, BTreeSet<(String, String)>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let modules: Vec<(Vec<String>, String)> =
        files.iter().map(|f| (module_path(src, f), code_without_tests(&std::fs::read_to_string(f).unwrap()))).collect();
    let mut edges: BTreeMap<Vec<String>, BTreeSet<(String, String)>> = BTreeMap::new();
    for (module, code) in &modules {
        for target in references(module, code) {
            // the deepest common parent, and the two children of it that hold each side
            let common = module.iter().zip(&target).take_while(|(a, b)| a == b).count();
            let (Some(from), Some(to)) = (module.get(common), target.get(common)) else { continue };
            // only references to modules (a lower-case name), not to items of the parent
            let is_module = modules.iter().any(|(m, _)| m.len() > common && m[..=common] == target[..=common]);
            if from != to && is_module {
                edges.entry(module[..common].to_vec()).or_default().insert((from.clone(), to.clone()));
            }
        }
    }
    edges
}

/// A circle in a directed graph, if there is one.
fn find_circle(edges: &BTreeSet<(String, String)>) -> Option<Vec<String>> {
    let nodes: BTreeSet<&String> = edges.iter().flat_map(|(a, b)| [a, b]).collect();
    fn visit<'a>(
        n: &'a String,
        edges: &'a BTreeSet<(String, String)>,
        path: &mut Vec<&'a String>,
        done: &mut BTreeSet<&'a String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| *p == n) {
            return Some(path[i..].iter().map(|s| s.to_string()).chain([n.clone()]).collect());
        }
        if done.contains(n) {
            return None;
        }
        path.push(n);
        for (_, b) in edges.iter().filter(|(a, _)| a == n) {
            if let Some(c) = visit(b, edges, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(n);
        None
    }
    let mut done = BTreeSet::new();
    nodes.into_iter().find_map(|n| visit(n, edges, &mut Vec::new(), &mut done))
}

#[test]
fn no_two_sibling_modules_import_from_each_other() {
    for krate in ["iamplay-core", "iamplay", "iamplay-web", "iamplay-wasm"] {
        for (parent, edges) in sibling_edges(&crates().join(krate).join("src")) {
            if let Some(circle) = find_circle(&edges) {
                panic!(
                    "{krate}: modules import from each other in a circle under `{}`: {}",
                    parent.join("::"),
                    circle.join(" → ")
                );
            }
        }
    }
}

#[test]
fn the_circle_finder_finds_circles() {
    let edges: BTreeSet<(String, String)> =
        [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")].iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(find_circle(&edges).map(|c| c.len()), Some(4));
    let tree: BTreeSet<(String, String)> =
        [("a", "b"), ("a", "c"), ("b", "c")].iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(find_circle(&tree), None);
}

#[test]
fn library_files_stay_under_500_lines_or_say_why() {
    let mut too_long = Vec::new();
    for krate in ["iamplay-core", "iamplay", "iamplay-web", "iamplay-wasm"] {
        let mut files = Vec::new();
        rust_files(&crates().join(krate).join("src"), &mut files);
        // a test module in a file of its own (`tests.rs`) is not library code
        for f in files.into_iter().filter(|f| !f.ends_with("tests.rs")) {
            let text = std::fs::read_to_string(&f).unwrap();
            let end = text.find("#[cfg(test)]\nmod tests").unwrap_or(text.len());
            let lines = text[..end].lines().count();
            let doc: String = text.lines().take_while(|l| l.starts_with("//!")).collect();
            if lines > MAX_LINES && !doc.contains(LONG_BECAUSE) {
                too_long.push(format!("{} ({lines} lines)", f.strip_prefix(crates()).unwrap().display()));
            }
        }
    }
    assert!(
        too_long.is_empty(),
        "split these by concern, or say why in the module doc ({LONG_BECAUSE} …): {too_long:?}"
    );
}
