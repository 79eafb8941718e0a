//! Where things are: byte spans that name their source text, and the conversion of a
//! byte offset into a line and column (in characters, and in UTF-16 units as browsers
//! count them). Everything inside the evaluator keeps byte offsets; line/column are
//! computed only at the edges (CLI output, editor underlines).

use serde::Serialize;

/// The text a span points into. The CLI reads one scenario file; the playground has
/// three editor texts that hold the scenario's three parts; AWS managed policies a
/// scenario uses by ARN are texts of their own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SourceId {
    /// A whole scenario file (CLI, imports, exercises).
    File,
    /// The playground's Policies editor (the `policies` object).
    Policies,
    /// The playground's Principals editor (the `principals` object).
    Principals,
    /// The playground's Request editor (one request or a list of them).
    Request,
    /// The document of the nth AWS managed policy the scenario uses by ARN.
    AwsManaged(u16),
}

impl SourceId {
    /// The playground's editor this source is shown in (`aws-managed` for an AWS
    /// managed policy's document, which no editor holds).
    pub fn editor(self) -> &'static str {
        match self {
            SourceId::Policies => "policies",
            SourceId::Principals => "principals",
            SourceId::Request | SourceId::File => "request",
            SourceId::AwsManaged(_) => "aws-managed",
        }
    }

    /// The order of sources: the scenario's own texts, then AWS managed policies in the
    /// order the scenario first names them.
    pub fn order(self) -> (u8, u16) {
        match self {
            SourceId::File => (0, 0),
            SourceId::Policies => (1, 0),
            SourceId::Principals => (2, 0),
            SourceId::Request => (3, 0),
            SourceId::AwsManaged(n) => (4, n),
        }
    }

    /// The name output uses (`file`, `policies`, `principals`, `request`, `aws-managed`).
    pub fn as_str(self) -> &'static str {
        match self {
            SourceId::File => "file",
            SourceId::Policies => "policies",
            SourceId::Principals => "principals",
            SourceId::Request => "request",
            SourceId::AwsManaged(_) => "aws-managed",
        }
    }
}

impl Serialize for SourceId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A byte range `start..end` in one source text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    pub source: SourceId,
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(source: SourceId, start: usize, end: usize) -> Self {
        Span { source, start, end: end.max(start) }
    }

    /// The empty span at this span's start.
    pub fn start_point(self) -> Self {
        Span { end: self.start, ..self }
    }
}

/// A 1-based line and column; columns counted both in characters and in UTF-16 units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub column_utf16: usize,
}

/// Where lines start in one text, and where its characters of more than one byte are,
/// so a byte offset becomes a line and column (in characters and in UTF-16 units) in
/// O(log n) whatever the text: one line of a megabyte included.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// Every character of two or more bytes, in order, with the running totals of bytes
    /// that are not a character of their own (`chars_lost`) and not a UTF-16 unit of
    /// their own (`units_lost`) up to and including it.
    wide: Vec<Wide>,
    len: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Wide {
    start: usize,
    len: u8,
    chars_lost: usize,
    units_lost: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(text.as_bytes()));
        let mut wide = Vec::new();
        let (mut chars_lost, mut units_lost) = (0, 0);
        if !text.is_ascii() {
            for (start, c) in text.char_indices().filter(|(_, c)| !c.is_ascii()) {
                let len = c.len_utf8();
                chars_lost += len - 1;
                units_lost += len - c.len_utf16();
                wide.push(Wide { start, len: len as u8, chars_lost, units_lost });
            }
        }
        LineIndex { line_starts, wide, len: text.len() }
    }

    /// (bytes not counted as characters, bytes not counted as UTF-16 units) before
    /// `offset`, and `offset` moved back to the start of the character it falls inside.
    fn lost_before(&self, offset: usize) -> (usize, usize, usize) {
        // wide characters that start before `offset`
        let n = self.wide.partition_point(|w| w.start < offset);
        match n.checked_sub(1).and_then(|i| self.wide.get(i)) {
            None => (0, 0, offset),
            Some(w) if offset < w.start + usize::from(w.len) => {
                // inside this character: clamp to its start (the totals before it)
                let before = n.checked_sub(2).and_then(|i| self.wide.get(i));
                (before.map_or(0, |b| b.chars_lost), before.map_or(0, |b| b.units_lost), w.start)
            }
            Some(w) => (w.chars_lost, w.units_lost, offset),
        }
    }

    /// The 1-based position of byte `offset` of the text this index was built from.
    /// Offsets past the end or inside a character are clamped to a character boundary.
    pub fn position(&self, offset: usize) -> Position {
        let (chars_lost, units_lost, offset) = self.lost_before(offset.min(self.len));
        let line = self.line_starts.partition_point(|s| *s <= offset).saturating_sub(1);
        let start = self.line_starts.get(line).copied().unwrap_or(0).min(offset);
        let (chars_lost_start, units_lost_start, _) = self.lost_before(start);
        let bytes = offset - start;
        Position {
            line: line + 1,
            column: bytes - (chars_lost - chars_lost_start) + 1,
            column_utf16: bytes - (units_lost - units_lost_start) + 1,
        }
    }

    /// The offset in UTF-16 units of byte `offset` (what a browser editor counts).
    pub fn utf16_offset(&self, offset: usize) -> usize {
        let (_, units_lost, offset) = self.lost_before(offset.min(self.len));
        offset - units_lost
    }
}

/// The byte offset in `text` of UTF-16 offset `units` (what a browser editor counts; one
/// inside a character's pair of units is taken to that character's start).
pub fn byte_of_utf16(text: &str, units: usize) -> usize {
    let mut counted = 0;
    for (i, c) in text.char_indices() {
        if counted >= units {
            return i;
        }
        counted += c.len_utf16();
    }
    text.len()
}

/// The UTF-16 offset of byte `offset` of `text`, without a [`LineIndex`] (for one lookup).
pub fn utf16_of_byte(text: &str, offset: usize) -> usize {
    text.get(..offset.min(text.len())).map_or(0, |t| t.encode_utf16().count())
}

/// The offsets just after each `\n`.
fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_and_utf16_units() {
        let text = "ab\n\u{e9}\u{1F600}x\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(0), Position { line: 1, column: 1, column_utf16: 1 });
        assert_eq!(index.position(3), Position { line: 2, column: 1, column_utf16: 1 });
        // after é (2 bytes) and the emoji (4 bytes, 2 UTF-16 units)
        let x = text.find('x').unwrap_or(0);
        assert_eq!(index.position(x), Position { line: 2, column: 3, column_utf16: 4 });
        assert_eq!(index.utf16_offset(x), 3 + 1 + 2);
        // inside a multi-byte character: clamped to its start
        assert_eq!(index.position(4).column, 1);
        assert_eq!(index.position(7), Position { line: 2, column: 2, column_utf16: 2 });
        assert_eq!(index.position(999).line, 3);
    }

    #[test]
    fn positions_agree_with_counting_on_every_offset() {
        let text = "{\"é\": [\"\u{1F600}\u{1F600}\", \"x\"],\n \"ü\u{20AC}\": 1}\r\n\n\u{e9}";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 2 {
            let mut at = offset.min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let before = text.get(..at).unwrap_or("");
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let col = text.get(line_start..at).unwrap_or("");
            let want = Position {
                line: before.matches('\n').count() + 1,
                column: col.chars().count() + 1,
                column_utf16: col.encode_utf16().count() + 1,
            };
            assert_eq!(index.position(offset), want, "offset {offset}");
            assert_eq!(index.utf16_offset(offset), before.encode_utf16().count(), "offset {offset}");
        }
    }
}
