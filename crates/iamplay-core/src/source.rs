//! Where things are: byte spans that name their source text, and the conversion of a
//! byte offset into a line and column (in characters, and in UTF-16 units as browsers
//! count them). Everything inside the evaluator keeps byte offsets; line/column are
//! computed only at the edges (CLI output, editor underlines).

use serde::Serialize;

/// The text a span points into. The CLI reads one scenario file; the playground has
/// three editor texts that hold the scenario's three parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SourceId {
    /// A whole scenario file (CLI, imports, exercises).
    File,
    /// The playground's Policies editor (the `policies` object).
    Policies,
    /// The playground's Principals editor (the `principals` object).
    Principals,
    /// The playground's Request editor (one request or a list of them).
    Request,
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

/// Line starts of one text, for turning byte offsets into positions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i + 1);
            }
        }
        LineIndex { line_starts }
    }

    /// The position of byte `offset` in `text` (the text this index was built from).
    /// Offsets past the end or inside a character are clamped to a character boundary.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.line_starts.get(line).copied().unwrap_or(0).min(offset);
        let prefix = text.get(start..offset).unwrap_or("");
        Position { line: line + 1, column: prefix.chars().count() + 1, column_utf16: prefix.encode_utf16().count() + 1 }
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_and_utf16_units() {
        let text = "ab\n\u{e9}\u{1F600}x\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), Position { line: 1, column: 1, column_utf16: 1 });
        assert_eq!(index.position(text, 3), Position { line: 2, column: 1, column_utf16: 1 });
        // after é (2 bytes) and the emoji (4 bytes, 2 UTF-16 units)
        let x = text.find('x').unwrap_or(0);
        assert_eq!(index.position(text, x), Position { line: 2, column: 3, column_utf16: 4 });
        // inside a multi-byte character: clamped to its start
        assert_eq!(index.position(text, 4).column, 1);
        assert_eq!(index.position(text, 999).line, 3);
    }
}
