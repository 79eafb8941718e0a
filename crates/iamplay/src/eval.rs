//! `iamplay eval`: every request of a scenario decided, each result written out as soon
//! as it is decided and dropped before the next one, so memory stays that of the
//! scenario whatever the number of requests. The JSON document is the one
//! `report::report` describes, byte for byte: each result is serialised on its own and
//! indented to its place in the document.

use crate::args::{EvalArgs, EvalFormat};
use crate::{color, print_diagnostics, stderr, text};
use iamplay_core::decision::evaluate;
use iamplay_core::report;
use iamplay_core::scenario::{load_file_with, Scenario};
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

pub fn run(a: &EvalArgs, input: &str, shown: &str) -> ExitCode {
    let sc = load_file_with(input, &iamplay_aws_data::Embedded);
    let mut sink = Sink::new(io::stdout().lock());
    let failed = match a.format {
        EvalFormat::Json => json(&mut sink, &sc, a.explain),
        EvalFormat::Ndjson => ndjson(&mut sink, &sc, a.explain),
        EvalFormat::Text => plain(&mut sink, &sc, a.explain, color(a.output.color)),
    };
    if let Err(e) = sink.finish() {
        eprintln!("iamplay: cannot write the output: {e}");
        return ExitCode::from(2);
    }
    print_diagnostics(shown, &sc, stderr::style(&a.output));
    let code = if sc.has_errors() {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    // the process ends here: freeing every request's memory one allocation at a time
    // would take a seventh of a large run, and the system takes it back at once
    std::mem::forget(sc);
    code
}

/// AWS's catalog, embedded: the explanation's "allowed only if…" leaves out values of
/// keys the action never carries.
fn catalog() -> Option<&'static dyn iamplay_core::vocabulary::Vocabulary> {
    iamplay_aws_data::catalog::embedded().ok().map(|c| c as &dyn iamplay_core::vocabulary::Vocabulary)
}

/// Decides each request in order and hands it to `write` (with its index); returns
/// whether one did not meet its `expect`.
fn each_decided(
    sc: &Scenario,
    mut write: impl FnMut(usize, Option<&iamplay_core::scenario::Request>, Option<&iamplay_core::decision::Evaluation>),
) -> bool {
    let mut failed = false;
    for (i, req) in sc.requests.iter().enumerate() {
        let ev = req.as_ref().map(|r| evaluate(sc, r));
        failed |= report::passes(req.as_ref(), ev.as_ref()) == Some(false);
        write(i, req.as_ref(), ev.as_ref());
    }
    failed
}

fn json(sink: &mut Sink<impl Write>, sc: &Scenario, explain: bool) -> bool {
    let mut buf = Vec::new();
    sink.put(b"{\n  \"results\": [");
    let failed = each_decided(sc, |i, req, ev| {
        if sink.failed() {
            return;
        }
        serialise_pretty(&mut buf, &report::result_with(sc, req, ev, explain, catalog()));
        sink.put(if i == 0 { b"\n    " } else { b",\n    " });
        sink.put_indented(&buf, b"\n    ");
    });
    sink.put(if sc.requests.is_empty() { b"]" } else { b"\n  ]" });
    sink.put(b",\n  \"diagnostics\": ");
    serialise_pretty(&mut buf, &report::diagnostics(sc));
    sink.put_indented(&buf, b"\n  ");
    sink.put(b"\n}\n");
    failed
}

fn ndjson(sink: &mut Sink<impl Write>, sc: &Scenario, explain: bool) -> bool {
    let mut buf = Vec::new();
    each_decided(sc, |_, req, ev| {
        if sink.failed() {
            return;
        }
        buf.clear();
        if serde_json::to_writer(&mut buf, &report::result_with(sc, req, ev, explain, catalog())).is_err() {
            buf.clear();
            buf.extend_from_slice(b"{\"error\": \"the result could not be written\"}");
        }
        buf.push(b'\n');
        sink.put(&buf);
    })
}

fn plain(sink: &mut Sink<impl Write>, sc: &Scenario, explain: bool, color: bool) -> bool {
    let failed = each_decided(sc, |i, req, ev| {
        if !sink.failed() {
            sink.put(text::request_block(sc, i, (req, ev), explain, color).as_bytes());
        }
    });
    sink.put(text::diagnostics_block(sc, color).as_bytes());
    failed
}

fn serialise_pretty(buf: &mut Vec<u8>, value: &impl serde::Serialize) {
    buf.clear();
    if let Err(e) = serde_json::to_writer_pretty(&mut *buf, value) {
        buf.clear();
        buf.extend_from_slice(format!("{{\"error\": \"{e}\"}}").as_bytes());
    }
}

/// Standard output, buffered; after the first error it writes nothing more. A reader
/// that goes away (a closed pipe, as with `| head`) is not an error.
struct Sink<W: Write> {
    out: BufWriter<W>,
    error: Option<io::Error>,
}

impl<W: Write> Sink<W> {
    fn new(out: W) -> Self {
        Sink { out: BufWriter::with_capacity(1 << 16, out), error: None }
    }

    fn failed(&self) -> bool {
        self.error.is_some()
    }

    fn put(&mut self, bytes: &[u8]) {
        if self.error.is_none() {
            if let Err(e) = self.out.write_all(bytes) {
                self.error = Some(e);
            }
        }
    }

    /// Writes pretty-printed JSON with `newline` for each line break: JSON strings hold
    /// no raw line breaks, so every one is between tokens.
    fn put_indented(&mut self, json: &[u8], newline: &[u8]) {
        let mut lines = json.split(|b| *b == b'\n');
        if let Some(first) = lines.next() {
            self.put(first);
        }
        for line in lines {
            self.put(newline);
            self.put(line);
        }
    }

    fn finish(mut self) -> io::Result<()> {
        let result = match self.error.take() {
            Some(e) => Err(e),
            None => self.out.flush(),
        };
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            other => other,
        }
    }
}
