// A static file server for the built book: `node scripts/static-server.mjs DIR PORT`
// serves DIR on 127.0.0.1:PORT (scripts/serve runs it beside the playground). Only files
// under DIR are served; a folder's address serves its index.html.
import { createServer } from "node:http";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const [dir = ".", port = "8081"] = process.argv.slice(2);
const root = path.resolve(dir);
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".png": "image/png", ".svg": "image/svg+xml", ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf" };

createServer((req, res) => {
  let file;
  try {
    file = path.join(root, decodeURIComponent(new URL(req.url, "http://localhost").pathname));
  } catch {
    res.writeHead(400).end("bad address");
    return;
  }
  if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, "index.html");
  if (!file.startsWith(root + path.sep) || !existsSync(file)) {
    res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
    return;
  }
  res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream", "X-Content-Type-Options": "nosniff" });
  res.end(readFileSync(file));
}).listen(Number(port), "127.0.0.1", () => console.log(`the book on http://127.0.0.1:${port}/`));
