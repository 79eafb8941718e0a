//! `iamplay`: evaluate the requests of a scenario file and explain the decisions.
//! Output and exit statuses follow CONTRACT.md §2.

mod text;

use iamplay_core::report;
use iamplay_core::scenario::load_file;
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

const USAGE: &str = "\
iamplay — decide AWS IAM requests and explain why

usage:
  iamplay eval FILE [--explain] [--format json|text] [--color auto|always|never]
  iamplay --help | --version

FILE is a scenario file (see docs/scenario.md); `-` reads standard input.
JSON (the default) prints one document with a result per request and every diagnostic;
--explain adds each result's full trace; --format text prints a readable tree.
Exit status: 0 all good, 1 a request did not meet its `expect`, 2 errors in the input.";

struct Options {
    file: String,
    explain: bool,
    text: bool,
    color: bool,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut it = args.iter();
    match it.next().map(String::as_str) {
        Some("eval") => {}
        Some(other) => return Err(format!("unknown command `{other}`")),
        None => return Err("no command given".into()),
    }
    let (mut file, mut explain, mut text, mut color) = (None, false, false, None);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--explain" => explain = true,
            "--format" => match it.next().map(String::as_str) {
                Some("json") => text = false,
                Some("text") => text = true,
                other => return Err(format!("`--format` takes `json` or `text`, not `{}`", other.unwrap_or(""))),
            },
            "--color" | "--colour" => match it.next().map(String::as_str) {
                Some("always") => color = Some(true),
                Some("never") => color = Some(false),
                Some("auto") => color = None,
                other => {
                    return Err(format!("`--color` takes `auto`, `always` or `never`, not `{}`", other.unwrap_or("")))
                }
            },
            s if s.starts_with("--") => return Err(format!("unknown option `{s}`")),
            s => {
                if file.replace(s.to_string()).is_some() {
                    return Err("give one scenario file".into());
                }
            }
        }
    }
    let file = file.ok_or("no scenario file given (use `-` for standard input)")?;
    let color = color.unwrap_or_else(|| std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none());
    Ok(Options { file, explain, text, color })
}

fn read_input(file: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    let result = if file == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(file).and_then(|mut f| f.read_to_end(&mut bytes)).map(|_| ())
    };
    result.map_err(|e| format!("{file}: cannot read: {e}"))?;
    String::from_utf8(bytes)
        .map_err(|e| format!("{file}: not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to()))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") || args.is_empty() {
        println!("{USAGE}");
        return if args.is_empty() { ExitCode::from(2) } else { ExitCode::SUCCESS };
    }
    if args.iter().any(|a| a == "--version" || a == "-V") {
        println!("iamplay {}", env!("CARGO_PKG_VERSION"));
        return ExitCode::SUCCESS;
    }
    let opts = match parse_args(&args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("iamplay: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let input = match read_input(&opts.file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("iamplay: {e}");
            return ExitCode::from(2);
        }
    };
    let sc = load_file(&input);
    let evaluations = report::evaluate_all(&sc);
    let shown = if opts.file == "-" { "<stdin>" } else { opts.file.as_str() };
    let mut stdout = std::io::stdout().lock();
    let rendered = if opts.text {
        text::render(&sc, &evaluations, opts.explain, opts.color)
    } else {
        let doc = report::report(&sc, &evaluations, opts.explain);
        let mut s = serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        s.push('\n');
        s
    };
    let written = stdout.write_all(rendered.as_bytes());
    if let Err(e) = written.and_then(|()| stdout.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("iamplay: cannot write the output: {e}");
            return ExitCode::from(2);
        }
    }
    let mut stderr = std::io::stderr().lock();
    for d in &sc.diagnostics {
        let p = sc.sources.position(d.span.source, d.span.start);
        let _ = writeln!(stderr, "{shown}:{}:{}: {}: {}", p.line, p.column, d.severity.as_str(), d.message);
    }
    if sc.has_errors() {
        return ExitCode::from(2);
    }
    let failed =
        sc.requests.iter().zip(&evaluations).any(|(r, e)| report::passes(r.as_ref(), e.as_ref()) == Some(false));
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
