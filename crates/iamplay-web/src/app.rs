//! The playground page: three editors side by side (Policies, Principals, Request), the
//! result panel, the problems panel, the requests table and the examples gallery.
//! Every edit re-parses and re-decides at once; the last good result stays visible,
//! marked stale, while the input is broken.

use crate::editor::{reveal, Editor};
use crate::examples::{self, Texts, EXAMPLES};
use crate::model::{self, Diag, ResultView, ViewModel};
use crate::storage;
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

#[component]
pub fn App() -> impl IntoView {
    let (texts, link_problem) = initial_texts();
    let policies = RwSignal::new(texts.policies);
    let principals = RwSignal::new(texts.principals);
    let request = RwSignal::new(texts.request);
    let notice = RwSignal::new(link_problem);
    let selected = RwSignal::new(0usize);

    let current = Memo::new(move |_| model::compute(&policies.get(), &principals.get(), &request.get()));
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

    // autosave every change
    Effect::new(move |_| {
        storage::save(&Texts { policies: policies.get(), principals: principals.get(), request: request.get() });
    });

    let diags_for = move |editor: &'static str| {
        Signal::derive(move || {
            current
                .get()
                .diagnostics
                .into_iter()
                .filter(|d| d.editor == editor)
                .map(|d| (d.from, d.to, d.severity, d.message))
                .collect::<Vec<_>>()
        })
    };
    let highlights_for = move |editor: &'static str| {
        Signal::derive(move || {
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
        })
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

    view! {
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
        </header>
        {move || notice.get().map(|n| view! { <p class="notice" role="status" data-testid="notice">{n}</p> })}
        <main class="layout">
            <Editor name="policies" title="Policies" text=policies diagnostics=diags_for("policies") highlights=highlights_for("policies") />
            <Editor name="principals" title="Principals" text=principals diagnostics=diags_for("principals") highlights=highlights_for("principals") />
            <Editor name="request" title="Request" text=request diagnostics=diags_for("request") highlights=highlights_for("request") />
            <section class="pane result-pane" aria-label="Result">
                <h2 class="pane-title">"Result"</h2>
                <ResultPanel selected_result=selected_result />
                <RequestsTable shown=shown selected=selected />
                <Problems current=current />
            </section>
        </main>
    }
}

#[component]
fn ResultPanel(selected_result: Memo<(Option<ResultView>, bool)>) -> impl IntoView {
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
                                let place = d.place.clone();
                                view! {
                                    <li>
                                        <button
                                            class=if d.deny { "stmt deny" } else { "stmt allow" }
                                            on:click=move |_| if let Some(p) = &place { reveal(p) }
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
                    <MissingKeys keys=r.missing_keys.clone() />
                    <details class="trace" open=true>
                        <summary>"Every statement in play"</summary>
                        {r.policies.iter().map(|p| view! {
                            <div class="policy-trace">
                                <h4>{format!("{} ", p.name)} <span class="muted">{format!("{} · {}", p.policy_type, p.via)}</span></h4>
                                <ul>
                                    {p.statements.iter().map(|s| {
                                        let place = s.place.clone();
                                        view! {
                                            <li class=if s.applies { "applies" } else { "" }>
                                                <button class="stmt" on:click=move |_| if let Some(pl) = &place { reveal(pl) }>
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
        }}
    }
}

#[component]
fn MissingKeys(keys: Vec<String>) -> impl IntoView {
    (!keys.is_empty()).then(|| {
        view! {
            <div class="missing" data-testid="missing-keys">
                <h3>"Context keys the policies read that the request lacks"</h3>
                <ul>{keys.into_iter().map(|k| view! { <li><code>{k}</code></li> }).collect_view()}</ul>
            </div>
        }
    })
}

#[component]
fn RequestsTable(shown: Memo<(ViewModel, bool)>, selected: RwSignal<usize>) -> impl IntoView {
    move || {
        let (m, _) = shown.get();
        (m.results.len() > 1).then(|| {
            view! {
                <table class="requests" data-testid="requests">
                    <thead><tr><th>"#"</th><th>"Request"</th><th>"Decision"</th><th>"Expected"</th></tr></thead>
                    <tbody>
                        {m.results.iter().enumerate().map(|(i, r)| {
                            let (what, decision, expect, pass) = match r {
                                Some(r) => (format!("{} {} {}", r.principal, r.action, r.resource), decision_words(r.decision), r.expect.map(decision_words).unwrap_or("—"), r.pass()),
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
    view! {
        <h3>"Problems"</h3>
        <ul class="problems" data-testid="diagnostics">
            {move || {
                current.get().diagnostics.into_iter().map(|d: Diag| {
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
