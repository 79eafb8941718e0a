// Starts the playground: wasm-bindgen's glue and the wasm module Trunk built, whose
// hashed names are on this script's element. A file, not an inline script, so the
// page's Content-Security-Policy allows scripts from its own origin only.
// ?theme=light|dark overrides the system's colour scheme (an embed matching its page)
const theme = new URLSearchParams(location.search).get("theme");
if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
const here = document.querySelector("script[data-iamplay-js]");
// Exercise mode (?exercise=ID, ?exercises, ?pack=URL: the addresses crates/iamplay-web's
// exercise::wanted reads) is a build of its own, with the grader and the task panel
// (web/build-exercise-mode.sh); the playground's build, Trunk's, carries none of it.
const search = new URLSearchParams(location.search);
const exerciseMode = ["exercise", "exercises", "pack"].some((name) => search.has(name));
const js = exerciseMode ? "./exercise-mode/iamplay-web.js" : here.dataset.iamplayJs;
// the module's fetch starts now, beside the glue's (the page has no preload links)
const module = fetch(exerciseMode ? "./exercise-mode/iamplay-web_bg.wasm" : here.dataset.iamplayWasm);
const bindings = await import(js);
const wasm = await bindings.default({ module_or_path: module });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));

// In another page's frame (an embed), tell that page how tall the content is, whenever it
// changes, so web/embed.js there can size the frame to it. Only the height is sent.
if (window.parent !== window && new URLSearchParams(location.search).has("embed")) {
  let sent = 0;
  new ResizeObserver(() => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height !== sent) {
      sent = height;
      window.parent.postMessage({ iamplayEmbedHeight: height }, "*");
    }
  }).observe(document.body);
}
