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
        GraphFormat::Svg => match svg(&dot(&report)) {
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

/// The DOT text laid out and drawn by layout-rs.
fn svg(dot: &str) -> Result<String, String> {
    use layout::backends::svg::SVGWriter;
    use layout::gv::{DotParser, GraphBuilder};
    let mut parser = DotParser::new(dot);
    let tree = parser.process()?;
    let mut builder = GraphBuilder::new();
    builder.visit_graph(&tree);
    let mut graph = builder.get();
    let mut writer = SVGWriter::new();
    graph.do_it(false, false, false, &mut writer);
    Ok(writer.finalize())
}
