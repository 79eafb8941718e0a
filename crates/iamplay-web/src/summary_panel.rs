//! "What each policy allows": the policy summary (per service, each access level, full or
//! limited; grants that allow privilege escalation) of the Policies editor's documents,
//! made with AWS's catalog once it is here, and only while the section is open.

use crate::result::text;
use iamplay_core::report::summary::{grouped, grouped_words, service_words, summarized, summary_report};
use leptos::prelude::*;

/// The summary as HTML (a string: it is rebuilt on edits while open).
fn summary_html(policies: &str, principals: &str) -> String {
    let Some(catalog) = crate::catalog::get() else {
        return "<p class=\"muted\">Waiting for AWS's catalog (IAM data: loading…).</p>".into();
    };
    let sc = iamplay_core::scenario::load_parts(policies, principals, "[]");
    let report = summary_report(summarized(&sc), catalog);
    let mut out = String::new();
    for p in &report.policies {
        out.push_str(&format!(
            "<div class=\"policy-summary\" data-policy=\"{}\"><h4>{}</h4><ul>",
            text(&p.policy),
            text(&p.policy)
        ));
        if p.services.is_empty() {
            out.push_str("<li class=\"muted\">allows no action AWS lists</li>");
        }
        let (one_by_one, together) = grouped(p);
        if !together.is_empty() {
            out.push_str(&format!("<li>{}</li>", text(&grouped_words(&together, !one_by_one.is_empty()))));
        }
        for x in one_by_one {
            let on = match x.resources.is_empty() {
                true => String::new(),
                false => format!("<div class=\"muted\">on {}</div>", text(&x.resources.join(", "))),
            };
            out.push_str(&format!("<li data-service=\"{}\">{}{on}</li>", text(&x.prefix), text(&service_words(x))));
        }
        if !p.denied.is_empty() {
            out.push_str(&format!("<li class=\"muted\">denies actions of: {}</li>", text(&p.denied.join(", "))));
        }
        for e in &p.privilege_escalation {
            let statements: Vec<String> = e.statements.iter().map(|i| format!("#{i}")).collect();
            out.push_str(&format!(
                "<li class=\"escalation\" data-testid=\"escalation\" data-risk=\"{}\">⚠ privilege escalation: {} (statement {}; <a href=\"{}\" target=\"_blank\" rel=\"noopener\">how</a>)</li>",
                e.id,
                text(e.why),
                statements.join(", "),
                text(e.source)
            ));
        }
        out.push_str("</ul></div>");
    }
    out
}

#[component]
pub fn SummaryPanel(policies: RwSignal<String>, principals: RwSignal<String>, revision: Signal<u64>) -> impl IntoView {
    let open = RwSignal::new(false);
    let toggled = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let details = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        open.set(details.is_some_and(|d| d.has_attribute("open")));
    };
    // the catalog's arrival re-evaluates the texts: the revision follows it
    let html = Memo::new(move |_| {
        revision.track();
        match open.get() {
            true => summary_html(&policies.get(), &principals.get()),
            false => String::new(),
        }
    });
    view! {
        <details class="summary-panel" data-testid="summary" on:toggle=toggled>
            <summary>"What each policy allows (summary)"</summary>
            <div inner_html=move || html.get()></div>
        </details>
    }
}
