//! The result side of the playground: the decision (and its strip on narrow screens),
//! the deciding statements, the gate, the notes, the missing context keys, the
//! per-statement trace, the requests table and the problems list. Each panel reads only
//! what it shows, so an edit re-renders only the panels whose content changed.

use crate::editor::reveal;
use crate::exercise::{self, GradeView};
use iamplay_core::exercise::escape_markup;
use iamplay_core::report::visible::visible;
use iamplay_core::scenario::Decision;
use iamplay_core::workspace::{self as model, CheckView, Diag, PolicyRows, ResultView, ViewModel};
use leptos::prelude::*;

pub use iamplay_core::report::words::decision as decision_words;

fn decision_class(d: Decision) -> &'static str {
    match d {
        Decision::Allow => "allow",
        Decision::ExplicitDeny => "explicit-deny",
        Decision::ImplicitDeny => "implicit-deny",
    }
}

/// On narrow screens the panes are stacked: this strip stays at the top of the window
/// with the decision (and an exercise's status), so it is in view whichever editor is
/// being typed in. A click scrolls to the result. Hidden on wide screens, where the
/// result pane is always beside the editors.
#[component]
pub fn DecisionStrip(
    selected_result: Memo<(Option<ResultView>, bool)>,
    grade: Option<Memo<GradeView>>,
) -> impl IntoView {
    let to_result = move |_| {
        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("result")) {
            el.scroll_into_view();
        }
    };
    view! {
        <div class="decision-strip" data-testid="decision-strip">
            {move || {
                let (decision, stale) = selected_result.with(|(r, stale)| (r.as_ref().map(|r| r.decision), *stale));
                let class = decision.map_or("none", decision_class);
                let words = decision.map_or("No result yet", decision_words);
                let stale = if stale { " (stale)" } else { "" };
                view! { <strong class=format!("strip-decision {class}")>{format!("{words}{stale}")}</strong> }
            }}
            {grade.map(|g| view! {
                <span class=move || if g.get().solved { "strip-status solved" } else { "strip-status" }>
                    {move || exercise::status_words(&g.get())}
                </span>
            })}
            <button class="strip-link" on:click=to_result>"Result ↓"</button>
        </div>
    }
}

#[component]
pub fn ResultPanel(
    selected_result: Memo<(Option<ResultView>, bool)>,
    fresh: Memo<(Option<ResultView>, bool)>,
    pending: Memo<Vec<String>>,
    request: RwSignal<String>,
    selected: RwSignal<usize>,
) -> impl IntoView {
    let decision_attr = move || selected_result.with(|(r, _)| r.as_ref().map_or("", |r| r.decision.as_str()));
    let stale_attr = move || if selected_result.with(|(_, stale)| *stale) { "true" } else { "false" };
    view! {
        <div
            class=move || {
                selected_result.with(|(r, stale)| {
                    let class = r.as_ref().map_or("none", |r| decision_class(r.decision));
                    format!("decision {class} {}", if *stale { "stale" } else { "" })
                })
            }
            data-testid="decision"
            data-decision=decision_attr
            data-stale=stale_attr
            data-pending=move || pending.with(|p| (!p.is_empty()).then_some("aws-managed"))
            role="status"
            aria-live="polite"
        >
            {move || {
                let (r, stale) = selected_result.get();
                let waiting = pending.get();
                match r {
                    None if !waiting.is_empty() => view! {
                        <span class="decision-word">"Fetching…"</span>
                        <span class="decision-request">{format!("the AWS managed policy {}", waiting.join(", "))}</span>
                    }
                    .into_any(),
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
                    {deciding.is_empty().then(|| view! {
                        <p class="muted" data-testid="no-deciding">
                            {if r.decision == Decision::ImplicitDeny { "no statement allows this request" } else { "no statement (see the notes)" }}
                        </p>
                    })}
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
                    <ul class="notes">{r.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
                    <MissingKeys keys=r.missing_keys.clone() never=r.missing_never_carried.clone() request=request selected=selected />
                }
            })
        }}
    }
}

/// The per-statement trace and the request context. Rendered one frame after the
/// decision (a deferred copy of the result), so the decision itself updates within the
/// keystroke's frame even when many statements are in play.
#[component]
pub fn TracePanel(
    selected_result: Memo<(Option<ResultView>, bool)>,
    fresh: Memo<(Option<ResultView>, bool)>,
    /// An embed: the trace starts folded, so the decision and its statement come first.
    #[prop(optional)]
    folded: bool,
) -> impl IntoView {
    let deferred = RwSignal::new(None::<ResultView>);
    Effect::new(move |_| {
        let (r, _) = selected_result.get();
        leptos::prelude::request_animation_frame(move || deferred.set(r));
    });
    // one listener for every statement button of the trace (its HTML is made as a string)
    let reveal_clicked = move |ev: leptos::ev::MouseEvent| {
        if let Some(label) = clicked_attribute(&ev, "button[data-label]", "data-label") {
            reveal_label(fresh, &label);
        }
    };
    move || {
        deferred.get().map(|r| {
            if r.checks.is_empty() {
                return view! {
                    <details class="trace" open=!folded>
                        <summary>"Every statement in play"</summary>
                        <div on:click=reveal_clicked inner_html=policies_html(&r.policies)></div>
                    </details>
                    <details class="context">
                        <summary>"Request context (derived and given)"</summary>
                        <table inner_html=context_html(&r.context)></table>
                    </details>
                }
                .into_any();
            }
            // a launch: each check against its own request, with its own statements
            view! { <div on:click=reveal_clicked inner_html=checks_html(&r.checks, folded)></div> }.into_any()
        })
    }
}

/// `iam:PassRole on arn:…: Implicit deny (blocked by identity)`
fn check_words(c: &CheckView) -> String {
    let gate = c.blocked_by.as_ref().map(|g| format!(" (blocked by {g})")).unwrap_or_default();
    format!("{}: {}{gate}", c.what, decision_words(c.decision))
}

/// Text from the input as HTML: shown escaped where it could move or reorder text, then
/// escaped as markup (every panel made as an HTML string uses it).
pub(crate) fn text(s: &str) -> String {
    escape_markup(&visible(s))
}

/// `text`, with a line break allowed after each `:` and `/` (`ec2:<wbr>RunInstances`),
/// so a narrow column breaks a name where it reads well.
fn breakable(s: &str) -> String {
    text(s).replace(':', ":<wbr>").replace('/', "/<wbr>")
}

/// Each policy in play with its statements, each part compared, as HTML (a string: the
/// trace changes on every keystroke, and one HTML binding costs far less wasm than a view
/// per statement and part). A statement's button carries its label (`data-label`).
fn policies_html(policies: &[PolicyRows]) -> String {
    let mut out = String::new();
    for p in policies {
        let managed = p.aws_managed.as_ref().map(|a| format!("{a} · ")).unwrap_or_default();
        let about = format!("{managed}{} · {}", p.policy_type, p.via);
        out.push_str(&format!(
            "<div class=\"policy-trace\"><h4>{} <span class=\"muted\">{}</span></h4><ul>",
            text(&p.name),
            text(&about)
        ));
        for s in &p.statements {
            let index = s.label.rsplit('#').next().unwrap_or("");
            out.push_str(&format!(
                "<li{}><button class=\"stmt\" data-label=\"{}\">#{} {}{}</button> {}<ul class=\"parts\">",
                if s.applies { " class=\"applies\"" } else { "" },
                text(&s.label),
                text(index),
                s.effect,
                s.sid.as_deref().filter(|sid| !sid.is_empty()).map(|sid| format!(" {}", text(sid))).unwrap_or_default(),
                s.verdict
            ));
            for (ok, part) in &s.parts {
                let (class, mark) = if *ok { ("ok", "✓ ") } else { ("no", "✗ ") };
                out.push_str(&format!("<li class=\"{class}\">{mark}{}</li>", text(part)));
            }
            out.push_str("</ul></li>");
        }
        out.push_str("</ul></div>");
    }
    out
}

/// A launch's checks as HTML: each a folding section with its statements and its own
/// request's context.
fn checks_html(checks: &[CheckView], folded: bool) -> String {
    let open = if folded { "" } else { " open" };
    let mut out = String::new();
    for (i, c) in checks.iter().enumerate() {
        out.push_str(&format!(
            "<details class=\"trace\"{open} data-testid=\"check-trace\"><summary>Check {}: {}</summary>{}<details class=\"context\"><summary>This check's request context</summary><table>{}</table></details></details>",
            i + 1,
            text(&check_words(c)),
            policies_html(&c.policies),
            context_html(&c.context)
        ));
    }
    out
}

/// The request context's rows (key, values, origin) as HTML.
fn context_html(rows: &[(String, String, &'static str)]) -> String {
    rows.iter()
        .map(|(k, v, o)| format!("<tr><td>{}</td><td>{}</td><td class=\"muted\">{o}</td></tr>", text(k), text(v)))
        .collect()
}

/// The attribute `attribute` of the element matching `selector` that a click landed in.
fn clicked_attribute(ev: &leptos::ev::MouseEvent, selector: &str, attribute: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    let el = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    el.closest(selector).ok().flatten()?.get_attribute(attribute)
}

/// Scrolls to a statement (`policy#index`) of the current result.
fn reveal_label(fresh: Memo<(Option<ResultView>, bool)>, label: &str) {
    let (r, _) = fresh.get_untracked();
    let Some(r) = r else { return };
    let place = r.deciding.iter().find(|d| d.label == label).and_then(|d| d.place.clone()).or_else(|| {
        let checks = r.checks.iter().flat_map(|c| c.policies.iter());
        r.policies
            .iter()
            .chain(checks)
            .flat_map(|p| p.statements.iter())
            .find(|s| s.label == label)
            .and_then(|s| s.place.clone())
    });
    if let Some(p) = place {
        reveal(&p);
    }
}

/// Adds a context key (empty value, ready to fill in) to the selected request's text.
fn add_context_key(request: RwSignal<String>, index: usize, key: &str) {
    let Some(mut v) = iamplay_core::json::value(&request.get_untracked()) else { return };
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
pub fn MissingKeys(
    keys: Vec<String>,
    never: Vec<String>,
    request: RwSignal<String>,
    selected: RwSignal<usize>,
) -> impl IntoView {
    (!keys.is_empty()).then(|| {
        view! {
            <div class="missing" data-testid="missing-keys">
                <h3>"Context keys the policies read that the request lacks"</h3>
                <ul>
                    {keys
                        .into_iter()
                        .map(|k| {
                            let key = k.clone();
                            let never_sent = never.contains(&k);
                            view! {
                                <li>
                                    <code>{k}</code>
                                    " "
                                    {never_sent.then(|| view! {
                                        <span class="muted" data-testid="never-carried">"never sent with this action (AWS's catalog) "</span>
                                    })}
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
pub fn RequestsTable(shown: Memo<(ViewModel, bool)>, selected: RwSignal<usize>) -> impl IntoView {
    // only what the table shows, so unrelated edits do not re-render it
    let rows = Memo::new(move |_| {
        shown.with(|(m, _)| {
            m.results
                .iter()
                .map(|r| {
                    r.as_ref().map(|r| {
                        let launch = r
                            .instance_profile
                            .as_ref()
                            .map(|p| format!(" with instance profile {p}"))
                            .unwrap_or_default();
                        (r.principal.clone(), r.action.clone(), format!("{}{launch}", r.resource), r.decision, r.expect)
                    })
                })
                .collect::<Vec<_>>()
        })
    });
    // one listener for every row (the rows are made as one HTML string)
    let pick = move |ev: leptos::ev::MouseEvent| {
        if let Some(i) = clicked_attribute(&ev, "tr[data-index]", "data-index").and_then(|i| i.parse().ok()) {
            selected.set(i);
        }
    };
    move || {
        let results = rows.get();
        (results.len() > 1).then(|| {
            view! {
                <table class="requests" data-testid="requests">
                    <thead><tr><th>"#"</th><th>"Request"</th><th>"Decision"</th><th>"Expected"</th></tr></thead>
                    <tbody on:click=pick inner_html=requests_html(&results)></tbody>
                </table>
            }
        })
    }
}

type RequestRow = Option<(String, String, String, Decision, Option<Decision>)>;

/// The requests table's rows as HTML; each row carries its index (`data-index`) and, when
/// the request has an `expect`, whether it is met (`data-pass`).
fn requests_html(results: &[RequestRow]) -> String {
    let mut out = String::new();
    for (i, r) in results.iter().enumerate() {
        // principal and action break after `:` and `/` only; the resource (an ARN) there
        // first, and anywhere in a part too long for the column
        let (what, decision, expect, pass) = match r {
            Some((principal, action, resource, decision, expect)) => (
                format!(
                    "<span class=\"who\">{}</span> <span class=\"who\">{}</span> <span class=\"arn\">{}</span>",
                    breakable(principal),
                    breakable(action),
                    breakable(resource)
                ),
                decision_words(*decision),
                expect.map(decision_words).unwrap_or("—"),
                expect.map(|e| e == *decision),
            ),
            None => ("(cannot be read)".to_string(), "—", "—", None),
        };
        let (class, mark) = match pass {
            Some(true) => ("pass", " ✓"),
            Some(false) => ("fail", " ✗"),
            None => ("", ""),
        };
        out.push_str(&format!(
            "<tr class=\"{class}\" data-index=\"{i}\" data-pass=\"{}\"><td><button class=\"stmt\">{}</button></td><td>{what}</td><td>{decision}</td><td>{expect}{mark}</td></tr>",
            pass.map(|p| p.to_string()).unwrap_or_default(),
            i + 1
        ));
    }
    out
}

/// Every diagnostic of the texts; `data-lint` says whether the lint findings are those of
/// the texts decided, with AWS's catalog unless it cannot be had (`done`), or still to come
/// (`pending`: they follow once the edits pause, from the second module).
#[component]
pub fn Problems(problems: Memo<(Vec<Diag>, usize)>, linted: Memo<bool>) -> impl IntoView {
    let diagnostics = problems;
    view! {
        // no heading over an empty list (an embed of a clean example has none)
        {move || diagnostics.with(|(shown, _)| !shown.is_empty()).then(|| view! { <h3>"Problems"</h3> })}
        <ul class="problems" data-testid="diagnostics" data-lint=move || if linted.get() { "done" } else { "pending" }>
            {move || {
                let (shown, more) = diagnostics.get();
                let shown = shown.into_iter().map(|d: Diag| {
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
                }).collect_view();
                let more = (more > 0).then(|| view! {
                    <li class="more" data-testid="diagnostics-more">{format!("… and {more} more: fix these first")}</li>
                });
                (shown, more)
            }}
        </ul>
    }
}
