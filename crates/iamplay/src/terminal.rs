//! Text from input files, shown to people on a terminal: control characters (C0 but
//! tab, DEL, C1) and the characters that reorder text (bidirectional overrides and
//! isolates) are shown escaped, as `\u{1b}`, so a file a student wrote cannot move the
//! cursor, retitle the window or change what the reader sees.

use iamplay_core::report::visible::{hidden as unsafe_char, visible};
use std::borrow::Cow;

/// `s` with every unsafe character escaped (a line break too: a value never breaks a line).
pub fn safe(s: &str) -> Cow<'_, str> {
    visible(s)
}

/// A text of several lines (no colour in it) with every unsafe character but its line
/// breaks escaped.
pub fn safe_lines(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| unsafe_char(c) && c != '\n') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.split('\n').map(safe).collect::<Vec<_>>().join("\n"))
}

/// A source text to draw with its diagnostics: each unsafe character replaced by as many
/// `?` as it has bytes, so every span still points where it did, except line breaks.
pub fn safe_source(s: &str) -> Cow<'_, str> {
    let unsafe_in_source = |c: char| unsafe_char(c) && !matches!(c, '\n' | '\r');
    if !s.chars().any(unsafe_in_source) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| if unsafe_in_source(c) { "?".repeat(c.len_utf8()) } else { c.to_string() }).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_shown_not_sent() {
        assert_eq!(safe("policy\u{1b}]0;owned\u{7}"), "policy\\u{1b}]0;owned\\u{7}");
        assert_eq!(safe("a\u{9b}b\u{7f}"), "a\\u{9b}b\\u{7f}");
        assert_eq!(safe("line\nbreak"), "line\\u{a}break");
        assert_eq!(safe("tab\tok, é ok"), "tab\tok, é ok");
        assert_eq!(safe("\u{202E}txt.exe"), "\\u{202e}txt.exe");
        assert_eq!(safe_source("a\u{1b}b\u{9b}c\nd"), "a?b??c\nd");
        assert_eq!(safe_lines("one\u{1b}[2J\ntwo\n"), "one\\u{1b}[2J\ntwo\n");
        assert_eq!(safe_source("a\u{1b}b").len(), "a\u{1b}b".len());
    }
}
