//! The top bars: the playground's (examples, share link, export, import, restore, the
//! way to the exercises), exercise mode's, and an embed's compact one.

use crate::address;
use crate::examples::{self, EXAMPLES};
use crate::files;
use crate::share_link;
use crate::storage::Kept;
use crate::work::{Arrival, TextSignals, Work};
use leptos::prelude::*;

/// When a piece of kept work was kept, in the visitor's own time zone.
fn when(k: &Kept) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(k.kept_at));
    String::from(date.to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED))
}

/// A few words on what a piece of work holds: its policy names.
fn summary(k: &Kept) -> String {
    let names: Vec<String> = iamplay_core::json::value(&k.texts.policies)
        .and_then(|v| v.as_object().map(|o| o.keys().take(3).cloned().collect()))
        .unwrap_or_default();
    if names.is_empty() {
        "work in progress".to_string()
    } else {
        format!("policies {}", names.join(", "))
    }
}

/// Brings back entry `i` of the Restore list; a notice about what was replaced (a share
/// link's "Restore brings it back") no longer holds.
fn restore(work: Work, notice: RwSignal<Option<String>>, i: usize) {
    work.restore(i);
    notice.set(None);
}

/// The work that a share link, an example or an import replaced, newest first.
#[component]
fn Restore(work: Work, notice: RwSignal<Option<String>>) -> impl IntoView {
    move || {
        let list = work.restorable.get();
        (!list.is_empty()).then(|| {
            let older = list.len() > 1;
            view! {
                <span class="restore">
                    <button
                        data-testid="restore-work"
                        title=format!("bring back the work kept {}", list.first().map(when).unwrap_or_default())
                        on:click=move |_| restore(work, notice, 0)
                    >
                        "Restore previous work"
                    </button>
                    {older.then(|| view! {
                        <details class="restore-list" data-testid="restore-list">
                            <summary>{format!("{} kept", list.len())}</summary>
                            <ol>
                                {list.iter().enumerate().map(|(i, k)| view! {
                                    <li>
                                        <button on:click=move |_| restore(work, notice, i)>"Restore"</button>
                                        " " {when(k)} <span class="muted">{format!(" · {}", summary(k))}</span>
                                    </li>
                                }).collect_view()}
                            </ol>
                        </details>
                    })}
                </span>
            }
        })
    }
}

#[component]
pub fn PlaygroundBar(work: Work, notice: RwSignal<Option<String>>, selected: RwSignal<usize>) -> impl IntoView {
    let load_example = move |name: String| {
        if let Some(t) = examples::example(&name) {
            work.replace(t, Arrival::Chosen);
            selected.set(0);
            notice.set(None);
        }
    };
    let share = move |_| {
        let texts = work.texts.get_untracked();
        leptos::task::spawn_local(async move {
            let fragment = match share_link::fragment(&texts).await {
                Ok(f) => format!("s={f}"),
                Err(why) => return notice.set(Some(format!("No share link could be made: {why}."))),
            };
            if let Some(w) = web_sys::window() {
                let _ = w.location().set_hash(&fragment);
                let href = w.location().href().unwrap_or_default();
                let _ = w.navigator().clipboard().write_text(&href);
                notice.set(Some("The link to this state is in the address bar (and copied to the clipboard).".into()));
            }
        });
    };
    let export = move |_| {
        let t = work.texts.get_untracked();
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
                    work.replace(t, Arrival::Chosen);
                    selected.set(0);
                    notice.set(None);
                }
                Err(why) => {
                    notice.set(Some(format!("This file cannot be imported: {why}. Your current work is kept.")))
                }
            }
        });
    };
    view! {
        <header class="topbar">
            <h1>"IAM policy playground"</h1>
            <label class="gallery">
                "Example: "
                <select data-testid="examples" on:change=move |ev| load_example(event_target_value(&ev))>
                    <option value="" selected=true disabled=true>"load an example…"</option>
                    {EXAMPLES
                        .iter()
                        .map(|(name, _)| view! { <option value=*name>{examples::title(name)}</option> })
                        .collect_view()}
                </select>
            </label>
            <button data-testid="share" on:click=share>"Share link"</button>
            <button data-testid="export" on:click=export>"Export"</button>
            <crate::embed_snippet::CopyEmbed work=work />
            <label class="import">
                "Import…"
                <input type="file" accept=".json,application/json" data-testid="import" on:change=import />
            </label>
            <Restore work=work notice=notice />
            <a href="?exercises" data-testid="open-exercises">"Exercises"</a>
        </header>
    }
}

#[component]
pub fn ExerciseBar(pack_title: String) -> impl IntoView {
    view! {
        <header class="topbar">
            <h1>"IAM policy playground · " <span class="muted">{format!("workshop: {pack_title}")}</span></h1>
            <a href="./" data-testid="leave-exercises">"Leave the exercises"</a>
        </header>
    }
}

#[component]
pub fn EmbedBar(texts: TextSignals) -> impl IntoView {
    // the link carries the texts: made again (by the browser's compressor) when they
    // change; a late answer for older texts never replaces a newer one
    let open_link = RwSignal::new(address::playground_link(""));
    let asked = StoredValue::new(0_u32);
    Effect::new(move |_| {
        let t = texts.get();
        asked.update_value(|n| *n += 1);
        let this = asked.get_value();
        leptos::task::spawn_local(async move {
            if let Ok(f) = share_link::fragment(&t).await {
                if asked.get_value() == this {
                    open_link.set(address::playground_link(&format!("s={f}")));
                }
            }
        });
    });
    view! {
        <header class="topbar compact">
            <strong>"IAM policy playground"</strong>
            <a data-testid="open-in-playground" href=open_link target="_blank" rel="noopener">"Open in playground ↗"</a>
        </header>
    }
}
