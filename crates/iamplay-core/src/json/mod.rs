//! JSON with a span on every value and every member name.
//!
//! Parsing is done by `jsonc-parser` (dprint's parser: maintained, no dependencies,
//! byte ranges on every node, duplicate members kept in order, a nesting-depth limit)
//! with every JSONC/JSON5 leniency switched off, so the accepted language is plain JSON.
//! Its tree is copied into this small owned tree so the rest of the crate never depends
//! on the parser's types.

pub mod format;
pub mod read;
pub mod scan;

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::source::{SourceId, Span};
use jsonc_parser::ast;
use std::collections::{HashMap, HashSet};

#[derive(Clone, Debug, PartialEq)]
pub struct Json {
    pub value: JsonValue,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum JsonValue {
    Null,
    Bool(bool),
    /// The number's source text (JSON numbers are read as their text, as IAM does).
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<Member>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub key: String,
    pub key_span: Span,
    pub value: Json,
}

impl Json {
    pub fn as_object(&self) -> Option<&[Member]> {
        match &self.value {
            JsonValue::Object(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            JsonValue::String(s) => Some(s),
            _ => None,
        }
    }

    /// A scalar's text: strings as they are, numbers and booleans as written.
    pub fn scalar_text(&self) -> Option<String> {
        match &self.value {
            JsonValue::String(s) => Some(s.clone()),
            JsonValue::Number(n) => Some(n.clone()),
            JsonValue::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// The first member named `key` (exact, case-sensitive).
    pub fn get(&self, key: &str) -> Option<&Member> {
        self.as_object()?.iter().find(|m| m.key == key)
    }

    pub fn kind_name(&self) -> &'static str {
        match self.value {
            JsonValue::Null => "null",
            JsonValue::Bool(_) => "a boolean",
            JsonValue::Number(_) => "a number",
            JsonValue::String(_) => "a string",
            JsonValue::Array(_) => "an array",
            JsonValue::Object(_) => "an object",
        }
    }
}

/// The strings (member names and number literals too) longer than `chars` characters:
/// (span, characters).
pub fn long_strings(json: &Json, chars: usize) -> Vec<(Span, usize)> {
    let long = |s: &str| (s.len() > chars).then(|| s.chars().count()).filter(|n| *n > chars);
    let mut out = Vec::new();
    let mut todo = vec![json];
    while let Some(j) = todo.pop() {
        match &j.value {
            JsonValue::String(s) | JsonValue::Number(s) => out.extend(long(s).map(|n| (j.span, n))),
            JsonValue::Array(items) => todo.extend(items.iter().rev()),
            JsonValue::Object(members) => {
                for m in members.iter().rev() {
                    todo.push(&m.value);
                }
                out.extend(members.iter().filter_map(|m| long(&m.key).map(|n| (m.key_span, n))));
            }
            _ => {}
        }
    }
    crate::sort::sort_by_key(&mut out, |(s, _)| s.start);
    out
}

/// The policy documents (objects with a `Statement` member) whose text is longer than
/// `bytes`: (span, bytes). What is inside one found is not looked at.
pub fn large_policies(json: &Json, bytes: usize) -> Vec<(Span, usize)> {
    let mut out = Vec::new();
    let mut todo = vec![json];
    while let Some(j) = todo.pop() {
        match &j.value {
            JsonValue::Array(items) => todo.extend(items.iter().rev()),
            JsonValue::Object(members) => {
                let size = j.span.end.saturating_sub(j.span.start);
                if size > bytes && members.iter().any(|m| m.key == "Statement") {
                    out.push((j.span, size));
                } else {
                    todo.extend(members.iter().rev().map(|m| &m.value));
                }
            }
            _ => {}
        }
    }
    crate::sort::sort_by_key(&mut out, |(s, _)| s.start);
    out
}

/// `text` read by [`parse`] as a `serde_json::Value`, or None when it is not JSON: what
/// the crates use instead of `serde_json::from_str`, so the playground's wasm holds one
/// JSON reader, not two. Numbers become serde_json's (integers exactly, others as f64).
pub fn value(text: &str) -> Option<serde_json::Value> {
    fn convert(j: &Json) -> serde_json::Value {
        use serde_json::Value;
        match &j.value {
            JsonValue::Null => Value::Null,
            JsonValue::Bool(b) => Value::Bool(*b),
            JsonValue::Number(n) => match (n.parse::<i64>(), n.parse::<u64>()) {
                (Ok(i), _) => Value::from(i),
                (_, Ok(u)) => Value::from(u),
                _ => n.parse::<f64>().ok().and_then(serde_json::Number::from_f64).map_or(Value::Null, Value::Number),
            },
            JsonValue::String(s) => Value::String(s.clone()),
            JsonValue::Array(items) => Value::Array(items.iter().map(convert).collect()),
            JsonValue::Object(members) => {
                Value::Object(members.iter().map(|m| (m.key.clone(), convert(&m.value))).collect())
            }
        }
    }
    parse(text, SourceId::File).ok().map(|j| convert(&j))
}

/// Parses `text` as strict JSON. Invalid JSON is one located `json-syntax` error.
pub fn parse(text: &str, source: SourceId) -> Result<Json, Diagnostic> {
    let options = jsonc_parser::ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let parsed = jsonc_parser::parse_to_ast(text, &Default::default(), &options).map_err(|e| {
        let range = e.range();
        let message = lowercase_first(&e.kind().to_string());
        Diagnostic::error(
            Code::JsonSyntax,
            Span::new(source, range.start, range.end),
            format!("invalid JSON: {message}"),
        )
    })?;
    if let Some(at) = raw_control_in_string(text) {
        let c = text.as_bytes().get(at).copied().unwrap_or_default();
        let (name, escape) = match c {
            b'\t' => ("a tab", "\\t".to_string()),
            b'\n' => ("a line break", "\\n".to_string()),
            b'\r' => ("a carriage return", "\\r".to_string()),
            _ => ("a control character", format!("\\u{c:04x}")),
        };
        return Err(Diagnostic::error(
            Code::JsonSyntax,
            Span::new(source, at, at + 1),
            format!("invalid JSON: {name} inside a string (JSON, and AWS, take control characters only escaped)"),
        )
        .with_help(format!("write `{escape}` instead")));
    }
    match parsed.value {
        Some(value) => Ok(convert(value, source)),
        None => Err(Diagnostic::error(
            Code::JsonSyntax,
            Span::new(source, 0, text.len()),
            "invalid JSON: the text is empty",
        )
        .with_help("write a JSON object, starting with `{`")),
    }
}

/// The first byte below U+0020 inside a string (JSON takes them only escaped; the parser
/// underneath lets them through), in a text that parsed: strings are found by their quotes.
fn raw_control_in_string(text: &str) -> Option<usize> {
    let (mut in_string, mut escaped) = (false, false);
    for (i, b) in text.bytes().enumerate() {
        match b {
            _ if escaped => escaped = false,
            b'\\' if in_string => escaped = true,
            b'"' => in_string = !in_string,
            0..=0x1f if in_string => return Some(i),
            _ => {}
        }
    }
    None
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn span(source: SourceId, r: jsonc_parser::common::Range) -> Span {
    Span::new(source, r.start, r.end)
}

fn convert(value: ast::Value<'_>, source: SourceId) -> Json {
    match value {
        ast::Value::StringLit(s) => {
            Json { value: JsonValue::String(s.value.into_owned()), span: span(source, s.range) }
        }
        ast::Value::NumberLit(n) => Json { value: JsonValue::Number(n.value.to_string()), span: span(source, n.range) },
        ast::Value::BooleanLit(b) => Json { value: JsonValue::Bool(b.value), span: span(source, b.range) },
        ast::Value::NullKeyword(n) => Json { value: JsonValue::Null, span: span(source, n.range) },
        ast::Value::Array(a) => Json {
            span: span(source, a.range),
            value: JsonValue::Array(a.elements.into_iter().map(|v| convert(v, source)).collect()),
        },
        ast::Value::Object(o) => Json {
            span: span(source, o.range),
            value: JsonValue::Object(
                o.properties
                    .into_iter()
                    .map(|p| {
                        let (key, key_range) = match p.name {
                            ast::ObjectPropName::String(s) => (s.value.into_owned(), s.range),
                            ast::ObjectPropName::Word(w) => (w.value.to_string(), w.range),
                        };
                        Member { key, key_span: span(source, key_range), value: convert(p.value, source) }
                    })
                    .collect(),
            ),
        },
    }
}

/// The members whose name an earlier member of the same object already has, in order
/// (one pass with a hash set: linear in the number of members).
pub fn repeated_members(members: &[Member]) -> impl Iterator<Item = &Member> {
    let mut seen: HashSet<&str> = HashSet::with_capacity(members.len());
    members.iter().filter(move |m| !seen.insert(m.key.as_str()))
}

/// Each name given more than once in an object, once: its first repeat and how many
/// repeats it has, in the order of first repeats (one diagnostic per name, not one per
/// copy, so a pasted object of 300,000 copies is one problem).
pub fn repeats(members: &[Member]) -> Vec<(&Member, usize)> {
    let mut out: Vec<(&Member, usize)> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for m in repeated_members(members) {
        match at.get(m.key.as_str()) {
            Some(i) => {
                if let Some((_, n)) = out.get_mut(*i) {
                    *n += 1;
                }
            }
            None => {
                at.insert(m.key.as_str(), out.len());
                out.push((m, 1));
            }
        }
    }
    out
}

/// The message of a repeated member.
pub fn repeated_message(key: &str, repeats: usize) -> String {
    match repeats {
        1 => format!("member `{key}` is repeated in this object"),
        n => format!("member `{key}` is repeated in this object ({n} copies after the first)"),
    }
}

/// The members whose name an earlier member of the same object has in another ASCII
/// letter case (`aws:SourceIp` after `aws:sourceip`), each with the first such earlier
/// spelling; linear like [`repeated_members`].
pub fn members_differing_in_case(members: &[Member]) -> impl Iterator<Item = (usize, &Member, &str)> {
    // lowercased name → (the first spelling, the first other spelling)
    let mut seen: HashMap<String, (&str, Option<&str>)> = HashMap::with_capacity(members.len());
    members.iter().enumerate().filter_map(move |(i, m)| {
        let key = m.key.as_str();
        match seen.get_mut(&key.to_ascii_lowercase()) {
            Some((first, second)) => {
                let earlier = if *first != key { Some(*first) } else { *second };
                if *first != key && second.is_none() {
                    *second = Some(key);
                }
                earlier.map(|e| (i, m, e))
            }
            None => {
                seen.insert(key.to_ascii_lowercase(), (key, None));
                None
            }
        }
    })
}

/// Reports every member name repeated in one object (`json-duplicate-key`), recursively.
pub fn check_duplicate_keys(json: &Json, out: &mut Vec<Diagnostic>) {
    match &json.value {
        JsonValue::Object(members) => {
            for (m, n) in repeats(members) {
                out.push(
                    Diagnostic::error(Code::JsonDuplicateKey, m.key_span, repeated_message(&m.key, n))
                        .with_help("JSON parsers disagree on which copy wins; keep one"),
                );
            }
            for m in members {
                check_duplicate_keys(&m.value, out);
            }
        }
        JsonValue::Array(items) => items.iter().for_each(|v| check_duplicate_keys(v, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_reads_what_serde_json_reads() {
        let text = r#"{"a": [1, -2, 18446744073709551615, 1.5e3, true, null, "x\u00e9"], "b": {"c": {}}}"#;
        assert_eq!(value(text), serde_json::from_str::<serde_json::Value>(text).ok());
        assert_eq!(value("[1,"), None);
        assert_eq!(value(""), None);
    }

    #[test]
    fn a_raw_control_character_in_a_string_is_a_located_error() {
        let d = parse("{\"Action\": \"s3:Get\tObject\"}", SourceId::File).expect_err("a raw tab");
        assert_eq!((d.code, d.span.start, d.span.end), (Code::JsonSyntax, 18, 19));
        assert!(d.message.contains("a tab inside a string"), "{}", d.message);
        assert_eq!(d.help.as_deref(), Some("write `\\t` instead"));
        let d = parse("{\"a\": \"x\u{1}y\"}", SourceId::File).expect_err("a raw U+0001");
        assert_eq!(d.help.as_deref(), Some("write `\\u0001` instead"));
        // escaped, or between tokens: fine
        assert!(parse("{\"a\": \"x\\ty\\\"\",\n\t\"b\": 1}", SourceId::File).is_ok());
    }

    #[test]
    fn keeps_spans_of_values_and_names() -> Result<(), Diagnostic> {
        let text = r#"{"a": [1, "x"], "b": true}"#;
        let json = parse(text, SourceId::File)?;
        let a = json.get("a").map(|m| (m.key_span.start, m.value.span.start));
        assert_eq!(a, Some((1, 6)));
        Ok(())
    }

    #[test]
    fn rejects_json5_and_comments_with_a_location() {
        for bad in ["{\"a\": 1,}", "{a: 1}", "// c\n{}", "{\"a\": 'x'}", "[1 2]", "", "{\"a\": 0x10}"] {
            let err = parse(bad, SourceId::File).err();
            assert_eq!(err.map(|e| e.code), Some(Code::JsonSyntax), "{bad}");
        }
    }

    #[test]
    fn finds_duplicate_members() {
        let json = parse(r#"{"a": {"x": 1, "x": 2}}"#, SourceId::File).ok();
        let mut out = Vec::new();
        if let Some(j) = &json {
            check_duplicate_keys(j, &mut out);
        }
        assert_eq!(out.len(), 1);
        assert_eq!(out.first().map(|d| d.span.start), Some(15));
    }
}
