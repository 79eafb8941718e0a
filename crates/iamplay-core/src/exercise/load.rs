//! Reading exercise, pack and submission files (docs/exercises.md) into their models,
//! with a located error for everything wrong: an unknown member, a missing field, a
//! starting scenario or reference solution that does not load, a check whose request
//! names nothing declared.

use super::constraint::Constraint;
use super::excerpt::Excerpt;
use super::{Check, Editor, Exercise, Pack};
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::json::read::{Reader, EXERCISE};
use crate::json::{self, Json, JsonValue};
use crate::scenario::{load_parts, Decision};
use crate::share::Texts;
use crate::source::{SourceId, Span};

const EXERCISE_FIELDS: &[&str] = &[
    "exerciseFormat",
    "id",
    "title",
    "instructions",
    "editable",
    "start",
    "checks",
    "constraints",
    "hints",
    "solution",
];
const START_FIELDS: &[&str] = &["policies", "principals", "requests"];
const SOLUTION_FIELDS: &[&str] = &["policies", "principals"];
const CHECK_FIELDS: &[&str] = &["description", "request", "expect", "hidden"];
const PACK_FIELDS: &[&str] = &["packFormat", "id", "title", "description", "exercises"];
const SUBMISSION_FIELDS: &[&str] = &["submissionFormat", "exercise", "policies", "principals", "requests"];

/// The shared reader (in the exercise dialect: unknown and repeated members are errors,
/// a typo must not silently drop a rule) and the text of the file it reads, which
/// excerpts are cut from.
pub(super) struct FileReader<'t> {
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
fn markdown(r: &mut Reader, json: &Json, what: &str) -> Option<String> {
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

fn format_version(r: &mut Reader, obj: &Json, key: &str, what: &str) {
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

fn read_id(r: &mut Reader, obj: &Json, what: &str) -> Option<String> {
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
fn relocated(r: &mut Reader, d: &Diagnostic, code: Code, what: &str, excerpt: &Excerpt) {
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
fn read_file<T>(text: &str, read: impl FnOnce(&mut FileReader<'_>, &Json) -> Option<T>) -> Result<T, Vec<Diagnostic>> {
    let mut r = FileReader::new(text);
    let json = json::parse(text, SourceId::File).map_err(|d| vec![d])?;
    match read(&mut r, &json) {
        Some(v) if r.diagnostics.is_empty() => Ok(v),
        _ => Err(std::mem::take(&mut r.diagnostics)),
    }
}

/// Reads an exercise file. Errors are located in `text` (source [`SourceId::File`]).
pub fn load_exercise(text: &str) -> Result<Exercise, Vec<Diagnostic>> {
    read_file(text, exercise_from)
}

fn exercise_from(r: &mut FileReader<'_>, json: &Json) -> Option<Exercise> {
    let members = r.object(json, "an exercise")?;
    r.fields(members, EXERCISE_FIELDS, "an exercise");
    format_version(r, json, "exerciseFormat", "exercise");
    let id = read_id(r, json, "the exercise");
    let title = r.required(json, "title", "the exercise", None).and_then(|t| r.non_empty_string(t, "`title`"));
    let instructions =
        r.required(json, "instructions", "the exercise", None).and_then(|t| markdown(r, t, "`instructions`"));
    let editable = match json.get("editable") {
        Some(m) => editable(r, &m.value),
        None => vec![Editor::Policies, Editor::Requests],
    };
    let hints = match json.get("hints") {
        Some(m) => match &m.value.value {
            JsonValue::Array(items) => items.iter().filter_map(|h| markdown(r, h, "a hint")).collect(),
            _ => {
                r.error(Code::ExerciseType, m.value.span, "`hints` must be a list of Markdown strings");
                Vec::new()
            }
        },
        None => Vec::new(),
    };
    let checks = r.required(json, "checks", "the exercise", None).map(|c| checks(r, c)).unwrap_or_default();
    let constraints = match json.get("constraints") {
        Some(m) => match &m.value.value {
            JsonValue::Array(items) => items.iter().filter_map(|c| Constraint::read(r, c)).collect(),
            _ => {
                r.error(Code::ExerciseType, m.value.span, "`constraints` must be a list of constraint objects");
                Vec::new()
            }
        },
        None => Vec::new(),
    };
    let start_json = r.required(json, "start", "the exercise", None)?;
    let start_members = r.object(start_json, "`start`")?;
    r.fields(start_members, START_FIELDS, "`start`");
    let start_part =
        |key: &str| start_json.get(key).map(|m| Excerpt::dedented(r.text, m.value.span.start, m.value.span.end));
    let start_policies = start_part("policies");
    let start_principals = start_part("principals");
    let start_requests = start_part("requests");
    if start_principals.is_none() {
        r.error(Code::ExerciseFieldMissing, start_json.span.start_point(), "`start` has no `principals`");
    }
    let (checks_text, check_ranges) = checks_list(&checks);
    let start = Texts {
        policies: start_policies.as_ref().map_or_else(|| "{}".to_string(), |e| e.text.clone()),
        principals: start_principals.as_ref().map_or_else(String::new, |e| e.text.clone()),
        request: start_requests.as_ref().map_or_else(|| visible_requests(r.text, &checks), |e| e.text.clone()),
    };
    let solution = json.get("solution").and_then(|m| solution(r, &m.value, &editable, &start));
    let (checks, check_bases): (Vec<Check>, Vec<usize>) = checks.into_iter().unzip();
    let ex = Exercise {
        id: id?,
        title: title?,
        instructions: instructions?,
        editable,
        start,
        checks,
        constraints,
        hints,
        solution: solution.as_ref().map(|(t, _)| t.clone()),
        checks_text,
        check_ranges,
    };
    if !r.diagnostics.is_empty() {
        return None;
    }
    // Everything the learner starts from, and the reference solution, must load.
    let with_checks = |t: &Texts| load_parts(&t.policies, &t.principals, &ex.checks_text);
    let parts = [(SourceId::Policies, start_policies.as_ref()), (SourceId::Principals, start_principals.as_ref())];
    relocate_all(r, &with_checks(&ex.start), &ex, &check_bases, &parts, (Code::ExerciseStart, "the starting"));
    if let Some(e) = &start_requests {
        let sc = load_parts(&ex.start.policies, &ex.start.principals, &e.text);
        for d in sc.diagnostics.iter().filter(|d| d.is_error() && d.span.source == SourceId::Request) {
            relocated(r, d, Code::ExerciseStart, "the starting requests", e);
        }
    }
    if let Some((texts, excerpts)) = &solution {
        let parts = [(SourceId::Policies, excerpts.0.as_ref()), (SourceId::Principals, excerpts.1.as_ref())];
        relocate_all(r, &with_checks(texts), &ex, &check_bases, &parts, (Code::ExerciseSolution, "the solution's"));
    }
    r.diagnostics.is_empty().then_some(ex)
}

/// Moves the errors of a scenario loaded from an exercise's texts into the file: those of
/// the policies and principals to their excerpts, those of the checks' requests to the
/// check they belong to.
fn relocate_all(
    r: &mut FileReader<'_>,
    sc: &crate::scenario::Scenario,
    ex: &Exercise,
    check_bases: &[usize],
    parts: &[(SourceId, Option<&Excerpt>); 2],
    (code, whose): (Code, &str),
) {
    for d in sc.diagnostics.iter().filter(|d| d.is_error()) {
        if d.span.source == SourceId::Request {
            let Some(i) = ex.check_at(d.span.start) else { continue };
            let (start, end) = ex.check_ranges.get(i).copied().unwrap_or_default();
            let base = check_bases.get(i).copied().unwrap_or_default();
            let excerpt = Excerpt::exact(r.text, base, base + (end - start));
            let shifted =
                Diagnostic { span: Span::new(d.span.source, d.span.start - start, d.span.end - start), ..d.clone() };
            relocated(r, &shifted, Code::ExerciseCheck, &format!("check {}'s request", i + 1), &excerpt);
            continue;
        }
        let name = if d.span.source == SourceId::Principals { "principals" } else { "policies" };
        match parts.iter().find(|(s, _)| *s == d.span.source) {
            Some((_, Some(excerpt))) => relocated(r, d, code, &format!("{whose} {name}"), excerpt),
            // a part the exercise does not write (policies default to `{}`): no place in the file
            _ => r.error(code, Span::new(SourceId::File, 0, 0), format!("{whose} {name}: {}", d.message)),
        }
    }
}

fn editable(r: &mut FileReader<'_>, json: &Json) -> Vec<Editor> {
    let mut out = Vec::new();
    for (name, span) in r.string_list(json, "an editor name") {
        match Editor::parse(&name) {
            Some(e) if !out.contains(&e) => out.push(e),
            Some(_) => r.error(Code::ExerciseFieldRepeated, span, format!("`{name}` is listed twice")),
            None => r.diagnostics.push(
                Diagnostic::error(Code::ExerciseType, span, format!("`{name}` is not an editor"))
                    .with_help("the editors are `policies`, `principals` and `requests`"),
            ),
        }
    }
    out
}

/// Each check, with the file offset where its request starts.
fn checks(r: &mut FileReader<'_>, json: &Json) -> Vec<(Check, usize)> {
    let JsonValue::Array(items) = &json.value else {
        r.error(Code::ExerciseType, json.span, "`checks` must be a list of checks");
        return Vec::new();
    };
    if items.is_empty() {
        r.error(Code::ExerciseFieldMissing, json.span, "an exercise needs at least one check");
    }
    let mut out = Vec::new();
    for item in items {
        let Some(members) = r.object(item, "a check") else { continue };
        r.fields(members, CHECK_FIELDS, "a check");
        let description =
            r.required(item, "description", "the check", None).and_then(|d| r.non_empty_string(d, "`description`"));
        let expect = r.required(item, "expect", "the check", None).and_then(|e| {
            let parsed = e.as_str().and_then(Decision::parse);
            if parsed.is_none() {
                r.error(Code::ExerciseType, e.span, "`expect` must be \"Allow\", \"ExplicitDeny\" or \"ImplicitDeny\"");
            }
            parsed
        });
        let hidden = item.get("hidden").and_then(|h| r.bool(&h.value, "`hidden`")).unwrap_or(false);
        let request = r.required(item, "request", "the check", None).and_then(|q| {
            r.object(q, "a check's `request`")?;
            if let Some(m) = q.get("expect") {
                r.diagnostics.push(
                    Diagnostic::error(Code::ExerciseCheck, m.key_span, "a check's request has no `expect` of its own")
                        .with_help("give `expect` on the check, beside `request`"),
                );
            }
            Some(Excerpt::exact(r.text, q.span.start, q.span.end))
        });
        if let (Some(description), Some(expect), Some(request)) = (description, expect, request) {
            let base = request.to_file(0);
            out.push((Check { description, expect, hidden, request: request.text }, base));
        }
    }
    out
}

/// The checks' requests as one JSON list, and each one's range in it.
fn checks_list(checks: &[(Check, usize)]) -> (String, Vec<(usize, usize)>) {
    let mut text = String::from("[");
    let mut ranges = Vec::new();
    for (i, (c, _)) in checks.iter().enumerate() {
        text.push_str(if i == 0 { "\n" } else { ",\n" });
        let start = text.len();
        text.push_str(&c.request);
        ranges.push((start, text.len()));
    }
    text.push_str("\n]");
    (text, ranges)
}

/// The default request editor: the visible checks' requests, each with its `expect`.
fn visible_requests(file: &str, checks: &[(Check, usize)]) -> String {
    let items: Vec<String> = checks
        .iter()
        .filter(|(c, _)| !c.hidden)
        .map(|(c, base)| {
            let text = Excerpt::dedented(file, *base, base + c.request.len()).text;
            let body = text.trim_end().strip_suffix('}').unwrap_or(&text).trim_end();
            let sep = if body.ends_with('{') { " " } else { ", " };
            let item = format!("{body}{sep}\"expect\": \"{}\" }}", c.expect.as_str());
            item.lines().map(|l| format!("  {l}")).collect::<Vec<_>>().join("\n")
        })
        .collect();
    if items.is_empty() {
        "[]".to_string()
    } else {
        format!("[\n{}\n]", items.join(",\n"))
    }
}

type SolutionExcerpts = (Option<Excerpt>, Option<Excerpt>);

fn solution(
    r: &mut FileReader<'_>,
    json: &Json,
    editable: &[Editor],
    start: &Texts,
) -> Option<(Texts, SolutionExcerpts)> {
    let members = r.object(json, "`solution`")?;
    r.fields(members, SOLUTION_FIELDS, "`solution`");
    let mut texts = start.clone();
    let mut part = |key: &str, editor: Editor, texts: &mut Texts| {
        let m = json.get(key)?;
        if !editable.contains(&editor) {
            r.diagnostics.push(
                Diagnostic::error(
                    Code::ExerciseSolution,
                    m.key_span,
                    format!("the solution changes `{key}`, which is locked"),
                )
                .with_help(format!("add \"{key}\" to `editable`, or drop it from the solution")),
            );
        }
        let e = Excerpt::dedented(r.text, m.value.span.start, m.value.span.end);
        e.text.clone_into(editor.of_mut(texts));
        Some(e)
    };
    let policies = part("policies", Editor::Policies, &mut texts);
    let principals = part("principals", Editor::Principals, &mut texts);
    Some((texts, (policies, principals)))
}

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
            JsonValue::String(path) if !path.trim().is_empty() => {
                entries.push(PackEntry::File(path.clone(), item.span))
            }
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

/// A learner's work on an exercise.
#[derive(Clone, Debug, PartialEq)]
pub struct Submission {
    /// The exercise it was made for (scenario files do not say).
    pub exercise: Option<String>,
    /// The editor texts it holds (None: as in the exercise's `start`).
    pub policies: Option<Excerpt>,
    pub principals: Option<Excerpt>,
    pub requests: Option<Excerpt>,
    /// A scenario file: positions are in the file (the texts are excerpts of it).
    pub is_scenario: bool,
}

impl Submission {
    /// The work as editor texts, parts it does not hold taken from `start`.
    pub fn texts(&self, start: &Texts) -> Texts {
        let pick = |e: &Option<Excerpt>, s: &String| e.as_ref().map_or_else(|| s.clone(), |e| e.text.clone());
        Texts {
            policies: pick(&self.policies, &start.policies),
            principals: pick(&self.principals, &start.principals),
            request: pick(&self.requests, &start.request),
        }
    }
}

/// Reads a submission file, or a scenario file used as one.
pub fn read_submission(text: &str) -> Result<Submission, Vec<Diagnostic>> {
    let mut r = FileReader::new(text);
    let json = json::parse(text, SourceId::File).map_err(|d| vec![d])?;
    let members = r.object(&json, "a submission").ok_or_else(|| r.diagnostics.clone())?;
    let is_scenario = json.get("submissionFormat").is_none();
    if is_scenario {
        if json.get("principals").is_none() && json.get("policies").is_none() {
            r.diagnostics.push(
                Diagnostic::error(
                    Code::SubmissionType,
                    json.span.start_point(),
                    "this is neither a submission nor a scenario",
                )
                .with_help("a submission has `\"submissionFormat\": 1`; a scenario has `policies` and `principals`"),
            );
            return Err(std::mem::take(&mut r.diagnostics));
        }
        let part = |key: &str| json.get(key).map(|m| Excerpt::exact(text, m.value.span.start, m.value.span.end));
        return Ok(Submission {
            exercise: None,
            policies: part("policies"),
            principals: part("principals"),
            requests: part("requests").or_else(|| part("request")),
            is_scenario,
        });
    }
    r.fields(members, SUBMISSION_FIELDS, "a submission");
    format_version(&mut r, &json, "submissionFormat", "submission");
    let exercise = r.required(&json, "exercise", "the submission", None).and_then(|e| r.string(e, "`exercise`"));
    let mut text_of = |key: &str| {
        let m = json.get(key)?;
        r.string(&m.value, &format!("`{key}` (the editor's text)")).map(|s| Excerpt::exact(&s, 0, s.len()))
    };
    let submission = Submission {
        exercise,
        policies: text_of("policies"),
        principals: text_of("principals"),
        requests: text_of("requests"),
        is_scenario,
    };
    if r.diagnostics.is_empty() {
        Ok(submission)
    } else {
        Err(std::mem::take(&mut r.diagnostics))
    }
}

/// A submission file for `texts` (what the playground's "Download my answer" saves).
pub fn submission_json(exercise: &str, texts: &Texts) -> String {
    let v = serde_json::json!({
        "submissionFormat": 1,
        "exercise": exercise,
        "policies": texts.policies,
        "principals": texts.principals,
        "requests": texts.request,
    });
    serde_json::to_string_pretty(&v).unwrap_or_default()
}
