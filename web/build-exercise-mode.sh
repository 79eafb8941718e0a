#!/bin/sh
# Trunk post-build hook: builds exercise mode (crates/iamplay-web with the `exercises`
# feature: the playground plus the grader, the task panel and packs) into exercise-mode/
# of the built site. web/boot.js loads it instead of Trunk's build for the addresses of
# exercise mode (?exercise=ID, ?exercises, ?pack=URL), so the playground's first visit
# carries none of it. Same tools and optimisation as Trunk's own build.
set -e
cd "$(dirname "$0")/.."
out="$TRUNK_STAGING_DIR/exercise-mode"
if [ "${TRUNK_PROFILE:-debug}" = "release" ]; then profile=wasm-release; else profile=dev; fi
cargo build --locked --profile "$profile" -p iamplay-web --features exercises --target wasm32-unknown-unknown
dir=$([ "$profile" = dev ] && echo debug || echo "$profile")
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" "target/wasm32-unknown-unknown/$dir/iamplay-web.wasm"
if [ "$profile" = wasm-release ]; then
  wasm-opt -Oz "$out/iamplay-web_bg.wasm" -o "$out/iamplay-web_bg.wasm"
fi
