//! Policy documents as the export holds them: JSON objects (the AWS CLI decodes them), or
//! strings — JSON text, or URL-encoded (RFC 3986: only `%XX` escapes; `+` stays a plus
//! sign) — each problem located inside the string it is in.

use super::*;

pub(super) fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// RFC 3986 percent-decoding (`+` is left as it is). Returns the text and, for each of
/// its bytes, the offset in `s` it came from; or the range in `s` of the problem and a
/// description.
pub(super) fn percent_decode(s: &str) -> Result<(String, Vec<usize>), (usize, usize, &'static str)> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut map = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            match (bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
                (Some(hi), Some(lo)) => {
                    out.push(hi << 4 | lo);
                    map.push(i);
                    i += 3;
                }
                _ => {
                    let end = (i + 3).min(bytes.len());
                    return Err((i, end, "`%` is not followed by two hexadecimal digits"));
                }
            }
        } else {
            out.push(b);
            map.push(i);
            i += 1;
        }
    }
    match String::from_utf8(out) {
        Ok(text) => Ok((text, map)),
        Err(e) => {
            let at = map.get(e.utf8_error().valid_up_to()).copied().unwrap_or(s.len());
            Err((at, (at + 3).min(s.len()), "the decoded bytes are not UTF-8 text"))
        }
    }
}

/// Converts a parsed value into `serde_json`. A number whose text would not survive the
/// conversion unchanged is kept as a string (IAM reads numbers as their text).
pub(super) fn to_value(j: &Json) -> Value {
    match &j.value {
        JsonValue::Null => Value::Null,
        JsonValue::Bool(b) => Value::Bool(*b),
        JsonValue::Number(n) => match n.parse::<serde_json::Number>() {
            Ok(num) if num.to_string() == *n => Value::Number(num),
            _ => Value::String(n.clone()),
        },
        JsonValue::String(s) => Value::String(s.clone()),
        JsonValue::Array(items) => Value::Array(items.iter().map(to_value).collect()),
        JsonValue::Object(members) => {
            Value::Object(members.iter().map(|m| (m.key.clone(), to_value(&m.value))).collect())
        }
    }
}

/// The text around byte `at` (30 characters before, 10 after), white space runs shown as
/// one space and the position marked with `⟨here⟩`.
pub(super) fn excerpt(text: &str, at: usize) -> String {
    let squash = |s: &str| {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            if !c.is_whitespace() {
                out.push(c);
            } else if !out.ends_with(' ') {
                out.push(' ');
            }
        }
        out
    };
    let (before, after) = match (text.get(..at), text.get(at..)) {
        (Some(b), Some(a)) => (b, a),
        _ => (text, ""),
    };
    let before = squash(before);
    let after = squash(after);
    let skip = before.chars().count().saturating_sub(30);
    let before: String = before.chars().skip(skip).collect();
    let after: String = after.chars().take(10).collect();
    format!("{before}⟨here⟩{after}")
}

pub(super) fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl Importer<'_> {
    /// The document under `key` of `obj`, as JSON, or None (reported) when it cannot be
    /// used. `shown` names the policy in diagnostics.
    pub(super) fn document(&mut self, obj: &Json, key: &str, what: &str, shown: &str) -> Option<Value> {
        let Some(m) = obj.get(key) else {
            self.emit(
                Diagnostic::error(Code::ImportFieldMissing, opening(obj), format!("{what} has no `{key}`"))
                    .in_policy(shown),
            );
            return None;
        };
        let j = &m.value;
        match &j.value {
            JsonValue::Object(_) => {
                if self.duplicates.iter().any(|s| s.start >= j.span.start && s.end <= j.span.end) {
                    return None; // the repeated member is reported already
                }
                Some(to_value(j))
            }
            JsonValue::String(s) => self.encoded_document(s, j.span, shown),
            _ => {
                let message =
                    format!("the policy document must be a JSON object or a URL-encoded string, not {}", j.kind_name());
                self.emit(Diagnostic::error(Code::ImportType, j.span, message).in_policy(shown));
                None
            }
        }
    }

    /// The span in the input of the bytes `start..end` of the string value `value` whose
    /// literal is at `literal` (the whole literal when escapes make the mapping unsure).
    pub(super) fn inside(&self, literal: Span, value: &str, start: usize, end: usize) -> Span {
        let inner = literal.start + 1;
        if self.text.get(inner..literal.end.saturating_sub(1)) == Some(value) {
            // an empty range (where a parser stopped) covers the next encoded character
            let end = if end > start {
                end
            } else {
                let next = value.get(start..).and_then(|rest| rest.chars().next());
                start + if next == Some('%') { 3 } else { next.map_or(0, char::len_utf8) }
            };
            file_span(inner + start, inner + end.min(value.len()))
        } else {
            literal
        }
    }

    pub(super) fn encoded_document(&mut self, s: &str, literal: Span, shown: &str) -> Option<Value> {
        let plain = s.trim_start().starts_with('{');
        let (decoded, map) = if plain {
            (s.to_string(), None)
        } else {
            match percent_decode(s) {
                Ok((text, map)) => (text, Some(map)),
                Err((start, end, problem)) => {
                    let span = self.inside(literal, s, start, end);
                    self.emit(Diagnostic::error(
                        Code::ImportDocumentEncoding,
                        span,
                        format!("the policy document of `{shown}` is not valid URL encoding: {problem}"),
                    )
                    .with_help("documents are URL-encoded as RFC 3986 describes (`%7B%22Version%22…`); the policy is not imported")
                    .in_policy(shown));
                    return None;
                }
            }
        };
        let to_input = |offset: usize| -> usize {
            match &map {
                Some(map) => map.get(offset).copied().unwrap_or(s.len()),
                None => offset,
            }
        };
        let how = if plain { "" } else { " after URL decoding" };
        let doc = match json::parse(&decoded, SourceId::File) {
            Ok(doc) => doc,
            Err(d) => {
                let problem = d.message.strip_prefix("invalid JSON: ").unwrap_or(&d.message).to_string();
                let span = self.inside(literal, s, to_input(d.span.start), to_input(d.span.end));
                let message = format!("the policy document of `{shown}` is not valid JSON{how}: {problem}");
                let help = if plain {
                    "the policy is not imported".to_string()
                } else {
                    format!(
                        "decoded, the text there reads `{}`; the policy is not imported",
                        excerpt(&decoded, d.span.start)
                    )
                };
                self.emit(
                    Diagnostic::error(Code::ImportDocumentInvalid, span, message).with_help(help).in_policy(shown),
                );
                return None;
            }
        };
        let mut repeated = Vec::new();
        json::check_duplicate_keys(&doc, &mut repeated);
        if let Some(d) = repeated.first() {
            let span = self.inside(literal, s, to_input(d.span.start), to_input(d.span.end));
            let message = format!("the policy document of `{shown}`{how}: {}", lowercase_first(&d.message));
            self.emit(
                Diagnostic::error(Code::ImportDocumentInvalid, span, message)
                    .with_help("the policy is not imported")
                    .in_policy(shown),
            );
            return None;
        }
        if doc.as_object().is_none() {
            let message = format!("the policy document of `{shown}` is {}{how}, not a JSON object", doc.kind_name());
            self.emit(
                Diagnostic::error(Code::ImportDocumentInvalid, literal, message)
                    .with_help("the policy is not imported")
                    .in_policy(shown),
            );
            return None;
        }
        Some(to_value(&doc))
    }

    // ---- managed policies ----
}
