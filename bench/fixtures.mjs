// Synthetic snapshots for the benchmarks, built from the bundled examples.
import { readFileSync, readdirSync } from "node:fs";

const root = new URL("../", import.meta.url);
export const readExample = (name) => JSON.parse(readFileSync(new URL(`examples/snapshots/${name}.json`, root), "utf8"));
export const policyText = () => readFileSync(new URL("policies/autonomous-shipping.yaml", root), "utf8");
export const NOW = "2026-11-23T12:00:00Z";

/** Every example pull request snapshot, in file-name order. */
export const examplePullRequests = () =>
  readdirSync(new URL("examples/snapshots/", root))
    .filter((f) => f.startsWith("pr-") && f.endsWith(".json"))
    .sort()
    .map((f) => readExample(f.slice(0, -".json".length)));

/** A staging-first API PR with `n` changed files spread over API modules. */
export function apiPrWithFiles(n) {
  const base = readExample("pr-staging-api-merge");
  const files = Array.from({ length: n }, (_, i) => ({
    path: `api/routes/mod${i % 97}/file${i}.py`,
    additions: 3,
    deletions: 1,
    status: "modified",
  }));
  return { ...base, files, totals: { files: n, additions: 3 * n, deletions: n } };
}

const AREAS = ["api", "web", "auth", "cli-sdk", "runtime", "test", "infra", "ops", "docs"];
const PR_EXAMPLES = [
  "pr-safe-docs-merge",
  "pr-staging-api-merge",
  "pr-human-gated-auth",
  "pr-blocked-max-files",
  "pr-staging-awaiting-deploy",
];

/** A repository with `issues` open issues (a mix of ready, claimed and stale) and `prs` open PRs. */
export function busyRepository(issues, prs) {
  const base = JSON.parse(readFileSync(new URL("examples/snapshots/repository/dispatch.json", root), "utf8"));
  const examples = PR_EXAMPLES.map(readExample);
  const pullRequests = Array.from({ length: prs }, (_, i) => ({ ...examples[i % examples.length], number: 1000 + i }));
  const openIssues = Array.from({ length: issues }, (_, i) => {
    const area = `area:${AREAS[i % AREAS.length]}`;
    const claimed = i % 5 === 0;
    const at = `2026-11-2${1 + (i % 3)}T0${i % 10}:00:00Z`;
    const labels = [{ name: "autonomy:ready" }, { name: area }, ...(claimed ? [{ name: "autonomy:claimed" }] : [])];
    return {
      kind: "issue",
      number: 1 + i,
      title: `Task ${i}: improve ${area}`,
      state: "open",
      labels,
      label_events: labels.map((l) => ({ label: l.name, action: "added", actor: "octo-maintainer", at })),
      label_events_complete: true,
      assignees: claimed ? ["qa-reliability-engineer"] : [],
      linked_pull_requests: i % 10 === 0 ? [{ number: 1000 + (i % prs), state: "open" }] : [],
      created_at: at,
      updated_at: "2026-11-23T11:00:00Z",
    };
  });
  return { ...base, pull_requests: pullRequests, issues: openIssues };
}
