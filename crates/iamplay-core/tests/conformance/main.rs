//! The conformance tests, one test per case file: the corpus (`tests/corpus/*.json`, see
//! its README), every case of the evaluation semantics with its expected decisions or
//! located errors; and every scenario of `examples/`, which must meet its own `expect`s.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)] // test code may panic

mod corpus;
mod examples;

fn main() {
    let args = libtest_mimic::Arguments::from_args();
    let mut trials = corpus::trials();
    trials.extend(examples::trials());
    libtest_mimic::run(&args, trials).exit();
}
