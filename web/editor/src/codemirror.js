// The playground's code editor: CodeMirror 6 with JSON highlighting, bracket matching,
// undo/redo, search, and error underlines with the message on hover. Not part of the
// first visit: editor.js shows plain text areas and loads this chunk once the first
// decision is painted (or as soon as a person focuses an editor); each editor made here
// takes over a text area's text, selection, focus and scroll.
//
// What an editor can do without for its first second (completions, search, closing
// brackets: extras.js) is a chunk of its own, loaded right after this one, and then
// added to every editor.
import { EditorState, EditorSelection, StateEffect, StateField, RangeSet, Compartment } from "@codemirror/state";
import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection, Decoration, tooltips } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { bracketMatching, foldGutter, indentOnInput, syntaxHighlighting, defaultHighlightStyle, HighlightStyle } from "@codemirror/language";
import { json } from "@codemirror/lang-json";
import { setDiagnostics, lintGutter, forEachDiagnostic } from "@codemirror/lint";
import { tags } from "@lezer/highlight";

// Highlighted ranges (the deciding statement), replaced as a whole on each update.
const setMarks = StateEffect.define();
const marks = StateField.define({
  create: () => Decoration.none,
  update(value, tr) {
    value = value.map(tr.changes);
    for (const e of tr.effects) if (e.is(setMarks)) value = e.value;
    return value;
  },
  provide: (f) => EditorView.decorations.from(f),
});

const darkHighlight = HighlightStyle.define([
  { tag: tags.propertyName, color: "#9cdcfe" },
  { tag: tags.string, color: "#ce9178" },
  { tag: tags.number, color: "#b5cea8" },
  { tag: [tags.bool, tags.null], color: "#569cd6" },
]);

// The page's colour scheme: the address's ?theme= (boot.js sets data-theme), else the system's.
function darkPage() {
  const theme = document.documentElement.dataset.theme;
  if (theme) return theme === "dark";
  return !!(window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches);
}

function clamp(view, pos) {
  return Math.max(0, Math.min(pos, view.state.doc.length));
}

// The nonce the page's Content-Security-Policy gives CodeMirror's <style> elements.
const styleNonce = document.querySelector('meta[name="iamplay-style-nonce"]')?.content;

const views = new Set();
let extras = null;
let extrasLoading = null;

// Loads extras.js once and adds it to every editor made so far; those made later have it
// from the start.
export function loadExtras() {
  extrasLoading ??= import("./extras.js")
    .then(async (module) => {
      // the editors' extensions once the second wasm module is ready (or could not load:
      // search and brackets work without it)
      await module.ready.catch((why) => console.warn(`the playground's extras cannot be loaded: ${why}`));
      extras = module;
      for (const v of views) v.addExtras();
    })
    .catch(() => {
      // offline or a failed deploy: the editors work without; a later call tries again
      extrasLoading = null;
    });
  return extrasLoading;
}

// An editor in `parent`. `carried`, from the text area it replaces: the selection
// (anchor, head), whether it had the focus, its scroll offset, whether lines wrap and
// whether the person typed in it.
export function create(parent, text, onChange, testid, readOnly, carried = {}) {
  const at = (p) => Math.max(0, Math.min(p ?? 0, text.length));
  // long lines (ARNs) wrap inside the pane unless the person turns it off
  const wrapping = new Compartment();
  const extrasSlot = new Compartment();
  let typedBeforeExtras = !!carried.typed;
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      selection: EditorSelection.single(at(carried.anchor), at(carried.head ?? carried.anchor)),
      extensions: [
        ...(styleNonce ? [EditorView.cspNonce.of(styleNonce)] : []),
        lineNumbers(),
        highlightActiveLineGutter(),
        foldGutter(),
        drawSelection(),
        history(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        json(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        ...(darkPage() ? [syntaxHighlighting(darkHighlight)] : []),
        lintGutter(),
        // the panes contain their layout and paint (fast keystrokes): tooltips live on the body
        tooltips({ parent: document.body }),
        marks,
        wrapping.of(carried.wrap === false ? [] : EditorView.lineWrapping),
        // completions, search and closing brackets, once extras.js is here (before the
        // keymap below: its keys come first)
        extrasSlot.of(extras ? extras.extensions(testid) : []),
        EditorState.readOnly.of(!!readOnly),
        EditorView.editable.of(!readOnly),
        EditorView.contentAttributes.of({ "data-testid": testid, "aria-label": testid.replace("editor-", "") + " editor" }),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.domEventHandlers({ focus: () => void loadExtras() }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) {
            onChange(u.state.doc.toString());
            if (!extras && u.transactions.some((tr) => tr.isUserEvent("input"))) typedBeforeExtras = true;
          }
          // after a paste the view follows the cursor to the pasted text's end: back to
          // column 1, where a line's start (its key) is
          if (u.transactions.some((tr) => tr.isUserEvent("input.paste"))) {
            requestAnimationFrame(() => (view.scrollDOM.scrollLeft = 0));
          }
        }),
      ],
    }),
  });
  if (carried.focus) view.focus();
  if (carried.scrollTop) view.scrollDOM.scrollTop = carried.scrollTop;
  for (const v of views) if (!v.view.dom.isConnected) views.delete(v);
  views.add({
    view,
    addExtras() {
      view.dispatch({ effects: extrasSlot.reconfigure(extras.extensions(testid)) });
      // a person who typed while they loaded gets the list the keystroke would have opened
      if (typedBeforeExtras && view.hasFocus) extras.startCompletion(view);
    },
  });
  let lastSet = "";
  return {
    view,
    getText: () => view.state.doc.toString(),
    setText(next) {
      if (next === view.state.doc.toString()) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } });
    },
    // diags: [{from, to, severity: "error"|"warning"|"info", message}] in UTF-16 offsets
    setDiagnostics(diags) {
      const ds = diags.map((d) => ({
        from: clamp(view, d.from),
        to: clamp(view, Math.max(d.to, d.from)),
        severity: d.severity,
        message: d.message,
      }));
      // the lint state maps through edits: skip the update (and its repaint) when it already
      // shows these and they are what was set last (an edit that deletes a diagnostic's text
      // drops it from the lint state but not from the gutter, which only a new set clears)
      const current = [];
      forEachDiagnostic(view.state, (d, from, to) => current.push(`${from}:${to}:${d.severity}:${d.message}`));
      const next = ds.map((d) => `${d.from}:${d.to}:${d.severity}:${d.message}`).join("\n");
      if (current.join("\n") === next && lastSet === next) return;
      lastSet = next;
      view.dispatch(setDiagnostics(view.state, ds));
    },
    // ranges: [{from, to, kind}] kind "allow" | "deny"
    setHighlights(ranges) {
      // the marks map through edits: skip the update (and its repaint) when they already match
      const want = ranges.map((r) => `${clamp(view, r.from)}:${clamp(view, r.to)}:${r.kind}`).filter((k) => !k.startsWith("x")).sort();
      const have = [];
      view.state.field(marks).between(0, view.state.doc.length, (from, to, v) => {
        have.push(`${from}:${to}:${v.spec.class.endsWith("deny") ? "deny" : "allow"}`);
      });
      have.sort();
      if (want.length === have.length && want.every((k, i) => k === have[i])) return;
      const decos = ranges
        .map((r) => ({ from: clamp(view, r.from), to: clamp(view, r.to), kind: r.kind }))
        .filter((r) => r.to > r.from)
        .sort((a, b) => a.from - b.from)
        .map((r) => Decoration.mark({ class: "cm-deciding cm-deciding-" + r.kind }).range(r.from, r.to));
      view.dispatch({ effects: setMarks.of(RangeSet.of(decos, true)) });
    },
    getCursor: () => view.state.selection.main.head,
    // the whole text replaced as one undoable change, the cursor put at `pos`
    replaceKeepingCursor(next, pos) {
      if (next === view.state.doc.toString()) return;
      const anchor = Math.max(0, Math.min(pos, next.length));
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: next },
        selection: { anchor },
        effects: EditorView.scrollIntoView(anchor, { y: "center" }),
        userEvent: "input.format",
      });
      view.focus();
    },
    setWrap(on) {
      view.dispatch({ effects: wrapping.reconfigure(on ? EditorView.lineWrapping : []) });
    },
    scrollTo(pos) {
      const p = clamp(view, pos);
      view.dispatch({ selection: { anchor: p }, effects: EditorView.scrollIntoView(p, { y: "center" }) });
      view.focus();
    },
  };
}

// The whole text of the editor whose element is `el` (for tests: what is scrolled out of
// view is not in the DOM).
export function textOf(el) {
  return EditorView.findFromDOM(el)?.state.doc.toString() ?? null;
}

// The main selection of the editor whose element is `el`, in UTF-16 offsets (for tests
// that model what an edit does where the person clicked).
export function selectionOf(el) {
  const range = EditorView.findFromDOM(el)?.state.selection.main;
  return range ? { from: range.from, to: range.to } : null;
}

// Selects UTF-16 offsets `from`..`to` of the editor whose element is `el`, scrolled into
// view and focused.
export function reveal(el, from, to) {
  const view = EditorView.findFromDOM(el);
  if (!view) return;
  const at = (p) => Math.max(0, Math.min(p, view.state.doc.length));
  view.dispatch({ selection: { anchor: at(from), head: at(to) }, effects: EditorView.scrollIntoView(at(from), { y: "center" }) });
  view.focus();
}
