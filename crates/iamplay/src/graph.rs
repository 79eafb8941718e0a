//! `iamplay graph FILE [--request N]`: the scenario as a graph (iamplay_core::graph),
//! with what the Nth request went through lit, as Graphviz DOT, as SVG or as JSON. The
//! SVG is the DOT laid out by layout-rs, so both show the same nodes, edges and colours.

use crate::args::{GraphArgs, GraphFormat};
use crate::{stderr, terminal};
use iamplay_core::report::graph::{dot, with_request};
use std::process::ExitCode;

pub fn run(a: &GraphArgs, input: &str, shown: &str) -> ExitCode {
    let sc = iamplay_core::scenario::load_file_with(input, &iamplay_aws_data::Embedded);
    crate::print_diagnostics(shown, &sc, stderr::style(&a.output));
    let index = match a.request {
        None => None,
        Some(n) if n >= 1 && n <= sc.requests.len() => {
            if sc.requests.get(n - 1).is_some_and(Option::is_none) {
                eprintln!("iamplay: request {n} of {} cannot be read (see its errors above)", terminal::safe(shown));
                return ExitCode::from(2);
            }
            Some(n - 1)
        }
        Some(n) => {
            eprintln!(
                "iamplay: --request {n}: {} has {} request(s); they are numbered from 1",
                terminal::safe(shown),
                sc.requests.len()
            );
            return ExitCode::from(2);
        }
    };
    let report = with_request(&sc, index);
    let rendered = match a.format {
        GraphFormat::Dot => dot(&report),
        GraphFormat::Json => serde_json::to_string_pretty(&report).unwrap_or_default() + "\n",
        GraphFormat::Svg => match svg(&dot(&report), report.nodes.is_empty()) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("iamplay: the graph could not be laid out as SVG: {e}");
                return ExitCode::from(2);
            }
        },
    };
    match crate::write_out(&rendered) {
        Ok(()) if sc.has_errors() => ExitCode::from(2),
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

/// The DOT text laid out and drawn by layout-rs (an empty graph is an empty drawing:
/// layout-rs refuses to lay one out; a panic inside it is an error, never a crash).
fn svg(dot: &str, empty: bool) -> Result<String, String> {
    use layout::backends::svg::SVGWriter;
    use layout::gv::{DotParser, GraphBuilder};
    if empty {
        return Ok("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"0\" height=\"0\"></svg>\n".into());
    }
    let mut parser = DotParser::new(dot);
    let tree = parser.process()?;
    // layout-rs asserts on graphs it cannot lay out: its panic message is not ours to print
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let drawn = std::panic::catch_unwind(move || {
        let mut builder = GraphBuilder::new();
        builder.visit_graph(&tree);
        let mut graph = builder.get();
        let mut writer = SVGWriter::new();
        graph.do_it(false, false, false, &mut writer);
        writer.finalize()
    });
    std::panic::set_hook(quiet);
    drawn.map_err(|_| "the layout library stopped on this graph".to_string())
}
