// Synthetic snapshots for the benchmarks, built from the bundled examples.
import { readFileSync, readdirSync } from "node:fs";
import { seededRandom } from "./lib.mjs";

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

// Paths as a product repository's PRs touch them, by area: mostly product code and tests, some docs,
// now and then infrastructure, auth, a migration, a lock file, a protocol or the CI configuration.
const PATH_POOL = [
  [30, (r) => `api/routes/${r.pick(["users", "orgs", "billing", "search"])}/${r.pick(["handlers", "models", "views"])}.py`],
  [18, (r) => `web/src/${r.pick(["components", "pages", "hooks"])}/${r.pick(["Table", "Header", "Form", "List"])}${r.int(20)}.tsx`],
  [15, (r) => `tests/${r.pick(["api", "unit", "web"])}/test_${r.pick(["users", "orgs", "search"])}_${r.int(30)}.py`],
  [8, (r) => `docs/${r.pick(["guide", "reference", "howto"])}/${r.pick(["install", "usage", "faq"])}.md`],
  [6, (r) => `cli/${r.pick(["cmd", "internal"])}/${r.pick(["root", "login", "run"])}.go`],
  [5, (r) => `sdk/${r.pick(["python", "ts"])}/client${r.int(5)}.${r.pick(["py", "ts"])}`],
  [4, (r) => `ops/${r.pick(["alerts", "dashboards"])}/${r.pick(["api", "web"])}.yaml`],
  [3, (r) => `infra/${r.pick(["staging", "production"])}/${r.pick(["db", "net", "cache"])}.tf`],
  [3, (r) => `api/auth/${r.pick(["session", "tokens", "login"])}.py`],
  [2, (r) => `api/db/migrations/00${10 + r.int(80)}_${r.pick(["add_index", "users", "orgs"])}.py`],
  [2, (r) => r.pick(["pnpm-lock.yaml", "package.json", "README.md", ".github/workflows/ci.yml"])],
  [2, (r) => `runtime/${r.pick(["scheduler", "protocol"])}/${r.pick(["frame", "queue"])}.${r.pick(["go", "proto"])}`],
  [2, (r) => `e2e/${r.pick(["login", "billing"])}.spec.ts`],
];
const POOL_WEIGHT = PATH_POOL.reduce((n, [w]) => n + w, 0);
// Files per PR: about half change one or two files, one in ten more than eight, one in a hundred about forty.
const FILE_COUNTS = [
  [35, 1],
  [20, 2],
  [10, 3],
  [6, 4],
  [20, [5, 8]],
  [7, [9, 20]],
  [1.2, [21, 39]],
  [0.8, [40, 48]],
];

/**
 * `n` pull requests shaped like a product repository's: the example PRs'
 * labels, reviews, checks and deployments, with file lists drawn from
 * realistic paths and sizes (files per PR: median 2, p90 about 8, p99 about 40).
 */
export function realShapedPullRequests(n, seed = 20261201) {
  const r = seededRandom(seed);
  const bases = examplePullRequests().filter((pr) => pr.files_complete && pr.files.length === pr.totals.files);
  return Array.from({ length: n }, (_, i) => {
    const base = bases[r.int(bases.length)];
    const count = r.weighted(FILE_COUNTS);
    const k = Array.isArray(count) ? count[0] + r.int(count[1] - count[0] + 1) : count;
    const paths = new Set();
    while (paths.size < k) paths.add(r.weighted(PATH_POOL.map(([w, make]) => [w / POOL_WEIGHT, make]))(r));
    const files = [...paths].map((path) => ({
      path,
      additions: 1 + r.int(40),
      deletions: r.int(15),
      status: r.next() < 0.85 ? "modified" : "added",
    }));
    const totals = {
      files: files.length,
      additions: files.reduce((s, f) => s + f.additions, 0),
      deletions: files.reduce((s, f) => s + f.deletions, 0),
    };
    return { ...base, number: 5000 + i, files, totals };
  });
}
