#!/usr/bin/env bash
# The authoritative validation entrypoint: install, build, typecheck, lint, format,
# unit + property tests, validate and test the bundled policies. Ends with one
# line "N passed, N failed" and fails when anything failed or no test ran.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
pnpm() { "$root/scripts/pnpm.sh" "$@"; }
reports="$root/.test-reports"
rm -rf "$reports" && mkdir -p "$reports"
failed_steps=()

step() {
  local name=$1; shift
  echo "==> $name"
  if ! "$@"; then
    echo "!! step failed: $name" >&2
    failed_steps+=("$name")
    return 1
  fi
}

if [ "${CI:-}" = "true" ]; then
  step install pnpm install --frozen-lockfile --reporter=append-only || { echo "0 passed, 1 failed"; exit 1; }
else
  step install pnpm install --reporter=silent || { echo "0 passed, 1 failed"; exit 1; }
fi
# The backtest report's browser test needs Debian's Chromium; CI runs as root, so install it when missing.
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> install chromium (browser test of the backtest report)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/dev/null 2>&1 ||
      echo "could not install chromium: the browser test will say it is skipped"
  else
    echo "chromium is missing and cannot be installed here (not root or no apt-get): the browser test will say it is skipped"
  fi
fi
step build pnpm run --silent build || true
step typecheck pnpm run --silent typecheck || true
step lint pnpm run --silent lint || true
step format pnpm exec prettier --check --log-level warn . || true
step "unit and property tests" pnpm exec vitest run --reporter=default --reporter=json \
  --outputFile.json="$reports/vitest.json" || true
cli="$root/packages/cli/dist/shiplane.mjs"
shopt -s nullglob
policies=(policies/*.yaml examples/policies/*.yaml)
policy_files=()
for f in "${policies[@]}"; do case "$f" in *.test.yaml) ;; *) policy_files+=("$f") ;; esac; done
step "validate policies" node "$cli" validate "${policy_files[@]}" || true
step "policy tests" node "$cli" test policies examples/policies --json --output "$reports/policy-tests.json" || true

node "$root/scripts/summarize-tests.mjs" "$reports" "${#failed_steps[@]}"
