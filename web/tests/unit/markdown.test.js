// Exercise instructions and hints are Markdown rendered safely (web/editor/src/markdown.js):
// never raw HTML, never a dangerous link, never an image that loads something.
import { test } from "node:test";
import assert from "node:assert/strict";
import { markdown } from "../../editor/src/markdown.js";

test("Markdown renders", () => {
  const html = markdown("Let **alice** read `reports`.\n\n- one\n- two\n\n[IAM docs](https://docs.aws.amazon.com/IAM/)");
  assert.match(html, /<strong>alice<\/strong>/);
  assert.match(html, /<code>reports<\/code>/);
  assert.match(html, /<li>one<\/li>/);
  assert.match(html, /<a href="https:\/\/docs.aws.amazon.com\/IAM\/">IAM docs<\/a>/);
});

test("raw HTML is shown as text, never as elements", () => {
  const html = markdown('<script>alert(1)</script>\n\nand <img src=x onerror="alert(1)"> inline <b>bold</b>');
  assert.ok(!/<script|<img|<b>/.test(html), html);
  assert.match(html, /&lt;script&gt;/);
  assert.match(html, /&lt;img src=x/);
});

test("dangerous links lose their address and images are never loaded", () => {
  const html = markdown("[a](javascript:alert(1)) [b](data:text/html,x) [c](../guide.html) ![d](https://evil.example/x.png)");
  assert.ok(!html.includes("javascript:") && !html.includes("data:text"), html);
  assert.match(html, /href="..\/guide.html"/);
  assert.ok(!html.includes("<img"), html);
  assert.match(html, /!<a href="https:\/\/evil.example\/x.png">d<\/a>/);
});
