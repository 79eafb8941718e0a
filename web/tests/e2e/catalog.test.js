// AWS's catalog in the playground: fetched from the page's own origin after the first
// decision (which never waits for it), then its findings appear where the text is — a
// mistyped action underlined with the nearest real one — and the data's version is shown.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openIn, openPage, replaceText, editorText, waitFor, waitForDecision, useServerAndBrowser } from "./harness.js";

const env = useServerAndBrowser();

/// The playground decided and AWS's catalog read (what completions and hover need).
async function openWithCatalog() {
  const opened = await openPage(env.browser, env.server.url);
  await waitForDecision(opened.page, "Allow");
  const version = opened.page.locator('[data-testid="catalog-version"]');
  await waitFor(async () => /^IAM data: @cloud-copilot/.test(await version.textContent()), "the catalog");
  return opened;
}

const POLICIES = JSON.stringify(
  {
    "ec2-owner": {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "s3:GetObjects", Resource: "arn:aws:s3:::reports/*" },
        { Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::reports/*" },
      ],
    },
  },
  null,
  2,
);

test("the catalog arrives after the first decision; a mistyped action is then underlined with the nearest one", async () => {
  // hold the catalog back: the first decision does not wait for it
  const context = await env.browser.newContext({ viewport: { width: 1600, height: 1000 } });
  let release;
  const held = new Promise((r) => (release = r));
  await context.route("**/aws-catalog/catalog.tsv.deflate", async (route) => {
    await held;
    await route.continue();
  });
  const { page } = await openIn(context, env.server.url);
  await waitForDecision(page, "Allow");
  const version = page.locator('[data-testid="catalog-version"]');
  assert.equal(await version.textContent(), "IAM data: loading…");
  release();
  await waitFor(async () => /^IAM data: @cloud-copilot\/iam-data \d+\.\d+\.\d+, \d{4}-\d\d-\d\d$/.test(await version.textContent()), "the catalog's version");
  await replaceText(page, "policies", POLICIES);
  const typo = page.locator('[data-testid="diagnostics"] li[data-code="action-unknown"]');
  await waitFor(async () => (await typo.count()) > 0, "the unknown action");
  assert.equal(await typo.getAttribute("data-editor"), "policies");
  assert.match(await typo.textContent(), /did you mean `s3:GetObject`\?/);
  // and the most common S3 mistake: listing a bucket on its objects' ARN
  const mismatch = page.locator('[data-testid="diagnostics"] li[data-code="resource-type-mismatch"]');
  await waitFor(async () => (await mismatch.count()) > 0, "the resource type mismatch");
  await waitFor(async () => (await page.locator('[data-testid="editor-policies"] .cm-lintRange-warning').count()) > 0, "a warning underline");
  // a key the request's action never carries is marked in the missing keys
  await replaceText(
    page,
    "policies",
    JSON.stringify({ "ec2-owner": { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ec2:StartInstances", Resource: "*", Condition: { StringEquals: { "s3:prefix": "x", "aws:SourceIp": "10.0.0.1" } } }] } }),
  );
  const never = page.locator('[data-testid="missing-keys"] li', { has: page.locator('[data-testid="never-carried"]') });
  await waitFor(async () => (await never.count()) === 1, "one key marked as never sent");
  assert.match(await never.textContent(), /s3:prefix/);
  const fetched = page.requests.filter((u) => u.includes("aws-catalog/")).map((u) => new URL(u).pathname);
  assert.deepEqual(fetched, ["/aws-catalog/catalog.tsv.deflate"], "fetched once, from the page's own origin");
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("without the catalog the playground still decides, and says the checks are off", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1600, height: 1000 } });
  await context.route("**/aws-catalog/catalog.tsv.deflate", (route) => route.fulfill({ status: 404, body: "" }));
  const { page } = await openIn(context, env.server.url);
  await waitForDecision(page, "Allow");
  const version = page.locator('[data-testid="catalog-version"]');
  await waitFor(async () => /unavailable/.test(await version.textContent()), "the unavailable notice");
  assert.match(await version.textContent(), /checks that need AWS's catalog are off/);
  await replaceText(page, "policies", POLICIES);
  await waitForDecision(page, "ImplicitDeny");
  // the rules that need no catalog still run
  const problems = page.locator('[data-testid="diagnostics"]');
  await replaceText(page, "policies", POLICIES.replace('"Resource": "arn:aws:s3:::reports/*"', '"Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "True"}}'));
  await waitFor(async () => (await problems.getAttribute("data-lint")) === "done" && (await problems.locator('li[data-code="condition-bool-case"]').count()) > 0, "a finding without the catalog");
  assert.equal(await problems.locator('li[data-code="action-unknown"]').count(), 0);
  await context.close();
});

test("lint findings follow each decision once the edits pause, and stay on their text while it is edited", async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  await waitForDecision(page, "Allow");
  const problems = page.locator('[data-testid="diagnostics"]');
  const policy = (sid) =>
    JSON.stringify({ p: { Version: "2012-10-17", Statement: [{ Sid: sid, Effect: "Allow", Action: "s3:GetObjects", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "True" } } }] } }, null, 2);
  await replaceText(page, "policies", policy("A"));
  const found = (code) => problems.locator(`li[data-code="${code}"]`);
  await waitFor(async () => (await problems.getAttribute("data-lint")) === "done" && (await found("condition-bool-case").count()) === 1, "the findings of the new text");
  await waitFor(async () => (await found("action-unknown").count()) === 1, "the catalog's finding");
  const line = Number(await found("condition-bool-case").getAttribute("data-line"));
  // the second module stops answering: findings made for the text before stay, carried
  // through the edit (two lines more above them), and are marked as not yet redone
  await page.evaluate(() => {
    window.__lint = window.IamplayLint;
    window.IamplayLint = () => {
      throw new Error("held back by the test");
    };
  });
  await replaceText(page, "policies", `\n\n${policy("A")}`);
  await waitFor(async () => (await problems.getAttribute("data-lint")) === "pending", "findings marked as pending");
  assert.equal(Number(await found("condition-bool-case").getAttribute("data-line")), line + 2);
  assert.equal(await page.locator('[data-testid="editor-policies"] .cm-lintRange-warning').count() > 0, true, "still underlined");
  // and once it answers again they are the new text's own
  await page.evaluate(() => (window.IamplayLint = window.__lint));
  await page.keyboard.press("End");
  await page.keyboard.type(" ");
  await waitFor(async () => (await problems.getAttribute("data-lint")) === "done", "findings redone");
  assert.equal(Number(await found("condition-bool-case").getAttribute("data-line")), line + 2);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("the policy summary says per service what each policy allows and flags privilege escalation", async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  await waitForDecision(page, "Allow");
  await replaceText(
    page,
    "policies",
    JSON.stringify({
      deploy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:List*", "iam:PassRole", "lambda:CreateFunction"], Resource: "*" }] },
      reader: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] },
    }),
  );
  const summary = page.locator('[data-testid="summary"]');
  await summary.locator("summary").click();
  const deploy = summary.locator('.policy-summary[data-policy="deploy"]');
  await waitFor(async () => (await deploy.count()) === 1, "the summary of deploy");
  assert.match(await deploy.locator('li[data-service="s3"]').textContent(), /^Amazon S3 \(s3\): List full \(\d+ of \d+\)on \*$/);
  const risks = await deploy.locator('[data-testid="escalation"]').evaluateAll((els) => els.map((e) => e.dataset.risk));
  assert.deepEqual(risks, ["passrole-any-role", "lambda-with-passrole"]);
  assert.match(await summary.locator('.policy-summary[data-policy="reader"] li').first().textContent(), /Read limited \(1 of \d+\)/);
  // it follows the text while open
  await replaceText(page, "policies", JSON.stringify({ only: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ec2:Describe*", Resource: "*" }] } }));
  await waitFor(async () => (await summary.locator('.policy-summary[data-policy="only"] li[data-service="ec2"]').count()) === 1, "the new summary");
  assert.equal(await summary.locator('[data-testid="escalation"]').count(), 0);
  await context.close();
});

test("typing s3:Get in the policies editor offers s3:GetObject with its access level; Enter takes it", async () => {
  const { page, context } = await openWithCatalog();
  await replaceText(page, "policies", '{"p": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "');
  await page.keyboard.type("s3:GetObj");
  const list = page.locator(".cm-tooltip-autocomplete");
  await list.waitFor();
  // the list narrowed to what was typed: s3:GetObject first, with its access level
  await waitFor(async () => (await list.locator("li").first().textContent()) === "s3:GetObjectRead", "s3:GetObject first");
  // only some of a long list is in the page at once; the arrow keys still reach the others
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await waitFor(async () => (await list.locator("li").first().textContent()).startsWith("s3:GetA"), "s3:Get… listed");
  const rendered = await list.locator("li").count();
  for (let i = 0; i < rendered + 5; i++) await page.keyboard.press("ArrowDown");
  const far = list.locator('li[aria-selected="true"]');
  await waitFor(async () => /^s3:Get/.test((await far.textContent()) ?? ""), "an option past the first ones selected");
  assert.notEqual(await far.textContent(), await list.locator("li").first().textContent(), "the list moved with the selection");
  // closed and typed on: the list opens afresh, its first option selected
  await page.keyboard.press("Escape");
  await page.keyboard.type("Obj");
  await waitFor(async () => (await list.locator("li").first().textContent()) === "s3:GetObjectRead", "s3:GetObject first again");
  // CodeMirror takes Enter for a completion only once the list has been shown a moment
  // (its interactionDelay, 75 ms), so a fast typist's Enter stays a line break
  await page.waitForTimeout(150);
  await page.keyboard.press("Enter");
  await waitFor(async () => (await editorText(page, "policies")).includes('"Action": "s3:GetObject'), "the completion taken");
  // a Resource offers the ARN formats of the statement's actions
  await replaceText(page, "policies", '{"p": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "');
  await page.keyboard.type("arn:");
  await list.locator("li", { hasText: "arn:aws:s3:::${BucketName}/${ObjectName}" }).first().waitFor();
  // taken, its placeholders are fields: the first is selected, Tab goes to the next
  await page.waitForTimeout(150);
  await list.locator("li", { hasText: "arn:aws:s3:::${BucketName}/${ObjectName}" }).first().click();
  await waitFor(async () => (await editorText(page, "policies")).includes('"Resource": "arn:aws:s3:::BucketName/ObjectName'), "the ARN taken, without ${…}");
  await page.keyboard.type("reports");
  await page.keyboard.press("Tab");
  await page.keyboard.type("q1.csv");
  await waitFor(async () => (await editorText(page, "policies")).includes('"Resource": "arn:aws:s3:::reports/q1.csv'), "both fields filled");
  // condition operators under Condition, and the declared policies in principals
  await replaceText(page, "policies", '{"p": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"');
  await page.keyboard.type("StringEq");
  await list.locator("li", { hasText: "StringEquals" }).first().waitFor();
  await page.keyboard.press("Escape");
  await replaceText(page, "policies", '{"ReportsReader": {"Version": "2012-10-17", "Statement": []}}');
  await replaceText(page, "principals", '{"account": "111122223333", "users": {"alice": {"policies": ["');
  await page.keyboard.type("Rep");
  await list.locator("li", { hasText: "ReportsReader" }).first().waitFor();
  // AWS managed policies by ARN: their list arrives with the first completion there
  await page.keyboard.press("Escape");
  await replaceText(page, "principals", '{"account": "111122223333", "groups": {"dev": {}}, "users": {"alice": {"policies": ["');
  await page.keyboard.type("ReadOnlyAcc");
  await list.locator("li", { hasText: "arn:aws:iam::aws:policy/ReadOnlyAccess" }).first().waitFor();
  await page.keyboard.press("Escape");
  // the groups the text declares, where a user's groups go
  await replaceText(page, "principals", '{"account": "111122223333", "groups": {"dev": {}, "ops": {}}, "users": {"alice": {"groups": [""]}}}');
  await page.keyboard.press("Control+End");
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowLeft");
  await page.keyboard.type("o");
  await list.locator("li", { hasText: "ops" }).first().waitFor();
  await page.keyboard.press("Escape");
  // a request's principal: the declared ones and the other forms
  await replaceText(page, "request", '{"principal": "');
  await page.keyboard.type("ro");
  await list.locator("li", { hasText: /^root/ }).first().waitFor();
  await context.close();
});

test("typed at a person's pace, a service prefix and its colon switch the list to its actions; Enter on a service opens them", async () => {
  const { page, context } = await openWithCatalog();
  const list = page.locator(".cm-tooltip-autocomplete");
  const first = async () => (await list.locator("li").first().textContent()) ?? "";
  await replaceText(page, "policies", '{"p": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "');
  // the list of services is shown after "ec2", and must give way to EC2's actions at ":"
  await page.keyboard.type("ec2:S", { delay: 80 });
  await waitFor(async () => (await first()).startsWith("ec2:S"), "EC2's actions");
  // a set qualifier, then the operators it qualifies
  await replaceText(page, "policies", '{"p": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"');
  await page.keyboard.type("ForAllValues:Str", { delay: 80 });
  await waitFor(async () => (await first()).startsWith("ForAllValues:String"), "qualified operators");
  // "s3" offers s3: before s3-object-lambda:, and taking it opens S3's actions
  await replaceText(page, "policies", '{"p": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "');
  await page.keyboard.type("s3", { delay: 80 });
  await waitFor(async () => (await first()).startsWith("s3:Amazon S3"), "s3: first");
  await page.waitForTimeout(150);
  await page.keyboard.press("Enter");
  await waitFor(async () => (await first()).startsWith("s3:A"), "S3's actions offered");
  assert.match(await editorText(page, "policies"), /"Action": "s3:$/);
  await context.close();
});

test("completions and search come after the first decision; what was typed while they loaded still opens the list", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1600, height: 1000 } });
  let release;
  const held = new Promise((r) => (release = r));
  let asked = 0;
  await context.route("**/editor/extras.js", async (route) => {
    asked += 1;
    await held;
    await route.continue();
  });
  const { page } = await openIn(context, env.server.url);
  await waitForDecision(page, "Allow");
  await waitFor(async () => asked === 1, "extras.js asked for after the first decision");
  // the catalog's file is fetched, but only the second module reads it
  const version = page.locator('[data-testid="catalog-version"]');
  await waitFor(async () => page.requests.some((u) => u.includes("aws-catalog/catalog.tsv.deflate")), "the catalog fetched");
  assert.equal(await version.textContent(), "IAM data: loading…");
  // type while extras.js is held back: no list, no closing bracket yet
  await replaceText(page, "policies", '{"p": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "');
  await page.keyboard.type("s3:GetObj");
  const list = page.locator(".cm-tooltip-autocomplete");
  assert.equal(await list.count(), 0, "no completions before extras.js");
  release();
  // the keystroke's list opens once they arrive, and search works from then on
  await waitFor(async () => (await list.locator("li").first().textContent()) === "s3:GetObjectRead", "s3:GetObject offered");
  await waitFor(async () => /^IAM data: @cloud-copilot/.test(await version.textContent()), "the catalog read");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Control+f");
  await page.locator(".cm-search").first().waitFor();
  assert.equal(asked, 1, "extras.js is fetched once");
  await context.close();
});

test("hovering an action pattern lists what it covers; an action shows its level and AWS's description; a key its type", async () => {
  const { page, context } = await openWithCatalog();
  const policy = {
    p: {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: ["s3:Get*", "s3:GetObject", "s3:GetObjects"], Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" }, StringLike: { "s3:prefix": "home/" } } },
      ],
    },
  };
  await replaceText(page, "policies", JSON.stringify(policy, null, 2));
  const editor = page.locator('[data-testid="editor-policies"]');
  const hover = page.locator('[data-testid="hover"]');
  const hoverOver = async (literal) => {
    await page.mouse.move(0, 0);
    await waitFor(async () => (await hover.count()) === 0, "the last hover closed");
    // the literal's place on screen (a property name is a bare text node, no element)
    const box = await editor.evaluate((el, literal) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf(literal);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at + 2);
        range.setEnd(node, at + literal.length - 2);
        const r = range.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }
      return null;
    }, literal);
    assert.ok(box, `${literal} on screen`);
    await page.mouse.move(box.x, box.y);
    await hover.waitFor();
  };
  await hoverOver('"s3:Get*"');
  assert.match(await hover.locator(".hover-head").textContent(), /^s3:Get\* covers \d+ actions of Amazon S3$/);
  const listed = await hover.locator(".hover-actions li").allTextContents();
  assert.equal(listed.length, 40, "the first 40 listed");
  assert.ok(listed.every((l) => /^(List|Read|Write|Permissions management|Tagging) s3:Get\w+$/.test(l)), listed.slice(0, 5).join(" | "));
  const total = Number((await hover.locator(".hover-head").textContent()).match(/covers (\d+)/)[1]);
  assert.equal(await hover.locator(".hover-more").textContent(), `and ${total - 40} more (iamplay expand lists them all)`);
  assert.match(await hover.locator(".hover-data").textContent(), /^IAM data: @cloud-copilot\/iam-data /);
  // an action: its level, its service and (fetched for s3 on this first hover) its description
  await hoverOver('"s3:GetObject"');
  assert.equal(await hover.locator(".hover-head").textContent(), "s3:GetObject Read");
  await waitFor(async () => /^Grants permission to retrieve objects from Amazon S3/.test(await hover.locator(".hover-description").textContent()), "the description");
  assert.ok(page.requests.some((u) => u.endsWith("/aws-catalog/d/s3.json")), "the descriptions of s3 fetched");
  // condition keys: a global one, and a service's with its description
  await hoverOver('"aws:SourceIp"');
  assert.equal(await hover.locator(".hover-head").textContent(), "aws:SourceIp IPAddress");
  assert.match(await hover.locator(".hover-service").textContent(), /global condition key/);
  await hoverOver('"s3:prefix"');
  assert.equal(await hover.locator(".hover-head").textContent(), "s3:prefix String");
  await waitFor(async () => /prefix/i.test(await hover.locator(".hover-description").textContent()), "the key's description");
  // an action AWS does not list: the nearest one it does
  await hoverOver('"s3:GetObjects"');
  assert.equal(await hover.locator(".hover-head").textContent(), "s3:GetObjects: AWS lists no such action");
  assert.equal(await hover.locator('[data-testid="hover-near"]').textContent(), "Did you mean s3:GetObject?");
  await context.close();
});
