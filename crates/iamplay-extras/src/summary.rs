//! The policy summary as HTML: per policy, per service, each access level (full or
//! limited) and the resources, the denied services, and grants that allow privilege
//! escalation; the words are the CLI's (iamplay_core::report::summary).

use crate::text;
use iamplay_core::report::summary::{grouped, grouped_words, service_words, summarized, summary_report};

/// The summary as HTML (a string: it is rebuilt on edits while open).
pub fn html(policies: &str, principals: &str) -> String {
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
