// The JavaScript API package, used by a page of its own (web/api-example.html).
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { waitFor, root, shots, useServerAndBrowser } from "./harness.js";

const env = useServerAndBrowser(path.join(root, "target/js-api"));

test("the example page decides with the JS API and re-decides on edit", async () => {
  const page = await env.browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(env.server.url);
  const decision = page.locator('[data-testid="api-decision"]');
  await waitFor(async () => (await decision.textContent()) === "Allow", "Allow");
  const details = JSON.parse(await page.locator('[data-testid="api-details"]').textContent());
  assert.equal(details.decidedBy[0].policy, "read-reports");
  await page.fill("#scenario", (await page.inputValue("#scenario")).replace("reports/q1.csv", "secrets/key"));
  await waitFor(async () => (await decision.textContent()) === "ImplicitDeny", "ImplicitDeny after the edit");
  await page.screenshot({ path: path.join(shots, "api-example.png") });
  assert.deepEqual(errors, []);
  await page.close();
});
