import { startServer, startBrowser, openIn, replaceText, waitForDecision, waitFor } from "./e2e/harness.js";
import { readFileSync } from "node:fs";
const server = await startServer(); const browser = await startBrowser();
for (const [w, h, scheme] of [[1600, 1000, "light"], [1600, 1000, "dark"], [420, 900, "light"], [420, 900, "dark"]]) {
  const context = await browser.newContext({ viewport: { width: w, height: h }, colorScheme: scheme });
  const { page } = await openIn(context, server.url);
  await waitForDecision(page, "Allow");
  await waitFor(() => page.evaluate(() => typeof window.IamplayPaths === "function"), "extras");
  await page.locator('[data-testid="paths"] summary').click();
  await page.locator(".paste-error-panel summary").click();
  await page.locator('[data-testid="paste-error"]').fill("User: arn:aws:iam::111122223333:user/alice is not authorized to perform: ec2:StopInstances on resource: * because no identity-based policy allows the ec2:StopInstances action");
  await page.waitForTimeout(400);
  await page.locator('[data-testid="paths"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `/tmp/shot-${w}-${scheme}.png`, fullPage: false });
  // hover over an action in the policies editor
  const editor = page.locator('[data-testid="editor-policies"]');
  await editor.scrollIntoViewIfNeeded();
  const box = await editor.evaluate((el) => { const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT); for (let n = w.nextNode(); n; n = w.nextNode()) { const i = n.data.indexOf("ec2:"); if (i >= 0) { const r = document.createRange(); r.setStart(n, i + 1); r.setEnd(n, i + 3); const b = r.getBoundingClientRect(); return { x: b.x + b.width / 2, y: b.y + b.height / 2 }; } } return null; });
  if (box) { await page.mouse.move(box.x, box.y); await page.locator('[data-testid="hover"]').waitFor({ timeout: 5000 }).catch(() => {}); await page.waitForTimeout(500); }
  await page.screenshot({ path: `/tmp/hover-${w}-${scheme}.png` });
  await context.close();
}
await browser.close(); server.stop();
