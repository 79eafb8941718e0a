//! A piece of a file shown on its own: a JSON value cut out of an exercise (or a scenario
//! submission) and re-indented to start at column 1, with the way back from an offset in
//! the piece to the offset in the file, so problems in the piece are located in the file.

/// A value's text cut out of a file, with the indentation it had there removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Excerpt {
    pub text: String,
    /// Byte offset in the file where the piece starts.
    base: usize,
    /// Per line of `text` (after the first): where it starts in `text`, and how many
    /// bytes of indentation were removed before it (cumulative).
    lines: Vec<(usize, usize)>,
}

impl Excerpt {
    /// The text of `file[start..end]`, exactly (no re-indentation).
    pub fn exact(file: &str, start: usize, end: usize) -> Excerpt {
        Excerpt { text: file.get(start..end).unwrap_or("").to_string(), base: start, lines: Vec::new() }
    }

    /// The text of `file[start..end]`, each line after the first losing the indentation of
    /// the line where the value starts (as far as it is white space), so an object written
    /// inside an exercise reads in an editor as if written at the top level.
    pub fn dedented(file: &str, start: usize, end: usize) -> Excerpt {
        let piece = file.get(start..end).unwrap_or("");
        let line_start = file.get(..start).and_then(|s| s.rfind('\n')).map_or(0, |i| i + 1);
        let indent =
            file.get(line_start..start).unwrap_or("").bytes().take_while(|b| *b == b' ' || *b == b'\t').count();
        let mut text = String::with_capacity(piece.len());
        let mut lines = Vec::new();
        let mut removed = 0;
        for (i, line) in piece.split('\n').enumerate() {
            if i == 0 {
                text.push_str(line);
                continue;
            }
            text.push('\n');
            let cut = line.bytes().take(indent).take_while(|b| *b == b' ' || *b == b'\t').count();
            removed += cut;
            lines.push((text.len(), removed));
            text.push_str(line.get(cut..).unwrap_or(line));
        }
        Excerpt { text, base: start, lines }
    }

    /// The file offset of byte `offset` of the piece.
    pub fn to_file(&self, offset: usize) -> usize {
        let removed = match self.lines.binary_search_by(|(start, _)| start.cmp(&offset)) {
            Ok(i) => self.lines.get(i).map_or(0, |l| l.1),
            Err(0) => 0,
            Err(i) => self.lines.get(i - 1).map_or(0, |l| l.1),
        };
        self.base + offset + removed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dedented_text_maps_back_to_the_file() {
        let file = "{\n  \"start\": {\n    \"a\": 1,\n    \"b\": [2]\n  }\n}";
        let start = file.find("{\n    \"a\"").unwrap_or(0);
        let end = file.rfind("  }").unwrap_or(0) + 3;
        let ex = Excerpt::dedented(file, start, end);
        assert_eq!(ex.text, "{\n  \"a\": 1,\n  \"b\": [2]\n}");
        for needle in ["\"a\"", "[2]", "}"] {
            let in_piece = ex.text.rfind(needle).unwrap_or(0);
            let in_file = ex.to_file(in_piece);
            assert_eq!(file.get(in_file..in_file + needle.len()), Some(needle), "{needle}");
        }
        assert_eq!(ex.to_file(0), start);
        let exact = Excerpt::exact(file, start, end);
        assert_eq!(exact.to_file(5), start + 5);
    }
}
