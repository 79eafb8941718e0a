//! "Copy embed snippet": the HTML a docs author pastes to embed the current example (the
//! chosen editors, read-only or not), made by `iamplay_core::embed` with this page's own
//! address, copied to the clipboard and shown to copy by hand.

use crate::work::Work;
use iamplay_core::embed::{snippet, EDITORS};
use leptos::prelude::*;

/// This page's folder (`https://host/path/`): the address the snippet's frame loads.
fn base() -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else { return String::new() };
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    let folder = path.rsplit_once('/').map_or("", |(folder, _)| folder);
    format!("{origin}{folder}/")
}

#[component]
pub fn CopyEmbed(work: Work) -> impl IntoView {
    let open = RwSignal::new(false);
    let chosen = RwSignal::new(vec!["policies", "request"]);
    let read_only = RwSignal::new(true);
    let html = Memo::new(move |_| match open.get() {
        true => snippet(&base(), &chosen.get(), read_only.get(), &work.texts.get()),
        false => String::new(),
    });
    let copy = move || {
        if let Some(w) = web_sys::window() {
            let _ = w.navigator().clipboard().write_text(&html.get_untracked());
        }
    };
    view! {
        <button
            data-testid="copy-embed"
            aria-expanded=move || open.get().to_string()
            on:click=move |_| {
                open.set(true);
                copy();
            }
        >
            "Copy embed snippet"
        </button>
        <Show when=move || open.get()>
            <div class="embed-snippet" data-testid="embed-snippet" role="dialog" aria-label="Embed snippet">
                <p>
                    "Copied. Paste it into a page of your docs; the frame sizes itself to its content."
                    <button class="close" title="close" on:click=move |_| open.set(false)>"×"</button>
                </p>
                <fieldset>
                    <legend>"Show"</legend>
                    {EDITORS.into_iter().map(|name| view! {
                        <label>
                            <input
                                type="checkbox"
                                data-testid="embed-pane"
                                value=name
                                prop:checked=move || chosen.get().contains(&name)
                                on:change=move |_| {
                                    chosen.update(|c| match c.iter().position(|e| *e == name) {
                                        Some(i) if c.len() > 1 => { c.remove(i); }
                                        Some(_) => {}
                                        None => c.push(name),
                                    });
                                    copy();
                                }
                            />
                            {name}
                        </label>
                    }).collect_view()}
                    <label>
                        <input
                            type="checkbox"
                            data-testid="embed-readonly"
                            prop:checked=move || read_only.get()
                            on:change=move |_| {
                                read_only.update(|r| *r = !*r);
                                copy();
                            }
                        />
                        "read-only"
                    </label>
                </fieldset>
                <textarea readonly=true rows="4" data-testid="embed-html" prop:value=move || html.get()></textarea>
            </div>
        </Show>
    }
}
