// A soak test: thousands of random edits as a person makes them (clicks and typed
// characters, deletions, pastes of random and mutated scenario text, share links of
// mutated texts) across the three editors. After each edit no page error, the page is
// not blank, and every editor holds what a model of the same edits predicts; at the end
// a reload finds the same texts in the autosave.
//
// SOAK_EDITS (default 2000) and SOAK_SEED (default 20261201) choose the run;
// scripts/soak runs longer ones with fresh seeds.
import { test } from "node:test";
import assert from "node:assert/strict";
import { deflateRawSync } from "node:zlib";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { openPage, paste, waitFor, root, useServerAndBrowser } from "./harness.js";

const EDITS = Number(process.env.SOAK_EDITS || 2000);
const SEED = Number(process.env.SOAK_SEED || 20261201);
const EDITORS = ["policies", "principals", "request"];

const env = useServerAndBrowser();

/// mulberry32: a small seeded generator, so a failing run can be repeated.
function generator(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (list) => list[int(list.length)];
  return { next, int, pick };
}

// What a person types: no closing bracket or quote (CodeMirror re-indents a line on a
// typed } or ], and steps over auto-inserted closers it remembers), openers modelled below.
const TYPED = [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 :,.*-/_$?@{[é中😀"];
const PASTED = [..."abcdefghijklmnopqrstuvwxyz0123456789 \n\t\"{}[]:,.*-/_$?@\\é中😀"];
const PAIRS = { "[": "]", "{": "}", '"': '"' }; // the JSON language's closeBrackets
const CLOSE_BEFORE = ")]}:;>";

const isHigh = (c) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c) => c >= 0xdc00 && c <= 0xdfff;

/// The document and cursor after typing `ch` with the selection [from, to] (CodeMirror's
/// closeBrackets: an opener before the end, a space or a closer gets its closer too).
function typed(doc, from, to, ch) {
  if (PAIRS[ch] && ch !== '"' && from === to) {
    const next = doc[from];
    if (next === undefined || /\s/.test(next) || CLOSE_BEFORE.includes(next)) {
      return [doc.slice(0, from) + ch + PAIRS[ch] + doc.slice(to), from + ch.length];
    }
  }
  return [doc.slice(0, from) + ch + doc.slice(to), from + ch.length];
}

/// The document and cursor after Backspace (closeBrackets' pair deletion, then
/// CodeMirror's deleteCharBackward: a whole indent unit in leading spaces, a surrogate
/// pair at once).
function backspaced(doc, from, to) {
  if (from !== to) return [doc.slice(0, from) + doc.slice(to), from];
  if (from === 0) return [doc, 0];
  const before = doc[from - 1];
  if (PAIRS[before] && doc[from] === PAIRS[before]) return [doc.slice(0, from - 1) + doc.slice(from + 1), from - 1];
  const lineStart = doc.lastIndexOf("\n", from - 1) + 1;
  const lead = doc.slice(lineStart, from);
  let target;
  if (from > lineStart && from < lineStart + 200 && !/[^ \t]/.test(lead)) {
    if (lead.endsWith("\t")) target = from - 1;
    else {
      let col = 0;
      for (const c of lead) col = c === "\t" ? col + 4 - (col % 4) : col + 1;
      const drop = col % 2 || 2;
      target = from;
      for (let i = 0; i < drop && lead[lead.length - 1 - i] === " "; i++) target--;
    }
  } else {
    target = from - 1;
    if (isLow(doc.charCodeAt(from - 1)) && from >= 2 && isHigh(doc.charCodeAt(from - 2))) target = from - 2;
  }
  return [doc.slice(0, target) + doc.slice(from), target];
}

/// The document after Delete (one character forward, a surrogate pair at once).
function deleted(doc, from, to) {
  if (from !== to) return doc.slice(0, from) + doc.slice(to);
  if (from >= doc.length) return doc;
  const n = isHigh(doc.charCodeAt(from)) && isLow(doc.charCodeAt(from + 1)) ? 2 : 1;
  return doc.slice(0, from) + doc.slice(from + n);
}

/// Pieces of real scenarios to paste and to mutate.
const SAMPLES = readdirSync(path.join(root, "examples"))
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(path.join(root, "examples", f), "utf8")))
  .flatMap((sc) => [
    JSON.stringify(sc.policies, null, 2),
    JSON.stringify(sc.principals, null, 2),
    JSON.stringify(Array.isArray(sc.requests) ? sc.requests[0] : sc.requests, null, 2),
  ]);

function mutate(rng, text) {
  let t = text;
  for (let i = 0, n = 1 + rng.int(4); i < n; i++) {
    const at = rng.int(t.length + 1);
    const kind = rng.int(5);
    if (kind === 0) t = t.slice(0, at) + rng.pick(PASTED) + t.slice(at);
    else if (kind === 1) t = t.slice(0, at) + t.slice(at + 1 + rng.int(8));
    else if (kind === 2) t = t.slice(0, at) + t.slice(rng.int(t.length), rng.int(t.length) + 20) + t.slice(at);
    else if (kind === 3) t = t.slice(0, at);
    else t = t.slice(0, at) + rng.pick(['"*"', "null", "[]", "{}", '"Deny"', "1e999", '"${aws:username}"']) + t.slice(at);
  }
  // no lone surrogate: a cut through 😀 leaves half of it, which no person can type
  return t.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "");
}

function randomText(rng) {
  return Array.from({ length: 3 + rng.int(40) }, () => rng.pick(PASTED)).join("");
}

function shareLink(texts) {
  const json = JSON.stringify({ v: 1, policies: texts.policies, principals: texts.principals, request: texts.request });
  return "s=v1." + deflateRawSync(Buffer.from(json), { level: 9 }).toString("base64url");
}

async function texts(page) {
  return page.evaluate((names) => {
    const out = {};
    for (const n of names) out[n] = window.IamplayEditor.textOf(document.querySelector(`[data-testid="editor-${n}"]`));
    return out;
  }, EDITORS);
}

/// Clicks a random visible point of an editor's text (the mouse first leaves whatever
/// tooltip it rests on, and a click that did not reach the text is tried again); the
/// selection CodeMirror made.
async function clickInto(page, rng, editor) {
  const el = page.locator(`[data-testid="editor-${editor}"]`);
  for (let attempt = 0; attempt < 5; attempt++) {
    const box = (attempt === 0 && boxes[editor]) || (boxes[editor] = await el.evaluate((el) => {
      const b = el.closest(".cm-scroller").getBoundingClientRect();
      const right = Math.min(b.right, innerWidth), bottom = Math.min(b.bottom, innerHeight);
      return { left: b.left + 40, top: b.top, width: right - b.left - 40, height: bottom - b.top };
    }));
    await page.mouse.move(0, 0);
    await page.mouse.click(box.left + 2 + rng.next() * Math.max(1, box.width - 4), box.top + 2 + rng.next() * Math.max(1, box.height - 4));
    const selection = await el.evaluate((el) => document.activeElement === el && window.IamplayEditor.selectionOf(el));
    if (selection) return selection;
  }
  throw new Error(`five clicks into the ${editor} editor did not reach its text`);
}
const boxes = {};

test(`soak: ${EDITS} random edits (seed ${SEED}) leave every editor as the model predicts`, { timeout: 10 * 60 * 1000 }, async () => {
  const rng = generator(SEED);
  const { page, context } = await openPage(env.browser, env.server.url, { width: 1600, height: 1000 });
  await page.waitForSelector('[data-testid="decision"]');
  const model = await texts(page);
  const log = [];
  const counts = {};
  const times = {};
  let cursor = null; // where the focused editor's cursor is, when the model knows
  for (let i = 0; i < EDITS; i++) {
    const started = Date.now();
    const editor = rng.pick(EDITORS);
    const roll = rng.next();
    const big = model[editor].length > 20000;
    let kind;
    if (big || roll < 0.04) {
      kind = "replace";
      await clickInto(page, rng, editor);
      const text = mutate(rng, rng.pick(SAMPLES));
      await page.keyboard.press("Control+A");
      await paste(page, editor, text);
      model[editor] = text;
      cursor = { editor, at: text.length };
    } else if (roll < 0.07) {
      kind = "share link";
      const next = { ...model };
      for (const e of EDITORS) if (rng.next() < 0.6) next[e] = mutate(rng, rng.pick(SAMPLES));
      let link = shareLink(next);
      const broken = rng.next() < 0.2;
      if (broken) link = link.slice(0, 6 + rng.int(link.length - 6)) + "~";
      await page.evaluate((h) => (location.hash = h), link);
      cursor = null;
      if (broken) await waitFor(async () => /cannot be read/.test(await page.locator("body").textContent()), `the link's problem (edit ${i})`);
      else {
        Object.assign(model, next);
        await waitFor(async () => JSON.stringify(await texts(page)) === JSON.stringify(model), `the link's texts (edit ${i})`);
      }
    } else {
      // often a person goes on where the cursor is; otherwise clicks somewhere
      const goOn = cursor && cursor.editor === editor && rng.next() < 0.6;
      const { from, to } = goOn ? { from: cursor.at, to: cursor.at } : await clickInto(page, rng, editor);
      const doc = model[editor];
      if (roll < 0.55) {
        kind = "type";
        let d = doc, at = from, end = to;
        for (let k = 0, n = 1 + rng.int(3); k < n; k++) {
          const ch = rng.pick(TYPED);
          await page.keyboard.type(ch);
          [d, at] = typed(d, at, end, ch);
          end = at;
        }
        model[editor] = d;
        cursor = { editor, at };
      } else if (roll < 0.75) {
        kind = "backspace";
        let d = doc, at = from, end = to;
        for (let k = 0, n = 1 + rng.int(2); k < n; k++) {
          await page.keyboard.press("Backspace");
          [d, at] = backspaced(d, at, end);
          end = at;
        }
        model[editor] = d;
        cursor = { editor, at };
      } else if (roll < 0.85) {
        kind = "delete";
        await page.keyboard.press("Delete");
        model[editor] = deleted(doc, from, to);
        cursor = { editor, at: from };
      } else {
        kind = "paste";
        const text = rng.next() < 0.5 ? randomText(rng) : mutate(rng, rng.pick(SAMPLES)).slice(0, 400);
        await paste(page, editor, text);
        model[editor] = doc.slice(0, from) + text + doc.slice(to);
        cursor = { editor, at: from + text.length };
      }
    }
    counts[kind] = (counts[kind] ?? 0) + 1;
    times[kind] = (times[kind] ?? 0) + (Date.now() - started);
    log.push(`${i} ${kind} ${editor}`);
    const now = await texts(page);
    for (const e of EDITORS) {
      if (now[e] === model[e]) continue;
      let k = 0;
      while (now[e][k] === model[e][k]) k++;
      const around = (t) => JSON.stringify(t.slice(Math.max(0, k - 20), k + 20));
      assert.fail(`edit ${i} (${kind} in ${editor}) left ${e} unlike the model from offset ${k}: ${around(now[e])}, the model ${around(model[e])}; the last edits:\n${log.slice(-5).join("\n")}`);
    }
    assert.deepEqual(page.errors, [], `no page error after edit ${i}`);
    if (i % 100 === 0) {
      assert.ok(await page.locator('[data-testid="decision"]').isVisible(), `the result is shown after edit ${i}`);
    }
  }
  const perEdit = Object.fromEntries(Object.keys(counts).map((k) => [k, `${counts[k]} x ${Math.round(times[k] / counts[k])} ms`]));
  console.log(`soak: ${EDITS} edits, seed ${SEED}: ${JSON.stringify(perEdit)}`);

  // one last typed edit, so the texts on screen are the work the autosave holds
  const last = await clickInto(page, rng, "request");
  await page.keyboard.type("z");
  model.request = typed(model.request, last.from, last.to, "z")[0];
  await page.waitForTimeout(1000);
  await page.goto(env.server.url);
  await page.waitForSelector('[data-testid="decision"]');
  assert.deepEqual(await texts(page), model, "after a reload the autosave holds the same texts");
  assert.deepEqual(page.errors, []);
  await context.close();
});
