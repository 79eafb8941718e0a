// Starts the playground: wasm-bindgen's glue and the wasm module Trunk built, whose
// hashed names are on this script's element. A file, not an inline script, so the
// page's Content-Security-Policy allows scripts from its own origin only.
const here = document.querySelector("script[data-iamplay-js]");
const bindings = await import(here.dataset.iamplayJs);
const wasm = await bindings.default({ module_or_path: here.dataset.iamplayWasm });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
