// The playground's editors as the page first shows them: plain text areas, which take
// typing, carry the test hooks (data-testid="editor-…") and feed the evaluator from the
// first frame. CodeMirror (codemirror.js, about 117 KB gzipped, with the chunks it shares)
// is not part of the first visit: it loads once the first decision is painted (loadExtras,
// which the Rust app calls then) or as soon as a person focuses an editor, and each of its
// editors takes over a text area's text, selection, focus, scroll and wrapping, and the
// underlines and highlights set so far. If it cannot load (offline, a failed deploy), the
// text areas stay and work.
//
// Exposed to the Rust app as `window.IamplayEditor`, with the loader of the Markdown
// renderer (exercise mode).

// every stand-in made so far, until CodeMirror takes it over or it leaves the page
const standIns = new Set();
let codemirror = null;
let loadingCodemirror = null;
// failed loads so far: a browser keeps a module that failed to load as failed for the
// page's life (Chromium), so each retry asks for it under an address of its own
let failures = 0;

const twoFrames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

// Loads CodeMirror once (now, or two frames from now when what is on screen has been
// painted), hands every text area to it, then loads its extras (completions, hover,
// search: extras.js and the second wasm module).
function loadExtras(now = false) {
  loadingCodemirror ??= (now ? Promise.resolve() : twoFrames())
    .then(() => {
      if (failures === 0) return import("./codemirror.js");
      const again = `./codemirror.js?retry=${failures}`;
      return import(again);
    })
    .then((module) => {
      codemirror = module;
      for (const s of [...standIns]) s.handOver();
      return module.loadExtras();
    })
    .catch((why) => {
      // the text areas keep working; a later call (a focus) tries again
      console.warn(`the code editor cannot be loaded: ${why}`);
      if (!codemirror) failures++;
      loadingCodemirror = null;
    });
  return loadingCodemirror;
}

function create(parent, text, onChange, testid, readOnly) {
  if (codemirror) return codemirror.create(parent, text, onChange, testid, readOnly);
  const area = document.createElement("textarea");
  area.className = "plain-editor";
  area.value = text;
  area.readOnly = !!readOnly;
  area.spellcheck = false;
  for (const [name, value] of [["autocomplete", "off"], ["autocapitalize", "off"], ["autocorrect", "off"], ["wrap", "soft"]]) {
    area.setAttribute(name, value);
  }
  area.dataset.testid = testid;
  area.setAttribute("aria-label", testid.replace("editor-", "") + " editor");
  parent.append(area);

  // what CodeMirror shows once it takes over
  let diagnostics = [];
  let highlights = [];
  let wrap = true;
  let typed = false;
  let composing = false;
  let handOverWhenComposed = false;
  // CodeMirror's editor, once it took this one over
  let editor = null;

  // the gutter as wide as CodeMirror's will be: one digit per digit of the line count
  let digits = 0;
  const fitGutter = () => {
    let lines = 1;
    for (let at = area.value.indexOf("\n"); at !== -1; at = area.value.indexOf("\n", at + 1)) lines++;
    const next = String(lines).length;
    if (next !== digits) area.style.setProperty("--digits", String((digits = next)));
  };
  fitGutter();
  area.addEventListener("input", () => {
    typed = true;
    fitGutter();
    onChange(area.value);
  });
  area.addEventListener("focus", () => void loadExtras(true));
  // an input method's composition is never cut in two: the hand-over waits for its end
  area.addEventListener("compositionstart", () => (composing = true));
  area.addEventListener("compositionend", () => {
    composing = false;
    // after the events that end the composition (Safari sends its input and the Enter
    // that commits it after compositionend)
    if (handOverWhenComposed) setTimeout(() => standIn.handOver(), 0);
  });

  const select = (from, to) => {
    const at = (p) => Math.max(0, Math.min(p, area.value.length));
    area.setSelectionRange(at(Math.min(from, to)), at(Math.max(from, to)));
  };
  const replace = (next) => {
    if (next === area.value) return false;
    area.value = next;
    fitGutter();
    // what the text area holds: it keeps line breaks as \n, whatever `next` used
    onChange(area.value);
    return true;
  };

  const standIn = {
    area,
    testid,
    handOver() {
      if (editor) return;
      if (!area.isConnected) {
        standIns.delete(standIn);
        return;
      }
      if (composing) {
        handOverWhenComposed = true;
        return;
      }
      const focus = document.activeElement === area;
      const backward = area.selectionDirection === "backward";
      const carried = {
        anchor: backward ? area.selectionEnd : area.selectionStart,
        head: backward ? area.selectionStart : area.selectionEnd,
        focus,
        scrollTop: area.scrollTop,
        wrap,
        typed,
      };
      // CodeMirror's editor first, the text area removed once it is there: if making it
      // fails, the text area stays and works
      let made;
      try {
        made = codemirror.create(area.parentNode, area.value, onChange, testid, readOnly, carried);
      } catch (why) {
        console.warn(`the code editor cannot take over ${testid}: ${why}`);
        standIns.delete(standIn);
        return;
      }
      area.remove();
      editor = made;
      editor.setDiagnostics(diagnostics);
      editor.setHighlights(highlights);
      standIns.delete(standIn);
    },
  };
  standIns.add(standIn);

  // the same interface as CodeMirror's editor (codemirror.js), which it forwards to once
  // that took over
  return {
    getText: () => (editor ? editor.getText() : area.value),
    setText: (next) => (editor ? editor.setText(next) : void replace(next)),
    setDiagnostics: (ds) => (editor ? editor.setDiagnostics(ds) : void (diagnostics = ds)),
    setHighlights: (rs) => (editor ? editor.setHighlights(rs) : void (highlights = rs)),
    getCursor: () => (editor ? editor.getCursor() : area.selectionDirection === "backward" ? area.selectionStart : area.selectionEnd),
    replaceKeepingCursor(next, pos) {
      if (editor) return editor.replaceKeepingCursor(next, pos);
      if (replace(next)) {
        select(pos, pos);
        area.focus();
      }
    },
    setWrap(on) {
      if (editor) return editor.setWrap(on);
      wrap = on;
      area.setAttribute("wrap", on ? "soft" : "off");
    },
    scrollTo(pos) {
      if (editor) return editor.scrollTo(pos);
      select(pos, pos);
      area.focus();
    },
  };
}

const standInOf = (el) => [...standIns].find((s) => s.area === el);

// The whole text of the editor whose element (data-testid="editor-…") is `el` (for tests:
// what CodeMirror scrolls out of view is not in the DOM).
function textOf(el) {
  // a text area, even one CodeMirror has just taken over (a test may hold it still)
  if (el instanceof HTMLTextAreaElement) return el.value;
  return codemirror ? codemirror.textOf(el) : null;
}

// The main selection of the editor whose element is `el`, in UTF-16 offsets (for tests
// that model what an edit does where the person clicked).
function selectionOf(el) {
  if (standInOf(el)) return { from: el.selectionStart, to: el.selectionEnd };
  return codemirror ? codemirror.selectionOf(el) : null;
}

// Selects UTF-16 offsets `from`..`to` of the editor `name` (policies, principals,
// request), scrolled into view and focused: what a click on the graph shows.
function reveal(name, from, to) {
  const el = document.querySelector(`[data-testid="editor-${name}"]`);
  if (!el) return;
  if (standInOf(el)) {
    const at = (p) => Math.max(0, Math.min(p, el.value.length));
    el.setSelectionRange(at(from), at(to));
    el.focus();
  } else if (codemirror) {
    codemirror.reveal(el, from, to);
  }
}

// Loads a script of the page's own origin once (the Markdown bundle, which only exercise
// mode needs, is not part of the first visit).
const loading = new Map();
function loadScript(src) {
  if (!loading.has(src)) {
    loading.set(
      src,
      new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = src;
        script.onload = () => resolve();
        script.onerror = () => {
          loading.delete(src);
          reject(new Error(`${src} cannot be loaded`));
        };
        document.head.append(script);
      }),
    );
  }
  return loading.get(src);
}

window.IamplayEditor = { create, textOf, selectionOf, loadScript, loadExtras: () => loadExtras(), reveal };
