#!/bin/sh
# Bundles the editors into web/editor/dist/editor/: editor.js (ES module, a few KB: the
# plain text areas of the first visit), codemirror.js (CodeMirror 6, which editor.js loads
# once the first decision is painted), extras.js (which codemirror.js loads next) and the
# chunks they share; and micromark (src/markdown.js) into dist/markdown.js, with
# esbuild, offline: the npm packages come from web/editor/node_modules (npm ci).
set -e
cd "$(dirname "$0")"
if [ ! -x node_modules/.bin/esbuild ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
newer() { [ ! -f "$1" ] || [ -n "$(find src package-lock.json build.sh -newer "$1" 2>/dev/null | head -n 1)" ]; }
# the editors (every page): chunk names carry a hash of their content, so a browser never
# mixes chunks of two builds; the folder is made afresh so no old chunk is deployed
if newer dist/editor/editor.js; then
  rm -rf dist/editor
  node_modules/.bin/esbuild src/editor.js src/codemirror.js src/extras.js --bundle --minify --splitting --format=esm --target=es2020 \
    --entry-names='[name]' --chunk-names='shared-[hash]' --log-level=warning --outdir=dist/editor
fi
# the Markdown renderer (exercise mode loads it when it opens)
if newer dist/markdown.js; then
  node_modules/.bin/esbuild src/markdown.js --bundle --minify --format=iife --target=es2020 --log-level=warning --outfile=dist/markdown.js
fi
# the AWS managed policies the playground fetches when a scenario names one by ARN
node ../data/split-aws-data.mjs
