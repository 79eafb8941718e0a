//! Wildcard matching (`*` any run, `?` one character) that never backtracks
//! exponentially. The matcher keeps only the position of the last `*` seen, so a
//! mismatch retries from there: O(pattern × text) steps in the worst case, for
//! adversarial patterns like `a*a*a*a*…b` too (see the `wildcard` benchmark).

/// One element of a compiled pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GlobToken {
    /// A literal byte (UTF-8 of the pattern's literal text).
    Byte(u8),
    /// `*`: any run of characters, including none.
    Star,
    /// `?`: exactly one character.
    One,
}

/// A compiled wildcard pattern.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Glob {
    tokens: Vec<GlobToken>,
}

impl Glob {
    /// Compiles `pattern`, where `*` and `?` are wildcards.
    pub fn new(pattern: &str) -> Self {
        let mut glob = Glob::default();
        glob.push_pattern(pattern);
        glob
    }

    /// A pattern that matches exactly `text` (wildcard characters are literal).
    pub fn literal(text: &str) -> Self {
        let mut glob = Glob::default();
        glob.push_literal(text);
        glob
    }

    pub fn push_pattern(&mut self, pattern: &str) {
        // consecutive stars mean the same as one
        push_pattern_tokens(&mut self.tokens, pattern);
    }

    pub fn push_literal(&mut self, text: &str) {
        push_literal_tokens(&mut self.tokens, text);
    }

    pub fn is_match(&self, text: &str) -> bool {
        glob_match(&self.tokens, text.as_bytes())
    }

    pub fn tokens(&self) -> &[GlobToken] {
        &self.tokens
    }
}

/// Appends the tokens of `pattern` (`*`, `?` are wildcards) to `out`.
pub fn push_pattern_tokens(out: &mut Vec<GlobToken>, pattern: &str) {
    for b in pattern.bytes() {
        match b {
            b'*' if out.last() == Some(&GlobToken::Star) => {}
            b'*' => out.push(GlobToken::Star),
            b'?' => out.push(GlobToken::One),
            _ => out.push(GlobToken::Byte(b)),
        }
    }
}

/// Appends `text` as literal tokens to `out`.
pub fn push_literal_tokens(out: &mut Vec<GlobToken>, text: &str) {
    out.extend(text.bytes().map(GlobToken::Byte));
}

/// Whether `text` starts with `prefix`, compared from the prefix's end: patterns in
/// one policy share their beginning (`arn:aws:s3:::`) and differ at the end, so this
/// rejects most non-matching patterns in a byte or two.
pub fn has_prefix(text: &[u8], prefix: &[u8]) -> bool {
    prefix.len() <= text.len()
        && prefix.iter().rev().zip(text.get(..prefix.len()).unwrap_or(&[]).iter().rev()).all(|(a, b)| a == b)
}

/// Matches `text` against compiled tokens.
pub fn match_tokens(tokens: &[GlobToken], text: &str) -> bool {
    glob_match(tokens, text.as_bytes())
}

/// Length of the UTF-8 character starting with byte `b` (1 for a stray continuation byte).
fn char_len(b: u8) -> usize {
    match b {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

fn glob_match(pattern: &[GlobToken], text: &[u8]) -> bool {
    let (mut p, mut t) = (0usize, 0usize);
    // (index of the token after the last `*`, text position that `*` currently ends at)
    let mut resume: Option<(usize, usize)> = None;
    while let Some(&byte) = text.get(t) {
        match pattern.get(p) {
            Some(GlobToken::Byte(b)) if *b == byte => {
                p += 1;
                t += 1;
                continue;
            }
            Some(GlobToken::One) => {
                p += 1;
                t += char_len(byte);
                continue;
            }
            Some(GlobToken::Star) => {
                p += 1;
                resume = Some((p, t));
                continue;
            }
            _ => {}
        }
        // mismatch: let the last `*` swallow one more character and retry after it
        match resume {
            Some((after_star, star_end)) => {
                let next = star_end + text.get(star_end).map_or(1, |b| char_len(*b));
                resume = Some((after_star, next));
                p = after_star;
                t = next;
            }
            None => return false,
        }
    }
    t == text.len() && pattern.get(p..).is_some_and(|rest| rest.iter().all(|tok| *tok == GlobToken::Star))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, t: &str) -> bool {
        Glob::new(p).is_match(t)
    }

    #[test]
    fn wildcards() {
        assert!(m("*", ""));
        assert!(m("*", "anything"));
        assert!(m("s3:Get*", "s3:GetObject"));
        assert!(!m("s3:Get*", "s3:PutObject"));
        assert!(m("iam:*AccessKey*", "iam:CreateAccessKey"));
        assert!(m("ec2:Describe?mages", "ec2:DescribeImages"));
        assert!(!m("ec2:Describe?mages", "ec2:DescribeFpgaImages"));
        assert!(m("a?c", "a\u{e9}c"));
        assert!(!m("a?c", "ac"));
        assert!(m("b/*/test/*", "b/1/2/test/object.jpg"));
        assert!(m("b/*/test/*", "b//test/object.jpg"));
        assert!(!m("b/*/test/*", "b/test/object.jpg"));
        assert!(!m("b/*/test/*", "b/1/2/test.jpg"));
        assert!(m("b/*/test/*", "b/1/test/"));
        assert!(!m("abc", "ab"));
        assert!(!m("ab", "abc"));
        assert!(m("*\u{e9}", "x\u{e9}"));
    }

    #[test]
    fn literal_keeps_wildcard_characters_literal() {
        assert!(Glob::literal("a*").is_match("a*"));
        assert!(!Glob::literal("a*").is_match("ab"));
    }

    #[test]
    fn adversarial_pattern_finishes() {
        let pattern = format!("{}b", "a*".repeat(200));
        let text = "a".repeat(20_000);
        assert!(!m(&pattern, &text));
        assert!(m(&pattern, &format!("{text}b")));
    }
}
