// The book (docs/, built by scripts/build-book into target/book): every internal link
// leads to a page and an anchor that exist, and every ```iamplay example becomes an
// embedded playground that loads and meets its requests' `expect`. The book is served
// from an origin of its own, as a docs site embedding the playground would be, and its
// loader is pointed at this test's playground server.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { root, startServer, startBrowser, waitFor } from "./harness.js";

const book = path.join(root, "target/book");
const pages = existsSync(book) ? readdirSync(book).filter((f) => f.endsWith(".html")) : [];
const html = (page) => readFileSync(path.join(book, page), "utf8");

const env = {};
before(async () => {
  assert.ok(pages.length > 0, "target/book holds the built book (scripts/build-book)");
  env.playground = await startServer();
  // the loader, as scripts/build-book --playground writes it for this server
  const routes = {};
  for (const file of readdirSync(book).filter((f) => /^iamplay-embeds.*\.js$/.test(f))) {
    const body = readFileSync(path.join(book, file), "utf8").replace(/const PLAYGROUND = "[^"]*";/, `const PLAYGROUND = "${env.playground.url}";`);
    routes[`/${file}`] = [200, { "Content-Type": "text/javascript" }, body];
  }
  assert.ok(Object.keys(routes).length > 0, "the book has its embed loader");
  env.book = await startServer(book, routes, {});
  env.browser = await startBrowser();
});
after(async () => {
  await env.browser?.close();
  env.playground?.stop();
  env.book?.stop();
});

test("every internal link of the book leads to a page and an anchor that exist", () => {
  const ids = new Map(pages.map((p) => [p, new Set([...html(p).matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]))]));
  const dead = [];
  let checked = 0;
  for (const page of pages) {
    for (const [, href] of html(page).matchAll(/<a [^>]*href="([^"]+)"/g)) {
      if (/^[a-z]+:/i.test(href)) continue; // https:, mailto: — outside the book
      const [file, anchor] = href.split("#");
      const target = file === "" ? page : path.posix.normalize(file);
      checked++;
      if (!ids.has(target)) dead.push(`${page}: ${href} (no page ${target})`);
      else if (anchor && !ids.get(target).has(decodeURIComponent(anchor))) dead.push(`${page}: ${href} (no #${anchor} in ${target})`);
    }
  }
  assert.ok(checked > 100, `the book's pages link to each other (${checked} links)`);
  assert.deepEqual(dead, []);
});

test("the chapters a newcomer needs are in the book", () => {
  for (const page of ["introduction.html", "getting-started.html", "concepts.html", "cli.html", "js-api.html", "embedding.html", "exercises.html", "semantics.html", "diagnostics.html", "scenario.html"]) {
    assert.ok(pages.includes(page), page);
  }
  // the concepts chapter has an example for each concept
  assert.ok((html("concepts.html").match(/<code class="language-iamplay"/g) ?? []).length >= 6);
});

test("every example of the book loads as a playground and meets its expect", async () => {
  const withExamples = pages.filter((p) => p !== "print.html" && html(p).includes('<code class="language-iamplay"'));
  assert.ok(withExamples.length >= 4, withExamples.join(" "));
  let examples = 0;
  for (const name of withExamples) {
    const want = html(name).match(/<code class="language-iamplay"/g).length;
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(env.book.url + name);
    const frames = page.locator("iframe[data-iamplay-embed]");
    await waitFor(async () => (await frames.count()) === want, `${name}: ${want} examples became playgrounds`);
    assert.equal(await page.locator("code.language-iamplay").count(), 0, `${name}: no example is left as code`);
    for (let i = 0; i < want; i++) {
      const element = frames.nth(i);
      await element.scrollIntoViewIfNeeded(); // the frames load lazily, as a reader scrolls
      const frame = await waitFor(async () => (await element.elementHandle()).contentFrame(), `${name} example ${i}: its frame`);
      const decision = frame.locator('[data-testid="decision"]');
      const got = await waitFor(async () => (await decision.getAttribute("data-decision").catch(() => "")) || false, `${name} example ${i}: a decision`, 15000);
      const rows = frame.locator('[data-testid="requests"] [data-pass]');
      const passes = await rows.evaluateAll((els) => els.map((el) => el.getAttribute("data-pass")));
      if (passes.length > 0) assert.ok(passes.every((p) => p === "true"), `${name} example ${i}: every request meets its expect (${passes})`);
      else {
        // one request: its expect is in the block's text
        const text = await frame.evaluate(() => window.IamplayEditor.textOf(document.querySelector('[data-testid="editor-request"]')));
        const expect = JSON.parse(text)[0]?.expect;
        assert.ok(expect, `${name} example ${i}: the example says what it expects`);
        assert.equal(got, expect, `${name} example ${i}`);
      }
      // the lint findings (with AWS's catalog) follow the decision
      const problems = frame.locator('[data-testid="diagnostics"]');
      await waitFor(async () => (await problems.getAttribute("data-lint")) === "done", `${name} example ${i}: linted`, 15000);
      assert.equal(await problems.locator("[data-code]").count(), 0, `${name} example ${i}: no problems`);
      const height = Number(await element.getAttribute("height"));
      assert.ok(height > 200, `${name} example ${i}: the frame took its content's height (${height})`);
      examples++;
    }
    assert.deepEqual(errors, [], name);
    await context.close();
  }
  assert.ok(examples >= 9, `${examples} examples`);
});
