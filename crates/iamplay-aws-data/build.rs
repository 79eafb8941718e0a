//! Compresses the committed data files for the `embed` feature.
fn main() {
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    for file in ["managed-policies.jsonl", "catalog.tsv"] {
        println!("cargo:rerun-if-changed=data/{file}");
        let data = std::fs::read(format!("data/{file}")).unwrap_or_default();
        let compressed = miniz_oxide::deflate::compress_to_vec(&data, 9);
        let _ = std::fs::write(out.join(format!("{file}.deflate")), compressed);
    }
}
