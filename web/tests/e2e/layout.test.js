// The page at every width a person may use, from a wide desktop to a phone: every
// editor has a real height and takes typing, and the decision stays in view.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { readFileSync } from "node:fs";
import { openPage, replaceText, paste, pasteText, waitFor, waitForDecision, editorText, root, shots, useServerAndBrowser } from "./harness.js";

const env = useServerAndBrowser();

const WIDTHS = [
  { width: 1600, height: 1000 },
  { width: 1100, height: 900 },
  { width: 800, height: 900 },
  { width: 420, height: 860 },
];
const EDITORS = ["policies", "principals", "request"];

/// The decision is visible in the window: the result panel's, or (stacked panes) the strip's.
async function decisionInView(page) {
  return page.evaluate(() => {
    const inView = (el) => {
      if (!el) return false;
      const r = el.getBoundingClientRect();
      return r.height > 0 && r.bottom > 0 && r.top < window.innerHeight && getComputedStyle(el).display !== "none";
    };
    return inView(document.querySelector('[data-testid="decision"]')) || inView(document.querySelector('[data-testid="decision-strip"]'));
  });
}

/// Types into one editor as a person does: click into it, go to the end, type, erase.
async function typeInto(page, editor) {
  const el = page.locator(`[data-testid="editor-${editor}"]`);
  const box = await el.boundingBox();
  assert.ok(box && box.height >= 100, `the ${editor} editor is ${box?.height ?? 0} px tall`);
  const before = await editorText(page, editor);
  const markers = () => page.locator(`.pane-${editor} .cm-lint-marker`).count();
  const markersBefore = await markers();
  await el.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(" x");
  assert.equal(await editorText(page, editor), before + " x", `typing reached the ${editor} editor`);
  assert.ok(await decisionInView(page), `the decision is in view while typing in ${editor}`);
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  assert.equal(await editorText(page, editor), before);
  // the JSON error the typing made is gone from the gutter too, not only from the text
  await waitFor(async () => (await markers()) === markersBefore, `the ${editor} gutter back to ${markersBefore} markers`);
}

for (const viewport of WIDTHS) {
  test(`at ${viewport.width} px every editor takes typing and the decision stays in view`, async () => {
    const { page, context } = await openPage(env.browser, env.server.url, viewport);
    await waitForDecision(page, "Allow");
    for (const editor of EDITORS) await typeInto(page, editor);
    // typing that changes the decision, in the lowest editor: the decision in view follows it
    await replaceText(page, "request", JSON.stringify({ principal: "user/bob", action: "ec2:StartInstances", resource: "arn:aws:ec2:us-east-1:111122223333:instance/i-0abc" }, null, 2));
    await waitForDecision(page, "ImplicitDeny");
    assert.ok(await decisionInView(page));
    const strip = page.locator('[data-testid="decision-strip"]');
    if (viewport.width <= 1100) assert.match(await strip.textContent(), /Implicit deny/);
    for (const scheme of ["light", "dark"]) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: path.join(shots, `playground-${viewport.width}-${scheme}.png`) });
    }
    assert.deepEqual(page.errors, []);
    await context.close();
  });
}

const pack = JSON.parse(readFileSync(path.join(root, "exercises/pack.json"), "utf8"));
const first = JSON.parse(readFileSync(path.join(root, "exercises", pack.exercises[0]), "utf8"));

for (const viewport of WIDTHS) {
  test(`exercise mode at ${viewport.width} px: the editable editors take typing, the status stays in view`, async () => {
    const { page, context } = await openPage(env.browser, `${env.server.url}?exercise=${first.id}`, viewport);
    await page.waitForSelector('[data-testid="exercise-status"]');
    const editable = first.editable ?? ["policies", "requests"];
    for (const editor of EDITORS.filter((e) => editable.includes(e === "request" ? "requests" : e))) await typeInto(page, editor);
    // solved while the instructions are out of view: the status in view says so
    await replaceText(page, "policies", JSON.stringify(first.solution.policies, null, 2));
    const statusInView = () =>
      page.evaluate(() =>
        [document.querySelector('[data-testid="exercise-status"]'), document.querySelector(".decision-strip .strip-status")].some((el) => {
          if (!el || getComputedStyle(el).display === "none") return false;
          const r = el.getBoundingClientRect();
          return r.height > 0 && r.bottom > 0 && r.top < window.innerHeight && /Solved/.test(el.textContent);
        }),
      );
    await waitFor(statusInView, "the solved status in view");
    await page.screenshot({ path: path.join(shots, `exercise-${viewport.width}.png`) });
    assert.deepEqual(page.errors, []);
    await context.close();
  });
}

test("long lines wrap inside the pane (a toggle turns it off), and a paste scrolls back to column 1", async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  await waitForDecision(page, "Allow");
  const arn = `arn:aws:s3:::${"reports-".repeat(30)}bucket/*`;
  const long = JSON.stringify({ p: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: arn }] } });
  await pasteText(page, "policies", long);
  const scroller = page.locator('[data-testid="editor-policies"]').locator("xpath=ancestor::div[contains(@class,'cm-scroller')]");
  const overflows = () => scroller.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
  const toggle = page.locator('[data-testid="wrap"][data-editor="policies"]');
  assert.equal(await toggle.getAttribute("aria-pressed"), "true");
  assert.equal(await overflows(), false, "wrapped: nothing beyond the pane's edge");
  await toggle.click();
  assert.equal(await toggle.getAttribute("aria-pressed"), "false");
  await waitFor(overflows, "unwrapped: the line runs past the edge");
  // a paste at the end of the long line leaves the view at column 1, not at the paste's end
  await page.click('[data-testid="editor-policies"]');
  await page.keyboard.press("Control+End");
  await paste(page, "policies", ` ${"x".repeat(200)}`);
  await page.waitForTimeout(100);
  assert.equal(await scroller.evaluate((el) => el.scrollLeft), 0);
  assert.ok((await editorText(page, "policies")).endsWith("x".repeat(200)));
  // the other editors keep their own setting
  assert.equal(await page.locator('[data-testid="wrap"][data-editor="request"]').getAttribute("aria-pressed"), "true");
  await context.close();
});
