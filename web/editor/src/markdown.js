// Markdown of exercise instructions and hints, rendered safely by micromark: a bundle of
// its own (dist/markdown.js, window.IamplayMarkdown), loaded when exercise mode opens
// (CommonMark, maintained, safe by default): raw HTML is shown as text, links with a
// dangerous protocol (javascript:, data:, ...) lose their address, and images are not a
// construct at all, so `![alt](url)` is a "!" and a link and nothing is ever loaded.
import { micromark } from "micromark";

const noImages = { disable: { null: ["labelStartImage"] } };

export function markdown(text) {
  return micromark(String(text), { extensions: [noImages] });
}

globalThis.IamplayMarkdown = { markdown };
