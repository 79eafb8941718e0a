//! Wildcard matching (`*` any run, `?` one character) in time linear in the text for
//! patterns of literal pieces, with no backtracking: a pattern is the pieces between its
//! `*`s, the first anchored at the start, the last at the end, and each one between
//! placed at its leftmost fit after the one before (a piece matches a fixed number of
//! characters, so the leftmost fit never loses a match). Adversarial patterns like
//! `a*a*a*…b` finish in one pass over the text (see the `wildcard` benchmark).
//!
//! A compiled pattern is bytes: the UTF-8 of its literal text, with [`STAR`] and [`ONE`]
//! for the wildcards. Neither byte occurs in UTF-8, so literal runs stay contiguous and
//! compare as slices.

/// One element of a compiled pattern: a literal byte, [`STAR`] or [`ONE`].
pub type GlobToken = u8;

/// `*`: any run of characters, including none.
pub const STAR: GlobToken = 0xFF;
/// `?`: exactly one character.
pub const ONE: GlobToken = 0xFE;

/// A compiled wildcard pattern.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Glob {
    tokens: Vec<GlobToken>,
    shape: Shape,
}

/// What a pattern is, for the common cases that need no general matching.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
enum Shape {
    /// No wildcard: the text must equal it.
    #[default]
    Literal,
    /// Literal text and one final `*`: the text must start with it.
    Prefix,
    General,
}

impl Shape {
    fn of(tokens: &[GlobToken]) -> Shape {
        match tokens.iter().position(|t| *t == STAR || *t == ONE) {
            None => Shape::Literal,
            Some(i) if i + 1 == tokens.len() && tokens.get(i) == Some(&STAR) => Shape::Prefix,
            Some(_) => Shape::General,
        }
    }
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
        push_pattern_tokens(&mut self.tokens, pattern);
        self.shape = Shape::of(&self.tokens);
    }

    pub fn push_literal(&mut self, text: &str) {
        push_literal_tokens(&mut self.tokens, text);
        self.shape = Shape::of(&self.tokens);
    }

    pub fn is_match(&self, text_str: &str) -> bool {
        let text = text_str.as_bytes();
        match self.shape {
            Shape::Literal => self.tokens == text,
            Shape::Prefix => text.starts_with(self.tokens.split_last().map_or(&[], |(_, head)| head)),
            Shape::General => glob_match(&self.tokens, text_str),
        }
    }

    pub fn tokens(&self) -> &[GlobToken] {
        &self.tokens
    }
}

/// Appends the tokens of `pattern` (`*`, `?` are wildcards) to `out`.
pub fn push_pattern_tokens(out: &mut Vec<GlobToken>, pattern: &str) {
    for b in pattern.bytes() {
        match b {
            // consecutive stars mean the same as one
            b'*' if out.last() == Some(&STAR) => {}
            b'*' => out.push(STAR),
            b'?' => out.push(ONE),
            _ => out.push(b),
        }
    }
}

/// Appends `text` as literal tokens to `out`.
pub fn push_literal_tokens(out: &mut Vec<GlobToken>, text: &str) {
    out.extend_from_slice(text.as_bytes());
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
    glob_match(tokens, text)
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

fn is_char_start(b: u8) -> bool {
    !(0x80..=0xBF).contains(&b)
}

/// Pieces up to this long are searched byte by byte; longer ones with the standard
/// library's two-way search, which is linear in the text whatever the piece.
const SHORT_PIECE: usize = 8;

/// [`glob_match`] for a pattern of literal pieces and `*` only: linear in the text, as
/// each piece's search starts where the previous piece ended.
fn literal_pieces_match(pattern: &[GlobToken], text: &str) -> bool {
    let mut pieces = pattern.split(|b| *b == STAR);
    let first = pieces.next().unwrap_or(&[]);
    if !text.as_bytes().starts_with(first) {
        return false;
    }
    let mut at = first.len();
    let Some(mut last) = pieces.next() else { return at == text.len() };
    for next in pieces {
        match leftmost_fit(last, text, at) {
            Some((_, end)) => at = end,
            None => return false,
        }
        last = next;
    }
    text.len() >= at + last.len() && text.as_bytes().ends_with(last)
}

/// Where `piece` (literal bytes and [`ONE`], no [`STAR`]) ends when placed at `at`.
fn fit_at(piece: &[u8], text: &[u8], at: usize) -> Option<usize> {
    let mut t = at;
    for run in piece.split_inclusive(|b| *b == ONE) {
        let (literal, one) = match run.split_last() {
            Some((&ONE, literal)) => (literal, true),
            _ => (run, false),
        };
        let end = t.checked_add(literal.len())?;
        if text.get(t..end)? != literal {
            return None;
        }
        t = end;
        if one {
            t += char_len(*text.get(t)?);
        }
    }
    (t <= text.len()).then_some(t)
}

/// The leftmost placement of `piece` at or after `from` (a character boundary): (start, end).
fn leftmost_fit(piece: &[u8], text: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    match piece.first() {
        None => Some((from, from)),
        Some(_) if piece.len() > SHORT_PIECE && piece.contains(&ONE) => CharPiece::new(piece)?.leftmost(text, from),
        Some(&ONE) => (from..bytes.len())
            .filter(|s| bytes.get(*s).is_some_and(|b| is_char_start(*b)))
            .find_map(|s| fit_at(piece, bytes, s).map(|e| (s, e))),
        Some(_) if piece.len() > SHORT_PIECE && !piece.contains(&ONE) => {
            // a piece is UTF-8: the pattern's text between wildcards
            let needle = std::str::from_utf8(piece).ok()?;
            let start = from + text.get(from..)?.find(needle)?;
            Some((start, start + piece.len()))
        }
        Some(&first) => {
            let hay = bytes.get(from..)?;
            let mut offset = 0;
            while let Some(i) = hay.get(offset..)?.iter().position(|b| *b == first) {
                let s = from + offset + i;
                if let Some(e) = fit_at(piece, bytes, s) {
                    return Some((s, e));
                }
                offset += i + 1;
            }
            None
        }
    }
}

/// Whether `piece` can be placed at or after `from` so that it ends exactly at the end.
fn fits_at_end(piece: &[u8], text: &str, from: usize) -> bool {
    if !piece.contains(&ONE) {
        return text.len() >= from + piece.len() && text.as_bytes().ends_with(piece);
    }
    if piece.len() > SHORT_PIECE {
        return CharPiece::new(piece).is_some_and(|p| p.ends_at_end(text, from));
    }
    let text = text.as_bytes();
    // a `?` covers one character of 1 to 4 bytes: try the starts that could end there
    let shortest = piece.len();
    let longest = piece.iter().map(|b| if *b == ONE { 4 } else { 1 }).sum::<usize>();
    let lo = text.len().saturating_sub(longest).max(from);
    let hi = text.len().saturating_sub(shortest);
    (lo..=hi).any(|s| text.get(s).is_none_or(|b| is_char_start(*b)) && fit_at(piece, text, s) == Some(text.len()))
}

/// A piece with `?` read as characters and matched by Shift-And: one bit per character of
/// the piece, so the text is read once, at (piece length / 64) word operations per
/// character, whatever the piece.
struct CharPiece {
    /// Characters of the piece (ONE: any).
    len: usize,
    words: usize,
    /// Positions where the piece has `?`.
    any: Vec<u64>,
    /// For each character the piece holds, the positions where it stands.
    by_char: Vec<(char, Vec<u64>)>,
}

impl CharPiece {
    fn new(piece: &[u8]) -> Option<CharPiece> {
        let mut chars: Vec<Option<char>> = Vec::new();
        for run in piece.split_inclusive(|b| *b == ONE) {
            let (literal, one) = match run.split_last() {
                Some((&ONE, literal)) => (literal, true),
                _ => (run, false),
            };
            chars.extend(std::str::from_utf8(literal).ok()?.chars().map(Some));
            if one {
                chars.push(None);
            }
        }
        let words = chars.len().div_ceil(64);
        let mut p = CharPiece { len: chars.len(), words, any: vec![0; words], by_char: Vec::new() };
        for (i, c) in chars.iter().enumerate() {
            let (word, bit) = (i / 64, 1u64 << (i % 64));
            let mask = match c {
                None => &mut p.any,
                Some(c) => match p.by_char.iter().position(|(x, _)| x == c) {
                    Some(k) => &mut p.by_char.get_mut(k)?.1,
                    None => {
                        p.by_char.push((*c, vec![0; words]));
                        &mut p.by_char.last_mut()?.1
                    }
                },
            };
            *mask.get_mut(word)? |= bit;
        }
        Some(p)
    }

    /// Runs over `text` from `from`; `done` is told each match's end (byte offset) and
    /// says whether to stop.
    fn scan(&self, text: &str, from: usize, mut done: impl FnMut(usize) -> bool) -> Option<usize> {
        let last = (self.len.checked_sub(1)? / 64, 1u64 << ((self.len - 1) % 64));
        let mut state = vec![0u64; self.words];
        for (i, c) in text.get(from..)?.char_indices() {
            let own = self.by_char.iter().find(|(x, _)| *x == c).map(|(_, m)| m.as_slice());
            let mut carry = 1u64;
            for (w, word) in state.iter_mut().enumerate() {
                let next_carry = *word >> 63;
                let mask = self.any.get(w).copied().unwrap_or(0) | own.and_then(|m| m.get(w)).copied().unwrap_or(0);
                *word = ((*word << 1) | carry) & mask;
                carry = next_carry;
            }
            let end = from + i + c.len_utf8();
            if state.get(last.0).is_some_and(|w| w & last.1 != 0) && done(end) {
                return Some(end);
            }
        }
        None
    }

    /// The leftmost match at or after `from`: (start, end).
    fn leftmost(&self, text: &str, from: usize) -> Option<(usize, usize)> {
        let end = self.scan(text, from, |_| true)?;
        // the match is `len` characters long: step back over them
        let start = text.get(..end)?.char_indices().rev().nth(self.len - 1).map(|(i, _)| i)?;
        Some((start, end))
    }

    fn ends_at_end(&self, text: &str, from: usize) -> bool {
        self.scan(text, from, |end| end == text.len()).is_some()
    }
}

/// Pieces are placed at their leftmost fit, each after the one before. Literal pieces take
/// linear time; a piece with `?` is tried at each candidate start, so it costs the text's
/// length times the piece's at worst (the request values it meets are capped, see
/// `scenario::quota`); a pattern needing more characters than the text has fails at once.
fn glob_match(pattern: &[GlobToken], text: &str) -> bool {
    if !pattern.contains(&ONE) {
        return literal_pieces_match(pattern, text);
    }
    if pattern.iter().filter(|b| **b != STAR).count() > text.len() {
        return false;
    }
    let bytes = text.as_bytes();
    let mut pieces = pattern.split(|b| *b == STAR);
    let first = pieces.next().unwrap_or(&[]);
    let Some(mut at) = fit_at(first, bytes, 0) else { return false };
    let Some(mut last) = pieces.next() else { return at == bytes.len() };
    for next in pieces {
        match leftmost_fit(last, text, at) {
            Some((_, end)) => at = end,
            None => return false,
        }
        last = next;
    }
    fits_at_end(last, text, at)
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
    fn long_pieces_are_found_where_they_are() {
        assert!(m("*abcdefghijk*", "xxabcdefghijkyy"));
        assert!(m("x*abcdefghijk*abcdefghijk", "xabcdefghijkabcdefghijk"));
        assert!(!m("x*abcdefghijk*abcdefghijk", "xabcdefghijk"));
        assert!(m("*\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}*", "a\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}b"));
    }

    #[test]
    fn adversarial_pattern_finishes() {
        let pattern = format!("{}b", "a*".repeat(200));
        let text = "a".repeat(20_000);
        assert!(!m(&pattern, &text));
        assert!(m(&pattern, &format!("{text}b")));
        // long pieces that almost fit everywhere: each is searched once over the text
        let text = "a".repeat(20_000);
        assert!(!m(&format!("*{}b*", "a".repeat(10_000)), &text));
        assert!(!m(&format!("*{}b*", "a?".repeat(2_000)), &text));
        assert!(!m(&format!("*{}b", "a?".repeat(2_000)), &text));
    }

    /// The textbook dynamic program over characters: slow, obviously right.
    fn reference(p: &str, t: &str) -> bool {
        let p: Vec<char> = p.chars().collect();
        let t: Vec<char> = t.chars().collect();
        // fits[j]: the pattern so far matches the first j characters of the text
        let mut fits = vec![false; t.len() + 1];
        fits[0] = true;
        for c in p {
            let mut next = vec![false; t.len() + 1];
            for j in 0..=t.len() {
                next[j] = match c {
                    '*' => fits[j] || (j > 0 && next[j - 1]),
                    '?' => j > 0 && fits[j - 1],
                    c => j > 0 && fits[j - 1] && t[j - 1] == c,
                };
            }
            fits = next;
        }
        fits[t.len()]
    }

    #[test]
    fn pieces_with_one_character_wildcards() {
        assert!(m("*?b", "\u{e9}b"));
        assert!(!m("a*??", "a\u{e9}"));
        assert!(m("a*??", "a\u{e9}x"));
        assert!(m("*a?c*", "xxa\u{1F600}cyy"));
        assert!(m("*x?", "ax\u{e9}"));
        assert!(!m("*x?", "ax\u{e9}z"));
        assert!(m("a*b?d*e", "aXbcdYe"));
        assert!(!m("a*b?d*e", "aXbcYe"));
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_the_reference(p in "[ab*?\u{e9}]{0,8}", t in "[ab\u{e9}]{0,10}") {
            proptest::prop_assert_eq!(m(&p, &t), reference(&p, &t), "pattern {:?} text {:?}", p, t);
        }

        /// Long pieces (searched with the two-way search) between few stars.
        #[test]
        fn long_pieces_agree_with_the_reference(p in "(a{0,3}b{0,9}a{0,9}[*?]?){1,4}", t in "[ab]{0,60}") {
            proptest::prop_assert_eq!(m(&p, &t), reference(&p, &t), "pattern {:?} text {:?}", p, t);
        }

        /// Long pieces with `?` over text with characters of two bytes (Shift-And).
        #[test]
        fn long_pieces_with_one_character_wildcards_agree(p in "(\\*|[a\u{e9}?]{9,14}){1,4}", t in "[a\u{e9}]{0,40}") {
            proptest::prop_assert_eq!(m(&p, &t), reference(&p, &t), "pattern {:?} text {:?}", p, t);
        }
    }
}
