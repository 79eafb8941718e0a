//! The gallery: every scenario of examples/, split into the three editor texts.

include!(concat!(env!("OUT_DIR"), "/examples.rs"));

pub use iamplay_core::share::Texts;

pub fn split(scenario: &str) -> Option<Texts> {
    let v: serde_json::Value = serde_json::from_str(scenario).ok()?;
    let pretty =
        |v: Option<&serde_json::Value>| v.and_then(|v| serde_json::to_string_pretty(v).ok()).unwrap_or_default();
    let requests = v.get("requests").or_else(|| v.get("request"));
    Some(Texts {
        policies: pretty(v.get("policies")),
        principals: pretty(v.get("principals")),
        request: pretty(requests),
    })
}

/// The example shown on a first visit.
pub const DEFAULT: &str = "ec2-owner-tag";

pub fn example(name: &str) -> Option<Texts> {
    EXAMPLES.iter().find(|(n, _)| *n == name).and_then(|(_, text)| split(text))
}

/// A readable title from a file stem (`ec2-owner-tag` → `ec2 owner tag`).
pub fn title(stem: &str) -> String {
    stem.replace('-', " ")
}
