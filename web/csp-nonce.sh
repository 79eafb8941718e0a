#!/bin/sh
# Trunk post-build hook: gives the built page a fresh nonce for the <style> elements
# CodeMirror creates (the Content-Security-Policy meta tag of index.html allows styles
# from the page's origin and those with this nonce; editor.js reads it from the page).
set -e
nonce=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
sed -i "s/IAMPLAY_STYLE_NONCE/$nonce/g" "$TRUNK_STAGING_DIR/index.html"
