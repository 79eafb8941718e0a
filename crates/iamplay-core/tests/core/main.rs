//! The core's integration tests, one module per area (one test binary: fewer links). The
//! conformance corpus and the examples have a runner of their own (`tests/conformance`).

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing, clippy::string_slice, clippy::panic)] // test code may panic

mod architecture;
mod docs;
mod exercises;
mod graph;
mod limits;
mod paths;
mod properties;
mod references;
