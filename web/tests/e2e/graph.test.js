// The graph beside the result: every part of the scenario a node, every relation an edge,
// the selected request's path lit (blocked steps marked), a path picked in "Every way this
// could be allowed" lit instead, a click or Enter on a node showing its text, and a
// layout made again only when the nodes or edges change.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { root, openPage, replaceText, editorText, waitFor, waitForDecision, useServerAndBrowser } from "./harness.js";

const env = useServerAndBrowser();

const example = (name) => JSON.parse(readFileSync(path.join(root, "examples", `${name}.json`), "utf8"));

async function open(url) {
  const opened = await openPage(env.browser, url);
  await waitForDecision(opened.page, "Allow");
  return opened;
}

async function load(page, scenario) {
  await replaceText(page, "policies", JSON.stringify(scenario.policies, null, 2));
  await replaceText(page, "principals", JSON.stringify(scenario.principals, null, 2));
  await replaceText(page, "request", JSON.stringify(scenario.requests, null, 2));
}

const node = (page, name) => page.locator(`[data-testid="graph"] [data-node="${name}"]`);
const edge = (page, from, to) => page.locator(`[data-testid="graph"] .graph-edge[data-edge="${from}>${to}"]`);
const lit = (locator) => locator.getAttribute("data-lit");

/// Waits for the graph drawn from the texts as loaded (it follows once the edits pause).
async function settled(page, caption) {
  await waitFor(async () => caption.test(await page.locator("[data-graph-caption]").textContent()), `the graph lit: ${caption}`);
}

async function selectRequest(page, i) {
  await page.locator(`[data-testid="requests"] tbody tr[data-index="${i}"]`).click();
}

test("the graph shows the scenario, lights the selected request's path and follows every keystroke", async () => {
  const { page, context } = await open(env.server.url);
  await load(page, example("group-and-role"));
  await settled(page, /request 1: user\/alice s3:GetObject/);
  for (const name of ["user/bob", "group/analysts", "role/report-reader", "policy/ReadReports", "policy/ReportReaderTrust", "account/111122223333"]) {
    assert.equal(await node(page, name).count(), 1, name);
  }
  // request 1: alice reads through her group
  await waitFor(async () => (await lit(node(page, "user/alice"))) === "true", "alice lit");
  assert.equal(await lit(node(page, "group/analysts")), "true");
  assert.equal(await lit(node(page, "policy/ReadReports")), "true");
  assert.equal(await lit(edge(page, "user/alice", "group/analysts")), "true");
  assert.equal(await lit(node(page, "user/bob")), null);
  assert.match(await page.locator("[data-graph-caption]").textContent(), /^Lit: request 1: user\/alice s3:GetObject/);
  // the statement that allowed it is shown in its policy's node
  assert.equal(await node(page, "policy/ReadReports").locator(".graph-decided").textContent(), "allowed by #0 ReadObjectsInReportsBucket");
  // request 3: bob assumes the role (the trust policy names him)
  await selectRequest(page, 2);
  await waitFor(async () => (await lit(edge(page, "user/bob", "role/report-reader"))) === "true", "bob's may-assume edge lit");
  assert.equal(await lit(node(page, "policy/ReportReaderTrust")), "true");
  assert.equal(await lit(node(page, "user/alice")), null);
  // request 5: alice may not assume it: the role is where it stops
  await selectRequest(page, 4);
  await waitFor(async () => (await lit(node(page, "role/report-reader"))) === "blocked", "the refused role blocked");
  // a keystroke that only moves the lit path re-marks the graph without a new layout
  const layouts = await page.locator('[data-testid="graph"]').getAttribute("data-layouts");
  await selectRequest(page, 0);
  const request = await editorText(page, "request");
  await replaceText(page, "request", request.replace('"principal": "user/alice"', '"principal": "user/bob"'));
  await waitFor(async () => (await lit(node(page, "user/bob"))) === "true", "bob lit after the edit");
  assert.equal(await page.locator('[data-testid="graph"]').getAttribute("data-layouts"), layouts);
  // a new user is a new node, laid out again
  const principals = JSON.parse(await editorText(page, "principals"));
  principals.users.carol = { groups: ["analysts"] };
  await replaceText(page, "principals", JSON.stringify(principals, null, 2));
  await waitFor(async () => (await node(page, "user/carol").count()) === 1, "carol drawn");
  assert.notEqual(await page.locator('[data-testid="graph"]').getAttribute("data-layouts"), layouts);
  assert.equal(await edge(page, "user/carol", "group/analysts").getAttribute("data-kind"), "member-of");
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("a click or Enter on a node shows its text in its editor", async () => {
  const { page, context } = await open(env.server.url);
  await load(page, example("group-and-role"));
  await settled(page, /request 1: user\/alice s3:GetObject/);
  const selected = (editor) =>
    page.locator(`[data-testid="editor-${editor}"]`).evaluate((el) => {
      const { from, to } = window.IamplayEditor.selectionOf(el);
      return window.IamplayEditor.textOf(el).slice(from, to);
    });
  await node(page, "user/bob").click();
  await waitFor(async () => (await selected("principals")) === '"bob"', "bob's name selected");
  await node(page, "policy/ReadReports").focus();
  await page.keyboard.press("Enter");
  await waitFor(async () => (await selected("policies")) === '"ReadReports"', "the policy's name selected");
  // an edge: the group membership is written in alice's "groups"
  await edge(page, "user/alice", "group/analysts").locator(".graph-edge-hit").click({ force: true });
  await waitFor(async () => (await selected("principals")).replace(/\s/g, "") === '["analysts"]', "alice's groups selected");
  await context.close();
});

test("a path picked in 'Every way this could be allowed' is lit on the graph, and a boundary that stops a request is marked", async () => {
  const { page, context } = await open(env.server.url);
  const scenario = example("group-and-role");
  scenario.requests = [{ principal: "user/bob", action: "s3:GetObject", resource: "arn:aws:s3:::reports/2024-q1.csv" }];
  await load(page, { ...scenario });
  await waitForDecision(page, "ImplicitDeny");
  const panel = page.locator('[data-testid="paths"]');
  await panel.locator("summary").click();
  const viaRole = panel.locator('[data-testid="access-path"][data-kind="assume-role"]');
  await waitFor(async () => (await viaRole.count()) === 1, "the path through the role");
  assert.equal(await lit(edge(page, "user/bob", "role/report-reader")), null);
  await viaRole.locator('[data-testid="show-on-graph"]').click();
  await waitFor(async () => (await lit(edge(page, "user/bob", "role/report-reader"))) === "true", "the assume step lit");
  assert.equal(await lit(edge(page, "role/report-reader", "policy/ReadReports")), "true");
  assert.match(await page.locator("[data-graph-caption]").textContent(), /assuming role report-reader \(allowed\)/);
  await page.locator('[data-testid="graph-show-request"]').click();
  await waitFor(async () => (await lit(edge(page, "user/bob", "role/report-reader"))) === null, "back to the request itself");
  // a picked path holds only while its request stays as it was
  await viaRole.locator('[data-testid="show-on-graph"]').click();
  await settled(page, /assuming role report-reader/);
  await replaceText(page, "request", (await editorText(page, "request")).replace("user/bob", "user/alice"));
  await settled(page, /^Lit: request 1: user\/alice s3:GetObject/);
  // carol's boundary stops what her group allows
  await load(page, example("boundary-cuts-group"));
  await selectRequest(page, 1);
  await waitFor(async () => (await lit(edge(page, "user/carol", "policy/ContractorBoundary"))) === "blocked", "the boundary blocked");
  assert.equal(await lit(edge(page, "group/platform", "policy/PlatformTeam")), "true");
  await context.close();
});

test("texts with errors keep the last drawing and say so; AWS managed policies are drawn with the documents the page fetched", async () => {
  const { page, context } = await open(env.server.url);
  await load(page, example("group-and-role"));
  await settled(page, /request 1: user\/alice s3:GetObject/);
  const principals = await editorText(page, "principals");
  await replaceText(page, "principals", principals.replace('"bob": {}', '"bob": {'));
  await settled(page, /^The texts have errors: .* The graph is from before\.$/);
  assert.equal(await page.locator('[data-testid="graph"]').getAttribute("data-stale"), "true");
  assert.equal(await lit(node(page, "user/alice")), "true", "the last good drawing stays");
  await replaceText(page, "principals", principals);
  await settled(page, /^Lit: request 1/);
  assert.equal(await page.locator('[data-testid="graph"]').getAttribute("data-stale"), null);
  // AWS managed policies by ARN: drawn with the documents the page fetched
  await load(page, example("aws-managed-policy"));
  await settled(page, /^Lit: request 1: user\/alice s3:GetObject on arn:aws:s3:::reports\/q1\.csv \(Allow\)/);
  assert.equal(await lit(node(page, "policy/arn:aws:iam::aws:policy/ReadOnlyAccess")), "true");
  await context.close();
});
