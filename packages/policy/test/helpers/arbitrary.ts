import fc from "fast-check";
import type { ChangedFile, CheckResult, Deployment, LabelRef, PullRequestSnapshot, Review } from "../../src/snapshot/types.js";
import { AGENTS, HEAD, HUMAN, OLD_HEAD, addEvents, apiPr, safePr } from "./pr.js";

const PATHS = [
  "docs/guide.md",
  "README.md",
  "tests/unit/test_a.py",
  "api/routes/users.py",
  "tests/api/test_users.py",
  "web/src/App.tsx",
  "cli/main.go",
  "sdk/client.ts",
  "api/auth/login.py",
  "runtime/scheduler.go",
  "runtime/protocol/frame.proto",
  "infra/staging/net.tf",
  "infra/production/db.tf",
  "api/db/migrations/0001_init.py",
  "api/db/migrations/0002_idx.py",
  "ops/alerts.yaml",
  "policies/autonomous-shipping.yaml",
  ".github/workflows/ci.yml",
  "Makefile",
  "pnpm-lock.yaml",
];
const LABELS = [
  "area:api",
  "area:web",
  "area:auth",
  "area:cli-sdk",
  "area:runtime",
  "area:test",
  "area:infra",
  "area:ops",
  "area:docs",
  "risk:low",
  "risk:medium",
  "risk:high",
  "autonomy:safe",
  "autonomy:blocked",
  "size:xs",
  "size:s",
  "size:m",
  "size:l",
];
const PEOPLE = [AGENTS.orchestrator, AGENTS.qa, AGENTS.cli, AGENTS.steward, HUMAN, "stranger"];
const CHECKS = [
  "scripts/test.sh",
  "api / pytest",
  "api / lint",
  "api / compile",
  "web / api-types",
  "web / lint",
  "web / build",
  "web / playwright-smoke",
  "infra / tf-validate",
];
const TIMES = ["2026-11-23T09:00:00Z", "2026-11-23T10:30:00Z", "2026-11-23T11:50:00Z"];

const fileArb: fc.Arbitrary<ChangedFile> = fc.record({
  path: fc.constantFrom(...PATHS),
  additions: fc.nat({ max: 120 }),
  deletions: fc.nat({ max: 60 }),
  status: fc.constantFrom("added", "modified", "deleted", "renamed"),
});

const labelArb: fc.Arbitrary<LabelRef> = fc
  .record({ name: fc.constantFrom(...LABELS), added_by: fc.option(fc.constantFrom(...PEOPLE), { nil: undefined }) })
  .map((l) => (l.added_by === undefined ? { name: l.name } : { name: l.name, added_by: l.added_by }));

const reviewArb = (author: string): fc.Arbitrary<Review> =>
  fc.record({
    author: fc.constantFrom(...PEOPLE.filter((p) => p !== author)),
    state: fc.constantFrom("APPROVED", "APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED"),
    commit_sha: fc.constantFrom(HEAD, HEAD, OLD_HEAD),
    submitted_at: fc.constantFrom(...TIMES),
  });

const checkArb: fc.Arbitrary<CheckResult> = fc
  .record({
    name: fc.constantFrom(...CHECKS),
    conclusion: fc.constantFrom("success", "success", "success", "failure", null),
    sha: fc.constantFrom(HEAD, HEAD, OLD_HEAD),
    started_at: fc.constantFrom(...TIMES),
  })
  .map((c) => ({
    name: c.name,
    source: "check_run",
    status: c.conclusion === null ? "in_progress" : "completed",
    conclusion: c.conclusion,
    sha: c.sha,
    started_at: c.started_at,
    app: "github-actions",
  }));

const deploymentArb: fc.Arbitrary<Deployment> = fc.record({
  environment: fc.constantFrom("staging", "staging", "production"),
  state: fc.constantFrom("success", "success", "failure", "in_progress"),
  sha: fc.constantFrom(HEAD, OLD_HEAD),
  created_at: fc.constantFrom(...TIMES),
});

/** Pull requests across every lane, verdict and data gap the bundled policy knows. */
export const pullRequestArb: fc.Arbitrary<PullRequestSnapshot> = fc
  .record({
    author: fc.constantFrom(AGENTS.qa, AGENTS.cli, AGENTS.steward, HUMAN, "stranger"),
    files: fc.uniqueArray(fileArb, { selector: (f) => f.path, minLength: 1, maxLength: 9 }),
    labels: fc.uniqueArray(labelArb, { selector: (l) => l.name, maxLength: 6 }),
    checks: fc.array(checkArb, { maxLength: 10 }),
    deployments: fc.option(fc.array(deploymentArb, { maxLength: 3 }), { nil: undefined, freq: 5 }),
    title: fc.constantFrom("docs: tidy", "api: add route", "drop the old table", "fix: typo"),
    body: fc.constantFrom("", "## Verification\n\nRan the whole suite and the smoke test by hand.", "## Verification\n\n"),
    files_complete: fc.boolean(),
    reviews_complete: fc.option(fc.boolean(), { nil: undefined }),
    checks_complete: fc.option(fc.boolean(), { nil: undefined }),
    auto_merge_enabled: fc.option(fc.boolean(), { nil: undefined }),
    seed: fc.nat(),
  })
  .chain((base) => fc.array(reviewArb(base.author), { maxLength: 4 }).map((reviews) => ({ ...base, reviews })))
  .map((r) => {
    const pr: PullRequestSnapshot = {
      kind: "pull_request",
      repository: { owner: "acme", name: "platform", default_branch: "main" },
      number: 1 + (r.seed % 500),
      title: r.title,
      body: r.body,
      author: { login: r.author },
      draft: r.seed % 7 === 0,
      state: "open",
      base_ref: "main",
      head_ref: "feature",
      head_sha: HEAD,
      head_pushed_at: "2026-11-23T10:00:00Z",
      labels: r.labels,
      // A whole history that says what the labels' added_by say (no randomness drawn: the same seed, the same PRs).
      label_events: addEvents(r.labels, "2026-11-23T09:00:00Z"),
      label_events_complete: true,
      files: r.files,
      files_complete: r.files_complete || r.seed % 3 !== 0,
      totals: {
        files: r.files.length,
        additions: r.files.reduce((n, f) => n + f.additions, 0),
        deletions: r.files.reduce((n, f) => n + f.deletions, 0),
      },
      reviews: r.reviews,
      checks: r.checks,
      created_at: "2026-11-23T09:00:00Z",
      updated_at: "2026-11-23T11:00:00Z",
    };
    if (r.deployments !== undefined) pr.deployments = r.deployments;
    if (r.reviews_complete !== undefined) pr.reviews_complete = r.reviews_complete;
    if (r.checks_complete !== undefined) pr.checks_complete = r.checks_complete;
    if (r.auto_merge_enabled !== undefined) pr.auto_merge_enabled = r.auto_merge_enabled;
    return pr;
  });

/** PRs that merge as built (safe docs, staging-ready API work) and small variations of them. */
export const nearMergeArb: fc.Arbitrary<PullRequestSnapshot> = fc
  .record({
    base: fc.constantFrom(safePr(), apiPr()),
    extraLabel: fc.option(fc.constantFrom(...LABELS), { nil: undefined }),
    extraFile: fc.option(fileArb, { nil: undefined }),
  })
  .map(({ base, extraLabel, extraFile }) => {
    const pr: PullRequestSnapshot = structuredClone(base);
    if (extraLabel && !pr.labels.some((l) => l.name === extraLabel)) {
      pr.labels.push({ name: extraLabel, added_by: HUMAN });
      pr.label_events?.push(...addEvents([{ name: extraLabel, added_by: HUMAN }], pr.created_at));
    }
    if (extraFile && !pr.files.some((f) => f.path === extraFile.path)) {
      pr.files.push(extraFile);
      pr.totals = {
        files: pr.files.length,
        additions: pr.totals.additions + extraFile.additions,
        deletions: pr.totals.deletions + extraFile.deletions,
      };
    }
    return pr;
  });

export const anyPullRequestArb = fc.oneof(pullRequestArb, nearMergeArb);
