//! Workshop exercises (docs/exercises.md): an exercise is a starting scenario, the
//! editors a learner may change, checks (requests with an expected decision) and
//! least-privilege constraints; a pack lists exercises in teaching order; a submission
//! holds a learner's editor texts. Grading takes the locked parts from the exercise,
//! decides every check and tests every constraint.
//!
//! Reading files is the caller's job (the CLI reads from disk, the playground fetches or
//! embeds): this module turns texts into exercises, packs and grades.

mod constraint;
mod excerpt;
mod grade;
mod load;
pub mod report;

pub use constraint::{Constraint, ConstraintKind, Violation};
pub use excerpt::Excerpt;
pub use grade::{grade, CheckOutcome, ConstraintOutcome, Grade};
pub use load::{load_exercise, load_pack, read_submission, submission_json, PackEntry, PackFile, Submission};

use crate::scenario::Decision;
use crate::share::Texts;

/// The three texts as a scenario, for what reads only its errors (grading, checking an
/// exercise's own texts): no linter runs, so exercise mode links no rule.
fn load_for_errors(policies: &str, principals: &str, requests: &str) -> crate::scenario::Scenario {
    crate::scenario::load_parts_with(policies, principals, requests, &crate::aws_managed::ErrorsOnly)
}

/// Text made safe inside HTML or XML (element text and quoted attribute values), as the
/// playground's task panel and `iamplay check --format junit` write it. Characters XML 1.0
/// cannot hold (control characters, U+FFFE, U+FFFF) are dropped; line breaks and tabs are
/// written as character references, which an attribute keeps (a raw one becomes a space).
pub fn escape_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The playground's three editors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Editor {
    Policies,
    Principals,
    Requests,
}

impl Editor {
    pub const ALL: [Editor; 3] = [Editor::Policies, Editor::Principals, Editor::Requests];

    pub fn as_str(self) -> &'static str {
        match self {
            Editor::Policies => "policies",
            Editor::Principals => "principals",
            Editor::Requests => "requests",
        }
    }

    pub fn parse(s: &str) -> Option<Editor> {
        Editor::ALL.into_iter().find(|e| e.as_str() == s)
    }

    pub fn of(self, texts: &Texts) -> &str {
        match self {
            Editor::Policies => &texts.policies,
            Editor::Principals => &texts.principals,
            Editor::Requests => &texts.request,
        }
    }

    pub fn of_mut(self, texts: &mut Texts) -> &mut String {
        match self {
            Editor::Policies => &mut texts.policies,
            Editor::Principals => &mut texts.principals,
            Editor::Requests => &mut texts.request,
        }
    }
}

/// A request with the decision the learner must obtain.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    pub description: String,
    pub expect: Decision,
    pub hidden: bool,
    /// The request object's text as written in the exercise file.
    pub request: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Exercise {
    pub id: String,
    pub title: String,
    /// Markdown.
    pub instructions: String,
    pub editable: Vec<Editor>,
    /// The starting editor texts.
    pub start: Texts,
    pub checks: Vec<Check>,
    pub constraints: Vec<Constraint>,
    /// Markdown, revealed one at a time.
    pub hints: Vec<String>,
    /// Markdown: what solving it teaches, shown once it is solved and when the pack is
    /// finished.
    pub learned: Option<String>,
    /// The reference solution as full editor texts (parts it does not give are `start`'s).
    pub solution: Option<Texts>,
    /// The checks' requests as one JSON list (the request source when grading), and
    /// where each check's request starts and ends in it.
    checks_text: String,
    check_ranges: Vec<(usize, usize)>,
}

impl Exercise {
    pub fn is_editable(&self, editor: Editor) -> bool {
        self.editable.contains(&editor)
    }

    /// The texts that are graded: editable parts from `work`, locked parts from `start`.
    pub fn graded_texts(&self, work: &Texts) -> Texts {
        let mut texts = self.start.clone();
        for e in Editor::ALL {
            if self.is_editable(e) {
                e.of(work).clone_into(e.of_mut(&mut texts));
            }
        }
        texts
    }

    /// The index of the check whose request holds byte `offset` of the checks text.
    fn check_at(&self, offset: usize) -> Option<usize> {
        self.check_ranges.iter().position(|(s, e)| (*s..=*e).contains(&offset))
    }
}

/// A pack: exercises in teaching order.
#[derive(Clone, Debug, PartialEq)]
pub struct Pack {
    pub id: String,
    pub title: String,
    /// Markdown.
    pub description: String,
    pub exercises: Vec<Exercise>,
}

impl Pack {
    pub fn exercise(&self, id: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.id == id)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_holds_no_character_xml_refuses_and_keeps_line_breaks_in_attributes() {
        assert_eq!(super::escape_markup("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&#39;");
        assert_eq!(super::escape_markup("one\ntwo\r\tx"), "one&#10;two&#13;&#9;x");
        assert_eq!(super::escape_markup("bell\u{7}\u{FFFE}\u{FFFF}end\u{1b}"), "bellend");
    }
}
