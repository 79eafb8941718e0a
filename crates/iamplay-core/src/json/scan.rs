//! A byte scan of JSON text that finds oversized policy documents before the text is
//! parsed.
//!
//! Parsing builds a tree of every member, so a pasted policy of 300,000 members costs
//! its whole tree before [`super::large_policies`] can refuse it. This scan reads the
//! same text once without allocating per value: it tracks strings, nesting and member
//! names, and reports the objects longer than a limit that have a member named
//! `Statement` (spelled without escapes). It is only a fast path: the check on the
//! parsed tree stays authoritative (it also sees a `Statement` spelled with escapes),
//! and on text that is not JSON the scan's findings are still byte ranges of the text.

use crate::source::{SourceId, Span};

/// One open object or array.
struct Open {
    start: usize,
    object: bool,
    has_statement: bool,
    /// In an object: the next string is a member name.
    expect_name: bool,
}

/// The objects with a member named `Statement` whose text is longer than `bytes`:
/// (span, bytes), outermost only (what is inside one found is not reported), in order.
/// Linear in the text; texts of at most `bytes` are not scanned.
pub fn large_policies_in_text(text: &str, bytes: usize, source: SourceId) -> Vec<(Span, usize)> {
    let mut out: Vec<(Span, usize)> = Vec::new();
    if text.len() <= bytes {
        return out;
    }
    let b = text.as_bytes();
    let mut stack: Vec<Open> = Vec::new();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => {
                let start = i + 1;
                let end = string_end(b, start);
                if let Some(top) = stack.last_mut() {
                    if top.object && top.expect_name {
                        top.expect_name = false;
                        top.has_statement |= b.get(start..end) == Some(b"Statement".as_slice());
                    }
                }
                i = end + 1;
                continue;
            }
            b'{' | b'[' => {
                stack.push(Open { start: i, object: c == b'{', has_statement: false, expect_name: c == b'{' })
            }
            b'}' | b']' => {
                if let Some(open) = stack.pop() {
                    let size = i + 1 - open.start;
                    if open.object && open.has_statement && size > bytes {
                        // an outer policy found later holds the inner ones: keep the outermost
                        out.retain(|(s, _)| s.start < open.start);
                        out.push((Span::new(source, open.start, i + 1), size));
                    }
                }
            }
            b',' => {
                if let Some(top) = stack.last_mut() {
                    top.expect_name = top.object;
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The index of the quote that closes the string whose content starts at `start` (the
/// text's length when it is never closed).
fn string_end(b: &[u8], start: usize) -> usize {
    let mut i = start;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => return i,
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{large_policies, parse};

    type Found = Vec<(Span, usize)>;

    fn both(text: &str, bytes: usize) -> (Found, Found) {
        let scanned = large_policies_in_text(text, bytes, SourceId::Policies);
        let parsed = parse(text, SourceId::Policies).map(|j| large_policies(&j, bytes)).unwrap_or_default();
        (scanned, parsed)
    }

    #[test]
    fn finds_what_the_tree_check_finds() {
        let policy = |sid: &str| format!(r#"{{"Version": "2012-10-17", "Statement": [{{"Sid": "{sid}"}}]}}"#);
        let texts = [
            format!(r#"{{"a": {}, "b": {}}}"#, policy("short"), policy(&"x".repeat(200))),
            format!(r#"{{"a": {{"Statement": [], "inner": {}}}}}"#, policy(&"y".repeat(200))),
            format!(r#"[{}, {{"Statement\"": "{}"}}]"#, policy("z"), "w".repeat(300)),
            format!(r#"{{"no": {{"Statements": "{}"}}, "s": "{{\"Statement\": 1}}"}}"#, "v".repeat(300)),
            format!(r#"{{"p": {{"Sid": "x\\", "Statement": [], "pad": "{}"}}}}"#, "u".repeat(300)),
        ];
        for text in &texts {
            let (scanned, parsed) = both(text, 150);
            assert_eq!(scanned, parsed, "{text}");
        }
        assert_eq!(both(&texts[0], 150).0.len(), 1, "one policy is over");
        assert_eq!(both(&texts[1], 150).0.first().map(|(s, _)| s.start), Some(6), "the outermost");
        assert!(both(&texts[3], 150).0.is_empty(), "`Statement` as a value or inside a string is no member");
    }

    #[test]
    fn short_texts_and_broken_text_are_safe() {
        assert!(large_policies_in_text(r#"{"Statement": []}"#, 5, SourceId::Policies).len() == 1);
        assert!(large_policies_in_text(r#"{"Statement": []}"#, 100, SourceId::Policies).is_empty());
        for broken in ["\"\\", "}}}]]", "{\"Statement\" {{{{{{", "[\"Statement\", \"a\"]"] {
            let found = large_policies_in_text(broken, 1, SourceId::Policies);
            assert!(found.iter().all(|(s, _)| s.end <= broken.len()), "{broken}");
        }
    }
}
