// The Content-Security-Policy holds in every mode: the page carries it as a meta tag (so
// a host that sends no headers still gets it), the server adds frame-ancestors, nothing
// the playground does violates it, and a script someone injects does not run.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { deflateRawSync } from "node:zlib";
import { mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startServer, startBrowser, openPage, waitFor, waitForDecision, HEADERS, root } from "./harness.js";

let server, api, browser;
before(async () => {
  server = await startServer();
  api = await startServer(path.join(root, "target/js-api"));
  browser = await startBrowser();
});
after(async () => {
  await browser?.close();
  server?.stop();
  api?.stop();
});

function directives(policy) {
  return Object.fromEntries(
    policy
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
}

const share = () => {
  const texts = {
    v: 1,
    policies: JSON.stringify({ p: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] } }),
    principals: JSON.stringify({ account: "111122223333", users: { ann: { policies: ["p"] } } }),
    request: JSON.stringify({ principal: "user/ann", action: "s3:GetObject", resource: "arn:aws:s3:::b/k" }),
  };
  return "#s=v1." + deflateRawSync(Buffer.from(JSON.stringify(texts)), { level: 9 }).toString("base64url");
};

/// Injects an inline script and a <style> without the nonce; both must be refused.
async function injected(page) {
  await page.evaluate(() => {
    const s = document.createElement("script");
    s.textContent = "window.__injected = true";
    document.body.append(s);
    const st = document.createElement("style");
    st.textContent = "body { outline: 9px solid red }";
    document.head.append(st);
  });
  return page.evaluate(() => ({ ran: window.__injected === true, styled: getComputedStyle(document.body).outlineWidth === "9px" }));
}

const MODES = [
  ["the playground", "", "Allow"],
  ["an embed", "?embed=policies,request&readonly=1" + share(), "Allow"],
  ["exercise mode", "?exercises", null],
  ["a share link", share(), "Allow"],
];

for (const [name, suffix, want] of MODES) {
  test(`${name} runs under the Content-Security-Policy and refuses injected code`, async () => {
    const response = await fetch(server.url + suffix.replace(/#.*/, ""));
    const header = directives(response.headers.get("content-security-policy") ?? "");
    assert.deepEqual(header["frame-ancestors"], ["*"], "the server sends frame-ancestors");
    assert.equal(response.headers.get("x-content-type-options"), "nosniff");

    const { page, context } = await openPage(browser, server.url + suffix);
    const meta = directives(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content"));
    assert.deepEqual(meta["default-src"], ["'none'"]);
    assert.deepEqual(meta["script-src"], ["'self'", "'wasm-unsafe-eval'"], "no inline or remote scripts");
    assert.deepEqual(meta["connect-src"], ["'self'"], "fetches stay on the page's origin");
    assert.ok(!meta["style-src"].includes("'unsafe-inline'"));
    const nonce = meta["style-src"].find((v) => v.startsWith("'nonce-"));
    assert.ok(nonce && !nonce.includes("IAMPLAY_STYLE_NONCE"), `the build set the style nonce (${nonce})`);

    if (want) await waitForDecision(page, want);
    else await page.waitForSelector('[data-testid="exercise-status"]');
    assert.deepEqual(page.errors, [], "the playground itself violates nothing");

    const { ran, styled } = await injected(page);
    assert.equal(ran, false, "an injected inline script does not run");
    assert.equal(styled, false, "an injected style without the nonce does not apply");
    await waitFor(() => page.errors.some((e) => e.startsWith("CSP violation: script-src")), "the script's violation report");
    await context.close();
  });
}

test("the JavaScript API example page runs under its own policy", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(api.url);
  const meta = directives(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content"));
  assert.deepEqual(meta["script-src"], ["'self'", "'wasm-unsafe-eval'"]);
  await waitFor(async () => (await page.locator('[data-testid="api-decision"]').textContent()) === "Allow", "Allow");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the headers the test server sends are the ones Trunk.toml declares for deployments", () => {
  assert.ok(HEADERS["Content-Security-Policy"], "Trunk.toml has [serve.headers] with the policy");
  const header = directives(HEADERS["Content-Security-Policy"]);
  assert.deepEqual(header["script-src"], ["'self'", "'wasm-unsafe-eval'"]);
  assert.deepEqual(header["object-src"], ["'none'"]);
});

test("the built site works from a folder of a host, not only from its root", async () => {
  const host = mkdtempSync(path.join(tmpdir(), "iamplay-host-"));
  symlinkSync(path.join(root, "dist"), path.join(host, "tools"));
  const site = await startServer(host);
  try {
    const { page, context } = await openPage(browser, `${site.url}tools/`);
    await waitForDecision(page, "Allow");
    await page.goto(`${site.url}tools/?exercises`);
    await page.waitForSelector('[data-testid="exercise-status"]');
    assert.deepEqual(page.errors, []);
    assert.ok(site.hits.every((p) => p.startsWith("/tools/")), site.hits.join("\n"));
    await context.close();
  } finally {
    site.stop();
  }
});
