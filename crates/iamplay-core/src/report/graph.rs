//! The graph of a scenario (iamplay_core::graph) for people and programs: the same
//! nodes, edges and lit path as JSON (the playground draws it; `iamplay graph --format
//! json`) and as Graphviz DOT (`iamplay graph`, which also renders the DOT as SVG).

use crate::graph::{Edge, EdgeKind, Graph, Lit, Node, NodeKind};
use crate::scenario::Scenario;
use crate::source::Span;
use serde::Serialize;

/// Above this many nodes only what concerns the lit path is shown.
pub const MAX_NODES: usize = 150;

#[derive(Serialize)]
pub struct GraphPlace {
    /// The playground's editor (`policies`, `principals`, `request`; `aws-managed` for an
    /// AWS managed policy's document) and UTF-16 offsets in it; no editor for a whole
    /// scenario file (the CLI's): then the offsets are the file's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub editor: Option<&'static str>,
    pub from: usize,
    pub to: usize,
    /// 1-based, columns in characters.
    pub line: usize,
    pub column: usize,
}

#[derive(Serialize)]
pub struct GraphNode {
    /// `n0`, `n1`, …: what edges refer to.
    pub id: String,
    /// `kind/name`, the playground's `data-node`.
    pub node: String,
    pub kind: &'static str,
    pub label: String,
    /// `true` (on the lit path), `blocked` (where it was stopped), absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lit: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<GraphPlace>,
    /// For a policy: its statements that decided the lit request.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub decided: Vec<GraphStatement>,
    /// For a policy: the longest of its statements' names (`#3 Sid`), so a drawing can
    /// leave room for whichever decides.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub widest: Option<String>,
}

/// A statement that decided the lit request, shown in its policy's node.
#[derive(Serialize)]
pub struct GraphStatement {
    /// `#0 Sid`
    pub statement: String,
    /// `true` (it allowed), `blocked` (it denied).
    pub lit: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<GraphPlace>,
}

#[derive(Serialize)]
pub struct GraphEdge {
    pub from: String,
    pub to: String,
    pub kind: &'static str,
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lit: Option<&'static str>,
    /// For `may-assume`: whether the principal's own policies allow `sts:AssumeRole`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permitted: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<GraphPlace>,
}

#[derive(Serialize)]
pub struct GraphReport {
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
    /// What is lit, in words ("the request user/alice s3:GetObject …"), when anything is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lit: Option<String>,
    /// The scenario's node count when only what concerns the lit path is shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trimmed_from: Option<usize>,
}

fn lit_word(lit: Lit) -> Option<&'static str> {
    match lit {
        Lit::Off => None,
        Lit::On => Some("true"),
        Lit::Blocked => Some("blocked"),
    }
}

fn place(sc: &Scenario, span: Option<Span>) -> Option<GraphPlace> {
    let span = span?;
    let p = sc.sources.position(span.source, span.start);
    Some(GraphPlace {
        editor: (span.source != crate::source::SourceId::File).then(|| span.source.editor()),
        from: sc.sources.utf16_offset(span.source, span.start),
        to: sc.sources.utf16_offset(span.source, span.end),
        line: p.line,
        column: p.column,
    })
}

/// How a node is named on the diagram.
pub fn node_label(sc: &Scenario, n: &Node) -> String {
    match (n.kind, n.key) {
        (NodeKind::Policy, crate::graph::Key::Policy(id)) => {
            let inline = sc.policies.get(id).is_some_and(|p| p.inline);
            format!("{}{}", n.name, if inline { " (inline)" } else { "" })
        }
        // another account's principal, named by ARN: its name and account
        _ => match n.name.strip_prefix("arn:aws:iam::").and_then(|r| r.split_once(':')) {
            Some((account, rest)) => format!("{} ({account})", rest.rsplit('/').next().unwrap_or(rest)),
            None => n.name.clone(),
        },
    }
}

/// A statement as the diagram names it: `#0 Sid`.
fn statement_label(sc: &Scenario, policy: usize, index: usize) -> String {
    let sid = sc
        .policies
        .get(policy)
        .and_then(|p| p.policy.statement(index))
        .and_then(|s| s.sid.as_ref())
        .map(|(sid, _)| format!(" {sid}"))
        .unwrap_or_default();
    format!("#{index}{sid}")
}

/// The longest statement name of a policy node.
fn widest(sc: &Scenario, n: &Node) -> Option<String> {
    let crate::graph::Key::Policy(id) = n.key else { return None };
    let statements = &sc.policies.get(id)?.policy.statements;
    statements.iter().map(|s| statement_label(sc, id, s.index)).max_by_key(|l| l.chars().count())
}

/// The statements of a policy node that decided the lit request.
fn decided(sc: &Scenario, n: &Node) -> Vec<GraphStatement> {
    let crate::graph::Key::Policy(id) = n.key else { return Vec::new() };
    n.decided
        .iter()
        .map(|(index, lit)| GraphStatement {
            statement: statement_label(sc, id, *index),
            lit: lit_word(*lit).unwrap_or("true"),
            place: place(sc, sc.policies.get(id).and_then(|p| p.policy.statement(*index)).map(|s| s.span)),
        })
        .collect()
}

/// How an edge is named on the diagram.
pub fn edge_label(e: &Edge) -> String {
    match e.kind {
        EdgeKind::MemberOf => "member of".into(),
        EdgeKind::Attached => "attached".into(),
        EdgeKind::Boundary => "boundary".into(),
        EdgeKind::Trust => "trust policy".into(),
        EdgeKind::MayAssume => match e.permitted {
            Some(true) => "may assume".into(),
            Some(false) => "trusted, but sts:AssumeRole is denied".into(),
            None => "trusted (its own policies not checked)".into(),
        },
        EdgeKind::Wraps => "wraps".into(),
        EdgeKind::RunsWith => "runs with".into(),
        EdgeKind::InAccount => "in account".into(),
        EdgeKind::Scp => format!("SCP, level {}", e.level.unwrap_or(0)),
        EdgeKind::Rcp => format!("RCP, level {}", e.level.unwrap_or(0)),
        EdgeKind::ResourcePolicy => "resource policy".into(),
    }
}

/// The graph as its report; `lit` says what was lit. Above [`MAX_NODES`] nodes, only
/// what concerns the lit path.
pub fn report(sc: &Scenario, graph: &Graph, lit: Option<String>) -> GraphReport {
    let (shown, trimmed_from) = match graph.nodes.len() > MAX_NODES {
        true => (graph.around_lit(MAX_NODES), Some(graph.nodes.len())),
        false => (graph.clone(), None),
    };
    let id = |i: usize| format!("n{i}");
    let nodes = shown
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| GraphNode {
            id: id(i),
            node: format!("{}/{}", n.kind.as_str(), n.name),
            kind: n.kind.as_str(),
            label: node_label(sc, n),
            lit: lit_word(n.lit),
            place: place(sc, n.place),
            decided: decided(sc, n),
            widest: widest(sc, n),
        })
        .collect();
    let edges = shown
        .edges
        .iter()
        .map(|e| GraphEdge {
            from: id(e.from),
            to: id(e.to),
            kind: e.kind.as_str(),
            label: edge_label(e),
            lit: lit_word(e.lit),
            permitted: e.permitted,
            place: place(sc, e.place),
        })
        .collect();
    GraphReport { nodes, edges, lit: lit.filter(|_| graph.any_lit()), trimmed_from }
}

/// A DOT string: quoted, with `"` and `\` escaped and line breaks as `\n`.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The colours of the lit path (green: on it; red: where it was stopped).
fn colour(lit: Option<&str>) -> &'static str {
    match lit {
        Some("true") => "#1a7f37",
        Some("blocked") => "#cf222e",
        _ => "#57606a",
    }
}

/// The report as Graphviz DOT (left to right; the lit path green and thick, blocked
/// steps red, "may assume" without the caller's permission dashed).
pub fn dot(r: &GraphReport) -> String {
    let mut out = String::from("digraph iamplay {\n  rankdir=LR;\n  node [shape=box, fontsize=12];\n");
    if let Some(lit) = &r.lit {
        out.push_str(&format!("  label={};\n", quoted(&format!("lit: {lit}"))));
    }
    for n in &r.nodes {
        let width = if n.lit.is_some() { 3 } else { 1 };
        let shape = match n.kind {
            "policy" => "box",
            "account" => "box",
            _ => "ellipse",
        };
        let mut label = format!("{}\n{}", n.kind, n.label);
        for d in &n.decided {
            label.push_str(&format!(
                "\n{} {}",
                if d.lit == "blocked" { "denied by" } else { "allowed by" },
                d.statement
            ));
        }
        out.push_str(&format!(
            "  {} [id={}, label={}, shape={shape}, color={}, penwidth={width}];\n",
            n.id,
            quoted(&n.node),
            quoted(&label),
            quoted(colour(n.lit)),
        ));
    }
    for e in &r.edges {
        let dashed = matches!(e.permitted, Some(false) | None) && e.kind == "may-assume"
            || matches!(e.kind, "boundary" | "in-account");
        let style = if dashed { ", style=dashed" } else { "" };
        let width = if e.lit.is_some() { 3 } else { 1 };
        out.push_str(&format!(
            "  {} -> {} [label={}, color={}, penwidth={width}{style}];\n",
            e.from,
            e.to,
            quoted(&e.label),
            quoted(colour(e.lit)),
        ));
    }
    out.push_str("}\n");
    out
}

/// The request as the lit path's words: "request 2: user/bob sts:AssumeRole on … (Allow)".
fn request_words(index: usize, req: &crate::scenario::Request, ev: &crate::decision::Evaluation) -> String {
    format!(
        "request {}: {} {} on {} ({})",
        index + 1,
        req.principal_text,
        req.action,
        req.resource,
        super::words::decision(ev.decision)
    )
}

/// The scenario's graph with its `index`th request lit (what it went through), or
/// nothing lit when there is no such request or it could not be read.
pub fn with_request(sc: &Scenario, index: Option<usize>) -> GraphReport {
    request_lit(sc, Graph::of(sc), index)
}

/// [`with_request`] on a graph already made of the scenario's parts (`Graph::of`, kept
/// while the policies and principals stay as they are).
pub fn request_lit(sc: &Scenario, mut g: Graph, index: Option<usize>) -> GraphReport {
    let mut words = None;
    if let Some((i, req)) = index.and_then(|i| sc.requests.get(i).and_then(Option::as_ref).map(|r| (i, r))) {
        let ev = crate::decision::evaluate(sc, req);
        g.light_request(sc, req, &ev);
        words = Some(request_words(i, req, &ev));
    }
    report(sc, &g, words)
}

/// The scenario's graph with one access path lit, every hop as decided.
pub fn with_path(sc: &Scenario, path: &crate::paths::AccessPath) -> GraphReport {
    path_lit(sc, Graph::of(sc), path)
}

/// [`with_path`] on a graph already made of the scenario's parts.
pub fn path_lit(sc: &Scenario, mut g: Graph, path: &crate::paths::AccessPath) -> GraphReport {
    g.light_path(sc, path);
    let verdict = if path.allowed() { "allowed" } else { "not allowed" };
    let who = path.hops.first().map_or("", |h| h.request.principal_text.as_str());
    report(sc, &g, Some(format!("{who} by {} ({verdict})", path.description)))
}
