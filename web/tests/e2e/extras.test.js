// What the page's second wasm module makes after the first decision: an AccessDenied
// message read as a request (added to the Request text and selected, with whether the
// scenario reproduces the deny AWS named), and every way a request could be allowed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { root, openPage, replaceText, editorText, waitFor, waitForDecision, useServerAndBrowser } from "./harness.js";

const env = useServerAndBrowser();

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
  const { page, context } = await openPage(env.browser, env.server.url);
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
  // a caller the scenario does not declare is not added, and the page says why
  const held = await editorText(page, "request");
  await page.locator('[data-testid="paste-error"]').fill(message.replace("user/alice", "user/nobody"));
  await waitFor(async () => (await verdict.getAttribute("data-agreement")) === "not-added", "not added");
  assert.match(await verdict.textContent(), /^Not added to the requests: .*nobody/);
  assert.equal(await editorText(page, "request"), held);
  // an encoded message cannot be read, and the page says how to decode it; nothing is added
  const before = await editorText(page, "request");
  await page.locator('[data-testid="paste-error"]').fill("Encoded authorization failure message: 4GIOHlTkIaWHQD0Q0m6X");
  await waitFor(async () => /decode-authorization-message/.test(await page.locator('[data-testid="paste-error-said"]').textContent()), "how to decode it");
  assert.equal(await editorText(page, "request"), before);
  await context.close();
});

test("every way a request could be allowed: each path with its steps, and who else can", async () => {
  const scenario = JSON.parse(readFileSync(path.join(root, "crates/iamplay-core/tests/paths-scenario.json"), "utf8"));
  const { page, context } = await openPage(env.browser, env.server.url);
  await waitForDecision(page, "Allow");
  await replaceText(page, "policies", JSON.stringify(scenario.policies, null, 2));
  await replaceText(page, "principals", JSON.stringify(scenario.principals, null, 2));
  await replaceText(page, "request", JSON.stringify([{ principal: "user/bob", action: "s3:GetObject", resource: "arn:aws:s3:::reports/q1" }], null, 2));
  const panel = page.locator('[data-testid="paths"]');
  await panel.locator("summary").click();
  await waitFor(async () => (await panel.locator('[data-testid="access-path"]').count()) > 0, "the paths");
  // bob's own policies do not allow it; assuming role r does, each step decided
  const assume = panel.locator('[data-testid="access-path"][data-kind="assume-role"]');
  assert.equal(await assume.first().getAttribute("data-allowed"), "true");
  const steps = await assume.first().locator("li").allTextContents();
  assert.match(steps[0], /^user\/bob sts:AssumeRole on arn:aws:iam::111122223333:role\/r: Allow by /);
  assert.match(steps.at(-1), /s3:GetObject on arn:aws:s3:::reports\/q1: Allow by p#0$/);
  assert.equal(await panel.locator('[data-testid="access-path"][data-kind="own"]').first().getAttribute("data-allowed"), "false");
  // who can: alice (group), bob (role), carol (launch) among them
  const who = await panel.locator('[data-testid="who-can"]').evaluateAll((els) => els.map((e) => e.dataset.principal));
  for (const p of ["user/alice", "user/bob", "user/carol"]) assert.ok(who.includes(p), `${p} in ${who}`);
  await context.close();
});

test("a bare policy pasted into the Policies editor is offered as a scenario, and decided once taken", async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  await waitForDecision(page, "Allow");
  const offer = page.locator('[data-testid="wrap-policy-offer"]');
  assert.equal(await offer.count(), 0, "no offer for named policies");
  const doc = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "dynamodb:Query", Resource: "*" }] };
  await replaceText(page, "policies", JSON.stringify(doc, null, 2));
  await replaceText(page, "principals", "");
  await replaceText(page, "request", "");
  await offer.waitFor();
  await page.click('[data-testid="wrap-policy"]');
  await waitFor(async () => (await offer.count()) === 0, "the offer gone");
  assert.deepEqual(JSON.parse(await editorText(page, "policies")), { policy: doc });
  assert.deepEqual(JSON.parse(await editorText(page, "principals")).users, { alice: { policies: ["policy"] } });
  assert.deepEqual(JSON.parse(await editorText(page, "request")), [{ principal: "user/alice", action: "dynamodb:Query", resource: "*" }]);
  await waitForDecision(page, "Allow");
  await context.close();
});

test("allowed only if…: the values the request lacks, and Try it adds them and allows it", async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  await waitForDecision(page, "Allow");
  const policies = {
    mfa: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" }, IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } }] },
  };
  await replaceText(page, "policies", JSON.stringify(policies, null, 2));
  await replaceText(page, "principals", JSON.stringify({ account: "111122223333", users: { alice: { policies: ["mfa"] } } }, null, 2));
  await replaceText(page, "request", JSON.stringify([{ principal: "user/alice", action: "s3:GetObject", resource: "arn:aws:s3:::reports/q1.csv" }], null, 2));
  await waitForDecision(page, "ImplicitDeny");
  const panel = page.locator('[data-testid="allowed-if"]');
  await panel.locator("summary").click();
  const option = panel.locator('[data-testid="allowed-if-option"]');
  await option.first().waitFor();
  assert.equal(await option.count(), 1);
  assert.match(await option.textContent(), /^Allow if aws:MultiFactorAuthPresent is true and aws:SourceIp is 203\.0\.113\.0 \(IpAddress 203\.0\.113\.0\/24\), by mfa#0/);
  await option.locator('[data-testid="try-it"]').click();
  await waitForDecision(page, "Allow");
  const [request] = JSON.parse(await editorText(page, "request"));
  assert.deepEqual(request.context, { "aws:MultiFactorAuthPresent": "true", "aws:SourceIp": "203.0.113.0" });
  // allowed now: nothing to add
  await waitFor(async () => /Nothing this request lacks/.test(await panel.textContent()), "nothing left");
  await context.close();
});
