// The playground as a person drives it, in Debian's Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { openPage, replaceText, pasteText, editorText, waitFor, waitForDecision, decidedBy, decision, shots, useServerAndBrowser, waitForEditors } from "./harness.js";

const env = useServerAndBrowser();

const ALLOW_ALL = JSON.stringify({ "allow-all": { Version: "2012-10-17", Statement: [{ Sid: "All", Effect: "Allow", Action: "*", Resource: "*" }] } }, null, 2);

test("opens on the EC2 owner-tag example, decided and highlighted", async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  await waitForDecision(page, "Allow");
  assert.deepEqual(await decidedBy(page), ["ec2-owner#0"]);
  // the deciding statement is highlighted in the Policies editor
  const marked = await page.locator('[data-testid="editor-policies"] .cm-deciding').allTextContents();
  assert.ok(marked.join("").includes('"Sid": "StartOwnInstances"'), marked.join(""));
  await page.screenshot({ path: path.join(shots, "default.png") });
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("typing in each editor changes the decision", async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  await waitForDecision(page, "Allow");
  // Request: bob is not the owner
  const request = await page.locator('[data-testid="editor-request"]').textContent();
  await replaceText(page, "request", JSON.stringify([{ principal: "user/bob", action: "ec2:StartInstances", resource: "arn:aws:ec2:us-east-1:111122223333:instance/i-0abc" }], null, 2));
  await waitForDecision(page, "ImplicitDeny");
  // Principals: make bob the owner
  await replaceText(
    page,
    "principals",
    JSON.stringify({ account: "111122223333", users: { bob: { policies: ["ec2-owner"] } }, instances: { "i-0abc": { region: "us-east-1", tags: { Owner: "bob" } } } }, null, 2),
  );
  await waitForDecision(page, "Allow");
  // Policies: single keystrokes — select the word Allow and type Deny, one character at a time
  await replaceText(
    page,
    "policies",
    JSON.stringify({ "ec2-owner": { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ec2:StartInstances", Resource: "*" }] } }, null, 2),
  );
  await waitForDecision(page, "Allow");
  await page.locator('[data-testid="editor-policies"] .cm-line', { hasText: '"Effect"' }).getByText("Allow").dblclick();
  await page.keyboard.type("Den");
  await waitForDecision(page, "Allow", "true"); // "Den" is not an effect yet: stale
  await page.keyboard.type("y");
  await waitForDecision(page, "ExplicitDeny");
  assert.deepEqual(await decidedBy(page), ["ec2-owner#0"]);
  for (let i = 0; i < 4; i++) await page.keyboard.press("Backspace");
  await waitForDecision(page, "ExplicitDeny", "true");
  await page.keyboard.type("Allow");
  await waitForDecision(page, "Allow");
  assert.ok(request.length > 0);
  await context.close();
});

test("broken input is underlined, listed, and leaves the last good result visible as stale", async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  await waitForDecision(page, "Allow");
  await replaceText(page, "policies", '{\n  "ec2-owner": {\n    "Version": "2012-10-17",\n    "Statement": [{"Effect": "allow", "Action": "s3:*", "Resource": "*"}]\n  }\n}');
  await waitForDecision(page, "Allow", "true");
  const entry = page.locator('[data-testid="diagnostics"] li[data-code="statement-effect-invalid"]');
  await waitFor(async () => (await entry.count()) > 0, "the effect diagnostic");
  assert.equal(await entry.getAttribute("data-editor"), "policies");
  assert.equal(await entry.getAttribute("data-line"), "4");
  assert.equal(await entry.getAttribute("data-column"), "30");
  // the editor underlines it
  await waitFor(async () => (await page.locator('[data-testid="editor-policies"] .cm-lintRange-error').count()) > 0, "an error underline");
  await page.screenshot({ path: path.join(shots, "broken.png") });
  // a single Backspace-and-type fix makes it valid again: no longer stale
  await replaceText(page, "policies", '{\n  "ec2-owner": {\n    "Version": "2012-10-17",\n    "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]\n  }\n}');
  await waitFor(async () => (await decision(page)).stale === "false", "a fresh result");
  await context.close();
});

test("examples load from the gallery", async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  const names = await page.locator('[data-testid="examples"] option:not([disabled])').evaluateAll((os) => os.map((o) => o.value));
  assert.ok(names.includes("ec2-owner-tag"));
  for (const name of names) {
    await page.selectOption('[data-testid="examples"]', name);
    await waitFor(async () => (await decision(page)).decision !== "", `a decision for ${name}`);
    const problems = await page.locator('[data-testid="diagnostics"] li.error').count();
    assert.equal(problems, 0, `${name} loads without errors`);
  }
  await context.close();
});

test("a share link round-trips, a broken one is refused, and reload keeps the work", async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  await waitForDecision(page, "Allow");
  await replaceText(page, "request", JSON.stringify({ principal: "user/bob", action: "ec2:StartInstances", resource: "arn:aws:ec2:us-east-1:111122223333:instance/i-0abc" }));
  await waitForDecision(page, "ImplicitDeny");
  await page.click('[data-testid="share"]');
  const link = await waitFor(async () => (page.url().includes("#s=v1.") ? page.url() : false), "a share link");
  // an edit after it takes the link out of the address (it holds the texts before the edit)
  await page.locator('[data-testid="editor-request"]').click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(" ");
  await waitFor(async () => !page.url().includes("#s="), "the link taken out of the address");
  // a fresh browser context opens the link
  const other = await openPage(env.browser, link);
  await waitForDecision(other.page, "ImplicitDeny");
  await other.context.close();
  // reload keeps the work (autosave)
  await page.goto(env.server.url);
  await waitForEditors(page);
  await waitForDecision(page, "ImplicitDeny");
  // a damaged link says so and keeps the current work
  await page.goto(env.server.url + "#s=v1.AAAA");
  await page.reload();
  await page.waitForSelector('[data-testid="notice"]');
  await waitForDecision(page, "ImplicitDeny");
  await context.close();
});

test("nothing leaves the browser", async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  await waitForDecision(page, "Allow");
  await replaceText(page, "policies", ALLOW_ALL);
  await page.waitForTimeout(200);
  const foreign = page.requests.filter((u) => !u.startsWith(env.server.url) && !u.startsWith("data:"));
  assert.deepEqual(foreign, []);
  await context.close();
});

test("a large account (over 512 KiB of text) is decided once typing pauses", async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  await waitForDecision(page, "Allow");
  // 5,000 policies (about 700 KB) besides one that denies what the request asks
  const policies = { deny: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "ec2:*", Resource: "*" }] } };
  for (let i = 0; i < 5000; i++) {
    policies[`p${i}`] = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::bucket-${i}/*` }] };
  }
  const text = JSON.stringify(policies, null, 1);
  assert.ok(text.length > 512 * 1024);
  await pasteText(page, "policies", text);
  const principals = JSON.stringify({ account: "111122223333", users: { alice: { policies: ["deny", "p1"] } } });
  await replaceText(page, "principals", principals);
  await replaceText(page, "request", JSON.stringify({ principal: "user/alice", action: "ec2:StartInstances", resource: "*" }));
  await waitForDecision(page, "ExplicitDeny");
  assert.deepEqual(await decidedBy(page), ["deny#0"]);
  // an edit that lifts the deny: decided again after the pause
  await replaceText(page, "principals", principals.replace('"deny",', ""));
  await waitForDecision(page, "ImplicitDeny");
  assert.deepEqual(page.errors, []);
  await context.close();
});

// The editors are plain text areas until CodeMirror has loaded (after the first decision):
// they take typing as CodeMirror does, and hand it their text, selection and focus.
const BOB = JSON.stringify([{ action: "ec2:StartInstances", resource: "arn:aws:ec2:us-east-1:111122223333:instance/i-0abc", principal: "user/bob" }], null, 2);

// codemirror.js, and the addresses a retry asks for it under (codemirror.js?retry=N)
const CODEMIRROR = /\/editor\/codemirror\.js(\?.*)?$/;

async function openHoldingCodemirror(hold) {
  const context = await env.browser.newContext({ viewport: { width: 1600, height: 1000 } });
  await context.route(CODEMIRROR, hold);
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  await page.goto(env.server.url);
  await page.waitForSelector('textarea[data-testid="editor-request"]');
  await waitForDecision(page, "Allow");
  return { page, context };
}

test("before CodeMirror loads, the editors take typing and then hand over text, selection and focus", async () => {
  let release;
  const held = new Promise((r) => (release = r));
  const { page, context } = await openHoldingCodemirror(async (route) => {
    await held;
    await route.continue();
  });
  assert.equal(await page.locator(".cm-content").count(), 0, "CodeMirror is not part of the first visit");
  assert.match(await editorText(page, "request"), /"principal": "user\/alice"/);
  // a paste, then single keys: bob is not the instance's owner
  await replaceText(page, "request", BOB);
  await waitForDecision(page, "ImplicitDeny");
  await page.keyboard.press("Backspace");
  await waitForDecision(page, "ImplicitDeny", "true");
  await page.keyboard.type("]");
  await waitForDecision(page, "ImplicitDeny");
  // select "bob", right to left (as a drag from its end would)
  const before = await editorText(page, "request");
  const end = before.lastIndexOf("bob") + 3;
  await page.locator('[data-testid="editor-request"]').evaluate((el, end) => el.setSelectionRange(end - 3, end, "backward"), end);
  release();
  await waitForEditors(page, "request");
  assert.equal(await page.locator("textarea.plain-editor").count(), 0, "every text area was handed over");
  assert.equal(await editorText(page, "request"), before);
  const editor = page.locator('[data-testid="editor-request"]');
  assert.deepEqual(await editor.evaluate((el) => window.IamplayEditor.selectionOf(el)), { from: end - 3, to: end });
  assert.ok(await editor.evaluate((el) => document.activeElement === el), "the focus moved with it");
  // the next keys go on where the person was: "bob" becomes "alice", the owner
  await page.keyboard.type("alice");
  await waitForDecision(page, "Allow");
  assert.match(await editorText(page, "request"), /"principal": "user\/alice"\n/);
  // what was set while the text areas showed (the deciding statement) is shown
  await waitFor(async () => (await page.locator('[data-testid="editor-policies"] .cm-deciding').count()) > 0, "the deciding statement highlighted");
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("when CodeMirror cannot load, the text areas stay and work, Format included; a later focus loads it", async () => {
  const { page, context } = await openHoldingCodemirror((route) => route.fulfill({ status: 503, body: "" }));
  await page.waitForTimeout(300);
  assert.equal(await page.locator('textarea[data-testid="editor-request"]').count(), 1);
  await replaceText(page, "request", JSON.stringify([{ principal: "user/bob", action: "ec2:StartInstances", resource: "arn:aws:ec2:us-east-1:111122223333:instance/i-0abc" }]));
  await waitForDecision(page, "ImplicitDeny");
  await page.click('[data-testid="format"][data-editor="request"]');
  // pretty-printed: one key a line
  await waitFor(async () => (await editorText(page, "request")).trimEnd().split("\n").length === 7, "the request formatted");
  await waitForDecision(page, "ImplicitDeny");
  // the server is back: focusing an editor loads CodeMirror, which takes the text over
  const formatted = await editorText(page, "request");
  await context.unroute(CODEMIRROR);
  await page.locator('[data-testid="editor-principals"]').focus();
  await waitForEditors(page, "request");
  assert.equal(await editorText(page, "request"), formatted);
  assert.ok(await page.locator('[data-testid="editor-principals"]').evaluate((el) => document.activeElement === el), "the focus moved with it");
  await waitForDecision(page, "ImplicitDeny");
  await context.close();
});
