// The diagram of how a scenario's parts play together, in a chunk of its own (extras.js
// loads it when the graph is first drawn). The second wasm module gives the nodes, edges
// and lit path (iamplay_core::report::graph); dagre (MIT, maintained, ~17 KB
// gzip) lays them out left to right (top to bottom in a pane too narrow for that), and
// this draws them as SVG. A new layout is made
// only when nodes or edges change: a keystroke that only moves the lit path re-marks the
// drawn elements. A click (or Enter) on a node or edge shows its text in its editor.
import { graphlib, layout } from "@dagrejs/dagre";

const NS = "http://www.w3.org/2000/svg";

// The graph's styles come with it (a constructed style sheet: the first visit does not
// download them; the page's Content-Security-Policy governs style elements, not these).
const STYLES = `
.graph-panel .graph-caption { margin: 0.3rem 0; font-size: 0.85rem; overflow-wrap: anywhere; }
.graph-host { overflow: auto; max-height: 70vh; border: 1px solid var(--border); border-radius: 6px; background: var(--bg); font: 12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.graph-host:empty { display: none; }
.graph-host[data-stale] { opacity: 0.55; }
.graph-svg { display: block; }
.graph-node rect { fill: var(--pane); stroke: var(--muted); stroke-width: 1; }
.graph-node[data-kind="policy"] rect { fill: var(--bg); }
.graph-node text { fill: var(--fg); font-size: 12px; }
.graph-node .graph-kind { fill: var(--muted); font-size: 10px; }
.graph-node .graph-decided { fill: var(--allow); font-size: 11px; font-weight: 600; }
.graph-node .graph-decided[data-lit="blocked"] { fill: var(--deny); }
.graph-node[role="button"], .graph-edge[data-editor] { cursor: pointer; }
.graph-node:focus { outline: none; }
.graph-node:focus-visible rect, .graph-node:hover rect { stroke: var(--accent); stroke-width: 2.5; }
.graph-node[data-lit="true"] rect { stroke: var(--allow); stroke-width: 2.5; fill: var(--allow-bg); }
.graph-node[data-lit="blocked"] rect { stroke: var(--deny); stroke-width: 2.5; fill: var(--deny-bg); }
.graph-edge-line { fill: none; stroke: var(--muted); stroke-width: 1.2; }
.graph-edge-hit { fill: none; stroke: transparent; stroke-width: 10; }
.graph-edge:hover .graph-edge-line { stroke: var(--accent); }
.graph-edge[data-kind="boundary"] .graph-edge-line, .graph-edge[data-kind="in-account"] .graph-edge-line,
.graph-edge[data-kind="may-assume"][data-permitted="false"] .graph-edge-line { stroke-dasharray: 5 4; }
.graph-edge[data-lit="true"] .graph-edge-line { stroke: var(--allow); stroke-width: 2.5; }
.graph-edge[data-lit="blocked"] .graph-edge-line { stroke: var(--deny); stroke-width: 2.5; }
.graph-arrow-off path { fill: var(--muted); }
.graph-arrow-true path { fill: var(--allow); }
.graph-arrow-blocked path { fill: var(--deny); }
.graph-legend:not([hidden]) { display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; margin: 0.4rem 0; padding: 0; list-style: none; font-size: 0.8rem; color: var(--muted); }
.graph-swatch { display: inline-block; width: 1.6rem; height: 0; margin-right: 0.35rem; vertical-align: middle; border-top: 3px solid var(--muted); }
.graph-swatch-lit { border-top-color: var(--allow); }
.graph-swatch-blocked { border-top-color: var(--deny); }
.graph-swatch-dashed { border-top: 2px dashed var(--muted); }
`;
if (!document.__iamplayGraphStyles) {
  document.__iamplayGraphStyles = true;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLES);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
const NODE_HEIGHT = 38;
// a policy's node has a third line: the statement that decided the lit request
const POLICY_HEIGHT = 52;

let measure;
function textWidth(text, font) {
  measure ??= document.createElement("canvas").getContext("2d");
  measure.font = font;
  return measure.measureText(text).width;
}

function el(name, attrs = {}, text) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

// What must be laid out again when it changes.
const shapeOf = (g) =>
  JSON.stringify([g.nodes.map((n) => [n.id, n.node, n.label, n.widest]), g.edges.map((e) => [e.from, e.to, e.kind, e.label])]);

function litWords(lit) {
  return lit === "true" ? " (on the lit path)" : lit === "blocked" ? " (where the lit path is stopped)" : "";
}

// Shows a node's or edge's text in its editor (IamplayEditor.reveal, editor.js).
function reveal(target) {
  const { editor, from, to } = target.dataset;
  if (editor && editor !== "aws-managed") window.IamplayEditor?.reveal(editor, Number(from), Number(to));
}

function placeAttrs(place) {
  return place ? { "data-editor": place.editor, "data-from": place.from, "data-to": place.to } : {};
}

function layoutOf(g, font, rankdir) {
  const d = new graphlib.Graph({ multigraph: true });
  d.setGraph({ rankdir, nodesep: 16, ranksep: rankdir === "LR" ? 56 : 36, edgesep: 8, marginx: 8, marginy: 8 });
  d.setDefaultEdgeLabel(() => ({}));
  for (const n of g.nodes) {
    // a policy leaves room for its longest statement name ("allowed by #3 Sid")
    // (drawn bold and smaller: measured as written, with room for the weight)
    const statement = n.widest ? textWidth(`allowed by ${n.widest}`, font) * 1.06 : 0;
    const width = Math.max(textWidth(n.label, font), textWidth(n.kind, font) * 0.85, statement) + 22;
    const max = n.kind === "policy" ? 340 : 260;
    d.setNode(n.id, { width: Math.min(Math.ceil(width), max), height: n.kind === "policy" ? POLICY_HEIGHT : NODE_HEIGHT });
  }
  g.edges.forEach((e, i) => {
    if (e.from !== e.to) d.setEdge(e.from, e.to, {}, `e${i}`);
  });
  layout(d);
  return d;
}

// Cuts a label to the width a node can show (the whole text is its title).
function fitted(text, max, font) {
  if (textWidth(text, font) <= max) return text;
  let cut = text;
  while (cut.length > 4 && textWidth(cut + "…", font) > max) cut = cut.slice(0, -1);
  return cut + "…";
}

function draw(host, g) {
  const font = getComputedStyle(host).font || "12px sans-serif";
  // left to right reads best; in a pane too narrow for it, top to bottom when that is narrower
  let d = layoutOf(g, font, "LR");
  const room = roomOf(host);
  if (room > 0 && d.graph().width > room && g.nodes.length <= 120) {
    const down = layoutOf(g, font, "TB");
    if (down.graph().width < d.graph().width) d = down;
  }
  const { width = 0, height = 0 } = d.graph();
  const svg = el("svg", {
    class: "graph-svg",
    viewBox: `0 0 ${Math.ceil(width)} ${Math.ceil(height)}`,
    width: Math.ceil(width),
    height: Math.ceil(height),
    role: "group",
    "aria-label": `The scenario as a graph: ${g.nodes.length} nodes, ${g.edges.length} edges`,
  });
  const defs = el("defs");
  for (const kind of ["off", "true", "blocked"]) {
    const marker = el("marker", {
      id: `graph-arrow-${kind}`,
      viewBox: "0 0 10 10",
      refX: 9,
      refY: 5,
      markerWidth: 8,
      markerHeight: 8,
      markerUnits: "userSpaceOnUse",
      orient: "auto-start-reverse",
      class: `graph-arrow graph-arrow-${kind}`,
    });
    marker.append(el("path", { d: "M 0 0 L 10 5 L 0 10 z" }));
    defs.append(marker);
  }
  svg.append(defs);
  const edges = el("g", { class: "graph-edges" });
  g.edges.forEach((e, i) => {
    const laid = d.edge({ v: e.from, w: e.to, name: `e${i}` });
    if (!laid?.points?.length) return;
    const path = laid.points.map((p, j) => `${j ? "L" : "M"} ${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join(" ");
    const from = g.nodes.find((n) => n.id === e.from);
    const to = g.nodes.find((n) => n.id === e.to);
    const words = `${from?.node} ${e.label} ${to?.node}`;
    const group = el("g", {
      class: "graph-edge",
      "data-i": i,
      "data-edge": `${from?.node}>${to?.node}`,
      "data-kind": e.kind,
      "data-permitted": e.permitted,
      ...placeAttrs(e.place),
    });
    group.append(el("title", {}, words));
    group.append(el("path", { d: path, class: "graph-edge-hit" }));
    group.append(el("path", { d: path, class: "graph-edge-line" }));
    edges.append(group);
  });
  svg.append(edges);
  const nodes = el("g", { class: "graph-nodes" });
  for (const n of g.nodes) {
    const laid = d.node(n.id);
    if (!laid) continue;
    const w = laid.width;
    const h = laid.height;
    const group = el("g", {
      class: "graph-node",
      transform: `translate(${(laid.x - w / 2).toFixed(1)} ${(laid.y - h / 2).toFixed(1)})`,
      "data-node": n.node,
      "data-kind": n.kind,
      ...placeAttrs(n.place),
      tabindex: n.place ? 0 : -1,
      role: n.place ? "button" : "img",
    });
    group.append(el("title", {}, `${n.kind} ${n.label}`));
    group.append(el("rect", { width: w, height: h, rx: n.kind === "policy" ? 3 : 12 }));
    // one text, its lines separated by spaces: what it reads is the start of the node's
    // aria-label (mark() writes both)
    const text = el("text");
    text.append(el("tspan", { x: 11, y: 13, class: "graph-kind" }, n.kind), " ");
    text.append(el("tspan", { x: 11, y: 29, class: "graph-label" }, fitted(n.label, w - 18, font)));
    if (n.kind === "policy") text.append(" ", el("tspan", { x: 11, y: 44, class: "graph-decided" }));
    group.append(text);
    nodes.append(group);
  }
  svg.append(nodes);
  host.replaceChildren(svg);
  fit(host, svg, width, height);
}

// A graph a little wider than its pane is scaled down to fit; a much wider one keeps its
// size (its text stays readable) and scrolls.
// The width the drawing has (an empty host is not shown: its panel's width then).
function roomOf(host) {
  return (host.clientWidth || host.parentElement?.clientWidth || 0) - 2;
}

function fit(host, svg, width, height) {
  const room = roomOf(host);
  const scale = room > 0 && width > room ? room / width : 1;
  if (scale < 1 && scale >= 0.6) {
    svg.setAttribute("width", String(Math.floor(width * scale)));
    svg.setAttribute("height", String(Math.floor(height * scale)));
  }
}

// Scrolls a graph wider or taller than its pane so that the lit caller is in view.
function showLit(host) {
  const first = host.querySelector('.graph-node[data-lit]');
  if (!first || host.scrollWidth <= host.clientWidth + 2 && host.scrollHeight <= host.clientHeight + 2) return;
  const box = first.getBoundingClientRect();
  const pane = host.getBoundingClientRect();
  if (box.left < pane.left || box.right > pane.right) host.scrollLeft += box.left - pane.left - 16;
  if (box.top < pane.top || box.bottom > pane.bottom) host.scrollTop += box.top - pane.top - 16;
}

// Marks what is lit (data-lit on nodes and edges; words for screen readers).
function mark(host, g) {

  for (const n of g.nodes) {
    const e = host.querySelector(`.graph-node[data-node="${CSS.escape(n.node)}"]`);
    if (!e) continue;
    if (n.lit) e.setAttribute("data-lit", n.lit);
    else e.removeAttribute("data-lit");
    // the statements that decided, inside the policy's node
    const decided = (n.decided ?? []).map((d) => `${d.lit === "blocked" ? "denied by" : "allowed by"} ${d.statement}`);
    const line = e.querySelector(".graph-decided");
    if (line) {
      const width = Number(e.querySelector("rect")?.getAttribute("width") ?? 150);
      const font = getComputedStyle(host).font || "12px sans-serif";
      line.textContent = decided.length ? fitted(decided.join("; "), width - 18, font) : "";
      line.setAttribute("data-lit", n.decided?.some((d) => d.lit === "blocked") ? "blocked" : "true");
      const first = n.decided?.[0]?.place;
      // a click on the line shows the statement itself
      for (const [k, v] of Object.entries(first ? placeAttrs(first) : {})) line.setAttribute(k, v);
    }
    const said = decided.length ? ` ${decided.join("; ")}` : "";
    e.setAttribute("aria-label", `${n.kind} ${n.label}${said}${litWords(n.lit)}${n.place ? ": show it in the editor" : ""}`);
  }
  // the edges as drawn, by their index in the graph (the same while the shape is)
  const drawn = new Map([...host.querySelectorAll(".graph-edge")].map((x) => [Number(x.dataset.i), x]));
  for (const [i, e] of g.edges.entries()) {
    const at = drawn.get(i);
    if (!at) continue;
    if (e.lit) at.setAttribute("data-lit", e.lit);
    else at.removeAttribute("data-lit");
    // the lit path is drawn over the other edges
    if (e.lit) at.parentNode.append(at);
    at.querySelector(".graph-edge-line")?.setAttribute("marker-end", `url(#graph-arrow-${e.lit ?? "off"})`);
  }
}

// Draws the graph (iamplay_core::report::graph's report, as an object) into `host`,
// laying it out only when its nodes or edges changed since the last call.
export function show(host, g) {
  const caption = host.parentElement?.querySelector("[data-graph-caption]");
  // texts with errors (or what this module cannot read): the drawing stays, said so
  if (g?.unanswerable) {
    if (caption) caption.textContent = host.childElementCount ? `${g.unanswerable} The graph is from before.` : g.unanswerable;
    host.dataset.stale = "true";
    return;
  }
  if (!g?.nodes) return;
  delete host.dataset.stale;
  host.__iamplayLast = g;
  const shape = shapeOf(g);
  if (host.__iamplayShape !== shape) {
    draw(host, g);
    host.__iamplayShape = shape;
    host.__iamplayLaidOut = (host.__iamplayLaidOut ?? 0) + 1;
    host.dataset.layouts = String(host.__iamplayLaidOut);
    if (!host.__iamplayListens) {
      host.__iamplayListens = true;
      // a pane that grows or shrinks gets a layout that fits it
      host.__iamplayWidth = host.clientWidth;
      new ResizeObserver(() => {
        const width = host.clientWidth;
        if (!width || Math.abs(width - host.__iamplayWidth) < 40 || !host.__iamplayLast) return;
        host.__iamplayWidth = width;
        host.__iamplayShape = null;
        show(host, host.__iamplayLast);
      }).observe(host);
      host.addEventListener("click", (ev) => {
        const target = ev.target.closest?.("[data-editor]");
        if (target) reveal(target);
      });
      host.addEventListener("keydown", (ev) => {
        if (ev.key !== "Enter" && ev.key !== " ") return;
        const target = ev.target.closest?.(".graph-node[data-editor]");
        if (!target) return;
        ev.preventDefault();
        reveal(target);
      });
    }
  }
  mark(host, g);
  showLit(host);
  host.dataset.nodes = String(g.nodes.length);
  const legend = host.parentElement?.querySelector(".graph-legend");
  if (legend) legend.hidden = false;
  if (caption) {
    const trimmed = !g.trimmed_from
      ? ""
      : g.lit
        ? ` Only what concerns it is shown (${g.nodes.length} of ${g.trimmed_from} nodes).`
        : ` Only ${g.nodes.length} of ${g.trimmed_from} nodes are shown.`;
    caption.textContent = (g.lit ? `Lit: ${g.lit}.` : "Nothing is lit: select a request that can be read.") + trimmed;
  }
}
