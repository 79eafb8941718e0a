// Exercise mode as a learner drives it: open an exercise, type the answer, see it solved,
// reload and find the work and the progress kept; locked editors, hidden checks, reset,
// and packs served from the page's own origin.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { readFileSync } from "node:fs";
import { startServer, startBrowser, openPage, replaceText, waitFor, root, shots } from "./harness.js";

let server, other, browser;
before(async () => {
  // another origin serving the same pack, and redirects to it from this one
  other = await startServer();
  const elsewhere = { Location: `${other.url}exercises/pack.json` };
  server = await startServer(undefined, {
    "/redirect/pack.json": [302, elsewhere],
    "/redirecting/entry.json": [302, { Location: `${other.url}exercises/${pack.exercises[0]}` }],
    "/redirecting/pack.json": [200, { "Content-Type": "application/json" }, JSON.stringify({ ...pack, exercises: ["entry.json"] })],
  });
  browser = await startBrowser();
});
after(async () => {
  await browser?.close();
  server?.stop();
  other?.stop();
});

const pack = JSON.parse(readFileSync(path.join(root, "exercises/pack.json"), "utf8"));
const first = JSON.parse(readFileSync(path.join(root, "exercises", pack.exercises[0]), "utf8"));

async function solved(page) {
  return page.locator('[data-testid="exercise-status"]').getAttribute("data-solved");
}

async function passes(page, kind) {
  return page.locator(`[data-testid="exercise-${kind}"]`).evaluateAll((els) => els.map((e) => e.dataset.pass));
}

test("a learner solves the first exercise by typing, and the progress survives a reload", async () => {
  const { page, context } = await openPage(browser, `${server.url}?exercise=${first.id}`);
  await page.waitForSelector('[data-testid="exercise-status"]');
  assert.equal(await solved(page), "false");
  assert.match(await page.locator('[data-testid="exercise"]').textContent(), new RegExp(first.title));
  await page.screenshot({ path: path.join(shots, "exercise-start.png") });

  // hidden checks show their description only, never their request
  for (const check of first.checks.filter((c) => c.hidden)) {
    const item = page.locator('[data-testid="exercise-check"]', { hasText: check.description });
    assert.match(await item.textContent(), /hidden check/);
    assert.ok(!(await item.textContent()).includes(check.request.resource), "a hidden check's request stays hidden");
  }

  // the answer, pasted but for its last character, then typed: broken JSON is not solved
  const answer = JSON.stringify(first.solution.policies, null, 2);
  await replaceText(page, "policies", answer.slice(0, -1));
  await waitFor(async () => (await page.locator('[data-testid="diagnostics"] li').count()) > 0, "a JSON error");
  assert.equal(await solved(page), "false");
  await page.keyboard.type(answer.slice(-1));
  await waitFor(async () => (await solved(page)) === "true", "the exercise solved");
  assert.ok((await passes(page, "check")).every((p) => p === "true"));
  assert.ok((await passes(page, "constraint")).every((p) => p === "true"));
  await page.screenshot({ path: path.join(shots, "exercise-solved.png") });

  // reload: the work and the solved state are kept, and the pack list ticks it
  await page.reload();
  await page.waitForSelector('[data-testid="exercise-status"]');
  await waitFor(async () => (await solved(page)) === "true", "still solved after a reload");
  const listed = await page.locator(".pack-list li").first().textContent();
  assert.match(listed, /✓/);
  assert.deepEqual(page.errors, []);
  assert.ok(page.requests.every((u) => u.startsWith(server.url)), "nothing leaves the page's origin");
  await context.close();
});

test("locked editors are read-only, reset asks first, hints come one at a time", async () => {
  const { page, context } = await openPage(browser, `${server.url}?exercise=${first.id}`);
  await page.waitForSelector('[data-testid="exercise-status"]');
  const editable = first.editable ?? ["policies", "requests"];
  if (!editable.includes("principals")) {
    const before = await page.locator('[data-testid="editor-principals"]').textContent();
    await page.click('[data-testid="editor-principals"]');
    await page.keyboard.type("xyz");
    assert.equal(await page.locator('[data-testid="editor-principals"]').textContent(), before);
  }
  // some work, then reset: declining keeps it, accepting restores the start
  await replaceText(page, "policies", "{}");
  await waitFor(async () => (await page.locator('[data-testid="editor-policies"]').textContent()) === "{}", "the work");
  page.once("dialog", (d) => d.dismiss());
  await page.click('[data-testid="reset-exercise"]');
  assert.equal(await page.locator('[data-testid="editor-policies"]').textContent(), "{}");
  page.once("dialog", (d) => d.accept());
  await page.click('[data-testid="reset-exercise"]');
  await waitFor(async () => (await page.locator('[data-testid="editor-policies"]').textContent()) !== "{}", "the start again");
  if ((first.hints ?? []).length > 0) {
    await page.click('[data-testid="hint"]');
    assert.equal(await page.locator('[data-testid="hints"] li').count(), 1);
  }
  await context.close();
});

test("a pack is read from the page's own origin, never from another site", async () => {
  const second = JSON.parse(readFileSync(path.join(root, "exercises", pack.exercises[1]), "utf8"));
  const url = `${server.url}?pack=${encodeURIComponent("exercises/pack.json")}&exercise=${second.id}`;
  const { page, context } = await openPage(browser, url);
  await page.waitForSelector('[data-testid="exercise-status"]');
  assert.match(await page.locator('[data-testid="exercise"]').textContent(), new RegExp(second.title));
  await context.close();

  const foreign = await browser.newContext();
  const p = await foreign.newPage();
  const requests = [];
  p.on("request", (r) => requests.push(r.url()));
  await p.goto(`${server.url}?pack=${encodeURIComponent("https://example.com/pack.json")}`);
  await p.waitForSelector('[data-testid="exercise-error"]');
  assert.match(await p.locator('[data-testid="exercise-error"]').textContent(), /another site/);
  assert.ok(requests.every((u) => u.startsWith(server.url)), requests.join("\n"));
  await foreign.close();
});

test("no address, however written, makes the page fetch a pack from elsewhere", async () => {
  const addresses = [
    ["//evil.example/p.json", /another site/],
    ["\\\\evil.example\\p.json", /another site/],
    ["https:evil.example/p.json", /another site/],
    ["data:application/json,{}", /not an http\(s\) address/],
    ["javascript:alert(1)", /not an http\(s\) address/],
    ["redirect/pack.json", /leads to another site/],
    ["redirecting/pack.json", /leads to another site/],
  ];
  for (const [address, why] of addresses) {
    const context = await browser.newContext();
    const p = await context.newPage();
    const answered = [];
    p.on("requestfinished", (r) => answered.push(r.url()));
    await p.goto(`${server.url}?pack=${encodeURIComponent(address)}`);
    await p.waitForSelector('[data-testid="exercise-error"]');
    assert.match(await p.locator('[data-testid="exercise-error"]').textContent(), why, address);
    assert.ok(answered.every((u) => u.startsWith(server.url)), `${address}:\n${answered.join("\n")}`);
    assert.deepEqual(other.hits, [], "the other origin was never asked");
    await context.close();
  }
});

test("a learner goes from the first exercise to the last with the next links", async () => {
  const { page, context } = await openPage(browser, `${server.url}?exercises`);
  const titles = [];
  for (let i = 0; i < pack.exercises.length + 1; i++) {
    await page.waitForSelector('[data-testid="exercise-status"]');
    titles.push(await page.locator(".task-title").textContent());
    const next = page.locator('[data-testid="exercise-next"]');
    if ((await next.count()) === 0) break;
    const target = new URL(await next.getAttribute("href"), page.url()).search;
    await next.click();
    await page.waitForURL((u) => u.search === target);
  }
  const expected = pack.exercises.map((f) => JSON.parse(readFileSync(path.join(root, "exercises", f), "utf8")).title);
  assert.deepEqual(titles, expected);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("the status stays in view, and solving the last exercise ends the pack with what each one taught", async () => {
  const files = pack.exercises.map((f) => JSON.parse(readFileSync(path.join(root, "exercises", f), "utf8")));
  const last = files[files.length - 1];
  const { page, context } = await openPage(browser, `${server.url}?exercise=${last.id}`, { width: 1600, height: 700 });
  await page.waitForSelector('[data-testid="exercise-status"]');
  // the status is within the task pane's view at the top and scrolled to the bottom
  const inView = () =>
    page.evaluate(() => {
      const pane = document.querySelector('[data-testid="exercise"]').getBoundingClientRect();
      const status = document.querySelector('[data-testid="exercise-status"]').getBoundingClientRect();
      return status.top >= pane.top && status.bottom <= pane.bottom;
    });
  assert.ok(await inView(), "the status in view at the top");
  await page.locator('[data-testid="exercise"]').evaluate((el) => (el.scrollTop = el.scrollHeight));
  assert.ok(await inView(), "the status in view scrolled to the hints");
  assert.equal(await page.locator('[data-testid="pack-finished"]').count(), 0);
  // solve it with the reference solution
  await page.click('[data-testid="show-solution"]');
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Put it in the editors" }).click();
  await waitFor(async () => (await solved(page)) === "true", "the last exercise solved");
  assert.match(await page.locator('[data-testid="exercise-learned"]').textContent(), /^What this taught: Least privilege/);
  const finished = page.locator('[data-testid="pack-finished"]');
  await finished.waitFor();
  assert.equal(await finished.getAttribute("data-complete"), "false");
  assert.match(await finished.textContent(), new RegExp(`End of the pack: ${pack.title}1 of ${files.length} solved`));
  const items = finished.locator("li");
  assert.equal(await items.count(), files.length);
  assert.match(await items.nth(files.length - 1).textContent(), /Least privilege: name the actions/);
  assert.match(await items.first().textContent(), /not solved yet/);
  assert.ok(!(await items.first().textContent()).includes(files[0].learned.slice(0, 20)), "an unsolved one gives nothing away");
  await waitFor(async () => finished.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight;
  }), "the finished screen scrolled into view");
  await page.screenshot({ path: path.join(shots, "pack-finished.png") });
  assert.deepEqual(page.errors, []);
  await context.close();
});
