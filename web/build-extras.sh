#!/bin/sh
# Trunk post-build hook: builds the page's second wasm module (crates/iamplay-extras:
# completions, hover, the policy summary), which the editor bundle loads after the first
# decision is painted, into extras/ of the built site. Same tools as Trunk's own build
# (cargo, wasm-bindgen and wasm-opt from scripts/setup-web); the release build is
# optimised for size like the first module.
set -e
cd "$(dirname "$0")/.."
out="$TRUNK_STAGING_DIR/extras"
if [ "${TRUNK_PROFILE:-debug}" = "release" ]; then profile=wasm-release; else profile=dev; fi
cargo build --locked --profile "$profile" -p iamplay-extras --target wasm32-unknown-unknown
dir=$([ "$profile" = dev ] && echo debug || echo "$profile")
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" "target/wasm32-unknown-unknown/$dir/iamplay_extras.wasm"
if [ "$profile" = wasm-release ]; then
  wasm-opt -Oz "$out/iamplay_extras_bg.wasm" -o "$out/iamplay_extras_bg.wasm"
fi
