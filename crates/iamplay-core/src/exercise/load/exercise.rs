//! An exercise file: its fields, checks, constraints, hints and solution, and the
//! starting texts and solution loaded as scenarios, their errors moved into the file.

use super::*;

/// Reads an exercise file. Errors are located in `text` (source [`SourceId::File`]).
pub fn load_exercise(text: &str) -> Result<Exercise, Vec<Diagnostic>> {
    read_file(text, exercise_from)
}

pub(super) fn exercise_from(r: &mut FileReader<'_>, json: &Json) -> Option<Exercise> {
    let members = r.object(json, "an exercise")?;
    if other_kind(r, json, "exerciseFormat", "packFormat") {
        return None;
    }
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
    let learned = json.get("learned").and_then(|m| markdown(r, &m.value, "`learned`"));
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
        learned,
        solution: solution.as_ref().map(|(t, _)| t.clone()),
        checks_text,
        check_ranges,
    };
    if !r.diagnostics.is_empty() {
        return None;
    }
    // Everything the learner starts from, and the reference solution, must load.
    let with_checks = |t: &Texts| crate::exercise::load_for_errors(&t.policies, &t.principals, &ex.checks_text);
    let parts = [(SourceId::Policies, start_policies.as_ref()), (SourceId::Principals, start_principals.as_ref())];
    relocate_all(r, &with_checks(&ex.start), &ex, &check_bases, &parts, (Code::ExerciseStart, "the starting"));
    if let Some(e) = &start_requests {
        let sc = crate::exercise::load_for_errors(&ex.start.policies, &ex.start.principals, &e.text);
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
