//! The task panel of exercise mode: the instructions, the pack's exercises, every check
//! and constraint live, the solved state, hints one at a time, the reference solution on
//! request, "Reset exercise" and "Download my answer".

use crate::editor::reveal;
use crate::examples::Texts;
use crate::exercise::{GradeView, Session};
use crate::files;
use iamplay_core::exercise::{markdown::to_safe_html, submission_json, Editor as Part};
use leptos::prelude::*;

/// The three editor texts, as the playground holds them.
#[derive(Clone, Copy)]
pub struct TextSignals {
    pub policies: RwSignal<String>,
    pub principals: RwSignal<String>,
    pub request: RwSignal<String>,
}

impl TextSignals {
    pub fn get_untracked(&self) -> Texts {
        Texts {
            policies: self.policies.get_untracked(),
            principals: self.principals.get_untracked(),
            request: self.request.get_untracked(),
        }
    }

    pub fn set(&self, t: Texts) {
        self.policies.set(t.policies);
        self.principals.set(t.principals);
        self.request.set(t.request);
    }
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
    let solved_before = RwSignal::new(session.progress(&ex.id).solved);
    let show_solution = RwSignal::new(false);

    // remember that it was solved (progress), once
    let s = session.clone();
    Effect::new(move |_| {
        if grade.get().solved && !solved_before.get_untracked() {
            solved_before.set(true);
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
            (e.title.clone(), session.href(&e.id), done, i == index)
        })
        .collect::<Vec<_>>();
    let prev = index.checked_sub(1).and_then(|i| session.pack.exercises.get(i)).map(|e| session.href(&e.id));
    let next = session.pack.exercises.get(index + 1).map(|e| session.href(&e.id));
    let locked: Vec<&str> = Part::ALL.into_iter().filter(|p| !ex.is_editable(*p)).map(Part::as_str).collect();
    let hints = ex.hints.clone();
    let hint_count = hints.len();
    let solution_texts = ex.solution.clone().map(|sol| {
        [Part::Policies, Part::Principals]
            .into_iter()
            .filter(|p| ex.is_editable(*p))
            .map(|p| (p.as_str(), p.of(&sol).to_string()))
            .collect::<Vec<_>>()
    });

    view! {
        <section class="pane task-pane" aria-label="Exercise" data-testid="exercise">
            <h2 class="pane-title">{format!("{} · exercise {} of {total}", session.pack.title, index + 1)}</h2>
            <div class="task-body">
                <nav class="task-nav" aria-label="Exercises of this pack">
                    {prev.map(|h| view! { <a href=h data-testid="exercise-prev">"← previous"</a> })}
                    <details class="pack-list">
                        <summary>"All exercises"</summary>
                        <ol>
                            {list.into_iter().map(|(title, href, done, current)| view! {
                                <li class=if current { "current" } else { "" }>
                                    <a href=href aria-current=if current { "page" } else { "false" }>{title}</a>
                                    {done.then_some(" ✓")}
                                </li>
                            }).collect_view()}
                        </ol>
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
                    {move || {
                        let g = grade.get();
                        let passed = g.checks.iter().filter(|c| c.pass).count();
                        let held = g.constraints.iter().filter(|c| c.pass).count();
                        if g.solved {
                            format!("Solved ✓ — all {} checks pass{}", g.checks.len(), if g.constraints.is_empty() { String::new() } else { format!(" and all {} constraints hold", g.constraints.len()) })
                        } else {
                            let errors = if g.errors > 0 { format!("; your texts have {} error(s), see Problems", g.errors) } else { String::new() };
                            format!("Not solved yet: {passed} of {} checks pass, {held} of {} constraints hold{errors}", g.checks.len(), g.constraints.len())
                        }
                    }}
                    {move || (solved_before.get() && !grade.get().solved).then_some(" (you solved it before)")}
                </div>
                <h4>"Checks"</h4>
                <ul class="task-checks">
                    {move || grade.get().checks.into_iter().map(|c| view! {
                        <li class=if c.pass { "pass" } else { "fail" } data-testid="exercise-check" data-pass=c.pass.to_string()>
                            <span class="mark" aria-hidden="true">{if c.pass { "✓ " } else { "✗ " }}</span>
                            <span class="sr-only">{if c.pass { "passes: " } else { "fails: " }}</span>
                            {c.description}
                            {c.hidden.then(|| view! { <span class="muted">" (hidden check)"</span> })}
                            {c.detail.map(|d| view! { <div class="muted detail">{d}</div> })}
                        </li>
                    }).collect_view()}
                </ul>
                {(!ex.constraints.is_empty()).then(|| view! {
                    <h4>"Constraints"</h4>
                    <ul class="task-checks">
                        {move || grade.get().constraints.into_iter().map(|c| view! {
                            <li class=if c.pass { "pass" } else { "fail" } data-testid="exercise-constraint" data-pass=c.pass.to_string()>
                                <span class="mark" aria-hidden="true">{if c.pass { "✓ " } else { "✗ " }}</span>
                                <span class="sr-only">{if c.pass { "holds: " } else { "broken: " }}</span>
                                <span inner_html=to_safe_html(&c.description).trim().trim_start_matches("<p>").trim_end_matches("</p>").to_string()></span>
                                {c.unreadable.then(|| view! { <div class="muted detail">"cannot be checked while your texts have JSON errors"</div> })}
                                {c.violations.into_iter().map(|(message, place)| view! {
                                    <div class="detail">
                                        <button class="stmt" on:click=move |_| reveal(&place) title="show where">{format!("{} ↗", place.editor)}</button>
                                        " " {message}
                                    </div>
                                }).collect_view()}
                            </li>
                        }).collect_view()}
                    </ul>
                })}
                {(hint_count > 0).then(|| view! {
                    <h4>"Hints"</h4>
                    <ol class="hints" data-testid="hints">
                        {move || hints.iter().take(hints_shown.get()).map(|h| view! { <li inner_html=to_safe_html(h)></li> }).collect_view()}
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
                        {parts.iter().map(|(name, text)| view! {
                            <p class="muted">{format!("{name}:")}</p>
                            <pre class="solution">{text.clone()}</pre>
                        }).collect_view()}
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
