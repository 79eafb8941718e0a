//! The task panel of exercise mode: the instructions, the pack's exercises, every check
//! and constraint live, the solved state, hints one at a time, the reference solution on
//! request, "Reset exercise" and "Download my answer".

use crate::editor::{markdown as to_safe_html, reveal};
use crate::exercise::{self, GradeView, Session};
use crate::files;
use crate::work::TextSignals;
use iamplay_core::exercise::{escape_markup as esc, submission_json, Editor as Part};
use leptos::prelude::*;

/// A message in the evaluator's style (`code` in backticks) as HTML.
fn message_html(s: &str) -> String {
    s.split('`')
        .enumerate()
        .map(|(i, part)| if i % 2 == 1 { format!("<code>{}</code>", esc(part)) } else { esc(part) })
        .collect()
}

/// One line of Markdown rendered inline (no paragraph around it).
fn inline_markdown(s: &str) -> String {
    let html = to_safe_html(s);
    let t = html.trim();
    t.strip_prefix("<p>").and_then(|t| t.strip_suffix("</p>")).unwrap_or(t).to_string()
}

/// One check or constraint: its pass/fail mark (and words for screen readers), its
/// description and details, all already HTML.
fn item(testid: &str, pass: bool, (yes, no): (&str, &str), body: &str) -> String {
    format!(
        "<li class=\"{}\" data-testid=\"{testid}\" data-pass=\"{pass}\"><span class=\"mark\" aria-hidden=\"true\">{}</span><span class=\"sr-only\">{}</span>{body}</li>",
        if pass { "pass" } else { "fail" },
        if pass { "✓ " } else { "✗ " },
        if pass { yes } else { no }
    )
}

/// The checks and constraints as HTML (plain strings: these lists change on every
/// keystroke, and one HTML binding costs far less code than a view per item — measured:
/// the same lists, the pack list, hints and solution as Leptos views cost 25.7 KB more
/// wasm, 9.8 KB gzip, all of it in the playground's first visit). Every text is escaped
/// (`escape_markup`); only the Markdown renderer's output is HTML of its own. A
/// violation's location is a button carrying its place, handled by one listener.
/// `constraint_html` is each constraint's description, rendered once per exercise.
fn grade_html(g: &GradeView, constraint_html: &[String]) -> (String, String) {
    let mut checks = String::new();
    for c in &g.checks {
        let hidden = if c.hidden { "<span class=\"muted\"> (hidden check)</span>" } else { "" };
        let detail = c
            .detail
            .as_ref()
            .map(|d| format!("<div class=\"muted detail\">{}</div>", message_html(d)))
            .unwrap_or_default();
        checks.push_str(&item(
            "exercise-check",
            c.pass,
            ("passes: ", "fails: "),
            &format!("{}{hidden}{detail}", esc(&c.description)),
        ));
    }
    let mut constraints = String::new();
    for (c, description) in g.constraints.iter().zip(constraint_html) {
        let mut body = description.clone();
        if c.unreadable {
            body.push_str("<div class=\"muted detail\">cannot be checked while your texts have JSON errors</div>");
        }
        for (message, place) in &c.violations {
            body.push_str(&format!(
                "<div class=\"detail\"><button class=\"stmt\" title=\"show where\" data-editor=\"{}\" data-from=\"{}\" data-to=\"{}\">{} ↗</button> {}</div>",
                place.editor,
                place.from,
                place.to,
                place.editor,
                message_html(message)
            ));
        }
        constraints.push_str(&item("exercise-constraint", c.pass, ("holds: ", "broken: "), &body));
    }
    (checks, constraints)
}

/// A click on a violation's location button: scroll its editor there.
fn reveal_clicked(ev: leptos::ev::MouseEvent) {
    use wasm_bindgen::JsCast;
    let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
    let Some(button) = el.closest("button[data-from]").ok().flatten() else { return };
    let num = |k: &str| button.get_attribute(k).and_then(|v| v.parse::<usize>().ok()).unwrap_or(0);
    let editor = match button.get_attribute("data-editor").as_deref() {
        Some("principals") => "principals",
        Some("request") => "request",
        _ => "policies",
    };
    reveal(&iamplay_core::workspace::Place { editor, from: num("data-from"), to: num("data-to") });
}

/// The "pack finished" screen, once the current exercise is solved and it is the pack's
/// last or every other one is solved too: each exercise with what it taught (an
/// unsolved one only with its link, so nothing is given away).
fn finished_html(session: &Session) -> Option<String> {
    let pack = &session.pack;
    let current = &session.exercise().id;
    let solved: Vec<bool> = pack.exercises.iter().map(|e| &e.id == current || session.progress(&e.id).solved).collect();
    let done = solved.iter().filter(|s| **s).count();
    let last = session.index + 1 == pack.exercises.len();
    if !last && done < pack.exercises.len() {
        return None;
    }
    let mut items = String::new();
    for (e, solved) in pack.exercises.iter().zip(&solved) {
        let link = format!("<a href=\"{}\">{}</a>", esc(&session.href(&e.id)), esc(&e.title));
        let item = match (solved, &e.learned) {
            (true, Some(l)) => {
                format!("<li class=\"pass\">{link} ✓<div class=\"muted detail\">{}</div></li>", inline_markdown(l))
            }
            (true, None) => format!("<li class=\"pass\">{link} ✓</li>"),
            (false, _) => format!("<li class=\"fail\">{link} <span class=\"muted\">— not solved yet</span></li>"),
        };
        items.push_str(&item);
    }
    let total = pack.exercises.len();
    let (heading, summary) = match done == total {
        true => ("Pack finished", format!("You solved all {total} exercises. What they taught:")),
        false => {
            ("End of the pack", format!("{done} of {total} solved; the rest are waiting for you. What you learned:"))
        }
    };
    Some(format!(
        "<section class=\"pack-finished\" data-testid=\"pack-finished\" data-complete=\"{}\"><h4>{heading}: {}</h4><p>{summary}</p><ol>{items}</ol></section>",
        done == total,
        esc(&pack.title)
    ))
}

fn confirm(question: &str) -> bool {
    web_sys::window().and_then(|w| w.confirm_with_message(question).ok()).unwrap_or(false)
}

#[component]
pub fn TaskPanel(session: Session, grade: Memo<GradeView>, texts: TextSignals) -> impl IntoView {
    let ex = session.exercise().clone();
    let total = session.pack.exercises.len();
    let index = session.index;
    let hints_shown = RwSignal::new(session.progress(&ex.id).hints.min(ex.hints.len()));
    let show_solution = RwSignal::new(false);
    // solved now or at some point before: a memo over its previous value; the effect
    // only keeps it (once) in the learner's progress
    let solved_at_start = session.progress(&ex.id).solved;
    let solved_before =
        Memo::new(move |prev: Option<&bool>| prev.copied().unwrap_or(solved_at_start) || grade.get().solved);
    let s = session.clone();
    Effect::new(move |_| {
        if solved_before.get() && !solved_at_start {
            s.update_progress(|p| p.solved = true);
        }
    });

    let s = session.clone();
    let more_hint = move |_| {
        let n = hints_shown.get_untracked() + 1;
        hints_shown.set(n);
        s.update_progress(|p| p.hints = n);
    };
    let start = ex.start.clone();
    let reset = move |_| {
        if confirm("Discard your work on this exercise and start again from the beginning?") {
            texts.set(start.clone());
        }
    };
    let id = ex.id.clone();
    let download =
        move |_| files::download(&format!("{id}.submission.json"), &submission_json(&id, &texts.get_untracked()));
    let solution = ex.solution.clone();
    let editable = ex.editable.clone();
    let use_solution = move |_| {
        if let Some(sol) = solution.clone() {
            if confirm("Replace your work with the reference solution?") {
                let mut t = texts.get_untracked();
                for part in [Part::Policies, Part::Principals] {
                    if editable.contains(&part) {
                        part.of(&sol).clone_into(part.of_mut(&mut t));
                    }
                }
                texts.set(t);
            }
        }
    };

    let list = session
        .pack
        .exercises
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let done = session.progress(&e.id).solved || (i == index && solved_before.get_untracked());
            format!(
                "<li{}><a href=\"{}\"{}>{}</a>{}</li>",
                if i == index { " class=\"current\"" } else { "" },
                esc(&session.href(&e.id)),
                if i == index { " aria-current=\"page\"" } else { "" },
                esc(&e.title),
                if done { " ✓" } else { "" }
            )
        })
        .collect::<String>();
    let learned_html = ex.learned.as_deref().map(inline_markdown);
    let s = session.clone();
    let finished_html = Memo::new(move |_| solved_before.get().then(|| finished_html(&s)).flatten());
    Effect::new(move |before: Option<bool>| {
        let shown = finished_html.with(Option::is_some);
        if shown && before == Some(false) {
            // it appears (on solving) where the learner may not be looking: into view
            request_animation_frame(|| {
                let found = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.query_selector("[data-testid=\"pack-finished\"]").ok().flatten());
                if let Some(el) = found {
                    el.scroll_into_view();
                }
            });
        }
        shown
    });
    let prev = index.checked_sub(1).and_then(|i| session.pack.exercises.get(i)).map(|e| session.href(&e.id));
    let next = session.pack.exercises.get(index + 1).map(|e| session.href(&e.id));
    let next_after_solved = next.clone();
    let locked: Vec<&str> = Part::ALL.into_iter().filter(|p| !ex.is_editable(*p)).map(Part::as_str).collect();
    let hints = ex.hints.clone();
    let hint_count = hints.len();
    let has_constraints = !ex.constraints.is_empty();
    let constraint_html: Vec<String> = ex.constraints.iter().map(|c| inline_markdown(&c.description)).collect();
    let html = Memo::new(move |_| grade_html(&grade.get(), &constraint_html));
    let hints_html = move || {
        hints.iter().take(hints_shown.get()).map(|h| format!("<li>{}</li>", to_safe_html(h))).collect::<String>()
    };
    let solution_texts = ex.solution.clone().map(|sol| {
        [Part::Policies, Part::Principals]
            .into_iter()
            .filter(|p| ex.is_editable(*p))
            .map(|p| format!("<p class=\"muted\">{}:</p><pre class=\"solution\">{}</pre>", p.as_str(), esc(p.of(&sol))))
            .collect::<String>()
    });

    view! {
        <section class="pane task-pane" aria-label="Exercise" data-testid="exercise">
            <h2 class="pane-title">{format!("{} · exercise {} of {total}", session.pack.title, index + 1)}</h2>
            <div class="task-body">
                <nav class="task-nav" aria-label="Exercises of this pack">
                    {prev.map(|h| view! { <a href=h data-testid="exercise-prev">"← previous"</a> })}
                    <details class="pack-list" open=true>
                        <summary>"All exercises"</summary>
                        <ol inner_html=list></ol>
                    </details>
                    {next.map(|h| view! { <a href=h data-testid="exercise-next">"next →"</a> })}
                </nav>
                <h3 class="task-title">{ex.title.clone()}</h3>
                <div class="instructions" inner_html=to_safe_html(&ex.instructions)></div>
                {(!locked.is_empty()).then(|| view! {
                    <p class="muted">{format!("Locked (read-only): {}.", locked.join(", "))}</p>
                })}
                <div
                    class=move || if grade.get().solved { "task-status solved" } else { "task-status" }
                    data-testid="exercise-status"
                    data-solved=move || grade.get().solved.to_string()
                    role="status"
                    aria-live="polite"
                >
                    {move || exercise::status_words(&grade.get())}
                    {move || (solved_before.get() && !grade.get().solved).then_some(" (you solved it before)")}
                    {move || grade.get().solved.then(|| next_after_solved.clone().map(|h| view! { " " <a href=h data-testid="exercise-next-solved">"On to the next exercise →"</a> }))}
                    // once solved, what it taught: in the status, which stays in view
                    <div inner_html=move || match (&learned_html, grade.get().solved) {
                        (Some(l), true) => format!("<p class=\"learned\" data-testid=\"exercise-learned\"><strong>What this taught: </strong>{l}</p>"),
                        _ => String::new(),
                    }></div>
                </div>
                // at the pack's end, the finished screen
                <div inner_html=move || finished_html.get().unwrap_or_default()></div>
                <h4>"Checks"</h4>
                <ul class="task-checks" inner_html=move || html.get().0></ul>
                {has_constraints.then(|| view! {
                    <h4>"Constraints"</h4>
                    <ul class="task-checks" on:click=reveal_clicked inner_html=move || html.get().1></ul>
                })}
                {(hint_count > 0).then(|| view! {
                    <h4>"Hints"</h4>
                    <ol class="hints" data-testid="hints" inner_html=hints_html>
                    </ol>
                    <Show when=move || { hints_shown.get() < hint_count }>
                        <button data-testid="hint" on:click=more_hint.clone()>
                            {move || format!("Show a hint ({} of {hint_count})", hints_shown.get() + 1)}
                        </button>
                    </Show>
                })}
                {solution_texts.map(|parts| view! {
                    <h4>"Reference solution"</h4>
                    <Show
                        when=move || show_solution.get()
                        fallback=move || view! { <button data-testid="show-solution" on:click=move |_| show_solution.set(true)>"Show the reference solution"</button> }
                    >
                        <div inner_html=parts.clone()></div>
                        <button on:click=use_solution.clone()>"Put it in the editors"</button>
                    </Show>
                })}
                <div class="task-actions">
                    <button data-testid="reset-exercise" on:click=reset>"Reset exercise"</button>
                    <button data-testid="download-answer" on:click=download>"Download my answer"</button>
                </div>
            </div>
        </section>
    }
}
