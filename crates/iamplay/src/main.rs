//! `iamplay`: evaluate the requests of a scenario file and explain the decisions; show
//! every access path of a principal; list who can do an action. Output and exit
//! statuses of `eval` follow docs/scenario.md ("CLI output").

mod args;
mod check;
mod eval;
mod expand;
mod explain_error;
mod graph;
mod simulate;
mod stderr;
mod summary;
mod terminal;
mod text;

use args::{Cli, Color, Command, Format};
use clap::Parser;
use iamplay_core::limits;
use iamplay_core::paths::{access_paths, who_can};
use iamplay_core::report::{paths_report, who_can_report};
use iamplay_core::scenario::{load_file_with, resolve_principal, Scenario};
use iamplay_core::source::LineIndex;
use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;

/// How a file named on the command line is shown (`<stdin>` for `-`).
pub(crate) fn shown(file: &Path) -> String {
    if file == Path::new("-") {
        "<stdin>".to_string()
    } else {
        file.to_string_lossy().into_owned()
    }
}

/// A file's text (`-`: standard input), at most [`limits::FILE_BYTES`] of it.
pub(crate) fn read_input(file: &Path) -> Result<String, String> {
    let mut bytes = Vec::new();
    // one byte more than the limit tells a file at the limit from a larger one
    let cap = limits::FILE_BYTES + 1;
    let result = if file == Path::new("-") {
        std::io::stdin().take(cap).read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(file)
            .and_then(|f| {
                // the file's size, read at once: read_to_end through `take` would grow the
                // buffer by doubling, to up to twice the file
                let size = f.metadata().map_or(0, |m| m.len()).min(cap);
                bytes.reserve_exact(usize::try_from(size).unwrap_or_default() + 1);
                f.take(cap).read_to_end(&mut bytes)
            })
            .map(|_| ())
    };
    let file = shown(file);
    result.map_err(|e| format!("{file}: cannot read: {e}"))?;
    if bytes.len() as u64 > limits::FILE_BYTES {
        return Err(format!(
            "{file}: larger than {}, the most iamplay reads; nothing was evaluated",
            limits::bytes_words(limits::FILE_BYTES)
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        // the text before the byte is UTF-8: it says on which line and column the byte is
        let before = std::str::from_utf8(bytes.get(..at).unwrap_or_default()).unwrap_or_default();
        let p = LineIndex::new(before).position(at);
        let byte = bytes.get(at).copied().unwrap_or_default();
        format!(
            "{file}:{}:{}: byte 0x{byte:02X} is not UTF-8 text; iamplay reads files in UTF-8 (save the file as UTF-8)",
            p.line, p.column
        )
    })
}

pub(crate) fn write_out(rendered: &str) -> Result<(), ExitCode> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(rendered.as_bytes()).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("iamplay: cannot write the output: {e}");
            Err(ExitCode::from(2))
        }
        _ => Ok(()),
    }
}

fn pretty(doc: &impl serde::Serialize) -> String {
    let mut s = serde_json::to_string_pretty(doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

pub(crate) fn print_diagnostics(shown: &str, sc: &Scenario, style: stderr::Style) {
    if sc.diagnostics.is_empty() {
        return;
    }
    let text = sc.sources.text(iamplay_core::source::SourceId::File);
    stderr::print(shown, text, &LineIndex::new(text), &sc.diagnostics, style);
}

fn color(c: Color) -> bool {
    match c {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // help and version are successes; a usage error is bad input (exit 2)
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let file = match &cli.command {
        Command::Eval(a) => &a.file,
        Command::Paths(a) => &a.file,
        Command::WhoCan(a) => &a.file,
        Command::Import(a) => &a.file,
        Command::Check(a) => return check::run(a),
        Command::Expand(a) => return expand::run(a),
        Command::ExplainError(a) => return explain_error::run(a),
        Command::Simulate(a) => return simulate::run(a),
        Command::Summary(a) => &a.file,
        Command::Graph(a) => &a.file,
    };
    let input = match read_input(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("iamplay: {}", terminal::safe(&e));
            return ExitCode::from(2);
        }
    };
    let shown = shown(file);
    match &cli.command {
        Command::Eval(a) => eval::run(a, &input, &shown),
        Command::Paths(a) => paths(a, &input, &shown),
        Command::WhoCan(a) => who_can_command(a, &input, &shown),
        Command::Import(a) => import(a, &input, &shown),
        Command::Summary(a) => summary::run(a, &input, &shown),
        Command::Graph(a) => graph::run(a, &input, &shown),
        Command::Check(_) | Command::Expand(_) | Command::ExplainError(_) | Command::Simulate(_) => ExitCode::from(2),
    }
}

/// The scenario a question is asked of (its requests are ignored), when it has no errors.
fn question_scenario(input: &str, shown: &str, q: &args::Question, style: stderr::Style) -> Result<Scenario, ExitCode> {
    let sc = load_file_with(input, &iamplay_aws_data::Embedded);
    print_diagnostics(shown, &sc, style);
    if sc.has_errors() {
        eprintln!("iamplay: {} has errors; fix them first", terminal::safe(shown));
        return Err(ExitCode::from(2));
    }
    if !q.action.contains(':') || q.action.contains(['*', '?']) {
        eprintln!("iamplay: `{}` is not an action (write one action, as in `s3:GetObject`)", terminal::safe(&q.action));
        return Err(ExitCode::from(2));
    }
    Ok(sc)
}

fn finish(rendered: &str) -> ExitCode {
    match write_out(rendered) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

/// `paths`: every way a principal obtains a permission.
fn paths(a: &args::PathsArgs, input: &str, shown: &str) -> ExitCode {
    let sc = match question_scenario(input, shown, &a.question, stderr::style(&a.output)) {
        Ok(sc) => sc,
        Err(code) => return code,
    };
    let q = &a.question;
    let caller = match resolve_principal(&sc, &a.principal, None, None) {
        Ok(c) => c,
        Err((message, help)) => {
            let line = format!("{message}{}", help.map(|h| format!(" ({h})")).unwrap_or_default());
            eprintln!("iamplay: {}", terminal::safe(&line));
            return ExitCode::from(2);
        }
    };
    let found = access_paths(&sc, &caller, &q.action, &q.resource, &q.context);
    finish(&match a.format {
        Format::Text => text::render_paths(&sc, &a.principal, &q.action, &q.resource, &found, color(a.output.color)),
        Format::Json => pretty(&paths_report(&sc, &a.principal, &q.action, &q.resource, &found, a.explain)),
    })
}

/// `who-can`: every principal allowed.
fn who_can_command(a: &args::WhoCanArgs, input: &str, shown: &str) -> ExitCode {
    let sc = match question_scenario(input, shown, &a.question, stderr::style(&a.output)) {
        Ok(sc) => sc,
        Err(code) => return code,
    };
    let q = &a.question;
    let who = who_can(&sc, &q.action, &q.resource, &q.context);
    finish(&match a.format {
        Format::Text => text::render_who_can(&sc, &q.action, &q.resource, &who, color(a.output.color)),
        Format::Json => pretty(&who_can_report(&sc, &q.action, &q.resource, &who)),
    })
}

/// `import`: the output of `aws iam get-account-authorization-details` as a scenario.
fn import(a: &args::ImportArgs, input: &str, shown: &str) -> ExitCode {
    let imported = iamplay_core::import::import_with(input, a.account.as_deref(), &iamplay_aws_data::Embedded);
    stderr::print(shown, input, &LineIndex::new(input), &imported.diagnostics, stderr::auto_style());
    let Some(scenario) = imported.scenario else {
        return ExitCode::from(2);
    };
    if let Err(code) = write_out(&pretty(&scenario)) {
        return code;
    }
    if imported.diagnostics.iter().any(|d| d.is_error()) {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}
