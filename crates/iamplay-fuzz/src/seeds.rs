//! The inputs a fuzz run starts from: the project's own scenarios, exercises and exports,
//! in the shape each target reads.

use iamplay_core::share::{self, Texts};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// One seed: the target it is for, a file name, the bytes.
pub struct Seed {
    pub target: &'static str,
    pub name: String,
    pub data: Vec<u8>,
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    iamplay_core::sort::sort(&mut found);
    found
}

fn stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

fn pretty(v: Option<&Value>) -> String {
    v.map(|v| serde_json::to_string_pretty(v).unwrap_or_default()).unwrap_or_default()
}

/// The playground's texts of a scenario (its first request when it has several).
fn texts_of(scenario: &Value) -> Texts {
    let requests = scenario.get("requests");
    let request = match requests {
        Some(Value::Array(list)) if list.len() == 1 => list.first(),
        other => other,
    };
    Texts {
        policies: pretty(scenario.get("policies")),
        principals: pretty(scenario.get("principals")),
        request: pretty(request),
    }
}

/// Every seed, read from the repository at `root`.
pub fn seeds(root: &Path) -> Vec<Seed> {
    let mut out = Vec::new();
    let mut push = |target, name: String, data: Vec<u8>| out.push(Seed { target, name, data });
    let core = root.join("crates/iamplay-core/tests");
    let mut scenarios: Vec<(String, Value)> = Vec::new();
    let sources = [root.join("examples"), root.join("crates/iamplay/tests/fixtures"), core.clone()];
    for path in sources.iter().flat_map(|d| files(d, "json")) {
        let Ok(text) = std::fs::read(&path) else { continue };
        if let Ok(v) = serde_json::from_slice::<Value>(&text) {
            scenarios.push((stem(&path), v));
        }
        push("scenario", stem(&path), text);
    }
    for path in files(&core.join("corpus"), "json") {
        let Ok(v) = std::fs::read(&path).map(|t| serde_json::from_slice::<Value>(&t)) else { continue };
        let Some(sc) = v.ok().and_then(|v| v.get("scenario").cloned()) else { continue };
        push("scenario", stem(&path), pretty(Some(&sc)).into_bytes());
        scenarios.push((stem(&path), sc));
    }
    for (name, sc) in &scenarios {
        let t = texts_of(sc);
        push("workspace", name.clone(), format!("{}\0{}\0{}", t.policies, t.principals, t.request).into_bytes());
        push("share", format!("{name}.json"), share::to_json(&t).into_bytes());
        push("share", format!("{name}.link"), share::encode(&t).into_bytes());
    }
    let exercises = [root.join("exercises"), core.join("exercise-fixtures")];
    for path in exercises.iter().flat_map(|d| files(d, "json")) {
        let Ok(text) = std::fs::read(&path) else { continue };
        if let Ok(ex) = iamplay_core::exercise::load_exercise(&String::from_utf8_lossy(&text)) {
            let submission = iamplay_core::exercise::submission_json(&ex.id, &ex.start);
            push("exercise", format!("{}.submission", stem(&path)), submission.into_bytes());
        }
        push("exercise", stem(&path), text);
    }
    for path in ["json", "txt"].iter().flat_map(|ext| files(&core.join("import"), ext)) {
        let Ok(text) = std::fs::read(&path) else { continue };
        push("import", stem(&path), text);
    }
    out
}
