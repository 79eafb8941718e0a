//! A submission file (a learner's editor texts), or a scenario file used as one.

use super::*;

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
