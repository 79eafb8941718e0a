//! One diagnostic type for everything the parser, the validator and the linter report.
//! Messages follow one style: lowercase, one sentence, no final period, user input in
//! backticks; detail goes to `help`.

use crate::code::Code;
use crate::source::Span;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Suggestion,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Suggestion => "suggestion",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable, kebab-case code (documented in docs/diagnostics.md).
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub span: Span,
    /// The policy it concerns, by its shown name (`user/alice/default` for inline ones).
    pub policy: Option<String>,
}

impl Diagnostic {
    pub fn error(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic { code, severity: Severity::Error, message: message.into(), help: None, span, policy: None }
    }

    pub fn warning(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(code, span, message) }
    }

    pub fn suggestion(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Suggestion, ..Diagnostic::error(code, span, message) }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn in_policy(mut self, policy: &str) -> Self {
        self.policy = Some(policy.to_string());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Closest candidate by edit distance (ASCII letter case ignored), for "did you mean"
/// help: one within a third of its length (at least 2 edits). Candidates whose length
/// alone puts them out of reach are skipped, and a distance stops being computed once it
/// is out of reach, so a catalog of thousands of names costs little.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // characters, so a word with letters beyond ASCII counts one edit per letter
    let a: Vec<char> = word.chars().collect();
    let mut b: Vec<char> = Vec::new();
    let mut rows = (Vec::new(), Vec::new());
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        let mut bound = (c.len() / 3).max(2);
        if let Some((d, _)) = best {
            if d == 0 {
                break; // nothing is closer; the first of equals wins
            }
            bound = bound.min(d - 1); // only a closer one can win
        }
        if a.len().abs_diff(c.len()) > bound && c.is_ascii() {
            continue;
        }
        b.clear();
        b.extend(c.chars());
        if let Some(d) = edit_distance_within(&a, &b, bound, &mut rows) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// The edit distance of `a` and `b` (ASCII letter case ignored) when it is at most
/// `bound`; `rows` are reused buffers.
fn edit_distance_within(a: &[char], b: &[char], bound: usize, rows: &mut (Vec<usize>, Vec<usize>)) -> Option<usize> {
    if a.len().abs_diff(b.len()) > bound {
        return None;
    }
    let (prev, cur) = rows;
    prev.clear();
    prev.extend(0..=b.len());
    for (i, ca) in a.iter().enumerate() {
        cur.clear();
        cur.push(i + 1);
        let mut row_min = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(!ca.eq_ignore_ascii_case(cb));
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            let d = sub.min(del).min(ins);
            row_min = row_min.min(d);
            cur.push(d);
        }
        if row_min > bound {
            return None; // every way on is longer
        }
        std::mem::swap(prev, cur);
    }
    prev.last().copied().filter(|d| *d <= bound)
}

/// `s` in backticks for a message, cut to its first `chars` characters with its length
/// when it is longer (`` `1000…` (4,000 characters) ``), (control characters are escaped where messages are shown).
pub fn quoted(s: &str, chars: usize) -> String {
    match s.char_indices().nth(chars) {
        None => format!("`{s}`"),
        Some((at, _)) => {
            format!("`{}…` ({} characters)", s.get(..at).unwrap_or_default(), thousands(s.chars().count()))
        }
    }
}

/// `n` with a comma between thousands (4,000).
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(did_you_mean("Efect", ["Effect", "Action"]), Some("Effect"));
        assert_eq!(did_you_mean("StringEqual", ["StringEquals", "StringLike"]), Some("StringEquals"));
        assert_eq!(did_you_mean("Banana", ["Effect", "Action"]), None);
        assert_eq!(did_you_mean("aud", ["aud", "AUD"]), Some("aud"), "the first of equals");
        // letters beyond ASCII count one edit each (a Cyrillic А and о)
        assert_eq!(did_you_mean("\u{410}cti\u{43e}n", ["Action", "Effect"]), Some("Action"));
    }

    #[test]
    fn long_values_are_cut_with_their_length() {
        assert_eq!(quoted("short", 10), "`short`");
        assert_eq!(quoted(&"9".repeat(4000), 3), "`999…` (4,000 characters)");
        assert_eq!([thousands(7), thousands(1000), thousands(1_234_567)], ["7", "1,000", "1,234,567"]);
    }
}
