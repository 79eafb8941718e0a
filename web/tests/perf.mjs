// Speed and size of the playground, printed as numbers (not a test; not run by CI):
//  - keystroke → updated decision on a ~20 KB scenario, p50 and p95 over 200 keystrokes,
//    measured in the page from keydown to the result panel's DOM update, and to the first
//    animation frame after it; and the same frame measure on a blank page (the floor);
//  - first-visit download (wasm + js + css, gzip).
// Usage: scripts/measure-web  (builds dist/ first)
import { startServer, startBrowser, openPage, replaceText, waitForDecision, root } from "./e2e/harness.js";
import { readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import path from "node:path";

function scenario() {
  const policies = {};
  const names = [];
  for (let p = 0; p < 5; p++) {
    const statements = [];
    for (let s = 0; s < 8; s++) {
      statements.push({
        Sid: `S${p}x${s}`,
        Effect: s === 7 ? "Deny" : "Allow",
        Action: [`s3:Get${s}*`, "s3:List*"],
        Resource: [`arn:aws:s3:::bucket-${p}/home/\${aws:username}/*`, `arn:aws:s3:::bucket-${p}-${s}/*`],
        Condition: { StringEquals: { "aws:PrincipalTag/team": `team-${s}` }, IpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } },
      });
    }
    policies[`policy-${p}`] = { Version: "2012-10-17", Statement: statements };
    names.push(`policy-${p}`);
  }
  policies["policy-0"].Statement[0].Sid = "Typing";
  const principals = { account: "111122223333", users: { alice: { policies: names, tags: { team: "team-0" } } } };
  const request = { principal: "user/alice", action: "s3:Get0Object", resource: "arn:aws:s3:::bucket-0/home/alice/x", context: { "aws:SourceIp": "203.0.113.7" } };
  return { policies: JSON.stringify(policies, null, 2), principals: JSON.stringify(principals, null, 2), request: JSON.stringify(request, null, 2) };
}

// Records, for each keystroke, the time until the DOM under `selector` changed (the work:
// mutation records are delivered once the update's DOM changes are done) and until the
// next animation frame after that (what a person sees), plus the playground's own timing
// of its evaluation when it has one.
function instrument(page, selector) {
  return page.evaluate((selector) => {
    const target = document.querySelector(selector);
    Object.assign(window, { __work: [], __samples: [], __compute: [], __t0: null });
    document.addEventListener("keydown", () => (window.__t0 = performance.now()), true);
    new MutationObserver(() => {
      const t0 = window.__t0;
      if (t0 === null) return;
      window.__t0 = null;
      window.__work.push(performance.now() - t0);
      requestAnimationFrame(() => {
        window.__samples.push(performance.now() - t0);
        if (window.__iamplayComputeMs !== undefined) window.__compute.push(window.__iamplayComputeMs);
      });
    }).observe(target, { attributes: true, childList: true, subtree: true, characterData: true });
  }, selector);
}

/// Types 200 letters where the caret is, then returns the sorted samples.
async function type200(page) {
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press("a");
    await page.waitForTimeout(5);
  }
  await page.waitForTimeout(300);
  const sorted = (name) => page.evaluate((n) => window[n], name).then((xs) => xs.sort((a, b) => a - b));
  return { work: await sorted("__work"), frame: await sorted("__samples"), compute: await sorted("__compute") };
}

const q = (xs, p) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (x) => `${x.toFixed(1)} ms`;

const server = await startServer();
const browser = await startBrowser();
try {
  const { page } = await openPage(browser, server.url);
  const s = scenario();
  const size = s.policies.length + s.principals.length + s.request.length;
  await replaceText(page, "policies", s.policies);
  await replaceText(page, "principals", s.principals);
  await replaceText(page, "request", s.request);
  await waitForDecision(page, "Allow");
  await instrument(page, "[data-revision]");
  // type into the Sid "Typing" (letters keep it valid); it is near the top
  await page.click('[data-testid="editor-policies"]');
  await page.keyboard.press("Control+Home");
  await page.locator('[data-testid="editor-policies"] .cm-line', { hasText: '"Typing"' }).getByText("Typing").click();
  const app = await type200(page);
  if (app.compute.length) console.log(`  of which evaluation (parse + decide + view model): p50 ${q(app.compute, 50)} ms`);
  console.log(`  keystroke → page updated (DOM changes done, before painting): p50 ${ms(q(app.work, 50))}, p95 ${ms(q(app.work, 95))}`);
  console.log(`scenario: ${(size / 1024).toFixed(1)} KB in the three editors`);
  console.log(`keystroke → updated decision over ${app.frame.length} keystrokes: p50 ${ms(q(app.frame, 50))}, p95 ${ms(q(app.frame, 95))}, max ${ms(app.frame[app.frame.length - 1])}`);
  // A keystroke lands at a random point of the 16.7 ms frame interval, so the time above
  // includes waiting for the next frame even when the update itself takes no time. The
  // floor: the same measure on a page that does nothing but show the typed text (a
  // contenteditable element), so the frame wait and the browser's own work are visible.
  const blank = await browser.newPage();
  await blank.setContent('<div id="e" contenteditable="true" style="font: 13px monospace">Typing</div>');
  await instrument(blank, "body");
  await blank.click("#e");
  const floor = await type200(blank);
  console.log(`the floor (a contenteditable on a blank page, same measure): keystroke → next frame p50 ${ms(q(floor.frame, 50))}, p95 ${ms(q(floor.frame, 95))}`);
  await blank.close();
} finally {
  await browser.close();
  server.stop();
}
const dist = path.join(root, "dist");
let total = 0;
for (const f of readdirSync(dist)) {
  if (!/\.(wasm|js|css|html)$/.test(f)) continue;
  const gz = gzipSync(readFileSync(path.join(dist, f)), { level: 9 }).length;
  total += gz;
  console.log(`  ${f}: ${(gz / 1024).toFixed(1)} KB gzip`);
}
console.log(`first-visit download (gzip): ${(total / 1024).toFixed(1)} KB`);
