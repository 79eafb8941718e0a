//! Reading exercise, pack and submission files (docs/exercises.md) into their models,
//! with a located error for everything wrong: an unknown member, a missing field, a
//! starting scenario or reference solution that does not load, a check whose request
//! names nothing declared. Each file kind has its module: `exercise.rs`, `pack.rs`,
//! `submission.rs`; this one holds what they share.

mod exercise;
mod pack;
mod submission;

pub use exercise::load_exercise;
pub use pack::{load_pack, PackEntry, PackFile};
pub use submission::{read_submission, submission_json, Submission};

use super::constraint::Constraint;
use super::excerpt::Excerpt;
use super::{Check, Editor, Exercise, Pack};
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::json::read::{Reader, EXERCISE};
use crate::json::{self, Json, JsonValue};
use crate::scenario::Decision;
use crate::share::Texts;
use crate::source::{SourceId, Span};

pub(super) const EXERCISE_FIELDS: &[&str] = &[
    "exerciseFormat",
    "id",
    "title",
    "instructions",
    "editable",
    "start",
    "checks",
    "constraints",
    "learned",
    "hints",
    "solution",
];
pub(super) const START_FIELDS: &[&str] = &["policies", "principals", "requests"];
pub(super) const SOLUTION_FIELDS: &[&str] = &["policies", "principals"];
pub(super) const CHECK_FIELDS: &[&str] = &["description", "request", "expect", "hidden"];
pub(super) const PACK_FIELDS: &[&str] = &["packFormat", "id", "title", "description", "exercises"];
pub(super) const SUBMISSION_FIELDS: &[&str] = &["submissionFormat", "exercise", "policies", "principals", "requests"];

/// The shared reader (in the exercise dialect: unknown and repeated members are errors,
/// a typo must not silently drop a rule) and the text of the file it reads, which
/// excerpts are cut from.
pub(crate) struct FileReader<'t> {
    pub text: &'t str,
    reader: Reader,
}

impl<'t> FileReader<'t> {
    fn new(text: &'t str) -> Self {
        FileReader { text, reader: Reader::new(&EXERCISE) }
    }
}

impl std::ops::Deref for FileReader<'_> {
    type Target = Reader;
    fn deref(&self) -> &Reader {
        &self.reader
    }
}

impl std::ops::DerefMut for FileReader<'_> {
    fn deref_mut(&mut self) -> &mut Reader {
        &mut self.reader
    }
}

/// Markdown: a string, or a list of strings joined with line breaks.
pub(super) fn markdown(r: &mut Reader, json: &Json, what: &str) -> Option<String> {
    match &json.value {
        JsonValue::String(s) => Some(s.clone()),
        JsonValue::Array(_) => {
            Some(r.string_list(json, what).into_iter().map(|(s, _)| s).collect::<Vec<_>>().join("\n"))
        }
        _ => {
            r.wrong_type(json, what, "a string or a list of strings");
            None
        }
    }
}

/// A file of the other kind — an exercise where a pack belongs, or a pack where an
/// exercise belongs — is one error that says so, not a list of every field it lacks;
/// true then. `key` and `other` are the two kinds' format fields.
pub(super) fn other_kind(r: &mut Reader, obj: &Json, key: &str, other: &str) -> bool {
    let (what, wanted) = if key == "packFormat" { ("an exercise", "a pack") } else { ("a pack", "an exercise") };
    match (obj.get(key), obj.get(other)) {
        (None, Some(m)) => {
            r.push(
                Diagnostic::error(
                    Code::ExerciseType,
                    m.key_span,
                    format!("this is {what} file (it has `{other}`), where {wanted} file belongs"),
                )
                .with_help(if key == "packFormat" {
                    "a pack lists exercise files under `exercises`; open an exercise through its pack (`?pack=PACK.json&exercise=ID`)"
                } else {
                    "open a pack as a pack (`?pack=PACK.json`), or name one of its exercises"
                }),
            );
            true
        }
        _ => false,
    }
}

pub(super) fn format_version(r: &mut Reader, obj: &Json, key: &str, what: &str) {
    if let Some(v) = r.required(obj, key, what, None) {
        if !matches!(&v.value, JsonValue::Number(n) if n == "1") {
            r.push(
                Diagnostic::error(
                    Code::ExerciseFormatVersion,
                    v.span,
                    format!("this iamplay reads {what}s of `{key}` 1"),
                )
                .with_help("a newer format needs a newer iamplay"),
            );
        }
    }
}

pub(super) fn read_id(r: &mut Reader, obj: &Json, what: &str) -> Option<String> {
    let json = r.required(obj, "id", what, None)?;
    let id = r.string(json, "`id`")?;
    let ok =
        (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !ok {
        r.push(
            Diagnostic::error(Code::ExerciseIdInvalid, json.span, format!("`{id}` is not a valid id"))
                .with_help("an id is 1 to 64 characters of a-z, 0-9 and -"),
        );
        return None;
    }
    Some(id)
}

/// A problem found while loading a piece of the file as a scenario part, moved to the
/// file and prefixed with what the piece is.
pub(super) fn relocated(r: &mut Reader, d: &Diagnostic, code: Code, what: &str, excerpt: &Excerpt) {
    let start = excerpt.to_file(d.span.start);
    let end = excerpt.to_file(d.span.end);
    let mut moved = Diagnostic::error(code, Span::new(SourceId::File, start, end), format!("{what}: {}", d.message));
    moved.help.clone_from(&d.help);
    moved.policy.clone_from(&d.policy);
    if !r.diagnostics.contains(&moved) {
        r.push(moved);
    }
}

/// Reads a whole file with `read`: the value only if nothing was reported.
pub(super) fn read_file<T>(
    text: &str,
    read: impl FnOnce(&mut FileReader<'_>, &Json) -> Option<T>,
) -> Result<T, Vec<Diagnostic>> {
    let mut r = FileReader::new(text);
    let json = json::parse(text, SourceId::File).map_err(|d| vec![d])?;
    match read(&mut r, &json) {
        Some(v) if r.diagnostics.is_empty() => Ok(v),
        _ => Err(std::mem::take(&mut r.diagnostics)),
    }
}
