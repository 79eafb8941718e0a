//! Text from input shown to people: control characters (C0 but tab, DEL, C1) and the
//! characters that reorder text (bidirectional overrides and isolates) are shown escaped,
//! as `\u{1b}`, so a name or a value cannot move a terminal's cursor, or reverse the rest
//! of a message on a page. Used by the CLI's human-readable output and the playground's
//! problems list.

use std::borrow::Cow;

/// Whether `c` is shown escaped.
pub fn hidden(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every such character escaped (a line break too: a value never breaks a line).
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::visible;

    #[test]
    fn control_and_reordering_characters_are_shown_escaped() {
        assert_eq!(visible("policy\u{1b}]0;owned\u{7}"), "policy\\u{1b}]0;owned\\u{7}");
        assert_eq!(visible("Allow\u{202e}yned"), "Allow\\u{202e}yned");
        assert_eq!(visible("tab\tok, é ok"), "tab\tok, é ok");
    }
}
