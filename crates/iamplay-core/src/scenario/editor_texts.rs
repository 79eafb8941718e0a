//! A scenario file as the playground's three editor texts, and back.
//!
//! Both ways work on the text, not on a re-serialised value: what a person wrote (the
//! order and spelling of members, a repeated member the editor will report, a number of
//! 400 digits, a document nested deeper than a JSON library's recursion limit) survives
//! a round trip unchanged, and the only change is indentation. The file is read with
//! the same JSON reader as everything else, so a broken file is one located error.

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::json::{self, JsonValue};
use crate::share::Texts;
use crate::source::{SourceId, Span};

/// The three texts of a scenario file (`policies`, `principals`, and `requests` or its
/// older spelling `request`), each as written in the file, dedented; a part the file
/// lacks is an empty text. Errors are located in the file (`SourceId::File`).
pub fn split(file: &str) -> Result<Texts, Diagnostic> {
    let root = json::parse(file, SourceId::File)?;
    let Some(members) = root.as_object() else {
        return Err(Diagnostic::error(
            Code::ScenarioType,
            root.span,
            format!("a scenario file is a JSON object, not {}", root.kind_name()),
        ));
    };
    if let Some((m, n)) = json::repeats(members)
        .into_iter()
        .find(|(m, _)| ["policies", "principals", "requests", "request"].contains(&m.key.as_str()))
    {
        return Err(Diagnostic::error(Code::JsonDuplicateKey, m.key_span, json::repeated_message(&m.key, n))
            .with_help("keep one: the playground would not know which to show"));
    }
    let part =
        |name: &str| root.get(name).map(|m| dedent(slice(file, m.value.span), indentation(file, m.key_span.start)));
    Ok(Texts {
        policies: part("policies").unwrap_or_default(),
        principals: part("principals").unwrap_or_default(),
        request: part("requests").or_else(|| part("request")).unwrap_or_default(),
    })
}

/// The Request editor's text with `request` (one request's JSON) added last, and that
/// request's index: into its array (before the closing bracket, so what is written stays
/// as it is), an array made of a single request object, or the request alone in an array
/// when the text is empty. None when the text is not JSON (or not a request or a list):
/// broken text is the person's to mend, never rewritten around.
pub fn with_request(text: &str, request: &str) -> Option<(String, usize)> {
    if text.trim().is_empty() {
        return Some((format!("[\n  {request}\n]\n"), 0));
    }
    let parsed = json::parse(text, SourceId::File).ok()?;
    match (&parsed.value, parsed.span) {
        (json::JsonValue::Array(items), span) => {
            let body = text.get(..span.end.saturating_sub(1)).unwrap_or_default().trim_end();
            let comma = if items.is_empty() { "" } else { "," };
            let rest = text.get(span.end..).unwrap_or_default();
            Some((format!("{body}{comma}\n  {request}\n]{rest}"), items.len()))
        }
        (json::JsonValue::Object(_), _) => Some((format!("[\n  {},\n  {request}\n]\n", text.trim()), 1)),
        _ => None,
    }
}

/// The Request text with `values` set in the `context` of its `index`th request (what a
/// "try it" of "allowed only if…" adds): that request is written again, indented as it
/// was, the rest of the text as it is; None when the text is not JSON or has no such
/// request.
pub fn with_context(text: &str, index: usize, values: &[(String, String)]) -> Option<String> {
    let root = json::parse(text, SourceId::File).ok()?;
    let item = match &root.value {
        JsonValue::Array(items) => items.get(index)?,
        JsonValue::Object(_) if index == 0 => &root,
        _ => return None,
    };
    item.as_object()?;
    let serde_json::Value::Object(mut request) = json::value(slice(text, item.span))? else { return None };
    let context = request.entry("context").or_insert_with(|| serde_json::Value::Object(serde_json::Map::new()));
    let context = context.as_object_mut()?;
    for (k, v) in values {
        context.insert(k.clone(), serde_json::Value::String(v.clone()));
    }
    let written = serde_json::to_string_pretty(&request).ok()?;
    let pad = " ".repeat(indentation(text, item.span.start));
    let written = indent(&written, &pad);
    Some(format!("{}{written}{}", text.get(..item.span.start)?, text.get(item.span.end..)?))
}

/// Whether the Policies text looks like one policy document: its first member is
/// `Version`, `Statement` or `Id` (a look at its first bytes, for every keystroke;
/// [`wrap_bare_policy`] reads it whole).
pub fn looks_like_bare_policy(policies: &str) -> bool {
    let Some(rest) = policies.trim_start().strip_prefix('{') else { return false };
    let rest = rest.trim_start();
    ["\"Version\"", "\"Statement\"", "\"Id\""].iter().any(|k| rest.starts_with(k))
}

/// When the Policies text is one identity-based policy document (an object with
/// `Statement` and no `Principal`, pasted where named policies go), the texts with it named
/// `policy` and attached to a user `alice` of account 111122223333, and a request of
/// alice for its first statement's first action and resource (wildcards filled in). The
/// Principals and Request texts are replaced (each editor's Undo takes them back). None
/// for anything else.
pub fn wrap_bare_policy(t: &Texts) -> Option<Texts> {
    let root = json::parse(&t.policies, SourceId::File).ok()?;
    let statements = root.get("Statement")?;
    let first = match &statements.value.value {
        JsonValue::Array(items) => items.first(),
        JsonValue::Object(_) => Some(&statements.value),
        _ => None,
    };
    let all: Vec<&json::Json> = match &statements.value.value {
        JsonValue::Array(items) => items.iter().collect(),
        _ => vec![&statements.value],
    };
    if all.iter().any(|st| st.get("Principal").is_some() || st.get("NotPrincipal").is_some()) {
        return None; // a resource-based or trust policy: not a user's
    }
    let first_of = |name: &str| {
        first.and_then(|st| st.get(name)).and_then(|m| match &m.value.value {
            JsonValue::Array(items) => items.first().and_then(|v| v.as_str().map(str::to_string)),
            _ => m.value.as_str().map(str::to_string),
        })
    };
    let action = first_of("Action").filter(|a| !a.contains(['*', '?'])).unwrap_or_else(|| "s3:GetObject".to_string());
    let resource = first_of("Resource")
        .filter(|r| r != "*" && !r.contains("${"))
        .map_or_else(|| "*".to_string(), |r| r.replace('*', "example").replace('?', "x"));
    let quoted = |s: &str| serde_json::to_string(s).unwrap_or_default();
    Some(Texts {
        policies: format!("{{\n  \"policy\": {}\n}}\n", indent(t.policies.trim(), "  ")),
        principals:
            "{\n  \"account\": \"111122223333\",\n  \"users\": { \"alice\": { \"policies\": [\"policy\"] } }\n}\n"
                .into(),
        request: format!(
            "[\n  {{ \"principal\": \"user/alice\", \"action\": {}, \"resource\": {} }}\n]\n",
            quoted(&action),
            quoted(&resource)
        ),
    })
}

/// One scenario file holding the three texts (the request text as `requests`, in an
/// array when it is one request), when each is JSON; else the first text that is not,
/// with its located error.
pub fn join(t: &Texts) -> Result<String, Diagnostic> {
    let mut request_is_array = false;
    for (text, id) in
        [(&t.policies, SourceId::Policies), (&t.principals, SourceId::Principals), (&t.request, SourceId::Request)]
    {
        let j = json::parse(text, id)?;
        if id == SourceId::Request {
            request_is_array = matches!(j.value, JsonValue::Array(_));
        }
    }
    let part = |text: &str| indent(text.trim(), "  ");
    let requests =
        if request_is_array { part(&t.request) } else { format!("[\n    {}\n  ]", indent(t.request.trim(), "    ")) };
    Ok(format!(
        "{{\n  \"formatVersion\": 1,\n  \"policies\": {},\n  \"principals\": {},\n  \"requests\": {requests}\n}}\n",
        part(&t.policies),
        part(&t.principals)
    ))
}

fn slice(text: &str, span: Span) -> &str {
    text.get(span.start..span.end).unwrap_or_default()
}

/// How many spaces and tabs start the line holding byte `at`.
fn indentation(text: &str, at: usize) -> usize {
    let line_start = text.get(..at).and_then(|b| b.rfind('\n')).map_or(0, |i| i + 1);
    text.get(line_start..).unwrap_or_default().bytes().take_while(|b| *b == b' ' || *b == b'\t').count()
}

/// Calls `at_line_start` after each line break that is outside a string (a string may
/// hold a raw line break: it is left as it is), copying the rest of `text` to the output.
fn map_line_starts(text: &str, mut at_line_start: impl FnMut(&str, &mut String) -> usize) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        out.push(c);
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '\n' if !in_string => {
                let skip = at_line_start(text.get(i + 1..).unwrap_or_default(), &mut out);
                for _ in 0..skip {
                    chars.next();
                }
            }
            _ => {}
        }
    }
    out
}

/// Removes up to `by` leading spaces or tabs from every line but the first (only white
/// space between tokens changes: a string's own line breaks and spaces are kept).
fn dedent(text: &str, by: usize) -> String {
    map_line_starts(text, |rest, _| rest.bytes().take(by).take_while(|b| *b == b' ' || *b == b'\t').count())
}

/// Adds `prefix` to every line but the first (see [`dedent`]).
fn indent(text: &str, prefix: &str) -> String {
    map_line_starts(text, |_, out| {
        out.push_str(prefix);
        0
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_context_value_is_set_in_one_request() {
        let text = "[\n  {\"principal\": \"user/a\", \"action\": \"s3:GetObject\", \"resource\": \"*\"},\n  {\"principal\": \"user/b\", \"action\": \"s3:GetObject\", \"resource\": \"*\", \"context\": {\"aws:SourceIp\": \"10.0.0.1\"}}\n]\n";
        let set = [("aws:MultiFactorAuthPresent".to_string(), "true".to_string())];
        let out = super::with_context(text, 1, &set).expect("set");
        let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
        assert_eq!(
            v[1]["context"],
            serde_json::json!({"aws:SourceIp": "10.0.0.1", "aws:MultiFactorAuthPresent": "true"})
        );
        assert_eq!(v[0], serde_json::json!({"principal": "user/a", "action": "s3:GetObject", "resource": "*"}));
        assert!(out.starts_with("[\n  {\"principal\": \"user/a\""), "the first request is left as written: {out}");
        assert!(super::with_context(text, 2, &set).is_none());
        assert!(super::with_context("[{", 0, &set).is_none());
    }

    #[test]
    fn a_bare_policy_is_wrapped_into_a_scenario() {
        use crate::share::Texts;
        let doc = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:ListBucket\", \"Resource\": \"*\"}]\n}";
        let t = Texts { policies: doc.into(), principals: String::new(), request: String::new() };
        let w = super::wrap_bare_policy(&t).expect("wrapped");
        let sc = crate::scenario::load_parts(&w.policies, &w.principals, &w.request);
        assert!(!sc.has_errors(), "{:?}", sc.diagnostics);
        let req = sc.requests.first().and_then(Option::as_ref).expect("a request");
        assert_eq!(req.action, "s3:ListBucket");
        assert_eq!(crate::decision::evaluate(&sc, req).decision, crate::scenario::Decision::Allow);
        // a resource in the policy is the request's (wildcards filled in); a resource
        // policy is not wrapped
        let on_bucket = doc.replace("\"Resource\": \"*\"", "\"Resource\": \"arn:aws:s3:::reports/*\"");
        let w = super::wrap_bare_policy(&Texts { policies: on_bucket, ..t.clone() }).expect("wrapped");
        assert!(w.request.contains("\"arn:aws:s3:::reports/example\""), "{}", w.request);
        let with_principal = doc.replace("\"Effect\"", "\"Principal\": \"*\", \"Effect\"");
        assert!(super::wrap_bare_policy(&Texts { policies: with_principal, ..t.clone() }).is_none());
        assert!(super::looks_like_bare_policy(doc));
        let named = Texts { policies: format!("{{\"p\": {doc}}}"), ..t };
        assert!(super::wrap_bare_policy(&named).is_none());
        assert!(!super::looks_like_bare_policy(&named.policies));
    }

    #[test]
    fn a_request_is_added_last_keeping_what_is_written() {
        let req = r#"{"principal": "user/bob", "action": "s3:GetObject", "resource": "*"}"#;
        // what follows the array (a final newline) stays
        let with = |text: &str| super::with_request(text, req).expect("a text that takes a request");
        let (text, index) = with("[\n  {\"principal\": \"user/alice\"}\n]\n");
        assert_eq!(index, 1);
        assert!(text.ends_with("\n]\n"), "{text}");
        let (text, index) = with("[\n  {\"principal\": \"user/alice\"}\n]");
        assert_eq!((text.as_str(), index), ("[\n  {\"principal\": \"user/alice\"},\n  {\"principal\": \"user/bob\", \"action\": \"s3:GetObject\", \"resource\": \"*\"}\n]", 1));
        let (text, index) = with("{\"principal\": \"user/alice\"}");
        assert_eq!(index, 1);
        assert!(crate::json::parse(&text, crate::source::SourceId::File).is_ok(), "{text}");
        assert_eq!(with("[]"), (format!("[\n  {req}\n]"), 0));
        assert_eq!(with("  ").1, 0);
        // broken text is not rewritten: nothing is added
        assert_eq!(super::with_request("[{\"principal\": ", req), None);
        assert_eq!(super::with_request("42", req), None);
    }

    use super::*;

    #[test]
    fn texts_survive_a_round_trip_as_written() -> Result<(), Diagnostic> {
        let deep = format!("{}{}", "[".repeat(300), "]".repeat(300));
        let t = Texts {
            policies: format!(
                "{{\n  \"p\": {{\"Sid\": \"a\", \"Sid\": \"b\", \"n\": 1{}}},\n  \"q\": {deep}\n}}",
                "0".repeat(400)
            ),
            principals: "{\"users\": {}}".into(),
            request: "[\n  {\"action\": \"s3:GetObject\"}\n]".into(),
        };
        let file = join(&t)?;
        assert!(file.contains("\n  \"policies\": {\n    \"p\""), "indented in the file:\n{file}");
        assert_eq!(split(&file)?, t);
        Ok(())
    }

    #[test]
    fn a_line_break_inside_a_string_is_refused_and_left_as_it_is() {
        // not JSON (a raw line break in a string): no scenario file is made of it
        let t = Texts { policies: "{\"p\": \"a\n  b\"}".into(), principals: "{}".into(), request: "[]".into() };
        let d = join(&t).expect_err("a raw line break");
        assert_eq!((d.code, d.span.start), (Code::JsonSyntax, 8));
        // and re-indenting never touches a string's own line breaks
        assert_eq!(dedent("{\n  \"a\n  b\"\n}", 2), "{\n\"a\n  b\"\n}");
    }

    #[test]
    fn one_request_is_kept_in_an_array() -> Result<(), Diagnostic> {
        let t = Texts { policies: "{}".into(), principals: "{}".into(), request: "{\n  \"action\": \"x\"\n}".into() };
        let back = split(&join(&t)?)?;
        assert_eq!(back.request, "[\n  {\n    \"action\": \"x\"\n  }\n]");
        Ok(())
    }

    #[test]
    fn a_text_that_is_not_json_is_located_in_its_editor() {
        let t = Texts { policies: "{}".into(), principals: "{ broken".into(), request: "{}".into() };
        let e = join(&t).map(|_| ()).unwrap_err();
        assert_eq!(e.span.source, SourceId::Principals);
    }

    #[test]
    fn a_broken_file_is_one_located_error() {
        let e = split("{\n  \"policies\": {},\n  \"policies\": []\n}").unwrap_err();
        assert_eq!((e.code, e.span.start), (Code::JsonDuplicateKey, 22));
        let e = split("{\n  \"policies\": {,\n}").unwrap_err();
        assert_eq!((e.code, e.span.start), (Code::JsonSyntax, 17));
        assert_eq!(split("[]").unwrap_err().code, Code::ScenarioType);
        assert_eq!(split("{\"request\": {}}").map(|t| t.request), Ok("{}".to_string()));
    }
}
