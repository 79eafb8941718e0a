#!/bin/sh
# Bundles CodeMirror 6 (web/editor/src/editor.js) into web/editor/dist/editor.js with
# esbuild, offline: the npm packages come from web/editor/node_modules (npm ci).
set -e
cd "$(dirname "$0")"
if [ ! -x node_modules/.bin/esbuild ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
if [ ! -f dist/editor.js ] || [ -n "$(find src package-lock.json -newer dist/editor.js 2>/dev/null | head -n 1)" ]; then
  node_modules/.bin/esbuild src/editor.js --bundle --minify --format=iife --target=es2020 --log-level=warning --outfile=dist/editor.js
fi
# the AWS managed policies the playground fetches when a scenario names one by ARN
node ../data/split-aws-data.mjs
