// Shared set-up for the end-to-end tests: a static server over dist/ on 127.0.0.1 and
// Debian's Chromium driven by playwright-core. Every request the page makes is
// recorded, so a test can prove nothing leaves the browser.
import { chromium } from "playwright-core";
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, "../../..");
export const shots = path.join(root, "web/tests/test-results");
mkdirSync(shots, { recursive: true });

export async function startServer(dir = path.join(root, "dist")) {
  const port = 18000 + Math.floor(Math.random() * 1000);
  const proc = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", dir], {
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(url);
      if (r.ok) return { url, stop: () => proc.kill() };
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill();
  throw new Error("the static server did not start");
}

export async function startBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/// A fresh page (empty storage) that records every request and console error.
export async function openPage(browser, url, viewport = { width: 1600, height: 1000 }) {
  const context = await browser.newContext({ viewport });
  const opened = await openIn(context, url);
  return { page: opened.page, context };
}

/// A new page in an existing context (its storage shared with the context's other pages).
export async function openIn(context, url) {
  const page = await context.newPage();
  page.requests = [];
  page.errors = [];
  page.on("request", (r) => page.requests.push(r.url()));
  page.on("pageerror", (e) => page.errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && page.errors.push(m.text()));
  await page.goto(url);
  await page.waitForSelector('[data-testid="editor-policies"]');
  return { page, context };
}

/// The text an editor holds (CodeMirror's document, not what is scrolled into view).
export async function editorText(page, editor) {
  return page.locator(`[data-testid="editor-${editor}"]`).evaluate((el) => window.IamplayEditor.textOf(el));
}

/// Replaces an editor's text as a paste would: select all, then one insertion.
export async function replaceText(page, editor, text) {
  await page.click(`[data-testid="editor-${editor}"]`);
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(text);
}

export async function waitFor(fn, what, timeout = 5000) {
  const start = Date.now();
  let last;
  while (Date.now() - start < timeout) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

export async function decision(page) {
  const el = page.locator('[data-testid="decision"]');
  return { decision: await el.getAttribute("data-decision"), stale: await el.getAttribute("data-stale") };
}

export async function waitForDecision(page, want, stale = "false") {
  return waitFor(async () => {
    const d = await decision(page);
    return d.decision === want && d.stale === stale ? d : false;
  }, `decision ${want} (stale ${stale})`);
}

export async function decidedBy(page) {
  return page.locator('[data-testid="decided-by"] li button').allTextContents();
}
