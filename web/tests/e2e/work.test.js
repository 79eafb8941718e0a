// Work is never lost: a share link, a link pasted into an open tab, an embed or a full
// storage never overwrite or expose a person's saved work.
import { test } from "node:test";
import assert from "node:assert/strict";
import { deflateRawSync } from "node:zlib";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startServer, openPage, openIn, replaceText, waitFor, waitForDecision, editorText, useServerAndBrowser, waitForEditors } from "./harness.js";

const env = useServerAndBrowser();

const WORK = "iamplay:work:v1";
const REPLACED = "iamplay:replaced:v1";

/// The fragment of a share link holding these texts (as the playground makes one).
function shareFragment(texts) {
  const json = JSON.stringify({ v: 1, policies: texts.policies, principals: texts.principals, request: texts.request });
  return "s=v1." + deflateRawSync(Buffer.from(json), { level: 9 }).toString("base64url");
}

const LINKED = {
  policies: JSON.stringify({ linked: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "s3:*", Resource: "*" }] } }, null, 2),
  principals: JSON.stringify({ account: "111122223333", users: { carol: { policies: ["linked"] } } }, null, 2),
  request: JSON.stringify({ principal: "user/carol", action: "s3:GetObject", resource: "arn:aws:s3:::b/k" }, null, 2),
};
// the default example's own request list names bob too: this one is told apart by its instance
const MY_REQUEST = JSON.stringify({ principal: "user/bob", action: "ec2:StartInstances", resource: "arn:aws:ec2:us-east-1:111122223333:instance/i-mine" }, null, 2);

const stored = (page, key) => page.evaluate((k) => localStorage.getItem(k), key);

/// A page whose saved work is the default example with a request of its own (ImplicitDeny).
async function withSavedWork() {
  const { page, context } = await openPage(env.browser, env.server.url);
  await waitForDecision(page, "Allow");
  await replaceText(page, "request", MY_REQUEST);
  await waitForDecision(page, "ImplicitDeny");
  await waitFor(async () => (await stored(page, WORK))?.includes("i-mine"), "the work saved");
  return { page, context, work: await stored(page, WORK) };
}

test("opening a share link writes nothing; the first edit keeps the replaced work; Restore brings it back after a reload", async () => {
  const { page: mine, context, work } = await withSavedWork();
  await mine.close();
  const page = await openIn(context, `${env.server.url}#${shareFragment(LINKED)}`).then((o) => o.page);
  await waitForDecision(page, "ExplicitDeny");
  await page.waitForTimeout(800); // longer than the autosave delay
  assert.equal(await stored(page, WORK), work, "opening the link wrote nothing");
  assert.equal(await page.locator('[data-testid="restore-work"]').count(), 1, "Restore is offered at once");

  // the first edit saves the link's texts and keeps the work they replaced
  await page.locator('[data-testid="editor-request"]').click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(" ");
  await waitFor(async () => (await stored(page, WORK))?.includes("user/carol"), "the edited link saved");
  const kept = JSON.parse(await stored(page, REPLACED));
  assert.equal(kept.length, 1);
  assert.match(kept[0].texts.request, /i-mine/);

  // the address no longer holds the link (its texts are not the work any more): a reload
  // opens the edited work, not the link again
  await waitFor(async () => !page.url().includes("#s="), "the link taken out of the address");
  await page.reload();
  await waitForEditors(page);
  await waitForDecision(page, "ExplicitDeny");
  assert.match(await editorText(page, "request"), /user\/carol[^]*\} $/, "the edit is there after the reload");

  // after a reload (no link), the Restore list still holds it
  await page.goto(env.server.url);
  await waitForEditors(page);
  await waitForDecision(page, "ExplicitDeny");
  await page.click('[data-testid="restore-work"]');
  await waitForDecision(page, "ImplicitDeny");
  assert.match(await editorText(page, "request"), /i-mine/);
  // and the link's work it replaced is kept in turn
  await waitFor(async () => (await stored(page, WORK))?.includes("i-mine"), "the restored work saved");
  assert.match(JSON.parse(await stored(page, REPLACED))[0].texts.request, /user\/carol/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("a share link pasted into an open tab opens without losing what was there", async () => {
  const { page, context } = await withSavedWork();
  // typed a moment ago, not saved yet: still not lost
  await page.locator('[data-testid="editor-request"]').click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(" ");
  await page.evaluate((f) => (location.hash = f), shareFragment(LINKED));
  await waitForDecision(page, "ExplicitDeny");
  assert.match(await page.locator('[data-testid="notice"]').textContent(), /Restore/);
  await page.click('[data-testid="restore-work"]');
  await waitForDecision(page, "ImplicitDeny");
  assert.match(await editorText(page, "request"), /i-mine/);
  assert.ok((await editorText(page, "request")).endsWith(" "), "the unsaved keystroke came back too");
  assert.equal(await page.locator('[data-testid="notice"]').count(), 0, "the notice's \"Restore brings it back\" is gone with the work back");
  await context.close();
});

test("a failed autosave is shown, not swallowed", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1600, height: 1000 } });
  await context.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException("full", "QuotaExceededError");
    };
  });
  const { page } = await openIn(context, env.server.url);
  await waitForDecision(page, "Allow");
  await replaceText(page, "request", MY_REQUEST);
  const problem = page.locator('[data-testid="save-problem"]');
  await waitFor(async () => (await problem.count()) > 0, "the save problem shown");
  assert.match(await problem.textContent(), /not being saved/);
  await context.close();
});

test("an embed never shows or writes the visitor's saved work, and a framed page follows embed rules", async () => {
  const { page: mine, context, work } = await withSavedWork();
  await mine.close();
  // an embed without a link shows the default example, not the saved work
  const { page } = await openIn(context, `${env.server.url}?embed=policies,request`);
  await waitForDecision(page, "Allow");
  assert.doesNotMatch(await editorText(page, "request"), /i-mine/);
  await replaceText(page, "request", JSON.stringify({ principal: "user/alice", action: "s3:ListBucket", resource: "*" }));
  await page.waitForTimeout(800);
  assert.equal(await stored(page, WORK), work, "the embed wrote nothing");

  // the plain playground address inside another site's frame (a page of another origin,
  // which the playground's frame-ancestors lets embed it): embed rules all the same
  const dir = mkdtempSync(path.join(tmpdir(), "iamplay-host-"));
  writeFileSync(path.join(dir, "index.html"), `<iframe src="${env.server.url}" width="1200" height="800"></iframe>`);
  const site = await startServer(dir, {}, {}); // a host page of its own policy
  const host = await context.newPage();
  await host.goto(site.url);
  const frame = await waitFor(async () => host.frames().find((f) => f.url().startsWith(env.server.url)), "the frame");
  await waitForEditors(frame, "request");
  await frame.waitForSelector('[data-testid="open-in-playground"]');
  const text = await frame.locator('[data-testid="editor-request"]').evaluate((el) => window.IamplayEditor.textOf(el));
  assert.doesNotMatch(text, /i-mine/, "the framed page does not show the saved work");
  assert.equal(await frame.locator('[data-testid="restore-work"]').count(), 0);
  await context.close();
  site.stop();
});
