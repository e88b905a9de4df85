// Synthetic snapshots for the benchmarks, built from the bundled examples.
import { readFileSync } from "node:fs";

const root = new URL("../", import.meta.url);
export const readExample = (name) => JSON.parse(readFileSync(new URL(`examples/snapshots/${name}.json`, root), "utf8"));
export const policyText = () => readFileSync(new URL("policies/autonomous-shipping.yaml", root), "utf8");
export const NOW = "2026-11-23T12:00:00Z";

/** A staging-first API PR with `n` changed files spread over API modules. */
export function apiPrWithFiles(n) {
  const base = readExample("pr-staging-api-merge");
  const files = Array.from({ length: n }, (_, i) => ({ path: `api/routes/mod${i % 97}/file${i}.py`, additions: 3, deletions: 1, status: "modified" }));
  return { ...base, files, totals: { files: n, additions: 3 * n, deletions: n } };
}
