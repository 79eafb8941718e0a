// Shared set-up for the end-to-end tests: a static server over dist/ on 127.0.0.1 and
// Debian's Chromium driven by playwright-core. Every request the page makes is
// recorded, so a test can prove nothing leaves the browser.
import { chromium } from "playwright-core";
import { before, after } from "node:test";
import { createServer } from "node:http";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, "../../..");
export const shots = path.join(root, "web/tests/test-results");
mkdirSync(shots, { recursive: true });

/// The response headers the test server sends, as a deployment would (Trunk.toml's
/// [serve.headers]): the Content-Security-Policy with frame-ancestors, which the page's
/// meta tag cannot carry.
export const HEADERS = (() => {
  const toml = readFileSync(path.join(root, "Trunk.toml"), "utf8");
  const section = toml.split("[serve.headers]")[1]?.split(/\n\[/)[0] ?? "";
  return Object.fromEntries([...section.matchAll(/^"([^"]+)"\s*=\s*"(.*)"\s*$/gm)].map((m) => [m[1], m[2]]));
})();

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css", ".wasm": "application/wasm", ".json": "application/json", ".png": "image/png" };

/// A static server over `dir` on 127.0.0.1 sending `headers` (the playground's: HEADERS);
/// `routes` maps a path to [status, headers, body] for tests of redirects and the like;
/// `hits` lists the paths it was asked for.
export async function startServer(dir = path.join(root, "dist"), routes = {}, headers = HEADERS) {
  const hits = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    hits.push(url.pathname);
    const route = routes[url.pathname];
    if (route) {
      res.writeHead(route[0], { ...headers, ...route[1] });
      return res.end(route[2] ?? "");
    }
    const file = path.join(dir, decodeURIComponent(url.pathname).replace(/\/$/, "/index.html"));
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404, headers);
      return res.end("not found");
    }
    res.writeHead(200, { ...headers, "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}/`;
  return { url, hits, stop: () => server.close() };
}

/// Chromium; every page of every context reports a Content-Security-Policy violation
/// as a console error ("CSP violation: …"), which the tests' error lists catch.
export async function startBrowser() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const watch = (context) => {
    context.addInitScript(() =>
      document.addEventListener("securitypolicyviolation", (e) =>
        console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`),
      ),
    );
    return context;
  };
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => watch(await newContext(options));
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (options) => {
    const page = await newPage(options);
    watch(page.context());
    return page;
  };
  return browser;
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
  await waitForEditors(page);
  return { page, context };
}

/// Waits until CodeMirror has taken over the editor `name` of a page or frame (the page
/// shows plain text areas until it loads, after the first decision).
export async function waitForEditors(target, name = "policies") {
  await target.waitForSelector(`.cm-content[data-testid="editor-${name}"]`);
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

/// Pastes `text` where the editor's cursor is (selection replaced), as the browser
/// delivers a paste: a paste event with the text on its clipboard data. Unlike
/// `keyboard.insertText`, which types through the input method, it takes texts of any size.
export async function paste(page, editor, text) {
  await page.locator(`[data-testid="editor-${editor}"]`).evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData("text/plain", t);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/// Replaces an editor's whole text by a paste (select all, then `paste`).
export async function pasteText(page, editor, text) {
  await page.click(`[data-testid="editor-${editor}"]`);
  await page.keyboard.press("Control+A");
  await paste(page, editor, text);
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

/// The server and browser every test of a file shares, started before its first test and
/// stopped after its last: `const env = useServerAndBrowser();` then `env.server.url`,
/// `env.browser`.
export function useServerAndBrowser(dir) {
  const env = {};
  before(async () => {
    env.server = await startServer(dir);
    env.browser = await startBrowser();
  });
  after(async () => {
    await env.browser?.close();
    env.server?.stop();
  });
  return env;
}
