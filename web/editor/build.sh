#!/bin/sh
# Bundles CodeMirror 6 (web/editor/src/editor.js) into web/editor/dist/editor.js, and
# micromark (src/markdown.js) into dist/markdown.js, with
# esbuild, offline: the npm packages come from web/editor/node_modules (npm ci).
set -e
cd "$(dirname "$0")"
if [ ! -x node_modules/.bin/esbuild ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
# the editors (every page), and the Markdown renderer (exercise mode loads it when it opens)
for bundle in editor markdown; do
  if [ ! -f "dist/$bundle.js" ] || [ -n "$(find src package-lock.json -newer "dist/$bundle.js" 2>/dev/null | head -n 1)" ]; then
    node_modules/.bin/esbuild "src/$bundle.js" --bundle --minify --format=iife --target=es2020 --log-level=warning --outfile="dist/$bundle.js"
  fi
done
# the AWS managed policies the playground fetches when a scenario names one by ARN
node ../data/split-aws-data.mjs
