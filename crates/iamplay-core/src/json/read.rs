//! One reader of spanned JSON into the crate's models: objects, known fields, required
//! fields, strings, lists of strings, booleans and tags, each problem a located
//! diagnostic collected (never returned one at a time, so a file shows all its problems
//! at once).
//!
//! The scenario file, exercise files and `aws iam get-account-authorization-details`
//! exports are read by this one reader; what differs between them is a [`Dialect`]: the
//! family of diagnostic codes, how severe an unknown field is (a warning that it is
//! ignored in a scenario, whose format grows; an error in an exercise, where a typo would
//! silently drop a rule), and the few words each family has always used.

use super::{repeated_message, repeats, Json, JsonValue, Member};
use crate::code::Code;
use crate::diagnostic::{did_you_mean, Diagnostic, Severity};
use crate::source::Span;
use std::collections::HashSet;

/// How one family of files is read and worded.
#[derive(Debug)]
pub struct Dialect {
    /// A value of the wrong JSON type.
    pub wrong_type: Code,
    /// A required field that is absent.
    pub missing: Code,
    /// A field the format does not have (None: such fields are not reported).
    pub unknown: Option<Code>,
    pub unknown_severity: Severity,
    /// How a member whose name an earlier member of its object has is reported.
    pub repeated: Repeated,
    /// How a value that should be an object is worded.
    pub not_object: NotObject,
    /// The help of an unknown field without a close match lists the known fields.
    pub list_fields: bool,
    /// A missing field is reported on the object's opening `{` (else just before it).
    pub missing_at_opening: bool,
}

/// Where repeated member names are found.
#[derive(Debug)]
pub enum Repeated {
    /// By [`Reader::object`], as `json-duplicate-key` ("member … is repeated in this object").
    InObject,
    /// By [`Reader::fields`], with this code ("… is given twice in …").
    InFields(Code),
    /// By the caller, for the whole document at once (imports).
    ByCaller,
}

#[derive(Debug)]
pub enum NotObject {
    /// "expected WHAT (a JSON object), found KIND"
    Expected,
    /// "WHAT must be NOUN, not KIND"
    MustBe(&'static str),
}

/// Scenario files and the playground's editor texts.
pub const SCENARIO: Dialect = Dialect {
    wrong_type: Code::ScenarioType,
    missing: Code::ScenarioFieldMissing,
    unknown: Some(Code::ScenarioFieldUnknown),
    unknown_severity: Severity::Warning,
    repeated: Repeated::InObject,
    not_object: NotObject::Expected,
    list_fields: false,
    missing_at_opening: false,
};

/// Exercise, pack and submission files.
pub const EXERCISE: Dialect = Dialect {
    wrong_type: Code::ExerciseType,
    missing: Code::ExerciseFieldMissing,
    unknown: Some(Code::ExerciseFieldUnknown),
    unknown_severity: Severity::Error,
    repeated: Repeated::InFields(Code::ExerciseFieldRepeated),
    not_object: NotObject::MustBe("a JSON object"),
    list_fields: true,
    missing_at_opening: false,
};

/// Exports of `aws iam get-account-authorization-details` (AWS's own format: fields we
/// do not read are normal, and are not reported).
pub const IMPORT: Dialect = Dialect {
    wrong_type: Code::ImportType,
    missing: Code::ImportFieldMissing,
    unknown: None,
    unknown_severity: Severity::Suggestion,
    repeated: Repeated::ByCaller,
    not_object: NotObject::MustBe("an object"),
    list_fields: false,
    missing_at_opening: true,
};

/// Reads values of one text, collecting located diagnostics.
#[derive(Debug)]
pub struct Reader {
    pub dialect: &'static Dialect,
    pub diagnostics: Vec<Diagnostic>,
}

impl Reader {
    pub fn new(dialect: &'static Dialect) -> Self {
        Reader { dialect, diagnostics: Vec::new() }
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    pub fn error(&mut self, code: Code, span: Span, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic::error(code, span, message));
    }

    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// `WHAT must be EXPECTED, not KIND`.
    pub fn wrong_type(&mut self, value: &Json, what: &str, expected: &str) {
        let message = format!("{what} must be {expected}, not {}", value.kind_name());
        self.error(self.dialect.wrong_type, value.span, message);
    }

    /// The members of an object (its repeated names reported, in the scenario dialect).
    pub fn object<'j>(&mut self, json: &'j Json, what: &str) -> Option<&'j [Member]> {
        let Some(members) = json.as_object() else {
            let message = match self.dialect.not_object {
                NotObject::Expected => format!("expected {what} (a JSON object), found {}", json.kind_name()),
                NotObject::MustBe(noun) => format!("{what} must be {noun}, not {}", json.kind_name()),
            };
            self.error(self.dialect.wrong_type, json.span, message);
            return None;
        };
        if let Repeated::InObject = self.dialect.repeated {
            for (m, n) in repeats(members) {
                self.push(
                    Diagnostic::error(Code::JsonDuplicateKey, m.key_span, repeated_message(&m.key, n))
                        .with_help("keep one"),
                );
            }
        }
        Some(members)
    }

    /// Reports the members of `what` that are not among `known` (and, in the exercise
    /// dialect, those repeated). `what` carries its article (`a user`, `the exercise`).
    pub fn fields(&mut self, members: &[Member], known: &[&str], what: &str) {
        self.fields_helped(members, known, what, &[]);
    }

    /// [`Reader::fields`], where an unknown field listed in `helps` (field, help) gets
    /// that help: what to write instead.
    pub fn fields_helped(&mut self, members: &[Member], known: &[&str], what: &str, helps: &[(&str, &str)]) {
        let mut seen: HashSet<&str> = HashSet::with_capacity(members.len());
        for m in members {
            if let Repeated::InFields(code) = self.dialect.repeated {
                if !seen.insert(m.key.as_str()) {
                    self.error(code, m.key_span, format!("`{}` is given twice in {what}", m.key));
                    continue;
                }
            }
            let Some(unknown) = self.dialect.unknown.filter(|_| !known.contains(&m.key.as_str())) else {
                continue;
            };
            let ignored = if self.dialect.unknown_severity == Severity::Error { "" } else { "; it is ignored" };
            let mut d =
                Diagnostic::error(unknown, m.key_span, format!("`{}` is not a field of {what}{ignored}", m.key));
            d.severity = self.dialect.unknown_severity;
            let helped = helps.iter().find(|(field, _)| *field == m.key).map(|(_, help)| help.to_string());
            d.help = helped.or_else(|| match did_you_mean(&m.key, known.iter().copied()) {
                Some(s) => Some(format!("did you mean `{s}`?")),
                None if self.dialect.list_fields => Some(format!(
                    "the fields are {}",
                    known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                )),
                None => None,
            });
            self.push(d);
        }
    }

    /// Field `key` of `obj`; its absence is reported at the object's start as
    /// `WHAT has no `KEY``, with `help` when given.
    pub fn required<'j>(&mut self, obj: &'j Json, key: &str, what: &str, help: Option<&str>) -> Option<&'j Json> {
        let found = obj.get(key).map(|m| &m.value);
        if found.is_none() {
            let at = if self.dialect.missing_at_opening {
                Span::new(obj.span.source, obj.span.start, (obj.span.start + 1).min(obj.span.end))
            } else {
                obj.span.start_point()
            };
            let mut d = Diagnostic::error(self.dialect.missing, at, format!("{what} has no `{key}`"));
            d.help = help.map(str::to_string);
            self.push(d);
        }
        found
    }

    pub fn string(&mut self, json: &Json, what: &str) -> Option<String> {
        self.str(json, what).map(str::to_string)
    }

    pub fn str<'j>(&mut self, json: &'j Json, what: &str) -> Option<&'j str> {
        let s = json.as_str();
        if s.is_none() {
            self.wrong_type(json, what, "a string");
        }
        s
    }

    /// The optional string member `key` of `obj`, with its span.
    pub fn str_member<'j>(&mut self, obj: &'j Json, key: &str) -> Option<(&'j str, Span)> {
        let m = obj.get(key)?;
        self.str(&m.value, &format!("`{key}`")).map(|s| (s, m.value.span))
    }

    /// The required string member `key` of `obj`, with its span.
    pub fn required_str<'j>(&mut self, obj: &'j Json, key: &str, what: &str) -> Option<(&'j str, Span)> {
        self.required(obj, key, what, None)?;
        self.str_member(obj, key)
    }

    /// A string that is not blank.
    pub fn non_empty_string(&mut self, json: &Json, what: &str) -> Option<String> {
        let s = self.string(json, what)?;
        if s.trim().is_empty() {
            self.error(self.dialect.wrong_type, json.span, format!("{what} is empty"));
            return None;
        }
        Some(s)
    }

    /// A list of strings, each with its span.
    pub fn string_list(&mut self, json: &Json, what: &str) -> Vec<(String, Span)> {
        match &json.value {
            JsonValue::Array(items) => items.iter().filter_map(|i| self.string(i, what).map(|s| (s, i.span))).collect(),
            _ => {
                self.wrong_type(json, what, "a list of strings");
                Vec::new()
            }
        }
    }

    /// A string, or a list of strings (IAM's way of writing one or several values).
    pub fn one_or_more_strings(&mut self, json: &Json, what: &str) -> Vec<(String, Span)> {
        match &json.value {
            JsonValue::String(s) => vec![(s.clone(), json.span)],
            JsonValue::Array(items) => items.iter().filter_map(|i| self.string(i, what).map(|s| (s, i.span))).collect(),
            _ => {
                self.wrong_type(json, what, "a string or an array of strings");
                Vec::new()
            }
        }
    }

    pub fn bool(&mut self, json: &Json, what: &str) -> Option<bool> {
        match json.value {
            JsonValue::Bool(b) => Some(b),
            _ => {
                self.wrong_type(json, what, "true or false");
                None
            }
        }
    }

    /// Tags: an object of key → text (numbers and booleans read as their text).
    pub fn tags(&mut self, json: &Json) -> Vec<(String, String)> {
        let Some(members) = self.object(json, "tags") else {
            return Vec::new();
        };
        members
            .iter()
            .filter_map(|m| {
                m.value.scalar_text().map(|v| (m.key.clone(), v)).or_else(|| {
                    self.error(self.dialect.wrong_type, m.value.span, "a tag value must be a string");
                    None
                })
            })
            .collect()
    }
}
