//! Pretty-printing an editor's JSON (the playground's Format): two-space indentation, an
//! array of short values on one line when it fits, every string, member name and number
//! exactly as written (escapes included), members in their order (repeated ones too).
//! Text that is not JSON is never changed. The cursor stays on the same JSON value, at
//! the same place within it.

use super::{parse, Json, JsonValue};
use crate::source::SourceId;

/// An array of scalars stays on one line up to this width (indentation included).
const WIDTH: usize = 80;

/// Where the cursor is: the path to the innermost value holding it (member names and
/// item indexes) and how far into that value's text.
#[derive(Debug, PartialEq)]
enum Step {
    Member(usize),
    Item(usize),
}

/// `text` formatted, and the byte offset in it of the cursor at byte `cursor` of `text`;
/// `None` when `text` is not JSON.
pub fn format(text: &str, cursor: usize) -> Option<(String, usize)> {
    let json = parse(text, SourceId::Policies).ok()?;
    let (path, within) = locate(&json, cursor);
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    write(&mut out, text, &json, 0);
    out.push('\n');
    // the formatted text is JSON with the same shape: follow the path in it
    let formatted = parse(&out, SourceId::Policies).ok()?;
    let mut node = &formatted;
    let mut key_start = 0;
    for step in &path {
        node = match (step, &node.value) {
            (Step::Member(i), JsonValue::Object(m)) => {
                let m = m.get(*i)?;
                key_start = m.key_span.start;
                &m.value
            }
            (Step::Item(i), JsonValue::Array(items)) => items.get(*i)?,
            _ => return Some((out, 0)),
        };
    }
    let at = match within {
        Anchor::AfterAll => out.len(),
        Anchor::End => node.span.end.saturating_sub(1),
        Anchor::Key => key_start,
        Anchor::Within(n) => node.span.start.saturating_add(n).min(node.span.end),
    };
    Some((out, at))
}

/// [`format`] with the cursor counted in UTF-16 units, as editors count it.
pub fn format_utf16(text: &str, cursor: usize) -> Option<(String, usize)> {
    use crate::source::{byte_of_utf16, utf16_of_byte};
    let (out, at) = format(text, byte_of_utf16(text, cursor))?;
    let at = utf16_of_byte(&out, at);
    Some((out, at))
}

/// Where the cursor goes within the value the path leads to.
#[derive(Debug, PartialEq)]
enum Anchor {
    /// This far into the value's text.
    Within(usize),
    /// At the start of the member name of the value (the cursor was before the name).
    Key,
    /// Just before the container's closing bracket (after its last value).
    End,
    /// After the whole text (the cursor was past the root value).
    AfterAll,
}

/// The path to the innermost value whose text holds `cursor`, and where in it the cursor
/// is (in whitespace before a member: at its name; before an item: at its start).
fn locate(json: &Json, cursor: usize) -> (Vec<Step>, Anchor) {
    if cursor >= json.span.end {
        return (Vec::new(), Anchor::AfterAll);
    }
    let mut path = Vec::new();
    let mut node = json;
    loop {
        let next = match &node.value {
            JsonValue::Object(members) => members
                .iter()
                .enumerate()
                .find(|(_, m)| cursor < m.value.span.end)
                .map(|(i, m)| (Step::Member(i), &m.value, cursor <= m.key_span.start)),
            JsonValue::Array(items) => {
                items.iter().enumerate().find(|(_, v)| cursor < v.span.end).map(|(i, v)| (Step::Item(i), v, false))
            }
            _ => return (path, Anchor::Within(cursor.saturating_sub(node.span.start))),
        };
        let Some((step, child, before_key)) = next else { return (path, Anchor::End) };
        path.push(step);
        if before_key {
            return (path, Anchor::Key);
        }
        if cursor <= child.span.start {
            return (path, Anchor::Within(0));
        }
        node = child;
    }
}

fn source<'t>(text: &'t str, json: &Json) -> &'t str {
    text.get(json.span.start..json.span.end).unwrap_or_default()
}

fn indent(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
}

fn write(out: &mut String, text: &str, json: &Json, depth: usize) {
    match &json.value {
        JsonValue::Object(members) if members.is_empty() => out.push_str("{}"),
        JsonValue::Array(items) if items.is_empty() => out.push_str("[]"),
        JsonValue::Object(members) => {
            out.push('{');
            for (i, m) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                indent(out, depth + 1);
                out.push_str(text.get(m.key_span.start..m.key_span.end).unwrap_or_default());
                out.push_str(": ");
                write(out, text, &m.value, depth + 1);
            }
            indent(out, depth);
            out.push('}');
        }
        JsonValue::Array(items) => {
            let line_start = out.rfind('\n').map_or(0, |i| i + 1);
            let scalars = items.iter().all(|v| !matches!(v.value, JsonValue::Array(_) | JsonValue::Object(_)));
            let one_line: usize = items.iter().map(|v| source(text, v).len() + 2).sum();
            if scalars && out.len() - line_start + one_line + 2 <= WIDTH {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(source(text, v));
                }
                out.push(']');
                return;
            }
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                indent(out, depth + 1);
                write(out, text, v, depth + 1);
            }
            indent(out, depth);
            out.push(']');
        }
        _ => out.push_str(source(text, json)),
    }
}

#[cfg(test)]
mod tests {
    use super::format;

    #[test]
    fn formats_with_two_spaces_and_keeps_every_token_as_written() {
        let text = r#"{"p":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"arn:aws:s3:::b\/*","Sid":"\u0041","Sid":"again","N":1.50E2}]},"e":{},"a":[]}"#;
        let (out, _) = format(text, 0).expect("JSON");
        let want = r#"{
  "p": {
    "Version": "2012-10-17",
    "Statement": [
      {
        "Effect": "Allow",
        "Action": ["s3:GetObject", "s3:ListBucket"],
        "Resource": "arn:aws:s3:::b\/*",
        "Sid": "\u0041",
        "Sid": "again",
        "N": 1.50E2
      }
    ]
  },
  "e": {},
  "a": []
}
"#;
        assert_eq!(out, want);
        // formatting is stable
        assert_eq!(format(&out, 0).map(|(o, _)| o).as_deref(), Some(want));
    }

    #[test]
    fn a_long_array_gets_a_line_per_item() {
        let items: Vec<String> = (0..8).map(|i| format!("\"arn:aws:s3:::bucket-number-{i}/*\"")).collect();
        let (out, _) = format(&format!("{{\"Resource\":[{}]}}", items.join(",")), 0).expect("JSON");
        assert_eq!(out.lines().count(), 12, "{out}");
    }

    /// The same values in the same order, spans aside.
    fn same(a: &super::Json, b: &super::Json) -> bool {
        use super::JsonValue::*;
        match (&a.value, &b.value) {
            (Object(x), Object(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(m, n)| m.key == n.key && same(&m.value, &n.value))
            }
            (Array(x), Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(m, n)| same(m, n)),
            (x, y) => x == y,
        }
    }

    #[test]
    fn every_example_and_corpus_file_keeps_its_values_and_formats_stably() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let dirs = [root.join("tests/corpus"), root.join("../../examples"), root.join("../../exercises")];
        let mut files = 0;
        for dir in dirs {
            for entry in std::fs::read_dir(&dir).expect("a folder of JSON files") {
                let path = entry.expect("an entry").path();
                let Some(text) =
                    path.extension().filter(|e| *e == "json").and_then(|_| std::fs::read_to_string(&path).ok())
                else {
                    continue;
                };
                let Ok(before) = super::parse(&text, crate::source::SourceId::Policies) else { continue };
                for cursor in [0, text.len() / 3, text.len() / 2, text.len()] {
                    let (out, at) = format(&text, cursor).expect("JSON formats");
                    assert!(at <= out.len() && out.is_char_boundary(at), "{}", path.display());
                    let after = super::parse(&out, crate::source::SourceId::Policies).expect("still JSON");
                    assert!(same(&before, &after), "{} keeps its values", path.display());
                    assert_eq!(format(&out, 0).map(|(o, _)| o), Some(out.clone()), "{} is stable", path.display());
                }
                files += 1;
            }
        }
        assert!(files > 50, "{files} files");
    }

    #[test]
    fn broken_text_is_never_changed() {
        assert_eq!(format("{\"a\": [1, 2}", 3), None);
        assert_eq!(format("", 0), None);
    }

    #[test]
    fn the_cursor_stays_on_the_same_value() {
        let text = r#"{"a":{"b":["x","yz"],"c":"long-value"}}"#;
        // inside "long-value", after "long"
        let cursor = text.find("long").expect("there") + 4;
        let (out, at) = format(text, cursor).expect("JSON");
        assert_eq!(out.get(at - 5..at), Some("\"long"), "{out}");
        // on "yz"
        let cursor = text.find("yz").expect("there");
        let (out, at) = format(text, cursor).expect("JSON");
        assert_eq!(out.get(at..at + 2), Some("yz"));
        // in the whitespace before a value: at the start of that value
        let text = "{\"a\":   1}";
        let (out, at) = format(text, 6).expect("JSON");
        assert_eq!(out.get(at..at + 1), Some("1"));
        // right after a comma: at the next member's name
        let text = "{\"a\": 1, \"b\": 2}";
        let (out, at) = format(text, text.find(',').expect("there") + 1).expect("JSON");
        assert_eq!(out.get(at..at + 3), Some("\"b\""), "{out}");
        // after the closing brace: at the end
        let (out, at) = format(text, text.len()).expect("JSON");
        assert_eq!(at, out.len());
        // after the last member: before the closing brace
        let text = "{\"a\": [1, 2  ]  }";
        let (out, at) = format(text, text.find(']').expect("there")).expect("JSON");
        assert_eq!(out.get(at..at + 1), Some("]"), "{out}");
        // counted in UTF-16 units: "é" is one unit, "🙂" two
        let text = "{\"é\":\"🙂x\"}";
        let cursor = "{\"é\":\"🙂".encode_utf16().count();
        let (out, at) = super::format_utf16(text, cursor).expect("JSON");
        let before: String = String::from_utf16_lossy(&out.encode_utf16().take(at).collect::<Vec<_>>());
        assert!(before.ends_with("\"🙂"), "{before}");
    }
}
