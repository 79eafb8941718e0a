// Embeds, one-click context keys, export and import.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { startServer, openPage, replaceText, editorText, waitFor, waitForDecision, decidedBy, shots, root, useServerAndBrowser, waitForEditors } from "./harness.js";

const env = useServerAndBrowser();

const MFA = {
  policies: JSON.stringify({ mfa: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }] } }, null, 2),
  principals: JSON.stringify({ account: "111122223333", users: { alice: { policies: ["mfa"] } } }, null, 2),
  request: JSON.stringify({ principal: "user/alice", action: "s3:GetObject", resource: "arn:aws:s3:::b/k" }, null, 2),
};

test("a missing context key is added in one click", async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  await replaceText(page, "policies", MFA.policies);
  await replaceText(page, "principals", MFA.principals);
  await replaceText(page, "request", MFA.request);
  await waitForDecision(page, "ImplicitDeny");
  const missing = page.locator('[data-testid="missing-keys"] li');
  assert.match(await missing.first().textContent(), /aws:MultiFactorAuthPresent/);
  await page.click('[data-testid="add-key"]');
  const request = page.locator('[data-testid="editor-request"]');
  await waitFor(async () => (await request.textContent()).includes("aws:MultiFactorAuthPresent"), "the key in the request");
  // fill in the value by typing: the empty string is between the last two quotes
  await page.locator('[data-testid="editor-request"] .cm-line', { hasText: "MultiFactorAuthPresent" }).click();
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.type("true");
  await waitForDecision(page, "Allow");
  await context.close();
});

test("embed mode shows the chosen editors and the result, read-only, with a link to the playground", async () => {
  const { page: main, context: c1 } = await openPage(env.browser, env.server.url);
  await waitForDecision(main, "Allow");
  await main.click('[data-testid="share"]');
  const fragment = await waitFor(async () => (main.url().includes("#s=") ? main.url().split("#")[1] : false), "a share link");
  await c1.close();
  const context = await env.browser.newContext({ viewport: { width: 900, height: 600 } });
  const page = await context.newPage();
  await page.goto(`${env.server.url}?embed=policies,request&readonly=1#${fragment}`);
  await waitForEditors(page);
  await waitForDecision(page, "Allow");
  assert.equal(await page.locator('[data-testid="editor-principals"]').count(), 0);
  assert.equal(await page.locator('[data-testid="editor-request"]').count(), 1);
  assert.equal(await page.locator('[data-testid="editor-policies"]').getAttribute("contenteditable"), "false");
  const href = await page.locator('[data-testid="open-in-playground"]').getAttribute("href");
  assert.match(href, /#s=v1\./);
  await page.screenshot({ path: path.join(shots, "embed.png") });
  await context.close();
});

test("export saves the scenario file and import loads one back", async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  await waitForDecision(page, "Allow");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-testid="export"]')]);
  const saved = path.join(tmpdir(), `iamplay-export-${process.pid}.json`);
  await download.saveAs(saved);
  // import a different scenario, then the exported one
  const other = path.join(tmpdir(), `iamplay-other-${process.pid}.json`);
  writeFileSync(other, JSON.stringify({ policies: JSON.parse(MFA.policies), principals: JSON.parse(MFA.principals), requests: [JSON.parse(MFA.request)] }));
  await page.setInputFiles('[data-testid="import"]', other);
  await waitForDecision(page, "ImplicitDeny");
  await page.setInputFiles('[data-testid="import"]', saved);
  await waitForDecision(page, "Allow");
  assert.deepEqual(await decidedBy(page), ["ec2-owner#0"]);
  // a file that is not a scenario is refused and the work stays
  const bad = path.join(tmpdir(), `iamplay-bad-${process.pid}.json`);
  writeFileSync(bad, "[1, 2, 3]");
  await page.setInputFiles('[data-testid="import"]', bad);
  await page.waitForSelector('[data-testid="notice"]');
  await waitForDecision(page, "Allow");
  await context.close();
});

test("every control is reachable by keyboard, editors included", async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  await waitForDecision(page, "Allow");
  await page.click('[data-testid="editor-policies"]');
  // Tab indents inside an editor; Escape then Tab moves on (CodeMirror's tab focus mode)
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  const focusedTestid = () => page.evaluate(() => document.activeElement?.getAttribute("data-testid"));
  // the next pane's Wrap and Format buttons, then its editor
  for (const control of ["wrap", "format"]) {
    assert.equal(await focusedTestid(), control);
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.editor), "principals");
    await page.keyboard.press("Tab");
  }
  assert.equal(await focusedTestid(), "editor-principals");
  // the deciding statement's button is reachable and activates with Enter
  const seen = new Set();
  for (let i = 0; i < 40 && !seen.has("decided"); i++) {
    const inEditor = await page.evaluate(() => !!document.activeElement?.classList.contains("cm-content"));
    if (inEditor) await page.keyboard.press("Escape");
    await page.keyboard.press("Tab");
    const isDecided = await page.evaluate(() => !!document.activeElement?.closest('[data-testid="decided-by"]'));
    if (isDecided) seen.add("decided");
  }
  assert.ok(seen.has("decided"), "the decided-by entry is reachable with Tab");
  await page.keyboard.press("Enter");
  const focusedAfter = await page.evaluate(() => document.activeElement?.getAttribute("data-testid"));
  assert.equal(focusedAfter, "editor-policies", "Enter on a deciding statement focuses it in its editor");
  // the decision is announced to screen readers
  assert.equal(await page.locator('[data-testid="decision"]').getAttribute("aria-live"), "polite");
  await context.close();
});

test("a launch with an instance profile is traced check by check, each against its own request", async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  await page.selectOption('[data-testid="examples"]', "runinstances-passrole");
  await waitFor(async () => (await page.locator('[data-testid="requests"] tbody tr').count()) === 4, "the example's requests");
  const rows = page.locator('[data-testid="requests"] tbody tr');
  assert.match(await rows.nth(1).textContent(), /ec2:RunInstances \* with instance profile web-server/);
  await rows.nth(1).click();
  await waitForDecision(page, "Allow");
  const checks = page.locator('[data-testid="check-trace"]');
  await waitFor(async () => (await checks.count()) === 2, "a trace per check");
  assert.match(await checks.nth(0).locator("summary").first().textContent(), /^Check 1: ec2:RunInstances on \*: Allow$/);
  assert.match(await checks.nth(1).locator("summary").first().textContent(), /^Check 2: iam:PassRole on arn:aws:iam::111122223333:role\/web-server: Allow$/);
  // the PassRole statement applies in its own check, compared with the PassRole request
  const passing = checks.nth(1).locator("li.applies", { hasText: "PassWebServerRoleOnlyToEc2" });
  assert.match(await passing.textContent(), /✓ Action iam:PassRole by `iam:PassRole`/);
  assert.match(await passing.textContent(), /request \[ec2\.amazonaws\.com\] vs policy \[ec2\.amazonaws\.com\]/);
  assert.match(await checks.nth(1).locator("details.context").textContent(), /iam:PassedToService/);
  // no statement is shown outside the two checks, and each check's decision once
  assert.equal(await page.locator('details.trace:not([data-testid="check-trace"])').count(), 0);
  assert.equal(await page.locator(".notes li", { hasText: "iam:PassRole on arn:" }).count(), 0);
  await context.close();
});

test("Copy embed snippet gives a frame of the chosen panes that another site's page shows whole", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1600, height: 1000 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.server.url });
  const page = await context.newPage();
  await page.goto(env.server.url);
  await waitForDecision(page, "Allow");
  await page.click('[data-testid="copy-embed"]');
  const html = page.locator('[data-testid="embed-html"]');
  await waitFor(async () => (await html.inputValue()).startsWith("<iframe"), "the snippet");
  // the panes and read-only are chosen; the snippet follows (made a moment later: the
  // browser compresses the texts), and is what was copied
  const snippetMatching = (pattern) => waitFor(async () => {
    const text = await html.inputValue();
    return pattern.test(text) && text;
  }, `a snippet matching ${pattern}`);
  await page.locator('[data-testid="embed-pane"][value="principals"]').check();
  await page.locator('[data-testid="embed-readonly"]').uncheck();
  let snippet = await snippetMatching(new RegExp(`^<iframe src="${env.server.url.replace(/[.]/g, "\\.")}\\?embed=policies,principals,request#s=v1\\.`));
  await page.locator('[data-testid="embed-pane"][value="principals"]').uncheck();
  await page.locator('[data-testid="embed-readonly"]').check();
  snippet = await snippetMatching(/\?embed=policies,request&amp;readonly=1#s=v1\./);
  assert.ok(snippet.endsWith(`<script src="${env.server.url}embed.js" async></script>`), snippet);
  await waitFor(async () => (await page.evaluate(() => navigator.clipboard.readText())) === snippet, "the snippet on the clipboard");
  // fixed colours for a page whose theme is not the reader's system's
  await page.locator('[data-testid="embed-theme"]').selectOption("dark");
  await snippetMatching(/\?embed=policies,request&amp;readonly=1&amp;theme=dark#s=v1\./);
  await page.locator('[data-testid="embed-theme"]').selectOption("");
  assert.match(snippet, /height="\d+"/, "a first height, before embed.js corrects it");
  await context.close();

  // a docs page on another origin, the snippet pasted in it as is
  const docs = await startServer(path.join(root, "web"), {
    "/docs.html": [200, { "Content-Type": "text/html" }, `<!DOCTYPE html><html><body><h1>Docs</h1><p>An example:</p>${snippet}<p>After.</p></body></html>`],
  }, {});
  const reader = await env.browser.newContext({ viewport: { width: 900, height: 700 } });
  const p = await reader.newPage();
  await p.goto(`${docs.url}docs.html`);
  const frame = await waitFor(async () => p.frames().find((f) => f.url().includes("embed=")), "the embedded playground");
  await frame.waitForSelector('[data-testid="decision"][data-decision="Allow"]');
  // the frame takes its content's height: nothing of the example scrolls inside it
  const fits = async () => {
    const outer = await p.locator("iframe").evaluate((f) => f.getBoundingClientRect().height);
    const inner = await frame.evaluate(() => document.documentElement.scrollHeight);
    return Math.abs(outer - inner) <= 2 && outer > 200 ? outer : false;
  };
  await waitFor(fits, "the frame sized to its content");
  // the whole policy is shown: its last line is in the frame's view
  const lines = await frame.locator('[data-testid="editor-policies"] .cm-line').count();
  const policyText = await frame.locator('[data-testid="editor-policies"]').evaluate((el) => window.IamplayEditor.textOf(el));
  assert.equal(lines, policyText.split("\n").length, "every line of the policy is drawn");
  // each editor as tall as its text: a short request takes less room than the policy
  const tall = (e) => frame.evaluate((e) => document.querySelector(`.pane-${e} .cm-content`).getBoundingClientRect().height, e);
  const hosts = (e) => frame.evaluate((e) => document.querySelector(`.pane-${e} .editor-host`).getBoundingClientRect().height, e);
  for (const e of ["policies", "request"]) assert.ok(Math.abs((await hosts(e)) - (await tall(e))) < 12, `${e}: ${await hosts(e)} vs ${await tall(e)}`);
  assert.ok((await hosts("request")) < (await hosts("policies")), "the request takes less room than the policy");
  // no "Esc then Tab" on read-only panes; the trace starts folded
  assert.equal(await frame.locator(".kbd-hint").count(), 0);
  assert.equal(await frame.locator("details.trace[open]").count(), 0);
  await p.screenshot({ path: path.join(shots, "embed-in-docs.png"), fullPage: true });
  await reader.close();
  docs.stop();
});

test("Format pretty-prints an editor's JSON, keeps the cursor on its value, and leaves broken text alone", async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  await waitForDecision(page, "Allow");
  const compact = JSON.stringify({ principal: "user/alice", action: "ec2:StartInstances", resource: "arn:aws:ec2:us-east-1:111122223333:instance/i-0abc" });
  await replaceText(page, "request", compact);
  // the cursor inside "ec2:StartInstances", just after "ec2:"
  const at = compact.indexOf("ec2:Start") + 4;
  await page.keyboard.press("Control+Home");
  for (let i = 0; i < at; i++) await page.keyboard.press("ArrowRight");
  await page.click('[data-testid="format"][data-editor="request"]');
  const formatted = await editorText(page, "request");
  assert.equal(formatted, JSON.stringify(JSON.parse(compact), null, 2) + "\n");
  const cursor = await page.locator('[data-testid="editor-request"]').evaluate((el) => window.IamplayEditor.selectionOf(el).from);
  assert.equal(formatted.slice(cursor - 5, cursor), '"ec2:', "the cursor is still after ec2: in the action");
  // undo brings the compact text back in one step
  await page.keyboard.press("Control+z");
  assert.equal(await editorText(page, "request"), compact);
  // broken text: nothing changes, and the shortcut does the same as the button
  await replaceText(page, "request", '{"principal": "user/alice",');
  await page.keyboard.press("Shift+Alt+F");
  assert.equal(await editorText(page, "request"), '{"principal": "user/alice",');
  await replaceText(page, "policies", JSON.stringify(JSON.parse(await editorText(page, "policies"))));
  await page.keyboard.press("Shift+Alt+F");
  assert.ok((await editorText(page, "policies")).includes('\n  "ec2-owner": {\n'), "the shortcut formats");
  // no Format on a read-only pane
  await page.goto(`${env.server.url}?embed=policies&readonly=1`);
  await waitForEditors(page);
  assert.equal(await page.locator('[data-testid="format"]').count(), 0);
  await context.close();
});

test("?theme=dark or light overrides the system's colour scheme, editors included", async () => {
  for (const [scheme, theme, bg] of [["light", "dark", "rgb(13, 17, 23)"], ["dark", "light", "rgb(255, 255, 255)"]]) {
    const context = await env.browser.newContext({ viewport: { width: 900, height: 600 }, colorScheme: scheme });
    const page = await context.newPage();
    await page.goto(`${env.server.url}?embed=policies&readonly=1&theme=${theme}`);
    await waitForDecision(page, "Allow");
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), bg);
    const gutter = await page.locator(".cm-gutters").first().evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(gutter, theme === "dark" ? "rgb(22, 27, 34)" : "rgb(245, 245, 245)");
    await context.close();
  }
});

test("embed.js turns a docs page's iamplay code blocks into playgrounds and leaves other blocks as they are", async () => {
  // web/embed-example.html on another origin, with embed.js from the playground's
  const page = readFileSync(path.join(root, "web/embed-example.html"), "utf8").replace('src="embed.js"', `src="${env.server.url}embed.js"`);
  const docs = await startServer(path.join(root, "web"), { "/docs.html": [200, { "Content-Type": "text/html" }, page] }, {});
  const reader = await env.browser.newContext({ viewport: { width: 900, height: 700 } });
  const p = await reader.newPage();
  await p.goto(`${docs.url}docs.html`);
  await waitFor(async () => (await p.locator("iframe[data-iamplay-embed]").count()) === 2, "two playgrounds");
  // the block that is not JSON stays readable code
  assert.equal(await p.locator("pre[data-iamplay]").textContent(), "aws s3 ls s3://reports");
  const frames = await waitFor(async () => {
    const found = p.frames().filter((f) => f.url().includes("embed="));
    return found.length === 2 ? found : false;
  }, "both frames loaded");
  const policyFrame = frames.find((f) => f.url().includes("embed=policies%2Crequest"));
  const scenarioFrame = frames.find((f) => f.url().includes("embed=policies%2Cprincipals%2Crequest"));
  assert.ok(policyFrame && scenarioFrame, frames.map((f) => f.url()).join(" "));
  // a policy and a request: decided for the default caller, read-only
  await policyFrame.waitForSelector('[data-testid="decision"][data-decision="Allow"]');
  assert.match(await policyFrame.locator('[data-testid="editor-request"]').evaluate((el) => window.IamplayEditor.textOf(el)), /"principal": "user\/alice"/);
  // the scenario's explicit deny
  await scenarioFrame.waitForSelector('[data-testid="decision"][data-decision="ExplicitDeny"]');
  // the text went in the fragment only: the playground's server saw no query of it
  assert.ok(!env.server.hits.some((h) => h.includes("policies") || h.includes("s3:")), env.server.hits.join(" "));
  await p.screenshot({ path: path.join(shots, "embed-code-blocks.png"), fullPage: true });
  await reader.close();
  docs.stop();
});
