//! The gallery: every scenario of examples/, split into the three editor texts.

include!(concat!(env!("OUT_DIR"), "/examples.rs"));

pub use iamplay_core::share::Texts;

/// The example shown on a first visit.
pub const DEFAULT: &str = "ec2-owner-tag";

pub fn example(name: &str) -> Option<Texts> {
    EXAMPLES
        .iter()
        .find(|(n, _)| *n == name)
        .and_then(|(_, text)| iamplay_core::scenario::editor_texts::split(text).ok())
}

/// A readable title from a file stem (`ec2-owner-tag` → `ec2 owner tag`).
pub fn title(stem: &str) -> String {
    stem.replace('-', " ")
}
