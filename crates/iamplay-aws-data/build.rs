//! Compresses the committed data file for the `embed` feature.
fn main() {
    println!("cargo:rerun-if-changed=data/managed-policies.jsonl");
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    let data = std::fs::read("data/managed-policies.jsonl").unwrap_or_default();
    let compressed = miniz_oxide::deflate::compress_to_vec(&data, 9);
    let _ = std::fs::write(out.join("managed-policies.jsonl.deflate"), compressed);
}
