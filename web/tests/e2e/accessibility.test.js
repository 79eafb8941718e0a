// Accessibility: axe-core (npm, pinned) over every mode of the page — the playground
// (with its panels open, the graph drawn), an embed, exercise mode — finds no serious or critical
// violation. The test context bypasses the page's Content-Security-Policy only to inject
// axe itself.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { root, waitFor, waitForDecision, replaceText, useServerAndBrowser, waitForEditors } from "./harness.js";

const AXE = path.join(root, "web/tests/node_modules/axe-core/axe.min.js");

const env = useServerAndBrowser();

/// The serious and critical violations on the page, as "rule: target" lines.
async function violations(page) {
  await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")} — ${n.failureSummary?.split("\n")[1]?.trim() ?? ""}`));
  });
  return found;
}

for (const [name, address, open] of [
  ["the playground, its panels open", "", true],
  ["an embed", "?embed=policies,request&readonly=1", false],
  ["exercise mode", "?exercises", false],
]) {
  for (const scheme of ["light", "dark"]) {
    test(`${name} (${scheme}) has no serious or critical accessibility violation`, async () => {
      const context = await env.browser.newContext({ viewport: { width: 1400, height: 1000 }, colorScheme: scheme, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(env.server.url + address);
      if (address.startsWith("?exercises")) {
        await page.waitForSelector('[data-testid="exercise-status"]');
      } else {
        await waitForDecision(page, "Allow");
      }
      await waitForEditors(page);
      if (open) {
        await waitFor(() => page.evaluate(() => typeof window.IamplayPaths === "function"), "the second module");
        await page.evaluate(() => document.querySelectorAll("main details").forEach((d) => (d.open = true)));
        await page.locator('[data-testid="paths"] [data-testid="access-path"]').first().waitFor();
        // the graph, drawn and lit
        await page.locator('[data-testid="graph"] .graph-node[data-lit="true"]').first().waitFor();
      }
      const found = await violations(page);
      assert.deepEqual(found, [], found.join("\n"));
      await context.close();
    });
  }
}

// The editors' tooltips live on the page's body, outside the editors' colours: the
// completion list and a finding's message are readable in both schemes.
for (const scheme of ["light", "dark"]) {
  test(`the completion list and a finding's tooltip (${scheme}) have enough contrast`, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1400, height: 1000 }, colorScheme: scheme, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(env.server.url);
    await waitForDecision(page, "Allow");
    await waitFor(() => page.evaluate(() => typeof window.IamplayComplete === "function"), "the second module");
    await page.addScriptTag({ path: AXE });
    const contrast = (selector) =>
      page.evaluate(async (selector) => {
        const r = await window.axe.run(document.querySelector(selector), { runOnly: ["color-contrast"], resultTypes: ["violations", "passes"] });
        return { bad: r.violations.flatMap((v) => v.nodes.map((n) => n.target.join(" "))), checked: r.passes.flatMap((v) => v.nodes).length };
      }, selector);
    await replaceText(page, "policies", '{"p": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "');
    await page.keyboard.type("s3:Get");
    await page.locator(".cm-tooltip-autocomplete li").nth(3).waitFor();
    const list = await contrast(".cm-tooltip-autocomplete");
    assert.deepEqual(list.bad, [], `completion list: ${list.bad.join(", ")}`);
    assert.ok(list.checked >= 4, `the options were checked (${list.checked})`);
    await page.keyboard.press("Escape");
    // an error's underline, hovered
    await replaceText(page, "policies", '{"p": {"Version": "2012-10-17", "Statement": [{"Effect": "Alow", "Action": "s3:GetObject", "Resource": "*"}]}}');
    await page.locator('[data-testid="editor-policies"] .cm-lintRange-error').first().hover();
    await page.locator(".cm-tooltip-lint").waitFor();
    const lint = await contrast(".cm-tooltip-lint");
    assert.deepEqual(lint.bad, [], `finding: ${lint.bad.join(", ")}`);
    assert.ok(lint.checked >= 1, "the message was checked");
    await context.close();
  });
}
