//! The playground page: three editors side by side (Policies, Principals, Request), the
//! result panel, the problems panel, the requests table and the examples gallery.
//! Every edit re-parses and re-decides at once; the last good result stays visible,
//! marked stale, while the input is broken.

use crate::editor::{reveal, Editor};
use crate::examples::{self, Texts, EXAMPLES};
use crate::exercise::{self, Session};
use crate::model::{self, Diag, ResultView, ViewModel};
use crate::task_panel::{TaskPanel, TextSignals};
use crate::{files, storage};
use iamplay_core::scenario::Decision;
use leptos::prelude::*;

fn decision_words(d: Decision) -> &'static str {
    match d {
        Decision::Allow => "Allow",
        Decision::ExplicitDeny => "Explicit deny",
        Decision::ImplicitDeny => "Implicit deny",
    }
}

fn decision_class(d: Decision) -> &'static str {
    match d {
        Decision::Allow => "allow",
        Decision::ExplicitDeny => "explicit-deny",
        Decision::ImplicitDeny => "implicit-deny",
    }
}

/// The compact layout for docs sites: `?embed=policies,request&readonly=1`.
#[derive(Clone, Debug, PartialEq)]
struct Embed {
    editors: Vec<&'static str>,
    read_only: bool,
}

fn embed_options() -> Option<Embed> {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let mut embed = None;
    let mut read_only = false;
    for pair in search.trim_start_matches('?').split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        match k {
            "embed" => {
                let chosen: Vec<&'static str> = ["policies", "principals", "request"]
                    .into_iter()
                    .filter(|e| v.is_empty() || v.split(',').any(|x| x == *e))
                    .collect();
                embed = Some(chosen);
            }
            "readonly" => read_only = v != "0",
            _ => {}
        }
    }
    embed.map(|editors| Embed { editors, read_only })
}

/// Where the first visit's texts come from: a share link, then the autosave, then the
/// default example. A share link that cannot be read leaves the saved work in place.
fn initial_texts() -> (Texts, Option<String>) {
    let fragment = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    let fragment = fragment.trim_start_matches('#');
    let mut problem = None;
    if let Some(link) = fragment.strip_prefix("s=") {
        match iamplay_core::share::decode(link) {
            Ok(t) => return (t, None),
            Err(why) => problem = Some(format!("This share link cannot be read: {why}. Your current work is kept.")),
        }
    }
    let texts = storage::restore().or_else(|| examples::example(examples::DEFAULT)).unwrap_or(Texts {
        policies: "{}".into(),
        principals: "{\"account\": \"111122223333\"}".into(),
        request: "[]".into(),
    });
    (texts, problem)
}

/// The page: the playground, or exercise mode when the address asks for an exercise
/// (`?exercise=ID`, `?exercises`, `?pack=URL`).
#[component]
pub fn App() -> impl IntoView {
    let Some(wanted) = exercise::wanted() else {
        return view! { <Playground session=None /> }.into_any();
    };
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
#[component]
fn ExerciseProblem(why: String) -> impl IntoView {
    let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
    view! {
        <header class="topbar"><h1>"IAM policy playground"</h1></header>
        <div class="notice" role="alert" data-testid="exercise-error">
            <p>"This exercise cannot be opened:"</p>
            <pre>{why}</pre>
            <p>
                <a href=format!("{path}?exercises")>"Open the built-in exercises"</a>
                " · "
                <a href=path>"Open the playground"</a>
            </p>
        </div>
    }
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

#[component]
fn Playground(session: Option<Session>) -> impl IntoView {
    let embed = if session.is_some() { None } else { embed_options() };
    let (texts, link_problem) = match &session {
        Some(s) => (s.initial_texts(), None),
        None => initial_texts(),
    };
    let policies = RwSignal::new(texts.policies);
    let principals = RwSignal::new(texts.principals);
    let request = RwSignal::new(texts.request);
    let notice = RwSignal::new(link_problem);
    let selected = RwSignal::new(0usize);

    let current = Memo::new(move |_| {
        let (p, pr, r) = (policies.get(), principals.get(), request.get());
        let perf = web_sys::window().and_then(|w| w.performance());
        let t0 = perf.as_ref().map_or(0.0, |p| p.now());
        let m = model::compute(&p, &pr, &r);
        let t1 = perf.as_ref().map_or(0.0, |p| p.now());
        // read by scripts/measure-web (a global, so no style is invalidated)
        if let Some(w) = web_sys::window() {
            let _ = js_sys::Reflect::set(&w, &"__iamplayComputeMs".into(), &(t1 - t0).into());
        }
        m
    });
    let last_good = RwSignal::new(None::<ViewModel>);
    Effect::new(move |_| {
        let m = current.get();
        if !m.has_errors {
            last_good.set(Some(m));
        }
    });
    // what the result panel shows: the current result, or the last good one (stale)
    let shown = Memo::new(move |_| {
        let m = current.get();
        if m.has_errors {
            if let Some(good) = last_good.get() {
                return (good, true);
            }
        }
        (m, false)
    });
    let selected_result = Memo::new(move |_| {
        let (m, stale) = shown.get();
        (m.results.get(selected.get()).cloned().flatten().or_else(|| m.results.iter().flatten().next().cloned()), stale)
    });

    // the panels render without editor offsets, so typing that moves text around does not
    // re-render them; a click looks the place up in the fresh result
    let panel_result = Memo::new(move |_| {
        let (r, stale) = selected_result.get();
        (r.map(model::without_places), stale)
    });

    // autosave every change (not in an embed: a docs page must not overwrite your work);
    // an exercise's work is kept apart, per exercise
    let autosave = embed.is_none();
    // saved a moment after typing pauses (and when the page is hidden), off the keystroke's frame
    let pending = StoredValue::new(None::<leptos::prelude::TimeoutHandle>);
    let saving_session = session.clone();
    let save_now = move || {
        let t = Texts {
            policies: policies.get_untracked(),
            principals: principals.get_untracked(),
            request: request.get_untracked(),
        };
        match &saving_session {
            Some(s) => s.update_progress(|p| p.texts = Some(t)),
            None => storage::save(&t),
        }
    };
    let save_later = save_now.clone();
    Effect::new(move |_| {
        let _ = (policies.get(), principals.get(), request.get());
        if !autosave {
            return;
        }
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let handle =
            leptos::prelude::set_timeout_with_handle(save_later.clone(), std::time::Duration::from_millis(250)).ok();
        pending.set_value(handle);
    });
    if autosave {
        let listener = leptos::prelude::window_event_listener(leptos::ev::pagehide, move |_| save_now());
        std::mem::forget(listener);
    }

    let diags_for = move |editor: &'static str| {
        Signal::from(Memo::new(move |_| {
            current
                .get()
                .diagnostics
                .into_iter()
                .filter(|d| d.editor == editor)
                .map(|d| (d.from, d.to, d.severity, d.message))
                .collect::<Vec<_>>()
        }))
    };
    let highlights_for = move |editor: &'static str| {
        Signal::from(Memo::new(move |_| {
            // a stale result's ranges point into text that has changed since: no highlight
            let (r, stale) = selected_result.get();
            r.filter(|_| !stale)
                .map(|r| {
                    r.deciding
                        .into_iter()
                        .filter_map(|d| d.place.filter(|p| p.editor == editor).map(|p| (p.from, p.to, d.deny)))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        }))
    };

    let load_example = move |name: String| {
        if let Some(t) = examples::example(&name) {
            policies.set(t.policies);
            principals.set(t.principals);
            request.set(t.request);
            selected.set(0);
            notice.set(None);
        }
    };
    let share = move |_| {
        let t = Texts {
            policies: policies.get_untracked(),
            principals: principals.get_untracked(),
            request: request.get_untracked(),
        };
        let fragment = format!("s={}", iamplay_core::share::encode(&t));
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_hash(&fragment);
            let href = w.location().href().unwrap_or_default();
            let clipboard = w.navigator().clipboard();
            let _ = clipboard.write_text(&href);
            notice.set(Some("The link to this state is in the address bar (and copied to the clipboard).".into()));
        }
    };

    let export = move |_| {
        let t = Texts {
            policies: policies.get_untracked(),
            principals: principals.get_untracked(),
            request: request.get_untracked(),
        };
        match files::scenario_file(&t) {
            Some(text) => files::download("scenario.json", &text),
            None => {
                files::download("iamplay-work.json", &iamplay_core::share::to_json(&t));
                notice.set(Some(
                    "Some editor holds text that is not JSON yet, so the raw texts were saved (import them back here)."
                        .into(),
                ));
            }
        }
    };
    let import = move |ev: leptos::ev::Event| {
        let Some(file) = files::chosen_file(&ev) else { return };
        leptos::task::spawn_local(async move {
            match files::read_text(&file).await.and_then(|text| files::texts_from_file(&text)) {
                Ok(t) => {
                    policies.set(t.policies);
                    principals.set(t.principals);
                    request.set(t.request);
                    selected.set(0);
                    notice.set(None);
                }
                Err(why) => {
                    notice.set(Some(format!("This file cannot be imported: {why}. Your current work is kept.")))
                }
            }
        });
    };
    let open_link = move || {
        let t = Texts { policies: policies.get(), principals: principals.get(), request: request.get() };
        let base = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
        format!("{base}#s={}", iamplay_core::share::encode(&t))
    };
    let read_only = embed.as_ref().is_some_and(|e| e.read_only);
    let chosen = embed.as_ref().map(|e| e.editors.clone());
    let show = move |name: &'static str| chosen.as_ref().is_none_or(|e| e.contains(&name));
    let layout_class = match &embed {
        None => "layout".to_string(),
        Some(e) => format!("layout embed embed-{}", e.editors.len()),
    };
    let is_embed = embed.is_some();
    let in_exercise = session.is_some();
    let locked = |name: &str| session.as_ref().is_some_and(|s| !s.exercise().is_editable(exercise::part_of(name)));
    let (lock_p, lock_pr, lock_r) = (locked("policies"), locked("principals"), locked("request"));
    let layout_class = if in_exercise { "layout exercise".to_string() } else { layout_class };
    let text_signals = TextSignals { policies, principals, request };
    let task = session.clone().map(|s| {
        let ex = s.exercise().clone();
        let summaries = exercise::request_summaries(&ex);
        let grade = Memo::new(move |_| {
            let work = Texts { policies: policies.get(), principals: principals.get(), request: request.get() };
            exercise::grade_view(&ex, &summaries, &work)
        });
        view! { <TaskPanel session=s grade=grade texts=text_signals /> }
    });
    let pack_title = session.as_ref().map(|s| s.pack.title.clone()).unwrap_or_default();
    let playground_href = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();

    view! {
        <Show when=move || in_exercise>
            <header class="topbar">
                <h1>"IAM policy playground · " <span class="muted">{format!("workshop: {pack_title}")}</span></h1>
                <a href=playground_href.clone() data-testid="leave-exercises">"Leave the exercises"</a>
            </header>
        </Show>
        <Show when=move || is_embed>
            <header class="topbar compact">
                <strong>"IAM policy playground"</strong>
                <a data-testid="open-in-playground" href=open_link target="_blank" rel="noopener">"Open in playground ↗"</a>
            </header>
        </Show>
        <Show when=move || !is_embed && !in_exercise>
        <header class="topbar">
            <h1>"IAM policy playground"</h1>
            <label class="gallery">
                "Example: "
                <select
                    data-testid="examples"
                    on:change=move |ev| load_example(event_target_value(&ev))
                >
                    <option value="" selected=true disabled=true>"load an example…"</option>
                    {EXAMPLES
                        .iter()
                        .map(|(name, _)| view! { <option value=*name>{examples::title(name)}</option> })
                        .collect_view()}
                </select>
            </label>
            <button data-testid="share" on:click=share>"Share link"</button>
            <button data-testid="export" on:click=export>"Export"</button>
            <a href="?exercises" data-testid="open-exercises">"Exercises"</a>
            <label class="import">
                "Import…"
                <input type="file" accept=".json,application/json" data-testid="import" on:change=import />
            </label>
        </header>
        </Show>
        {move || notice.get().map(|n| view! { <p class="notice" role="status" data-testid="notice">{n}</p> })}
        <main class=layout_class>
            {task}
            {show("policies").then(|| view! { <Editor name="policies" title=editor_title("policies", lock_p) text=policies diagnostics=diags_for("policies") highlights=highlights_for("policies") read_only=read_only || lock_p /> })}
            {show("principals").then(|| view! { <Editor name="principals" title=editor_title("principals", lock_pr) text=principals diagnostics=diags_for("principals") highlights=highlights_for("principals") read_only=read_only || lock_pr /> })}
            {show("request").then(|| view! { <Editor name="request" title=editor_title("request", lock_r) text=request diagnostics=diags_for("request") highlights=highlights_for("request") read_only=read_only || lock_r /> })}
            <section class="pane result-pane" aria-label="Result" data-revision=move || current.get().revision.to_string()>
                <h2 class="pane-title">"Result"</h2>
                <ResultPanel selected_result=panel_result fresh=selected_result request=request selected=selected />
                <TracePanel selected_result=panel_result fresh=selected_result />
                <RequestsTable shown=shown selected=selected />
                <Problems current=current />
            </section>
        </main>
    }
}

#[component]
fn ResultPanel(
    selected_result: Memo<(Option<ResultView>, bool)>,
    fresh: Memo<(Option<ResultView>, bool)>,
    request: RwSignal<String>,
    selected: RwSignal<usize>,
) -> impl IntoView {
    let decision_attr = move || selected_result.get().0.map(|r| r.decision.as_str()).unwrap_or("");
    let stale_attr = move || if selected_result.get().1 { "true" } else { "false" };
    view! {
        <div
            class=move || {
                let (r, stale) = selected_result.get();
                format!("decision {} {}", r.map_or("none", |r| decision_class(r.decision)), if stale { "stale" } else { "" })
            }
            data-testid="decision"
            data-decision=decision_attr
            data-stale=stale_attr
            role="status"
            aria-live="polite"
        >
            {move || {
                let (r, stale) = selected_result.get();
                match r {
                    None => view! { <span class="decision-word">"No result yet"</span> }.into_any(),
                    Some(r) => {
                        view! {
                            <span class="decision-word">{decision_words(r.decision)}</span>
                            <span class="decision-request">{format!("{} · {} · {}", r.principal, r.action, r.resource)}</span>
                            {stale.then(|| view! { <span class="stale-badge">"stale: the input has errors"</span> })}
                            {(!r.complete).then(|| view! { <span class="stale-badge">"incomplete: a policy in play has errors"</span> })}
                        }
                            .into_any()
                    }
                }
            }}
        </div>
        {move || {
            let (r, _) = selected_result.get();
            r.map(|r| {
                let deciding = r.deciding.clone();
                view! {
                    <h3>"Decided by"</h3>
                    <ul class="decided-by" data-testid="decided-by">
                        {deciding
                            .into_iter()
                            .map(|d| {
                                let label = d.label.clone();
                                view! {
                                    <li>
                                        <button
                                            class=if d.deny { "stmt deny" } else { "stmt allow" }
                                            on:click=move |_| reveal_label(fresh, &label)
                                            title="show this statement"
                                        >
                                            {d.label.clone()}
                                        </button>
                                        <span class="muted">
                                            {format!(" {} {}", d.policy_type, d.sid.map(|s| format!("({s})")).unwrap_or_default())}
                                        </span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    {r.blocked_by.clone().map(|b| view! { <p class="blocked" data-testid="blocked-by">"Blocked by: " <strong>{b}</strong></p> })}
                    {r.conflict.clone().map(|c| view! { <p class="conflict">"Documented conflict: " {c}</p> })}
                    {(!r.checks.is_empty()).then(|| view! {
                        <ul class="checks">
                            {r.checks.iter().map(|(what, d, gate)| view! {
                                <li>{format!("{what}: {}{}", decision_words(*d), gate.as_ref().map(|g| format!(" (blocked by {g})")).unwrap_or_default())}</li>
                            }).collect_view()}
                        </ul>
                    })}
                    <ul class="notes">{r.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
                    <MissingKeys keys=r.missing_keys.clone() request=request selected=selected />
                }
            })
        }}
    }
}

/// The per-statement trace and the request context. Rendered one frame after the
/// decision (a deferred copy of the result), so the decision itself updates within the
/// keystroke's frame even when many statements are in play.
#[component]
fn TracePanel(
    selected_result: Memo<(Option<ResultView>, bool)>,
    fresh: Memo<(Option<ResultView>, bool)>,
) -> impl IntoView {
    let deferred = RwSignal::new(None::<ResultView>);
    Effect::new(move |_| {
        let (r, _) = selected_result.get();
        leptos::prelude::request_animation_frame(move || deferred.set(r));
    });
    move || {
        deferred.get().map(|r| {
            view! {
                    <details class="trace" open=true>
                    <summary>"Every statement in play"</summary>
                    {r.policies.iter().map(|p| view! {
                        <div class="policy-trace">
                            <h4>{format!("{} ", p.name)} <span class="muted">{format!("{} · {}", p.policy_type, p.via)}</span></h4>
                            <ul>
                                {p.statements.iter().map(|s| {
                                    let label = s.label.clone();
                                    view! {
                                        <li class=if s.applies { "applies" } else { "" }>
                                            <button class="stmt" on:click=move |_| reveal_label(fresh, &label)>
                                                {format!("#{} {} {}", s.label.rsplit('#').next().unwrap_or(""), s.effect, s.sid.clone().unwrap_or_default())}
                                            </button>
                                            " " {s.verdict}
                                            <ul class="parts">
                                                {s.parts.iter().map(|(ok, text)| view! {
                                                    <li class=if *ok { "ok" } else { "no" }>{if *ok { "✓ " } else { "✗ " }}{text.clone()}</li>
                                                }).collect_view()}
                                            </ul>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </div>
                    }).collect_view()}
                </details>
                <details class="context">
                    <summary>"Request context (derived and given)"</summary>
                    <table>
                        {r.context.iter().map(|(k, v, o)| view! { <tr><td>{k.clone()}</td><td>{v.clone()}</td><td class="muted">{*o}</td></tr> }).collect_view()}
                    </table>
                </details>
            }
        })
    }
}

/// Scrolls to a statement (`policy#index`) of the current result.
fn reveal_label(fresh: Memo<(Option<ResultView>, bool)>, label: &str) {
    let (r, _) = fresh.get_untracked();
    let Some(r) = r else { return };
    let place = r.deciding.iter().find(|d| d.label == label).and_then(|d| d.place.clone()).or_else(|| {
        r.policies.iter().flat_map(|p| p.statements.iter()).find(|s| s.label == label).and_then(|s| s.place.clone())
    });
    if let Some(p) = place {
        reveal(&p);
    }
}

/// Adds a context key (empty value, ready to fill in) to the selected request's text.
fn add_context_key(request: RwSignal<String>, index: usize, key: &str) {
    let Ok(mut v) = serde_json::from_str::<serde_json::Value>(&request.get_untracked()) else { return };
    let target = match &mut v {
        serde_json::Value::Array(items) => items.get_mut(index),
        obj @ serde_json::Value::Object(_) => Some(obj),
        _ => None,
    };
    let Some(serde_json::Value::Object(req)) = target else { return };
    let context = req.entry("context").or_insert_with(|| serde_json::json!({}));
    if let serde_json::Value::Object(ctx) = context {
        ctx.entry(key.to_string()).or_insert_with(|| serde_json::json!(""));
    }
    if let Ok(text) = serde_json::to_string_pretty(&v) {
        request.set(text);
    }
}

#[component]
fn MissingKeys(keys: Vec<String>, request: RwSignal<String>, selected: RwSignal<usize>) -> impl IntoView {
    (!keys.is_empty()).then(|| {
        view! {
            <div class="missing" data-testid="missing-keys">
                <h3>"Context keys the policies read that the request lacks"</h3>
                <ul>
                    {keys
                        .into_iter()
                        .map(|k| {
                            let key = k.clone();
                            view! {
                                <li>
                                    <code>{k}</code>
                                    " "
                                    <button
                                        class="stmt"
                                        data-testid="add-key"
                                        title="add this key to the request's context"
                                        on:click=move |_| add_context_key(request, selected.get_untracked(), &key)
                                    >
                                        "add to request"
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}

#[component]
fn RequestsTable(shown: Memo<(ViewModel, bool)>, selected: RwSignal<usize>) -> impl IntoView {
    // only what the table shows, so unrelated edits do not re-render it
    let rows = Memo::new(move |_| {
        shown
            .get()
            .0
            .results
            .into_iter()
            .map(|r| r.map(|r| (r.principal, r.action, r.resource, r.decision, r.expect)))
            .collect::<Vec<_>>()
    });
    move || {
        let results = rows.get();
        (results.len() > 1).then(|| {
            view! {
                <table class="requests" data-testid="requests">
                    <thead><tr><th>"#"</th><th>"Request"</th><th>"Decision"</th><th>"Expected"</th></tr></thead>
                    <tbody>
                        {results.iter().enumerate().map(|(i, r)| {
                            let (what, decision, expect, pass) = match r {
                                Some((principal, action, resource, decision, expect)) => (format!("{principal} {action} {resource}"), decision_words(*decision), expect.map(decision_words).unwrap_or("—"), expect.map(|e| e == *decision)),
                                None => ("(cannot be read)".to_string(), "—", "—", None),
                            };
                            let class = match pass { Some(true) => "pass", Some(false) => "fail", None => "" };
                            view! {
                                <tr class=class data-pass=pass.map(|p| p.to_string()).unwrap_or_default() on:click=move |_| selected.set(i)>
                                    <td><button class="stmt">{i + 1}</button></td><td>{what}</td><td>{decision}</td>
                                    <td>{expect}{match pass { Some(true) => " ✓", Some(false) => " ✗", None => "" }}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }
        })
    }
}

#[component]
fn Problems(current: Memo<ViewModel>) -> impl IntoView {
    let diagnostics = Memo::new(move |_| current.get().diagnostics);
    view! {
        <h3>"Problems"</h3>
        <ul class="problems" data-testid="diagnostics">
            {move || {
                diagnostics.get().into_iter().map(|d: Diag| {
                    let place = model::Place { editor: d.editor, from: d.from, to: d.to };
                    view! {
                        <li class=d.severity data-code=d.code data-line=d.line.to_string() data-column=d.column.to_string() data-editor=d.editor>
                            <button class="stmt" on:click=move |_| reveal(&place)>
                                {format!("{} {}:{}", d.editor, d.line, d.column)}
                            </button>
                            {format!(" {}: {}", d.severity, d.message)}
                            {d.help.map(|h| view! { <div class="help">{h}</div> })}
                        </li>
                    }
                }).collect_view()
            }}
        </ul>
    }
}
