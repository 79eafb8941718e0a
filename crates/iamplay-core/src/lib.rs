//! # iamplay-core
//!
//! A pure-Rust evaluator of AWS IAM policies that explains its decisions. It parses
//! policy documents with a span on every element, checks them per policy type with
//! located diagnostics, and decides requests as AWS documents it (identity and
//! resource-based policies, permission boundaries, SCPs, RCPs, session policies,
//! cross-account rules), reporting which statements decided and why every other
//! statement did or did not apply.
//!
//! Design: two phases. Loading (`scenario::load_file`, `scenario::load_parts`) turns
//! JSON text into a model where everything that can be compiled is (wildcard patterns,
//! typed condition values, resolved references, each request's context), so
//! `decision::evaluate` does no parsing. Nothing here depends on a browser.

pub mod access_denied;
pub mod allowed_if;
pub mod arn;
pub mod arn_format;
pub mod aws_managed;
pub mod code;
pub mod complete;
pub mod condition;
pub mod context;
pub mod decision;
pub mod diagnostic;
pub mod embed;
pub mod exercise;
pub mod graph;
pub mod hover;
pub mod import;
pub mod json;
pub mod key;
pub mod limits;
pub mod lint;
pub mod paths;
pub mod pattern;
pub mod policy;
pub mod report;
pub mod scenario;
pub mod share;
pub mod sort;
pub mod source;
pub mod summary;
pub mod template;
pub mod value;
pub mod vocabulary;
pub mod workspace;
