//! `iamplay`: evaluate the requests of a scenario file and explain the decisions; show
//! every access path of a principal; list who can do an action. Output and exit
//! statuses of `eval` follow CONTRACT.md §2.

mod check;
mod text;

use iamplay_core::paths::{access_paths, who_can};
use iamplay_core::report;
use iamplay_core::report::{paths_report, who_can_report};
use iamplay_core::scenario::{load_file, resolve_principal, Scenario};
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

const USAGE: &str = "\
iamplay — decide AWS IAM requests and explain why

usage:
  iamplay eval FILE [--explain] [--format json|text] [--color auto|always|never]
  iamplay paths FILE --principal P --action A --resource R [--context KEY=VALUE]... [--explain] [--format json|text]
  iamplay who-can FILE --action A --resource R [--context KEY=VALUE]... [--format json|text]
  iamplay import FILE [--account ID]
  iamplay check EXERCISE SUBMISSION... [--id ID] [--format human|json|junit]
  iamplay --help | --version

FILE is a scenario file (see docs/scenario.md); `-` reads standard input.
eval: one JSON document with a result per request and every diagnostic; --explain adds
  each result's full trace; --format text prints a readable tree. Exit status: 0 all
  good, 1 a request did not meet its `expect`, 2 errors in the input.
paths: every way principal P obtains (or could obtain) A on R: its own policies, each
  group, each role it may assume (transitively), launching an instance with a profile.
who-can: every principal of the scenario allowed to do A on R, each with its paths.
import: turns `aws iam get-account-authorization-details` output into a scenario.
check: grades workshop submissions against an exercise (or a pack with --id; see
  docs/exercises.md). Exit status: 0 all solved, 1 one is not, 2 bad input.";

struct Options {
    command: String,
    file: String,
    explain: bool,
    text: bool,
    color: bool,
    principal: Option<String>,
    action: Option<String>,
    resource: Option<String>,
    account: Option<String>,
    context: Vec<(String, Vec<String>)>,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut it = args.iter();
    let command = match it.next().map(String::as_str) {
        Some(c @ ("eval" | "paths" | "who-can" | "import")) => c.to_string(),
        Some(other) => return Err(format!("unknown command `{other}`")),
        None => return Err("no command given".into()),
    };
    let mut o = Options {
        command,
        file: String::new(),
        explain: false,
        text: false,
        color: false,
        principal: None,
        action: None,
        resource: None,
        account: None,
        context: Vec::new(),
    };
    let (mut file, mut color) = (None, None);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or_else(|| format!("`{name}` needs a value"));
        match arg.as_str() {
            "--explain" => o.explain = true,
            "--format" => match value("--format")?.as_str() {
                "json" => o.text = false,
                "text" => o.text = true,
                other => return Err(format!("`--format` takes `json` or `text`, not `{other}`")),
            },
            "--color" | "--colour" => match value("--color")?.as_str() {
                "always" => color = Some(true),
                "never" => color = Some(false),
                "auto" => color = None,
                other => return Err(format!("`--color` takes `auto`, `always` or `never`, not `{other}`")),
            },
            "--principal" => o.principal = Some(value("--principal")?),
            "--action" => o.action = Some(value("--action")?),
            "--resource" => o.resource = Some(value("--resource")?),
            "--account" => o.account = Some(value("--account")?),
            "--context" => {
                let kv = value("--context")?;
                let (k, v) = kv.split_once('=').ok_or_else(|| format!("`--context` takes KEY=VALUE, not `{kv}`"))?;
                o.context.push((k.to_string(), v.split(',').map(str::to_string).collect()));
            }
            s if s.starts_with("--") => return Err(format!("unknown option `{s}`")),
            s => {
                if file.replace(s.to_string()).is_some() {
                    return Err("give one input file".into());
                }
            }
        }
    }
    o.file = file.ok_or("no input file given (use `-` for standard input)")?;
    o.color = color.unwrap_or_else(|| std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none());
    let needs: &[(&str, bool)] = match o.command.as_str() {
        "paths" => &[
            ("--principal", o.principal.is_some()),
            ("--action", o.action.is_some()),
            ("--resource", o.resource.is_some()),
        ],
        "who-can" => &[("--action", o.action.is_some()), ("--resource", o.resource.is_some())],
        _ => &[],
    };
    if let Some((name, _)) = needs.iter().find(|(_, given)| !given) {
        return Err(format!("`{}` needs `{name}`", o.command));
    }
    Ok(o)
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

fn write_out(rendered: &str) -> Result<(), ExitCode> {
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

fn print_diagnostics(shown: &str, sc: &Scenario) {
    let mut stderr = std::io::stderr().lock();
    for d in &sc.diagnostics {
        let p = sc.sources.position(d.span.source, d.span.start);
        let _ = writeln!(stderr, "{shown}:{}:{}: {}: {}", p.line, p.column, d.severity.as_str(), d.message);
    }
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
    if args.first().is_some_and(|a| a == "check") {
        return check::run(args.get(1..).unwrap_or_default());
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
    let shown = if opts.file == "-" { "<stdin>" } else { opts.file.as_str() };
    match opts.command.as_str() {
        "eval" => eval(&opts, &input, shown),
        "paths" | "who-can" => question(&opts, &input, shown),
        _ => import(&opts, &input, shown),
    }
}

fn eval(opts: &Options, input: &str, shown: &str) -> ExitCode {
    let sc = load_file(input);
    let evaluations = report::evaluate_all(&sc);
    let rendered = if opts.text {
        text::render(&sc, &evaluations, opts.explain, opts.color)
    } else {
        pretty(&report::report(&sc, &evaluations, opts.explain))
    };
    if let Err(code) = write_out(&rendered) {
        return code;
    }
    print_diagnostics(shown, &sc);
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

/// `paths` and `who-can`: questions over a whole scenario (its requests are ignored).
fn question(opts: &Options, input: &str, shown: &str) -> ExitCode {
    let sc = load_file(input);
    print_diagnostics(shown, &sc);
    if sc.has_errors() {
        eprintln!("iamplay: {shown} has errors; fix them first");
        return ExitCode::from(2);
    }
    let action = opts.action.clone().unwrap_or_default();
    let resource = opts.resource.clone().unwrap_or_default();
    if !action.contains(':') || action.contains(['*', '?']) {
        eprintln!("iamplay: `{action}` is not an action (write one action, as in `s3:GetObject`)");
        return ExitCode::from(2);
    }
    let rendered = if opts.command == "paths" {
        let principal = opts.principal.clone().unwrap_or_default();
        let caller = match resolve_principal(&sc, &principal, None, None) {
            Ok(c) => c,
            Err((message, help)) => {
                eprintln!("iamplay: {message}{}", help.map(|h| format!(" ({h})")).unwrap_or_default());
                return ExitCode::from(2);
            }
        };
        let paths = access_paths(&sc, &caller, &action, &resource, &opts.context);
        if opts.text {
            text::render_paths(&sc, &principal, &action, &resource, &paths, opts.color)
        } else {
            pretty(&paths_report(&sc, &principal, &action, &resource, &paths, opts.explain))
        }
    } else {
        let who = who_can(&sc, &action, &resource, &opts.context);
        if opts.text {
            text::render_who_can(&sc, &action, &resource, &who, opts.color)
        } else {
            pretty(&who_can_report(&sc, &action, &resource, &who))
        }
    };
    match write_out(&rendered) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

/// `import`: the output of `aws iam get-account-authorization-details` as a scenario.
fn import(opts: &Options, input: &str, shown: &str) -> ExitCode {
    let imported = iamplay_core::import::import(input, opts.account.as_deref());
    let mut sources = iamplay_core::scenario::Sources::default();
    sources.add(iamplay_core::source::SourceId::File, input);
    {
        let mut stderr = std::io::stderr().lock();
        for d in &imported.diagnostics {
            let p = sources.position(d.span.source, d.span.start);
            let _ = writeln!(stderr, "{shown}:{}:{}: {}: {}", p.line, p.column, d.severity.as_str(), d.message);
        }
    }
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
