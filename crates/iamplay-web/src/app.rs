//! The page: routing between the playground, an embed and exercise mode, and the
//! playground's composition — three editors side by side (Policies, Principals,
//! Request), the result side (`result.rs`) and the top bar (`topbar.rs`). Every edit
//! re-parses and re-decides at once; the last good result stays visible, marked stale,
//! while the input is broken.

use crate::address::{self, Embed};
use crate::aws::{Arrivals, Fetched};
use crate::editor::Editor;
use crate::examples::{self, Texts};
use crate::exercise::{self, Session};
use crate::result::{DecisionStrip, Problems, RequestsTable, ResultPanel, TracePanel};
use crate::task_panel::TaskPanel;
use crate::topbar::{EmbedBar, ExerciseBar, PlaygroundBar};
use crate::work::{Arrival, Keeping, Work};
use iamplay_core::workspace::{self as model, Diag, ResultView, ViewModel};
use leptos::prelude::*;

/// The page: the playground, or exercise mode when the address asks for an exercise
/// (`?exercise=ID`, `?exercises`, `?pack=URL`).
#[component]
pub fn App() -> impl IntoView {
    // the playground's build has no exercise mode (web/boot.js loads the `exercises` build
    // for its addresses): without the feature, nothing of it is compiled in
    #[cfg(feature = "exercises")]
    if let Some(wanted) = exercise::wanted() {
        return ExerciseMode(wanted).into_any();
    }
    view! { <Playground session=None /> }.into_any()
}

/// Exercise mode: the pack fetched, then the playground with the exercise it asks for.
#[cfg(feature = "exercises")]
#[allow(non_snake_case)] // named as the view it is
fn ExerciseMode(wanted: exercise::Wanted) -> impl IntoView {
    // the pack (the built-in one, or one named by the address) is fetched from this origin
    let opened = RwSignal::new(None::<Result<Session, String>>);
    let url = wanted.pack_url.clone().unwrap_or_else(|| exercise::BUILTIN_PACK.to_string());
    leptos::task::spawn_local(async move {
        opened.set(Some(exercise::fetch_pack(&url).await.and_then(|p| exercise::session(p, &wanted))));
    });
    (move || match opened.get() {
        None => view! { <p class="notice" role="status">"Loading the exercise pack…"</p> }.into_any(),
        Some(Ok(s)) => view! { <Playground session=Some(s) /> }.into_any(),
        Some(Err(why)) => view! { <ExerciseProblem why=why /> }.into_any(),
    })
    .into_any()
}

/// An exercise that cannot be opened: why, and where to go instead (never a blank page).
#[cfg(feature = "exercises")]
#[component]
fn ExerciseProblem(why: String) -> impl IntoView {
    view! {
        <header class="topbar"><h1>"IAM policy playground"</h1></header>
        <div class="notice" role="alert" data-testid="exercise-error">
            <p>"This exercise cannot be opened:"</p>
            <pre>{why}</pre>
            <p>
                <a href="?exercises">"Open the built-in exercises"</a>
                " · "
                <a href="./">"Open the playground"</a>
            </p>
        </div>
    }
}

/// The texts nobody has written yet: the default example.
fn default_texts() -> Texts {
    examples::example(examples::DEFAULT).unwrap_or(Texts {
        policies: "{}".into(),
        principals: "{\"account\": \"111122223333\"}".into(),
        request: "[]".into(),
    })
}

/// Where the first texts come from, and a notice when a share link cannot be read:
/// the link, then (not in an embed) the saved work, then the default example.
fn opening_texts(embed: Option<&Embed>) -> (Texts, Arrival, Option<String>) {
    let mut problem = None;
    if let Some(link) = address::share_link() {
        match iamplay_core::share::decode(&link) {
            Ok(t) => return (t, Arrival::Link, None),
            Err(why) => {
                problem = Some(match embed {
                    // an embed holds no work of the visitor's to keep
                    Some(_) => {
                        format!("This embedded example cannot be read: {why}. A default example is shown instead.")
                    }
                    None => format!("This share link cannot be read: {why}. Your current work is kept."),
                })
            }
        }
    }
    // an embed sits in another site's page: it never shows the visitor's saved work
    let saved = if embed.is_none() { crate::storage::load_work() } else { None };
    (saved.unwrap_or_else(default_texts), Arrival::Chosen, problem)
}

fn editor_title(name: &str, locked: bool) -> &'static str {
    match (name, locked) {
        ("policies", false) => "Policies",
        ("policies", true) => "Policies (locked)",
        ("principals", false) => "Principals",
        ("principals", true) => "Principals (locked)",
        (_, false) => "Request",
        (_, true) => "Request (locked)",
    }
}

/// What the page shows of one evaluation of the texts: the current model, and what the
/// result side shows (the last good model while the input is broken, marked stale).
#[derive(Clone, Copy)]
pub struct Results {
    pub current: Memo<ViewModel>,
    pub shown: Memo<(ViewModel, bool)>,
    /// The selected request's result, with editor places (for clicks and highlights).
    pub selected: Memo<(Option<ResultView>, bool)>,
    /// The same without places, so edits that only move text do not re-render panels.
    pub panel: Memo<(Option<ResultView>, bool)>,
    /// AWS managed policies the texts name whose documents are on their way.
    pub pending: Memo<Vec<String>>,
    /// Every diagnostic shown (this module's, and the second module's findings), and how
    /// many more there are.
    pub problems: Memo<(Vec<Diag>, usize)>,
    /// Whether the second module's findings are those of the texts decided (with AWS's
    /// catalog, unless it cannot be had).
    pub linted: Memo<bool>,
}

impl Results {
    fn new(work: Work, selected: RwSignal<usize>) -> Results {
        let arrivals = Arrivals::new();
        let settled = settled_texts(work);
        let current = Memo::new(move |_| {
            let t = settled.get();
            // AWS managed policies named by ARN: fetched when first needed, then evaluated again
            arrivals.track();
            let aws = Fetched { arrivals };
            let perf = web_sys::window().and_then(|w| w.performance());
            let t0 = perf.as_ref().map_or(0.0, |p| p.now());
            let mut m = model::compute_with(&t.policies, &t.principals, &t.request, &aws);
            // the keys a request never carries, by AWS's catalog (the second module has it)
            for r in m.results.iter_mut().flatten().filter(|r| !r.missing_keys.is_empty()) {
                r.missing_never_carried = crate::findings::never_carried(&r.action, &r.missing_keys);
            }
            let t1 = perf.as_ref().map_or(0.0, |p| p.now());
            // read by scripts/measure-web (a global, so no style is invalidated)
            if let Some(w) = web_sys::window() {
                let _ = js_sys::Reflect::set(&w, &"__iamplayComputeMs".into(), &(t1 - t0).into());
            }
            m
        });
        // the last good result, kept while the input is broken
        let shown = Memo::new(move |prev: Option<&(ViewModel, bool)>| {
            let m = current.get();
            match prev {
                Some((good, _)) if m.has_errors && !good.has_errors => (good.clone(), true),
                _ => (m, false),
            }
        });
        let selected_result = Memo::new(move |_| {
            let i = selected.get();
            shown.with(|(m, stale)| {
                let r = m.results.get(i).cloned().flatten().or_else(|| m.results.iter().flatten().next().cloned());
                (r, *stale)
            })
        });
        let panel = Memo::new(move |_| {
            let (r, stale) = selected_result.get();
            (r.map(model::without_places), stale)
        });
        // AWS's catalog and the editors' extras: asked for once the first decision is on
        // screen (effects run after the page is drawn; both wait for it to be painted), and
        // the texts are evaluated again when the catalog arrives
        Effect::new(move |_| {
            current.with(|_| ());
            crate::catalog::want(move || arrivals.bump());
            crate::editor::want_extras();
        });
        // the second wasm module, ready with the catalog: what it makes (the summary) follows
        crate::editor::on_extras_ready(move || arrivals.bump());
        let pending = Memo::new(move |_| current.with(|m| m.pending_aws.clone()));
        // the findings of the linter and the catalog, asked of the second module once the
        // edits pause after a decision (again when that module or the catalog arrives)
        let linted = RwSignal::new(None::<crate::findings::Linted>);
        Effect::new(move |_| {
            current.with(|_| ());
            crate::findings::ask(settled.get_untracked(), move |l| linted.set(Some(l)));
        });
        let problems = Memo::new(move |_| {
            let now = settled.get();
            current.with(|m| {
                linted.with(|l| crate::findings::merged(&m.diagnostics, m.more_diagnostics, l.as_ref(), &now))
            })
        });
        // done: the findings are those of the texts decided, with AWS's catalog unless it
        // cannot be had
        let linted = Memo::new(move |_| {
            linted.with(|l| {
                l.as_ref().is_some_and(|l| l.texts == settled.get() && (l.catalog || crate::catalog::unavailable()))
            })
        });
        Results { current, shown, selected: selected_result, panel, pending, problems, linted }
    }

    /// Each diagnostic of one editor, as the editor underlines it.
    fn diagnostics_of(self, editor: &'static str) -> Signal<Vec<(usize, usize, &'static str, String)>> {
        let problems = self.problems;
        Signal::from(Memo::new(move |_| {
            problems.with(|(shown, _)| {
                shown
                    .iter()
                    .filter(|d| d.editor == editor)
                    .map(|d| (d.from, d.to, d.severity, d.message.clone()))
                    .collect::<Vec<_>>()
            })
        }))
    }

    /// The deciding statements in one editor, highlighted there.
    fn highlights_of(self, editor: &'static str) -> Signal<Vec<(usize, usize, bool)>> {
        let selected = self.selected;
        Signal::from(Memo::new(move |_| {
            selected.with(|(r, stale)| {
                // a stale result's ranges point into text that has changed since: no highlight
                r.as_ref()
                    .filter(|_| !*stale)
                    .map(|r| {
                        r.deciding
                            .iter()
                            .filter_map(|d| {
                                d.place.as_ref().filter(|p| p.editor == editor).map(|p| (p.from, p.to, d.deny))
                            })
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
        }))
    }
}

/// Opens a share link pasted into the address bar of an open tab, keeping what was there.
fn follow_pasted_links(work: Work, notice: RwSignal<Option<String>>) {
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        let Some(link) = address::share_link() else { return };
        match iamplay_core::share::decode(&link) {
            Ok(t) if t == work.texts.get_untracked() => {}
            Ok(t) => {
                work.replace(t, Arrival::Link);
                notice.set(Some("Opened the shared link. Your previous work is kept: Restore brings it back.".into()));
            }
            Err(why) => notice.set(Some(format!("This share link cannot be read: {why}. Your current work is kept."))),
        }
    });
    on_cleanup(move || listener.remove());
}

#[component]
fn Playground(session: Option<Session>) -> impl IntoView {
    let embed = if session.is_some() { None } else { address::embed() };
    let (texts, arrival, link_problem) = match &session {
        Some(s) => (s.initial_texts(), Arrival::Chosen, None),
        None => opening_texts(embed.as_ref()),
    };
    let keeping = match (&session, &embed) {
        (Some(s), _) => Keeping::Exercise(s.clone()),
        (None, Some(_)) => Keeping::Nowhere,
        (None, None) => Keeping::Playground,
    };
    let work = Work::new(texts, arrival, keeping);
    let notice = RwSignal::new(link_problem);
    if arrival == Arrival::Link && !work.restorable.get_untracked().is_empty() {
        notice.set(Some("You opened a shared link. Your own work is kept: Restore brings it back.".into()));
    }
    if session.is_none() && embed.is_none() {
        follow_pasted_links(work, notice);
    }
    let selected = RwSignal::new(0usize);
    let results = Results::new(work, selected);
    let texts = work.texts;

    let read_only = embed.as_ref().is_some_and(|e| e.read_only);
    let chosen = embed.as_ref().map(|e| e.editors.clone());
    let show = move |name: &'static str| chosen.as_ref().is_none_or(|e| e.contains(&name));
    let locked = |name: &str| session.as_ref().is_some_and(|s| !s.exercise().is_editable(exercise::part_of(name)));
    let (lock_p, lock_pr, lock_r) = (locked("policies"), locked("principals"), locked("request"));
    let layout_class = match (&session, &embed) {
        (Some(_), _) => "layout exercise".to_string(),
        (None, Some(e)) => format!("layout embed embed-{}", e.editors.len()),
        (None, None) => "layout".to_string(),
    };
    let grade = session.clone().map(|s| {
        let ex = s.exercise().clone();
        let summaries = exercise::request_summaries(&ex);
        Memo::new(move |_| exercise::grade_view(&ex, &summaries, &texts.get()))
    });
    let task = session.clone().zip(grade).map(|(s, grade)| view! { <TaskPanel session=s grade=grade texts=texts /> });
    let bar = match (&session, &embed) {
        (Some(s), _) => view! { <ExerciseBar pack_title=s.pack.title.clone() /> }.into_any(),
        (None, Some(_)) => view! { <EmbedBar texts=texts /> }.into_any(),
        (None, None) => view! { <PlaygroundBar work=work notice=notice selected=selected /> }.into_any(),
    };
    let editor = move |name: &'static str, text: RwSignal<String>, lock: bool| {
        show(name).then(|| {
            view! {
                <Editor
                    name=name
                    title=editor_title(name, lock)
                    text=text
                    diagnostics=results.diagnostics_of(name)
                    highlights=results.highlights_of(name)
                    read_only=read_only || lock
                />
            }
        })
    };

    view! {
        {bar}
        {move || notice.get().map(|n| view! { <p class="notice" role="status" data-testid="notice">{n}</p> })}
        {move || work.save_problem.get().map(|n| view! { <p class="notice problem" role="alert" data-testid="save-problem">{n}</p> })}
        {(session.is_none() && !read_only).then(|| view! { <WrapPolicyOffer work=work /> })}
        <main class=layout_class>
            <DecisionStrip selected_result=results.panel grade=grade />
            {task}
            {editor("policies", texts.policies, lock_p)}
            {editor("principals", texts.principals, lock_pr)}
            {editor("request", texts.request, lock_r)}
            <section class="pane result-pane" id="result" aria-label="Result" data-revision=move || results.current.with(|m| m.revision.to_string())>
                <h2 class="pane-title">"Result"</h2>
                <ResultPanel selected_result=results.panel fresh=results.selected pending=results.pending request=texts.request selected=selected />
                <TracePanel selected_result=results.panel fresh=results.selected folded=embed.is_some() />
                <RequestsTable shown=results.shown selected=selected />
                <crate::extras_panel::Analyses
                    texts=texts
                    selected=selected
                    revision=Signal::derive(move || results.current.with(|m| m.revision))
                    full=embed.is_none()
                    playground=session.is_none() && embed.is_none()
                />
                <Problems problems=results.problems linted=results.linted />
                <p class="muted data-version" data-testid="data-version">{format!("AWS data: {}", crate::aws::AWS_DATA)}</p>
                <p class="muted data-version" data-testid="catalog-version">{move || results.current.with(|_| crate::catalog::shown())}</p>
            </section>
        </main>
    }
}

/// Texts larger than this together are decided once typing pauses, not at every keystroke
/// (a large account's export takes a few hundred milliseconds to decide).
const LARGE_TEXTS: usize = 512 * 1024;

/// The texts to decide: the editors' texts at once while they are small, and once typing
/// has paused for a moment when they are large, so keystrokes never wait for decisions
/// they would make stale at once.
fn settled_texts(work: Work) -> RwSignal<Texts> {
    let settled = RwSignal::new(work.texts.get_untracked());
    let edits = StoredValue::new(0u64);
    Effect::new(move |_| {
        let t = work.texts.get();
        let size = t.policies.len() + t.principals.len() + t.request.len();
        edits.update_value(|n| *n += 1);
        if size < LARGE_TEXTS {
            settled.set(t);
            return;
        }
        let this = edits.get_value();
        let _ = set_timeout_with_handle(
            move || {
                if edits.get_value() == this {
                    settled.set(work.texts.get_untracked());
                }
            },
            std::time::Duration::from_millis(300),
        );
    });
    settled
}

/// A bare policy document pasted where named policies go: an offer to make it a scenario
/// (the policy named `policy`, attached to user alice; each editor's Undo takes it back).
#[component]
fn WrapPolicyOffer(work: Work) -> impl IntoView {
    let texts = work.texts;
    let bare =
        Memo::new(move |_| texts.policies.with(|p| iamplay_core::scenario::editor_texts::looks_like_bare_policy(p)));
    let wrap = move |_| {
        if let Some(wrapped) = iamplay_core::scenario::editor_texts::wrap_bare_policy(&texts.get_untracked()) {
            texts.set(wrapped);
        }
    };
    move || {
        bare.get().then(|| {
            view! {
                <p class="notice" role="status" data-testid="wrap-policy-offer">
                    "The Policies editor holds one policy document; it takes named policies. "
                    <button type="button" data-testid="wrap-policy" on:click=wrap>"Make it a scenario"</button>
                    " (named " <code>"policy"</code> ", attached to user alice, with a request of hers: the Principals and Request texts are replaced; Undo takes them back)"
                </p>
            }
        })
    }
}
