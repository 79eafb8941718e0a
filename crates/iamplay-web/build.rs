//! Embeds every scenario of examples/ in the playground's gallery, and every file of
//! exercises/ (the built-in workshop pack).
// a build script stops the build with its message: a folder it cannot read must not
// become an empty gallery in the page
#![allow(clippy::panic)]
use std::fmt::Write;
use std::path::PathBuf;

/// The crate's folder on this machine, read when the script runs (not `env!`, which holds
/// the folder the script was compiled in: another checkout sharing `target/` moves it).
fn crate_dir() -> PathBuf {
    PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into()))
}

fn write(name: &str, text: String) {
    let target = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join(name);
    if let Err(e) = std::fs::write(&target, text) {
        panic!("cannot write {}: {e}", target.display());
    }
}

fn main() {
    embed("examples", "EXAMPLES", "(file stem, scenario text) of every example, in name order.", true);
    embed("exercises", "EXERCISE_FILES", "(file name, text) of every file of the built-in pack.", false);
    aws_data_version();
}

/// The AWS data's package, version and date, from the data file's header line (the
/// data itself is fetched, never built in).
fn aws_data_version() {
    let path = crate_dir().join("../iamplay-aws-data/data/managed-policies.jsonl");
    println!("cargo:rerun-if-changed={}", path.display());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let header = text.lines().next().unwrap_or_default();
    let field = |k: &str| {
        let pattern = format!("\"{k}\":\"");
        header
            .find(&pattern)
            .and_then(|i| header.get(i + pattern.len()..))
            .and_then(|r| r.split('"').next())
            .unwrap_or_else(|| panic!("the first line of {} has no {k:?}", path.display()))
            .to_string()
    };
    let shown = format!("{} {}, {}", field("package"), field("version"), field("updated"));
    write(
        "aws-data.rs",
        format!("/// The AWS data's package, version and date.\npub const AWS_DATA: &str = {shown:?};\n"),
    );
}

fn embed(folder: &str, constant: &str, doc: &str, stem_only: bool) {
    let dir = crate_dir().join("../..").join(folder);
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    if files.is_empty() {
        panic!("{} holds no .json file", dir.display());
    }
    // runs on the build machine, never in the wasm
    #[allow(clippy::disallowed_methods)]
    files.sort();
    let mut out = format!("/// {doc}\npub const {constant}: &[(&str, &str)] = &[\n");
    for f in files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = if stem_only { f.file_stem() } else { f.file_name() };
        let stem = name.map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let _ = writeln!(out, "    ({stem:?}, include_str!({:?})),", f.display().to_string());
    }
    out.push_str("];\n");
    write(&format!("{folder}.rs"), out);
}
