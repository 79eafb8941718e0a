//! The findings only the linter and AWS's catalog make, for the first module to show
//! beside its own diagnostics (`workspace::lint_findings`).

use serde::Serialize;
use wasm_bindgen::JsValue;

#[derive(Serialize)]
struct Found {
    editor: &'static str,
    severity: &'static str,
    code: &'static str,
    message: String,
    help: Option<String>,
    line: usize,
    column: usize,
    from: usize,
    to: usize,
}

#[derive(Serialize)]
struct Findings {
    diagnostics: Vec<Found>,
    more: usize,
    /// Whether AWS's catalog was here (its rules ran).
    catalog: bool,
}

pub fn of(policies: &str, principals: &str, requests: &str) -> JsValue {
    let aws = crate::HeldByTheFirstModule { linting: true };
    let (shown, more) = iamplay_core::workspace::lint_findings(policies, principals, requests, &aws);
    let diagnostics = shown
        .into_iter()
        .map(|d| Found {
            editor: d.editor,
            severity: d.severity,
            code: d.code,
            message: d.message,
            help: d.help,
            line: d.line,
            column: d.column,
            from: d.from,
            to: d.to,
        })
        .collect();
    let catalog = crate::catalog::get().is_some();
    serde_wasm_bindgen::to_value(&Findings { diagnostics, more, catalog }).unwrap_or(JsValue::NULL)
}
