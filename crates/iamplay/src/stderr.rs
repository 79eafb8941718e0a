//! Diagnostics on standard error: one `FILE:LINE:COL: severity: message` line each (what
//! docs/scenario.md fixes, and what scripts read), or, on a terminal, each with its source
//! line and the span underlined.

use crate::args::Diagnostics;
use crate::terminal::{safe, safe_source};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use iamplay_core::diagnostic::{Diagnostic, Severity};
use iamplay_core::source::LineIndex;
use std::io::{IsTerminal, Write};

/// Rich rendering stops after this many diagnostics (the JSON report has them all).
const RICH_AT_MOST: usize = iamplay_core::limits::SHOWN_DIAGNOSTICS;

/// How diagnostics are written: one line each, or drawn with their source lines
/// (coloured or not).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Lines,
    Rich { color: bool },
}

/// The style `--diagnostics` and `--color` ask for (auto: drawn on a terminal, coloured
/// there unless NO_COLOR is set).
pub fn style(output: &crate::args::Output) -> Style {
    let terminal = std::io::stderr().is_terminal();
    let rich = match output.diagnostics {
        Diagnostics::Rich => true,
        Diagnostics::Lines => false,
        Diagnostics::Auto => terminal,
    };
    let color = match output.color {
        crate::args::Color::Always => true,
        crate::args::Color::Never => false,
        crate::args::Color::Auto => terminal && std::env::var_os("NO_COLOR").is_none(),
    };
    if rich {
        Style::Rich { color }
    } else {
        Style::Lines
    }
}

/// The style of a command without `--diagnostics` and `--color` options.
pub fn auto_style() -> Style {
    let terminal = std::io::stderr().is_terminal();
    if terminal {
        Style::Rich { color: std::env::var_os("NO_COLOR").is_none() }
    } else {
        Style::Lines
    }
}

/// Writes the diagnostics of `text` (shown as `shown`) to standard error.
/// Text from the file is shown with its control characters escaped ([`safe`]).
pub fn print(shown: &str, text: &str, index: &LineIndex, diagnostics: &[Diagnostic], style: Style) {
    let mut stderr = std::io::stderr().lock();
    let shown = safe(shown);
    if let Style::Rich { color } = style {
        let renderer = if color { Renderer::styled() } else { Renderer::plain() };
        let text = safe_source(text);
        for d in diagnostics.iter().take(RICH_AT_MOST) {
            let (message, help) = (safe(&d.message), d.help.as_deref().map(safe));
            let _ = writeln!(stderr, "{}\n", renderer.render(&report(&shown, &text, d, &message, help.as_deref())));
        }
        if diagnostics.len() > RICH_AT_MOST {
            let _ =
                writeln!(stderr, "… and {} more (the JSON report lists them all)", diagnostics.len() - RICH_AT_MOST);
        }
        return;
    }
    for d in diagnostics {
        let p = index.position(d.span.start);
        let _ = writeln!(stderr, "{shown}:{}:{}: {}: {}", p.line, p.column, d.severity.as_str(), safe(&d.message));
    }
}

fn report<'a>(
    shown: &'a str,
    text: &'a str,
    d: &'a Diagnostic,
    message: &'a str,
    help: Option<&'a str>,
) -> Vec<Group<'a>> {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Suggestion => Level::HELP,
    };
    let end = d.span.end.max(d.span.start).min(text.len());
    let mut groups = vec![level.primary_title(message).id(d.code.as_str()).element(
        Snippet::source(text).path(shown).annotation(AnnotationKind::Primary.span(d.span.start.min(end)..end)),
    )];
    if let Some(help) = help {
        groups.push(Group::with_title(Level::HELP.secondary_title(help)));
    }
    groups
}
