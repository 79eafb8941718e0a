// Speed and size of the playground, printed as numbers (not a test; not run by CI):
//  - first visit: what a cold load fetches until the first decision is shown, each file
//    gzip -9 (what a server would send compressed), and apart, what is fetched later;
//  - keystroke → decision on a 20 KB scenario of 100 statements with conditions reached
//    through groups, where every keystroke flips the decision: a Deny applies when the
//    request's context value `aws:RequestTag/stage` is `prod`, and the keystrokes
//    alternate typing the `d` and deleting it. Timed in the page from `keydown` to the
//    change of `data-decision`, and to the next animation frame after it, over 200
//    keystrokes; five runs, the median of their p95 reported; and the same frame measure
//    on a blank page with a `contenteditable` (the browser's floor) beside it.
// Usage: scripts/measure-web [--size | --trace | --completion]  (builds the release dist/
// first; --size: sizes only; --trace: where a keystroke's time goes, from Chromium's trace
// and profiler, in both workloads; --completion: sizes and the completion workload only)
import { startServer, startBrowser, openPage, replaceText, waitForDecision, root } from "./e2e/harness.js";
import { readFileSync, existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import path from "node:path";

const RUNS = 5;
const KEYSTROKES = 200;

/// 10 policies of 10 statements with conditions, attached to five groups alice is in.
function scenario() {
  const policies = {};
  const actions = ["s3:GetObject", "s3:PutObject", "s3:List*", "ec2:Describe*", "dynamodb:Query", "sqs:SendMessage"];
  for (let p = 0; p < 10; p++) {
    const statements = [];
    for (let s = 0; s < 10; s++) {
      const conditions = [
        { StringEquals: { "aws:PrincipalTag/team": `team-${s}` } },
        { IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "198.51.100.0/24"] } },
        { StringLike: { "s3:prefix": [`home/\${aws:username}/${s}/*`, "public/*"] } },
        { Bool: { "aws:SecureTransport": "true" }, NumericLessThan: { "s3:max-keys": "100" } },
        { DateGreaterThan: { "aws:CurrentTime": "2024-01-01T00:00:00Z" } },
      ];
      statements.push({
        Sid: `P${p}S${s}`,
        Effect: s === 7 ? "Deny" : "Allow",
        Action: [actions[(p * 10 + s) % actions.length], `s3:Other${s}`],
        Resource: [`arn:aws:s3:::bucket-${p}/home/\${aws:username}/*`, `arn:aws:s3:::bucket-${p}-${s}/*`],
        Condition: conditions[s % conditions.length],
      });
    }
    policies[`policy-${p}`] = { Version: "2012-10-17", Statement: statements };
  }
  policies["policy-9"].Statement[9] = {
    Sid: "StageGate",
    Effect: "Deny",
    Action: "s3:GetObject",
    Resource: "*",
    Condition: { StringEquals: { "aws:RequestTag/stage": "prod" } },
  };
  const groups = {};
  for (let g = 0; g < 5; g++) groups[`group-${g}`] = { policies: [`policy-${2 * g}`, `policy-${2 * g + 1}`] };
  const principals = {
    account: "111122223333",
    groups,
    users: { alice: { groups: Object.keys(groups), tags: { team: "team-0" } } },
  };
  const request = {
    principal: "user/alice",
    action: "s3:GetObject",
    resource: "arn:aws:s3:::bucket-0/home/alice/report.txt",
    context: {
      "aws:SourceIp": "203.0.113.7",
      "aws:SecureTransport": "true",
      "aws:CurrentTime": "2025-06-01T00:00:00Z",
      "aws:RequestTag/stage": "pro",
    },
  };
  const statementLines = (p) => p.Statement.map((st) => `      ${JSON.stringify(st)}`).join(",\n");
  const policyText = Object.entries(policies)
    .map(([name, p]) => `  "${name}": {\n    "Version": "2012-10-17",\n    "Statement": [\n${statementLines(p)}\n    ]\n  }`)
    .join(",\n");
  return {
    policies: `{\n${policyText}\n}`,
    principals: JSON.stringify(principals, null, 2),
    request: JSON.stringify(request, null, 2),
  };
}

/// Records for each keystroke the time from `keydown` until `data-decision` changed (the
/// work done) and until the next animation frame after it (what a person sees), and the
/// playground's own timing of its evaluation. On a page without a decision (the floor),
/// any change under `selector` counts.
function instrument(page, selector, attribute) {
  return page.evaluate(
    ([selector, attribute]) => {
      const target = document.querySelector(selector);
      Object.assign(window, { __work: [], __frame: [], __compute: [], __t0: null });
      document.addEventListener("keydown", () => (window.__t0 = performance.now()), true);
      const options = attribute
        ? { attributes: true, attributeFilter: [attribute] }
        : { attributes: true, childList: true, subtree: true, characterData: true };
      new MutationObserver(() => {
        const t0 = window.__t0;
        if (t0 === null) return;
        window.__t0 = null;
        window.__work.push(performance.now() - t0);
        if (window.__iamplayComputeMs !== undefined) window.__compute.push(window.__iamplayComputeMs);
        requestAnimationFrame(() => window.__frame.push(performance.now() - t0));
      }).observe(target, options);
    },
    [selector, attribute],
  );
}

/// Presses the keys one at a time, each after the previous one's frame was seen.
async function typeKeys(page, keys) {
  for (let i = 0; i < keys.length; i++) {
    await page.keyboard.press(keys[i]);
    await page.waitForFunction((n) => window.__frame.length >= n, i + 1, { polling: "raf", timeout: 10000 });
  }
  const sorted = (name) => page.evaluate((n) => window[n], name).then((xs) => xs.sort((a, b) => a - b));
  return { work: await sorted("__work"), frame: await sorted("__frame"), compute: await sorted("__compute") };
}

const q = (xs, p) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/// gzip -9 size of the dist/ file a URL of the page names.
function gzipOf(url) {
  const file = path.join(root, "dist", decodeURIComponent(new URL(url).pathname).replace(/^\/$/, "/index.html"));
  if (!existsSync(file)) return 0;
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

/// A cold load of `url` (a new browser context: no cache, no storage): the files fetched
/// until a decision is shown, and those fetched after it.
async function firstVisit(browser, url, label) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  // when the page first shows a decision, by the page's own clock (resource timings use it too)
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('[data-testid="decision"]')?.dataset.decision) {
        window.__firstDecisionAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.__firstDecisionAt !== undefined, null, { timeout: 30000 });
  await page.waitForTimeout(1500);
  // each file by when its request started: before the first decision was shown, or after
  const { decidedAt, entries, catalogMs } = await page.evaluate(() => ({
    decidedAt: window.__firstDecisionAt,
    catalogMs: window.__iamplayCatalogMs,
    entries: performance.getEntriesByType("resource").map((e) => ({ url: e.name, start: e.startTime })),
  }));
  const before = [url, ...new Set(entries.filter((e) => e.start <= decidedAt).map((e) => e.url))];
  const later = [...new Set(entries.filter((e) => e.start > decidedAt).map((e) => e.url))].filter((u) => !before.includes(u));
  await context.close();
  const list = (urls) => urls.map((u) => ({ name: new URL(u).pathname.slice(1) || "index.html", gz: gzipOf(u) }));
  const first = list(before);
  const total = first.reduce((s, f) => s + f.gz, 0);
  console.log(`${label}: first-visit download (gzip -9, fetched until the first decision): ${kb(total)}`);
  for (const f of first.sort((a, b) => b.gz - a.gz)) console.log(`  ${f.name}: ${kb(f.gz)}`);
  const after = list(later);
  if (after.length) {
    const sum = after.reduce((s, f) => s + f.gz, 0);
    console.log(`  fetched after the first decision: ${kb(sum)} (${after.map((f) => `${f.name} ${kb(f.gz)}`).join(", ")})`);
  }
  if (catalogMs !== undefined) console.log(`  AWS's catalog inflated and read in the page: ${catalogMs.toFixed(1)} ms`);
  return total;
}

async function flipRun(browser, server, s, traced = false) {
  const { page, context } = await openPage(browser, server.url);
  await replaceText(page, "policies", s.policies);
  await replaceText(page, "principals", s.principals);
  await replaceText(page, "request", s.request);
  await waitForDecision(page, "Allow");
  await instrument(page, '[data-testid="decision"]', "data-decision");
  // the caret inside "pro", before its closing quote
  await page.locator('[data-testid="editor-request"] .cm-line', { hasText: "aws:RequestTag/stage" }).click();
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowLeft");
  const keys = Array.from({ length: KEYSTROKES }, (_, i) => (i % 2 === 0 ? "d" : "Backspace"));
  const cdp = traced ? await startTrace(page) : null;
  const r = await typeKeys(page, keys);
  if (cdp) await printTrace(cdp, KEYSTROKES);
  const last = await page.locator('[data-testid="decision"]').getAttribute("data-decision");
  if (r.frame.length !== KEYSTROKES || last !== "Allow") {
    throw new Error(`the decision did not flip on every keystroke (${r.frame.length} flips, ends ${last})`);
  }
  await context.close();
  return r;
}

async function floorRun(browser) {
  const page = await browser.newPage();
  await page.setContent('<div id="e" contenteditable="true" style="font: 13px monospace">pro</div>');
  await instrument(page, "body", null);
  await page.click("#e");
  await page.keyboard.press("End");
  const r = await typeKeys(page, Array.from({ length: KEYSTROKES }, (_, i) => (i % 2 === 0 ? "d" : "Backspace")));
  await page.close();
  return r;
}

/// Starts Chromium's timeline trace and its JavaScript sampling profiler on a page.
async function startTrace(page) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on("Tracing.dataCollected", (e) => events.push(...e.value));
  await cdp.send("Tracing.start", {
    categories: "devtools.timeline,disabled-by-default-devtools.timeline",
    transferMode: "ReportEvents",
  });
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
  await cdp.send("Profiler.start");
  return { cdp, events };
}

/// Prints the main thread's time per keystroke by kind of work: JavaScript split by
/// where it runs (the wasm module, CodeMirror's bundle, wasm-bindgen's glue), then style,
/// layout, paint and compositing.
async function printTrace({ cdp, events }, keystrokes) {
  const { profile } = await cdp.send("Profiler.stop");
  const done = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
  await cdp.send("Tracing.end");
  await done;
  const per = (us) => `${(us / 1000 / keystrokes).toFixed(2)} ms`;
  // the profiler: self time of each sample's function, by script
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const bucket = new Map();
  profile.samples.forEach((id, i) => {
    const f = byNode.get(id)?.callFrame ?? {};
    const url = f.url || "";
    const where = url.endsWith(".wasm") || f.functionName?.startsWith("$") || /wasm-function/.test(f.functionName ?? "")
      ? "wasm (evaluation, view model, Leptos)"
      : url.includes("/editor/")
        ? "CodeMirror (editor/)"
        : /iamplay-web.*\.js$/.test(url)
          ? "wasm-bindgen glue"
          : f.functionName === "(garbage collector)"
            ? "garbage collection"
            : f.functionName === "(idle)" || f.functionName === "(program)"
              ? null
              : url ? "other JavaScript" : null;
    if (where) bucket.set(where, (bucket.get(where) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  console.log(`where a keystroke's time goes (per keystroke, over ${keystrokes}):`);
  for (const [k, v] of [...bucket].sort((a, b) => b[1] - a[1])) console.log(`  ${k}: ${per(v)}`);
  // the trace: rendering work on the main thread
  const kinds = { UpdateLayoutTree: "style", Layout: "layout", Paint: "paint", PrePaint: "pre-paint", Layerize: "compositing", Commit: "compositing" };
  const main = new Set(events.filter((e) => e.ph === "M" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`));
  const sums = {};
  for (const e of events) {
    const k = kinds[e.name];
    if (k && e.ph === "X" && e.dur && main.has(`${e.pid}:${e.tid}`)) sums[k] = (sums[k] ?? 0) + e.dur;
  }
  for (const [k, v] of Object.entries(sums).sort((a, b) => b[1] - a[1])) console.log(`  ${k}: ${per(v)}`);
}

/// Keystroke → the completion list shows what the keystroke changed: in an Action string
/// after `s3:`, typing `G` (the list narrows to s3:Get…) and deleting it, alternately.
async function completionRun(browser, server, traced = false) {
  const { page, context } = await openPage(browser, server.url);
  await waitForDecision(page, "Allow");
  await page.waitForFunction(() => /^IAM data: @/.test(document.querySelector('[data-testid="catalog-version"]')?.textContent ?? ""));
  await replaceText(page, "policies", '{"p": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:');
  await page.keyboard.type("A");
  await page.keyboard.press("Backspace");
  await page.waitForSelector(".cm-tooltip-autocomplete li");
  await page.evaluate(() => {
    window.__shown = [];
    const first = () => document.querySelector(".cm-tooltip-autocomplete li")?.textContent ?? "";
    let last = first();
    document.addEventListener("keydown", () => (window.__t0 = performance.now()), true);
    new MutationObserver(() => {
      const now = first();
      if (now !== last && window.__t0 !== undefined) {
        last = now;
        window.__shown.push(performance.now() - window.__t0);
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  const n = 100;
  const cdp = traced ? await startTrace(page) : null;
  for (let i = 0; i < n; i++) {
    await page.keyboard.press(i % 2 === 0 ? "G" : "Backspace");
    await page.waitForFunction((k) => window.__shown.length >= k, i + 1, { polling: "raf", timeout: 10000 });
  }
  if (cdp) await printTrace(cdp, n);
  const shown = await page.evaluate(() => window.__shown.sort((a, b) => a - b));
  await context.close();
  return shown;
}

const server = await startServer();
const browser = await startBrowser();
try {
  await firstVisit(browser, server.url, "playground");
  await firstVisit(browser, `${server.url}?exercises`, "exercise mode");
  const s = scenario();
  if (process.argv.includes("--trace")) {
    console.log("\nthe decision-flipping workload:");
    await flipRun(browser, server, s, true);
    console.log("\nthe completion workload:");
    await completionRun(browser, server, true);
  }
  const only = (flag) => process.argv.includes(flag);
  if (!only("--size") && !only("--trace")) {
    if (!only("--completion")) await speed(browser, server, s);
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await completionRun(browser, server));
    const m = (p) => median(runs.map((r) => q(r, p)));
    console.log(`\nkeystroke → completion list updated (s3:G… in an Action), median of ${RUNS} runs: p50 ${ms(m(50))}, p95 ${ms(m(95))}`);
  }
} finally {
  await browser.close();
  server.stop();
}

async function speed(browser, server, s) {
  const size = s.policies.length + s.principals.length + s.request.length;
  console.log(`\nkeystroke → decision: ${(size / 1024).toFixed(1)} KB scenario, 100 statements, every keystroke flips the decision`);
  const runs = [];
  const floors = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await flipRun(browser, server, s);
    const f = await floorRun(browser);
    runs.push(r);
    floors.push(f);
    console.log(
      `  run ${i + 1}: decision changed p50 ${ms(q(r.work, 50))} p95 ${ms(q(r.work, 95))}; next frame p50 ${ms(q(r.frame, 50))} p95 ${ms(q(r.frame, 95))}; evaluation p50 ${ms(q(r.compute, 50))}; floor frame p95 ${ms(q(f.frame, 95))}`,
    );
  }
  const m = (pick) => median(runs.map(pick));
  console.log(`keystroke → data-decision changed, median of ${RUNS} runs: p50 ${ms(m((r) => q(r.work, 50)))}, p95 ${ms(m((r) => q(r.work, 95)))}`);
  console.log(`keystroke → next frame after it: p50 ${ms(m((r) => q(r.frame, 50)))}, p95 ${ms(m((r) => q(r.frame, 95)))}`);
  console.log(`  of which evaluation in wasm (parse + decide + view model): p50 ${ms(m((r) => q(r.compute, 50)))}`);
  console.log(
    `the floor (a contenteditable on a blank page, keystroke → next frame): p50 ${ms(median(floors.map((f) => q(f.frame, 50))))}, p95 ${ms(median(floors.map((f) => q(f.frame, 95))))}`,
  );
}
