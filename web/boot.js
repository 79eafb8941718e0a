// Starts the playground: wasm-bindgen's glue and the wasm module Trunk built, whose
// hashed names are on this script's element. A file, not an inline script, so the
// page's Content-Security-Policy allows scripts from its own origin only.
// ?theme=light|dark overrides the system's colour scheme (an embed matching its page)
const theme = new URLSearchParams(location.search).get("theme");
if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
const here = document.querySelector("script[data-iamplay-js]");
const bindings = await import(here.dataset.iamplayJs);
const wasm = await bindings.default({ module_or_path: here.dataset.iamplayWasm });
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
