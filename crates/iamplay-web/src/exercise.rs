//! Exercise mode (docs/exercises.md#in-the-playground): which exercise the address asks
//! for, its pack fetched from the page's own origin (the built-in pack is exercises/,
//! served beside the page, so it costs nothing to visitors of the playground itself), the learner's progress per exercise in localStorage, and the grade of the
//! current texts as the task panel shows it.

use crate::examples::Texts;
use iamplay_core::exercise::{self, Editor as Part, Exercise, Pack};
use iamplay_core::workspace::{self as model, Place};
#[cfg(feature = "exercises")]
use iamplay_core::{exercise::PackEntry, source::LineIndex};
use std::sync::Arc;

/// What the address asks for: `?exercise=ID`, `?exercises`, `?pack=URL[&exercise=ID]`.
#[cfg(feature = "exercises")]
#[derive(Clone, Debug, PartialEq)]
pub struct Wanted {
    pub pack_url: Option<String>,
    pub id: Option<String>,
}

#[cfg(feature = "exercises")]
pub fn wanted() -> Option<Wanted> {
    let id = crate::address::param("exercise");
    let pack_url = crate::address::param("pack");
    let on = id.is_some() || pack_url.is_some() || crate::address::param("exercises").is_some();
    on.then(|| Wanted { pack_url: pack_url.filter(|p| !p.is_empty()), id: id.filter(|i| !i.is_empty()) })
}

/// An exercise being worked on, in its pack.
#[derive(Clone, Debug)]
pub struct Session {
    pub pack: Arc<Pack>,
    pub index: usize,
    exercise: Arc<Exercise>,
    /// The pack's address when it was fetched (None: the built-in pack).
    pub pack_url: Option<String>,
    /// The playground's build has no exercise mode: there no session can be made, so the
    /// compiler drops every part of the page that needs one (the grader, the task panel).
    #[cfg(not(feature = "exercises"))]
    _none: std::convert::Infallible,
}

impl Session {
    pub fn exercise(&self) -> &Exercise {
        &self.exercise
    }

    /// The address of exercise `id` of this pack, relative to the page (a path taken from
    /// the address could be `//another.site/`, making the link leave the site).
    pub fn href(&self, id: &str) -> String {
        let id = String::from(js_sys::encode_uri_component(id));
        match &self.pack_url {
            Some(url) => format!("?pack={}&exercise={id}", String::from(js_sys::encode_uri_component(url))),
            None => format!("?exercise={id}"),
        }
    }

    fn key(&self, id: &str) -> String {
        format!("iamplay.exercise.{}.{id}", self.pack.id)
    }

    pub fn progress(&self, id: &str) -> Progress {
        local_storage()
            .and_then(|s| s.get_item(&self.key(id)).ok().flatten())
            .and_then(|t| iamplay_core::json::value(&t))
            .map(|v| Progress::from_json(&v))
            .unwrap_or_default()
    }

    pub fn update_progress(&self, change: impl FnOnce(&mut Progress)) {
        let id = self.exercise().id.clone();
        let mut p = self.progress(&id);
        change(&mut p);
        if let Some(s) = local_storage() {
            let _ = s.set_item(&self.key(&id), &p.to_json().to_string());
        }
    }

    /// The texts to start from: the learner's saved work for the editable editors, the
    /// exercise's own text for the locked ones.
    pub fn initial_texts(&self) -> Texts {
        let ex = self.exercise();
        match self.progress(&ex.id).texts {
            Some(saved) => ex.graded_texts(&saved),
            None => ex.start.clone(),
        }
    }
}

/// What is kept per exercise.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Progress {
    pub texts: Option<Texts>,
    /// Solved at some point.
    pub solved: bool,
    pub hints: usize,
}

impl Progress {
    fn from_json(v: &serde_json::Value) -> Progress {
        let text = |k: &str| v.get(k).and_then(serde_json::Value::as_str).map(str::to_string);
        let texts = match (text("policies"), text("principals"), text("requests")) {
            (Some(policies), Some(principals), Some(request)) => Some(Texts { policies, principals, request }),
            _ => None,
        };
        Progress {
            texts,
            solved: v.get("solved").and_then(serde_json::Value::as_bool).unwrap_or(false),
            hints: v.get("hints").and_then(serde_json::Value::as_u64).map_or(0, |n| usize::try_from(n).unwrap_or(0)),
        }
    }

    fn to_json(&self) -> serde_json::Value {
        let mut v = serde_json::json!({"v": 1, "solved": self.solved, "hints": self.hints});
        if let (Some(t), Some(obj)) = (&self.texts, v.as_object_mut()) {
            obj.insert("policies".into(), t.policies.clone().into());
            obj.insert("principals".into(), t.principals.clone().into());
            obj.insert("requests".into(), t.request.clone().into());
        }
        v
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// `shown:LINE:COL: message` for each problem of a pack or exercise file.
#[cfg(feature = "exercises")]
fn located(shown: &str, text: &str, diagnostics: &[iamplay_core::diagnostic::Diagnostic]) -> String {
    let index = LineIndex::new(text);
    diagnostics
        .iter()
        .map(|d| {
            let p = index.position(d.span.start);
            format!("{shown}:{}:{}: {}", p.line, p.column, d.message)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads a pack whose entries are found by `read` (name → text).
#[cfg(feature = "exercises")]
fn assemble(shown: &str, text: &str, read: impl Fn(&str) -> Result<(String, String), String>) -> Result<Pack, String> {
    let file = exercise::load_pack(text).map_err(|d| located(shown, text, &d))?;
    let mut exercises = Vec::new();
    for entry in &file.entries {
        match entry {
            PackEntry::Inline(e) => exercises.push((**e).clone()),
            PackEntry::File(path, _) => {
                let (name, t) = read(path)?;
                exercises.push(exercise::load_exercise(&t).map_err(|d| located(&name, &t, &d))?);
            }
        }
    }
    file.assemble(exercises).map_err(|d| located(shown, text, &d))
}

/// Where the built-in pack is served, relative to the page.
#[cfg(feature = "exercises")]
pub const BUILTIN_PACK: &str = "exercises/pack.json";

#[cfg(feature = "exercises")]
pub async fn fetch_pack(address: &str) -> Result<Pack, String> {
    crate::editor::load_markdown().await?;
    let here = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let url = crate::fetch::on_this_origin(address, &here)?;
    let text = crate::fetch::text(&url).await?;
    // entries are fetched first (a pack is small), then read in order
    let file = exercise::load_pack(&text).map_err(|d| located(&url, &text, &d))?;
    let mut fetched = Vec::new();
    for entry in &file.entries {
        if let PackEntry::File(path, _) = entry {
            let entry_url = crate::fetch::on_this_origin(path, &url)?;
            fetched.push((path.clone(), entry_url.clone(), crate::fetch::text(&entry_url).await?));
        }
    }
    assemble(&url, &text, |path| {
        fetched
            .iter()
            .find(|(p, ..)| p == path)
            .map(|(_, u, t)| (u.clone(), t.clone()))
            .ok_or_else(|| format!("{path} was not fetched"))
    })
}

/// The session for the wanted exercise of `pack` (its first when none is named).
#[cfg(feature = "exercises")]
pub fn session(pack: Pack, wanted: &Wanted) -> Result<Session, String> {
    let index = match &wanted.id {
        None => 0,
        Some(id) => pack.exercises.iter().position(|e| &e.id == id).ok_or_else(|| {
            let ids: Vec<&str> = pack.exercises.iter().map(|e| e.id.as_str()).collect();
            format!("the pack `{}` has no exercise `{id}` (it has: {})", pack.id, ids.join(", "))
        })?,
    };
    let exercise = Arc::new(pack.exercises.get(index).cloned().ok_or("the pack has no exercises")?);
    Ok(Session { pack: Arc::new(pack), index, exercise, pack_url: wanted.pack_url.clone() })
}

/// A check as the task panel shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckView {
    pub description: String,
    pub hidden: bool,
    pub pass: bool,
    /// For visible checks: the request, what was expected, what came out.
    pub detail: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ConstraintView {
    pub pass: bool,
    pub violations: Vec<(String, Place)>,
    pub unreadable: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct GradeView {
    pub checks: Vec<CheckView>,
    pub constraints: Vec<ConstraintView>,
    pub errors: usize,
    pub solved: bool,
}

/// Each check's request in words, for the task panel (made once per exercise).
pub fn request_summaries(ex: &Exercise) -> Vec<String> {
    ex.checks.iter().map(|c| request_summary(&c.request)).collect()
}

fn request_summary(request: &str) -> String {
    let v: serde_json::Value = iamplay_core::json::value(request).unwrap_or_default();
    let get = |k: &str| v.get(k).and_then(serde_json::Value::as_str).unwrap_or("?").to_string();
    let mut s = format!("{} · {} · {}", get("principal"), get("action"), get("resource"));
    if let Some(ctx) = v.get("context").and_then(serde_json::Value::as_object) {
        let pairs: Vec<String> = ctx.iter().map(|(k, v)| format!("{k}={}", v.to_string().trim_matches('"'))).collect();
        s.push_str(&format!(" · {}", pairs.join(", ")));
    }
    if let Some(p) = v.get("instanceProfile").and_then(serde_json::Value::as_str) {
        s.push_str(&format!(" · with instance profile {p}"));
    }
    s
}

/// The grade of `work` as the task panel shows it; `summaries` from [`request_summaries`].
pub fn grade_view(ex: &Exercise, summaries: &[String], work: &Texts) -> GradeView {
    let g = exercise::grade(ex, work);
    let checks = ex
        .checks
        .iter()
        .zip(&g.checks)
        .zip(summaries)
        .map(|((c, o), summary)| CheckView {
            description: c.description.clone(),
            hidden: c.hidden,
            pass: o.pass,
            detail: (!c.hidden).then(|| {
                let got = match (o.decision, &o.reason) {
                    (Some(d), None) => format!("{} as expected", d.as_str()),
                    (_, Some(reason)) => reason.clone(),
                    (None, None) => String::new(),
                };
                let by: Vec<String> = o
                    .decided_by
                    .iter()
                    .map(|r| format!("{}#{}", g.scenario.policy_name(r.policy), r.statement))
                    .collect();
                let by = if by.is_empty() { String::new() } else { format!(" (decided by {})", by.join(", ")) };
                format!("{summary} — {got}{by}")
            }),
        })
        .collect();
    let constraints = g
        .constraints
        .iter()
        .map(|o| ConstraintView {
            pass: o.pass(),
            violations: o.violations.iter().map(|v| (v.message.clone(), model::place(&g.scenario, v.span))).collect(),
            unreadable: o.unreadable,
        })
        .collect();
    GradeView { checks, constraints, errors: g.errors.len(), solved: g.solved }
}

/// `n` and the noun, singular or plural.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The exercise's status in words: solved, or how far from it.
pub fn status_words(g: &GradeView) -> String {
    let checks = g.checks.len();
    let constraints = g.constraints.len();
    if g.solved {
        let checks = if checks == 1 { "the check passes".to_string() } else { format!("all {checks} checks pass") };
        let constraints = match constraints {
            0 => String::new(),
            1 => " and the constraint holds".to_string(),
            n => format!(" and all {n} constraints hold"),
        };
        return format!("Solved ✓ — {checks}{constraints}");
    }
    let passed = g.checks.iter().filter(|c| c.pass).count();
    let held = g.constraints.iter().filter(|c| c.pass).count();
    let mut s = format!("Not solved yet — checks passing: {passed} of {checks}");
    if constraints > 0 {
        s.push_str(&format!("; constraints holding: {held} of {constraints}"));
    }
    if g.errors > 0 {
        s.push_str(&format!("; your texts have {}, see Problems", count(g.errors, "error", "errors")));
    }
    s
}

/// The editor names the web app uses for an exercise's parts.
pub fn part_of(editor: &str) -> Part {
    match editor {
        "policies" => Part::Policies,
        "principals" => Part::Principals,
        _ => Part::Requests,
    }
}
