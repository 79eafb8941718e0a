//! Compresses the committed managed policies for the `embed` feature (the catalog is
//! embedded as it is: reading it is faster than inflating it).
// a build script stops the build with its message: a missing data file must not become
// an empty catalog in the binary
#![allow(clippy::panic)]

fn main() {
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    let file = "managed-policies.jsonl";
    println!("cargo:rerun-if-changed=data/{file}");
    let data = std::fs::read(format!("data/{file}"))
        .unwrap_or_else(|e| panic!("cannot read data/{file} (regenerate it with scripts/setup-aws-data): {e}"));
    let compressed = miniz_oxide::deflate::compress_to_vec(&data, 9);
    if let Err(e) = std::fs::write(out.join(format!("{file}.deflate")), compressed) {
        panic!("cannot write {file}.deflate: {e}");
    }
}
