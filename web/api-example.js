// The JavaScript API decides the scenario of the text area on every edit.
import init, { evaluate, version } from "./iamplay/iamplay_wasm.js";
await init();
const area = document.getElementById("scenario");
const show = () => {
  const report = evaluate(area.value, { explain: false });
  const r = report.results[0];
  document.getElementById("decision").textContent = r ? String(r.decision) : "no request";
  document.getElementById("details").textContent = JSON.stringify(
    { decidedBy: r?.decidedBy, blockedBy: r?.blockedBy, diagnostics: report.diagnostics, version: version() }, null, 2);
};
area.addEventListener("input", show);
show();
