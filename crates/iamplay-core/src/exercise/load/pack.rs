//! A pack file: its exercises in teaching order, as file names or in place.

use super::exercise::exercise_from;
use super::*;

/// A pack as written: its exercises are files to read or objects in place.
#[derive(Clone, Debug, PartialEq)]
pub struct PackFile {
    pub id: String,
    pub title: String,
    pub description: String,
    pub entries: Vec<PackEntry>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PackEntry {
    /// A path relative to the pack file, and where it is written in the pack.
    File(String, Span),
    Inline(Box<Exercise>),
}

/// Reads a pack file. Exercises written in place are read (and checked) here; the
/// caller reads the files the others name and calls [`PackFile::assemble`].
pub fn load_pack(text: &str) -> Result<PackFile, Vec<Diagnostic>> {
    read_file(text, pack_from)
}

fn pack_from(r: &mut FileReader<'_>, json: &Json) -> Option<PackFile> {
    let members = r.object(json, "a pack")?;
    if other_kind(r, json, "packFormat", "exerciseFormat") {
        return None;
    }
    r.fields(members, PACK_FIELDS, "a pack");
    format_version(r, json, "packFormat", "pack");
    let id = read_id(r, json, "the pack");
    let title = r.required(json, "title", "the pack", None).and_then(|t| r.non_empty_string(t, "`title`"));
    let description = json.get("description").and_then(|m| markdown(r, &m.value, "`description`")).unwrap_or_default();
    let list = r.required(json, "exercises", "the pack", None)?;
    let JsonValue::Array(items) = &list.value else {
        r.error(Code::ExerciseType, list.span, "`exercises` must be a list of file names or exercise objects");
        return None;
    };
    if items.is_empty() {
        r.error(Code::ExerciseFieldMissing, list.span, "a pack needs at least one exercise");
    }
    let mut entries = Vec::new();
    for item in items {
        match &item.value {
            JsonValue::String(path) if !path.trim().is_empty() => match outside_the_pack(path) {
                None => entries.push(PackEntry::File(path.clone(), item.span)),
                Some(why) => r.error(Code::PackPathInvalid, item.span, why),
            },
            JsonValue::Object(_) => {
                if let Some(e) = exercise_from(r, item) {
                    entries.push(PackEntry::Inline(Box::new(e)));
                }
            }
            _ => r.error(Code::ExerciseType, item.span, "an exercise entry is a file name or an exercise object"),
        }
    }
    Some(PackFile { id: id?, title: title?, description, entries })
}

/// Why an entry's file name could reach outside the pack's folder (the CLI reads it
/// from the pack's folder, the playground fetches it relative to the pack's address).
fn outside_the_pack(path: &str) -> Option<&'static str> {
    let parts = || path.split(['/', '\\']);
    if path == "-" {
        Some("`-` (standard input) is not a file of the pack")
    } else if path.starts_with(['/', '\\']) || path.contains(':') {
        Some("an exercise file is named relative to the pack's folder (no absolute path, drive or address)")
    } else if parts().any(|p| p == "..") {
        Some("an exercise file is inside the pack's folder (no `..`)")
    } else if path.contains(['%', '?', '#']) {
        Some("write the file name as it is, without `%`, `?` or `#`")
    } else if path.contains('\\') || parts().any(|p| p.is_empty() || p == ".") {
        Some("write the path with `/` between folders, as in `basics/01-read.json`")
    } else {
        None
    }
}

impl PackFile {
    /// The pack, given one exercise per entry (in order); ids must be unique.
    pub fn assemble(self, exercises: Vec<Exercise>) -> Result<Pack, Vec<Diagnostic>> {
        let mut diagnostics = Vec::new();
        for (i, (e, entry)) in exercises.iter().zip(&self.entries).enumerate() {
            if exercises.iter().take(i).any(|o| o.id == e.id) {
                let span = match entry {
                    PackEntry::File(_, span) => *span,
                    PackEntry::Inline(_) => Span::new(SourceId::File, 0, 0),
                };
                diagnostics.push(Diagnostic::error(
                    Code::PackDuplicateId,
                    span,
                    format!("two exercises of this pack have the id `{}`", e.id),
                ));
            }
        }
        if diagnostics.is_empty() {
            Ok(Pack { id: self.id, title: self.title, description: self.description, exercises })
        } else {
            Err(diagnostics)
        }
    }
}
