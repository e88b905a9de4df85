import { describe, expect, it } from "vitest";
import { evaluatePullRequest } from "../../src/engine/evaluate.js";
import { compilePolicy } from "../../src/engine/compile.js";
import type { TraceNode, Verdict } from "../../src/engine/types.js";
import type { PolicyDocument } from "../../src/policy/types.js";
import type { ChangedFile, PullRequestSnapshot } from "../../src/snapshot/types.js";
import { NOW, POLICY_PATH, apiPr, check, defaultDocument, defaultPolicy, file, safePr } from "../helpers/pr.js";

/*
 * Every place a path is matched sees both ends of a rename, an unknown
 * origin counts as matching every pattern that makes a decision stricter,
 * and case variants match those patterns too (issue #13: renames, case).
 */

interface Case {
  name: string;
  pr: PullRequestSnapshot;
  policy?: (doc: PolicyDocument) => void;
  verdict: Verdict;
  lane?: string;
  reasons?: Record<string, string>;
  evidence?: { code: string; has: Record<string, unknown> };
}

const renamed = (path: string, from: string | undefined, lines = 2): ChangedFile => ({
  path,
  ...(from === undefined ? {} : { previous_path: from }),
  additions: lines,
  deletions: 0,
  status: "renamed",
});

function find(nodes: readonly TraceNode[], code: string): TraceNode | undefined {
  for (const node of nodes) {
    if (node.code === code) return node;
    const inner = node.children ? find(node.children, code) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

function run(c: Case) {
  let policy = defaultPolicy();
  if (c.policy) {
    const doc = defaultDocument();
    c.policy(doc);
    policy = compilePolicy(doc, POLICY_PATH);
  }
  const d = evaluatePullRequest(policy, c.pr, { now: NOW });
  expect(d.verdict).toBe(c.verdict);
  if (c.lane) expect(d.lane.id).toBe(c.lane);
  for (const [code, fragment] of Object.entries(c.reasons ?? {})) {
    const reason = d.reasons.find((r) => r.code === code);
    expect(reason, `${code} in ${d.reasons.map((r) => r.code).join(", ")}`).toBeDefined();
    expect(reason?.message).toContain(fragment);
  }
  if (c.evidence) {
    const node = find([...d.trace, ...d.requirements, ...d.guardrails, ...d.never_automate], c.evidence.code);
    expect(node, c.evidence.code).toBeDefined();
    expect(node?.evidence).toMatchObject(c.evidence.has);
  }
}

describe("renames: both ends of a rename, and an unknown origin, wherever a path is matched", () => {
  it.each<Case>([
    {
      name: "a migration moved to docs is still a migration (gating lane files any)",
      pr: safePr({ files: [renamed("docs/archive/0042.md", "db/migrations/0042_drop_users.sql")] }),
      verdict: "needs-human",
      lane: "human-gated",
      evidence: { code: "condition/files", has: { paths: ["docs/archive/0042.md (renamed from db/migrations/0042_drop_users.sql)"] } },
    },
    {
      name: "a production tfvars renamed away is still production infra (never-automate)",
      pr: apiPr({ files: [...apiPr().files, renamed("config/app.tfvars.example", "config/app.prod.tfvars", 0)] }),
      verdict: "needs-human",
      reasons: { "never-automate/production-infra": "renamed from config/app.prod.tfvars" },
    },
    {
      name: "a workflow moved out of .github/workflows is a forbidden path (guardrail)",
      pr: apiPr({ files: [...apiPr().files, renamed("scripts/ci.yml", ".github/workflows/ci.yml", 0)] }),
      verdict: "blocked",
      evidence: { code: "guardrail/forbidden-paths", has: { files: ["scripts/ci.yml (renamed from .github/workflows/ci.yml)"] } },
    },
    {
      name: "the policy renamed away is a policy change",
      pr: apiPr({ files: [...apiPr().files, renamed("docs/old-policy.yaml", "policies/autonomous-shipping.yaml", 0)] }),
      verdict: "needs-human",
      reasons: { "policy/self-change": "docs/old-policy.yaml" },
    },
    {
      name: "a file moved out of infra/ brings the infra validation lane into scope",
      pr: apiPr({ files: [...apiPr().files, renamed("api/net.tf", "infra/staging/net.tf", 0)] }),
      verdict: "blocked",
      evidence: {
        code: "validation/infra",
        has: { checks: ["infra / tf-validate: missing", "infra / monitor-validate: missing", "infra / drift: missing"] },
      },
    },
    {
      name: "areas only: a file moved from an unlisted area into docs is not only docs",
      pr: safePr({ files: [renamed("docs/notes.md", "ops/alerts.md")] }),
      verdict: "wait",
      lane: "staging-first",
    },
    {
      name: "a rename whose origin is unknown matches every risky pattern, and says so",
      pr: safePr({ files: [renamed("docs/moved.md", undefined)] }),
      verdict: "blocked",
      lane: "human-gated",
      reasons: { "never-automate/production-infra": "origin unknown: counted as matching" },
    },
    {
      name: "a copy whose origin is unknown too",
      pr: safePr({ files: [{ ...renamed("docs/copy.md", undefined), status: "copied" }] }),
      verdict: "blocked",
      lane: "human-gated",
    },
    {
      name: "a size exclusion holds only when both ends are excluded",
      pr: safePr({ files: [renamed("web/pnpm-lock.yaml", "web/src/big.ts", 60)] }),
      verdict: "blocked",
      lane: "staging-first",
      evidence: { code: "condition/size", has: { measured: "m", lines: 60 } },
    },
    {
      name: "a rename inside docs: merges",
      pr: safePr({ files: [renamed("docs/new.md", "docs/old.md")] }),
      verdict: "merge",
      lane: "safe-auto-merge",
    },
  ])("$name", run);
});

describe("path case: patterns that make a decision stricter match other casings", () => {
  it.each<Case>([
    {
      name: "db/Migrations/0042.SQL is a migration",
      pr: apiPr({ files: [...apiPr().files, file("db/Migrations/0042_users.SQL", 2, 0, "added")] }),
      verdict: "needs-human",
      lane: "human-gated",
    },
    {
      name: "Infra/Production/main.tf is production infra (and infra, so its validation lane gates too)",
      pr: apiPr({ files: [...apiPr().files, file("Infra/Production/main.tf", 1, 0)] }),
      verdict: "blocked",
      lane: "human-gated",
      reasons: { "never-automate/production-infra": "Infra/Production/main.tf" },
    },
    {
      name: ".GitHub/Workflows/ci.yml is a forbidden path",
      pr: apiPr({ files: [...apiPr().files, file(".GitHub/Workflows/ci.yml", 1, 0)] }),
      verdict: "blocked",
      reasons: { "guardrail/forbidden-paths": ".GitHub/Workflows/ci.yml" },
    },
    {
      name: "Docs/guide.txt is not in the docs area for the safe lane's only (a looser reading stays exact)",
      pr: safePr({ files: [file("Docs/guide.txt", 4, 1)] }),
      verdict: "wait",
      lane: "staging-first",
    },
    {
      name: "ignore_case: never keeps the migration glob exact",
      pr: apiPr({ files: [...apiPr().files, file("db/Migrations/0042_users.SQL", 2, 0, "added")] }),
      policy: (doc) => {
        doc.paths = { ignore_case: "never" };
      },
      verdict: "merge",
      lane: "staging-first",
    },
    {
      name: "ignore_case: always lets Docs/guide.txt count as docs",
      pr: safePr({ files: [file("Docs/guide.txt", 4, 1)] }),
      policy: (doc) => {
        doc.paths = { ignore_case: "always" };
      },
      verdict: "merge",
      lane: "safe-auto-merge",
    },
  ])("$name", run);
});

describe("text rules read normalised text, all of it", () => {
  const body = (text: string) => apiPr({ body: `${apiPr().body}\n\n${text}` });
  it.each<Case>([
    { name: "DROP TABLE after 65,000 characters", pr: body(`${"Context. ".repeat(7000)}\nDROP TABLE users;`), verdict: "needs-human" },
    { name: "a zero-width space inside DROP", pr: body("Cleanup: DRO\u200bP TABLE legacy;"), verdict: "needs-human" },
    { name: "a zero-width space before the gap", pr: body("Cleanup: DROP\u200b TABLE legacy;"), verdict: "needs-human" },
    { name: "a no-break space for the gap", pr: body("Cleanup: DROP\u00a0TABLE legacy;"), verdict: "needs-human" },
    { name: "full-width letters", pr: body("Cleanup: ＤＲＯＰ TABLE legacy;"), verdict: "needs-human" },
    { name: "a soft hyphen inside TRUNCATE", pr: body("Then trun\u00adcate table sessions."), verdict: "needs-human" },
    {
      name: "a body longer than GitHub allows is read as matching, and says so",
      pr: body("x".repeat(70_000)),
      verdict: "needs-human",
      reasons: { "never-automate/destructive-data-operation": "not scanned: the body has" },
    },
    { name: "an innocent body still merges", pr: body("Dropped a stale comment from the README."), verdict: "merge" },
  ])("$name", run);

  it("the scanned text is the whole body: a match at its very end is found", () => {
    const pr = body(`${"a".repeat(65_000)} drop table x`);
    expect(pr.body.length).toBeLessThanOrEqual(65_536);
    expect(evaluatePullRequest(defaultPolicy(), pr, { now: NOW }).verdict).toBe("needs-human");
  });
});

// A reviewer check that the fixtures above are green otherwise: the API PR merges as written.
it("the API fixture merges as written", () => {
  expect(evaluatePullRequest(defaultPolicy(), apiPr({ checks: [...apiPr().checks, check("api / pytest")] }), { now: NOW }).verdict).toBe(
    "merge",
  );
});
