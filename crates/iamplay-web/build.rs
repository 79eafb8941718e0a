//! Embeds every scenario of examples/ in the playground's gallery, and every file of
//! exercises/ (the built-in workshop pack).
use std::fmt::Write;

fn main() {
    embed("examples", "EXAMPLES", "(file stem, scenario text) of every example, in name order.", true);
    embed("exercises", "EXERCISE_FILES", "(file name, text) of every file of the built-in pack.", false);
    aws_data_version();
}

/// The AWS data's package, version and date, from the data file's header line (the
/// data itself is fetched, never built in).
fn aws_data_version() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../iamplay-aws-data/data/managed-policies.jsonl");
    println!("cargo:rerun-if-changed={}", path.display());
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let header = text.lines().next().unwrap_or_default();
    let field = |k: &str| {
        let pattern = format!("\"{k}\":\"");
        header
            .find(&pattern)
            .and_then(|i| header.get(i + pattern.len()..))
            .and_then(|r| r.split('"').next())
            .unwrap_or("?")
            .to_string()
    };
    let shown = format!("{} {}, {}", field("package"), field("version"), field("updated"));
    let target = std::path::Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("aws-data.rs");
    let _ = std::fs::write(
        target,
        format!("/// The AWS data's package, version and date.\npub const AWS_DATA: &str = {shown:?};\n"),
    );
}

fn embed(folder: &str, constant: &str, doc: &str, stem_only: bool) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(folder);
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect()
        })
        .unwrap_or_default();
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
    let target = std::path::Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join(format!("{folder}.rs"));
    let _ = std::fs::write(target, out);
}
