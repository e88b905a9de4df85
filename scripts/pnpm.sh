#!/usr/bin/env bash
# Runs the pnpm version pinned in package.json's packageManager, installing it
# with npm into .tools/ on first use (corepack is not available everywhere).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=$(node -p "require('$root/package.json').packageManager.replace(/^pnpm@/, '')")
prefix="$root/.tools/pnpm-$version"
bin="$prefix/node_modules/.bin/pnpm"
if [ ! -x "$bin" ]; then
  echo "shiplane: installing pnpm@$version into .tools/ (one time)" >&2
  npm install --silent --no-audit --no-fund --no-save --prefix "$prefix" "pnpm@$version" >&2 2>/dev/null \
    || npm install --no-audit --no-fund --no-save --prefix "$prefix" "pnpm@$version" >&2
fi
exec "$bin" "$@"
