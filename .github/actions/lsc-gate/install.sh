#!/usr/bin/env bash
# Installs lsc into the current project as a dev dependency-to-be (no package.json change), and a
# Chromium for the browser cases unless one is already there. The gate action runs this; so does
# lsc's own self-test, with the same environment.
#   LSC_GATE_PACKAGE  what to install: a version spec, a tarball, or a checkout of lsc (packed first)
set -euo pipefail
package="${LSC_GATE_PACKAGE:?LSC_GATE_PACKAGE names what to install}"
if [ -d "$package" ]; then
  # A checkout: installed as a packed tarball, exactly what a release would ship.
  scratch="$(mktemp -d)"
  trap 'rm -rf "$scratch"' EXIT
  tarball="$(cd "$package" && npm pack --silent --pack-destination "$scratch" | tail -n 1)"
  package="$scratch/$tarball"
fi
[ -f package.json ] || npm init -y >/dev/null
npm install --no-save --no-audit --no-fund --loglevel=error "$package"
if [ -z "${LSC_CHROMIUM:-}" ] && ! command -v chromium >/dev/null && ! command -v google-chrome >/dev/null; then
  npx playwright install --with-deps chromium
fi
npx lsc --help | head -n 1
