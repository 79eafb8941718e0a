//! The conformance corpus, one test per case file (`tests/corpus/*.json`, see its
//! README): every case of the evaluation semantics with its expected decisions or located
//! errors. (The examples, which may name AWS managed policies, are run with the AWS data
//! by `crates/iamplay-aws-data/tests/examples.rs`.)

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)] // test code may panic

mod corpus;

fn main() {
    let args = libtest_mimic::Arguments::from_args();
    libtest_mimic::run(&args, corpus::trials()).exit();
}
