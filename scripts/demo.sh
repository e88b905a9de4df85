#!/usr/bin/env bash
# A tour of Shiplane on a fresh machine, no token needed: install, build, then
# a dry run of the bundled policy over the bundled example pull requests.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
pnpm() { "$root/scripts/pnpm.sh" "$@"; }

echo "==> installing dependencies" >&2
pnpm install --reporter=silent >&2
echo "==> building" >&2
pnpm run --silent build >&2

cli() { node packages/cli/dist/shiplane.mjs "$@"; }
now=2026-11-23T12:00:00Z

echo "==> shiplane validate (the bundled policy)" >&2
cli validate policies/autonomous-shipping.yaml
echo >&2
echo "==> shiplane dry-run --snapshot examples/snapshots --now $now" >&2
cli dry-run --snapshot examples/snapshots --now "$now"
echo >&2
echo "==> shiplane explain: why is this PR waiting, and what would change it?" >&2
cli explain --snapshot examples/snapshots/pr-safe-awaiting-review.json --now "$now"
echo >&2
echo "==> next: 'shiplane test policies' runs the policy's own tests; 'bash scripts/test.sh' runs everything" >&2
