// An AccessDenied message pasted into the playground: read as a request, added to the
// Request text and selected, with whether the scenario reproduces the deny AWS named.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, startBrowser, openPage, replaceText, editorText, waitFor, waitForDecision } from "./harness.js";

let server, browser;
before(async () => {
  server = await startServer();
  browser = await startBrowser();
});
after(async () => {
  await browser?.close();
  server?.stop();
});

const POLICIES = JSON.stringify(
  {
    admin: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
    "allow-all": { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
    "no-iam": { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "iam:*", Resource: "*" }] },
  },
  null,
  2,
);
const PRINCIPALS = JSON.stringify({ account: "111122223333", organization: { scps: [["allow-all", "no-iam"]] }, users: { alice: { policies: ["admin"] } } }, null, 2);
const REQUEST = JSON.stringify([{ principal: "user/alice", action: "s3:GetObject", resource: "arn:aws:s3:::reports/q1.csv" }], null, 2);

test("a pasted AccessDenied message becomes the selected request, and the page says the scenario reproduces it", async () => {
  const { page, context } = await openPage(browser, server.url);
  await waitForDecision(page, "Allow");
  await waitFor(() => page.evaluate(() => typeof window.IamplayExplainError === "function"), "the second wasm module");
  await replaceText(page, "policies", POLICIES);
  await replaceText(page, "principals", PRINCIPALS);
  await replaceText(page, "request", REQUEST);
  await waitForDecision(page, "Allow");
  await page.locator(".paste-error-panel summary").click();
  const message = "An error occurred (AccessDenied) when calling the ListRoles operation: User: arn:aws:iam::111122223333:user/alice is not authorized to perform: iam:ListRoles on resource: * with an explicit deny in a service control policy";
  await page.locator('[data-testid="paste-error"]').fill(message);
  // the request is added after the one written, and selected: its decision is shown
  await waitFor(async () => (await editorText(page, "request")).includes('"action": "iam:ListRoles"'), "the request added");
  const requests = JSON.parse(await editorText(page, "request"));
  assert.equal(requests.length, 2);
  assert.deepEqual(requests[1], { principal: "user/alice", action: "iam:ListRoles", resource: "*" });
  await waitForDecision(page, "ExplicitDeny");
  assert.match(await page.locator('[data-testid="paste-error-said"]').textContent(), /^AWS denied arn:aws:iam::111122223333:user\/alice iam:ListRoles on \*: an explicit deny in a service control policy$/);
  const verdict = page.locator('[data-testid="paste-error-verdict"]');
  assert.equal(await verdict.getAttribute("data-agreement"), "reproduced");
  // a deny the scenario places elsewhere is said so
  await page.locator('[data-testid="paste-error"]').fill(message.replace("in a service control policy", "in an identity-based policy"));
  await waitFor(async () => (await verdict.getAttribute("data-agreement")) === "other-layer", "another layer");
  assert.match(await verdict.textContent(), /in a service control policy, not where AWS said/);
  // an encoded message cannot be read, and the page says how to decode it; nothing is added
  const before = await editorText(page, "request");
  await page.locator('[data-testid="paste-error"]').fill("Encoded authorization failure message: 4GIOHlTkIaWHQD0Q0m6X");
  await waitFor(async () => /decode-authorization-message/.test(await page.locator('[data-testid="paste-error-said"]').textContent()), "how to decode it");
  assert.equal(await editorText(page, "request"), before);
  await context.close();
});
