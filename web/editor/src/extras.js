// What an editor can do without for its first second, in a chunk of its own (editor.js
// loads it once the first decision is painted): completions from the playground, what AWS
// says of the name under the pointer, search, closing brackets and the keys of both.
import { autocompletion, closeBrackets, closeBracketsKeymap, insertCompletionText, pickedCompletion, snippetCompletion, startCompletion } from "@codemirror/autocomplete";
import { search, searchKeymap, highlightSelectionMatches } from "@codemirror/search";
import { keymap, hoverTooltip } from "@codemirror/view";

export { startCompletion };

// The page's second wasm module (iamplay-extras, built into extras/ beside editor/):
// completions, the hover's text, the lint findings, the policy summary, paths and who-can,
// "allowed only if…", AccessDenied messages read as requests, and the graph. Its functions
// become the page's (window.IamplayComplete, IamplayHover, IamplayLint,
// IamplayNeverCarried, IamplayCatalogState, IamplaySummary, IamplayPaths,
// IamplayAllowedIf, IamplayExplainError), and it draws the graph itself; it reads AWS's
// catalog from the file the first module fetched (window.__iamplayCatalog, or its
// iamplay-catalog event) and says so with an iamplay-extras event.
const here = (file) => new URL(`../extras/${file}`, import.meta.url).href;
export const ready = (async () => {
  const wasm = await import(here("iamplay_extras.js"));
  await wasm.default({ module_or_path: here("iamplay_extras_bg.wasm") });
  const textOf = (name) => {
    const el = document.querySelector(`[data-testid="editor-${name}"]`);
    return (el && window.IamplayEditor.textOf(el)) ?? "";
  };
  // the ARNs of AWS managed policies are offered where a policy name goes in the
  // principals and request editors: their list (aws-managed/index.json) is fetched on the
  // first completion there, and an open list is asked for again when it arrives
  let awsManaged = null;
  const wantAwsManaged = (view) => {
    awsManaged ??= fetch("aws-managed/index.json")
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`aws-managed/index.json: ${r.status}`))))
      .then((index) => {
        wasm.loadAwsManagedNames(index);
        if (view?.hasFocus) startCompletion(view);
      })
      .catch((why) => {
        awsManaged = null; // a later completion tries again
        console.warn(`AWS managed policies' names cannot be offered: ${why}`);
      });
  };
  window.IamplayComplete = (testid, text, pos, view) => {
    const found = wasm.complete(testid, text, pos, textOf("policies"), textOf("principals"));
    if (found?.awsManagedHere) wantAwsManaged(view);
    return found;
  };
  window.IamplayHover = (testid, text, pos) => wasm.hover(testid, text, pos);
  window.IamplaySummary = (policies, principals) => wasm.summary(policies, principals);
  window.IamplayAllowedIf = (policies, principals, requests, index) => wasm.allowedIf(policies, principals, requests, index);
  window.IamplayPaths = (policies, principals, requests, index) => wasm.paths(policies, principals, requests, index);
  watchGraph((index, pick) => wasm.graph(textOf("policies"), textOf("principals"), textOf("request"), index, pick), textOf);
  window.IamplayExplainError = (message, policies, principals, requests) => wasm.explainError(message, policies, principals, requests);
  window.IamplayLint = (policies, principals, requests) => wasm.lint(policies, principals, requests);
  window.IamplayNeverCarried = (action, keys) => wasm.neverCarried(action, keys);
  window.IamplayCatalogState = () => wasm.catalogState();
  const take = () => {
    const bytes = window.__iamplayCatalog;
    if (!bytes) return;
    delete window.__iamplayCatalog;
    const t0 = performance.now();
    try {
      wasm.loadCatalog(bytes);
      // read by scripts/measure-web: inflating and reading the catalog, in ms
      window.__iamplayCatalogMs = performance.now() - t0;
    } catch (why) {
      console.warn(`AWS's catalog cannot be read for findings, completions and hover: ${why}`);
    }
    // the first module shows the catalog's state (catalogState) and asks for findings again
    dispatchEvent(new Event("iamplay-extras"));
  };
  addEventListener("iamplay-catalog", take);
  // what needs no catalog (paths, AccessDenied messages) can be made from now on
  dispatchEvent(new Event("iamplay-extras"));
  take();
})();

// The graph of "How they play together". The first module marks its place: an element
// data-testid="graph" inside one whose data-request is the selected request; the
// result's data-revision moves with every evaluation (an edit, an AWS managed policy
// fetched). It is drawn after the frame that
// paints the decision, once the edits pause (at least every 2.5 s while they go on), by
// graph.js (a chunk of its own, with dagre), with the request lit, or the path picked
// with a "Show on the graph" button (data-option: path:N, who:N) while that request stays
// as it was. `make(index, pick)` gives the nodes and edges; `textOf(editor)` an editor's text.
function watchGraph(make, textOf) {
  const requestOf = (host) => Number(host.closest("[data-request]")?.dataset.request ?? 0);
  let pick = null;
  // drawn once the edits pause (a keystroke's decision is never kept waiting by the
  // graph), and at least every 2.5 s while they go on
  const PAUSE = 120;
  const AT_MOST = 2500;
  let timer = null;
  let waitingSince = null;
  const drawNow = async () => {
    timer = null;
    waitingSince = null;
    const host = document.querySelector('[data-testid="graph"]');
    if (!host?.closest("details")?.open) return;
    const index = requestOf(host);
    // a picked path holds while its request stays as it was
    const option = pick?.request === index && pick.text === textOf("request") ? pick.option : "";
    const back = host.parentElement?.querySelector('[data-testid="graph-show-request"]');
    if (back) back.hidden = !option;
    const graph = make(index, option);
    const { show } = await import("./graph.js");
    show(host, graph);
  };
  const draw = (soon) => {
    const now = performance.now();
    waitingSince ??= now;
    clearTimeout(timer);
    const wait = soon === true ? 0 : Math.max(0, Math.min(PAUSE, waitingSince + AT_MOST - now));
    // after the frame that paints the decision
    timer = setTimeout(() => requestAnimationFrame(() => setTimeout(drawNow, 0)), wait);
  };
  new MutationObserver(draw).observe(document.body, { subtree: true, attributes: true, attributeFilter: ["data-revision", "data-request"] });
  document.addEventListener("toggle", (ev) => ev.target.classList?.contains("graph-panel") && draw(true), true);
  document.addEventListener("click", (ev) => {
    const show = ev.target.closest?.('[data-testid="show-on-graph"]');
    const back = ev.target.closest?.('[data-testid="graph-show-request"]');
    const host = document.querySelector('[data-testid="graph"]');
    if (show && host) pick = { request: requestOf(host), option: show.dataset.option, text: textOf("request") };
    if (back) pick = null;
    if (show || back) draw(true);
  });
  draw(true);
}

// The descriptions of one service's actions and condition keys (aws-catalog/d/PREFIX.json,
// made from the catalog's package by web/data/split-aws-data.mjs), fetched on the first
// hover over one of its names.
const descriptions = new Map();
function describedBy(prefix) {
  if (!descriptions.has(prefix)) {
    const got = fetch(`aws-catalog/d/${prefix}.json`)
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .catch(() => {
        descriptions.delete(prefix); // a later hover tries again
        return null;
      });
    descriptions.set(prefix, got);
  }
  return descriptions.get(prefix);
}

// A listed key with a variable part (aws:RequestTag/${TagKey}, s3:ExistingObjectTag/<key>)
// as a pattern over keys as written.
const keyPattern = (listed) =>
  new RegExp("^" + listed.split(/\$\{[^}]*\}|<[^>]*>/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".+") + "$");

// Fills the element the playground marked (data-describe="action" | "key") with the
// description of its name, once the service's descriptions are here.
function describe(dom) {
  const el = dom.querySelector("[data-describe]");
  const { describe: kind, service, name } = el?.dataset ?? {};
  if (!el || !/^[a-z0-9-]+$/.test(service ?? "")) return;
  describedBy(service).then((all) => {
    const table = all?.[kind === "action" ? "a" : "k"] ?? {};
    const lower = name.toLowerCase();
    const found = table[lower] ?? (kind === "key" ? Object.entries(table).find(([k]) => k.includes("${") || k.includes("<") ? keyPattern(k).test(lower) : false)?.[1] : undefined);
    if (found) el.textContent = found;
  });
}

// What AWS's catalog says of the action, pattern or key under the pointer
// (window.IamplayHover, set by the wasm app: escaped HTML).
const hover = (testid) =>
  hoverTooltip((view, pos) => {
    const found = window.IamplayHover?.(testid, view.state.doc.toString(), pos);
    if (!found) return null;
    return {
      pos: found.from,
      end: found.to,
      above: true,
      create() {
        const dom = document.createElement("div");
        dom.className = "iamplay-hover";
        dom.dataset.testid = "hover";
        dom.innerHTML = found.html;
        describe(dom);
        return { dom };
      },
    };
  });

// What is typed before the first `:`, letter case ignored (null while there is none).
const beforeColon = (text) => {
  const at = text.indexOf(":");
  return at < 0 ? null : text.slice(0, at).toLowerCase();
};

// Takes an option that others follow (`s3:`, `ForAnyValue:`) and opens the list of those.
function thenComplete(view, completion, from, to) {
  view.dispatch({ ...insertCompletionText(view.state, completion.label, from, to), annotations: pickedCompletion.of(completion) });
  startCompletion(view);
}

// The extensions for the editor whose test id is `testid` (the playground's completions
// are asked for by it).
export function extensions(testid) {
  return [
    closeBrackets(),
    highlightSelectionMatches(),
    search({ top: true }),
    // completions from the playground (window.IamplayComplete, set by the wasm app):
    // actions, condition operators and keys, element names, declared names
    autocompletion({
      // the list follows each keystroke at once (the default waits 100 ms)
      activateOnTypingDelay: 0,
      // at most 40 options in the DOM, around the selected one (the arrow keys and Page Down
      // bring the others): CodeMirror's 100 are 300 elements styled and laid out on every
      // keystroke (keystroke → list p95 17.7 → 12.1 ms, scripts/measure-web --completion)
      maxRenderedOptions: 40,
      override: [
        (ctx) => {
          const found = window.IamplayComplete?.(testid, ctx.state.doc.toString(), ctx.pos, ctx.view);
          if (!found?.options.length) return null;
          const options = found.options.map((o) =>
            // an ARN format's or a key's ${Placeholder} parts become fields to Tab through
            // (and a last, empty field at its end: Tab after the last part leaves the value)
            o.template
              ? snippetCompletion(o.label + "${}", o)
              : // a service prefix (s3:), a set qualifier (ForAnyValue:), service: …: what
                // follows is asked for at once; `s3:` before `s3-outposts:` for "s3"
                o.label.endsWith(":")
                ? { ...o, sortText: o.label.slice(0, -1), apply: thenComplete }
                : o,
          );
          // the options depend on what is typed before its first `:` (the services, then
          // one service's actions or keys): valid while that stays as it was
          const before = beforeColon(ctx.state.sliceDoc(found.from, ctx.pos));
          const validFor = (text) => /^[\w:*\-\/.@${}]*$/.test(text) && beforeColon(text) === before;
          return { from: found.from, options, validFor };
        },
      ],
    }),
    hover(testid),
    keymap.of([...closeBracketsKeymap, ...searchKeymap]),
  ];
}
