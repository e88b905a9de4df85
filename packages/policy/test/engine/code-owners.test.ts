import fc from "fast-check";
import YAML from "yaml";
import { parsePolicy } from "../../src/loader/index.js";
import { describe, expect, it } from "vitest";
import { evaluatePullRequest } from "../../src/engine/evaluate.js";
import { compilePolicy } from "../../src/engine/compile.js";
import { CODE_OWNER_APPROVALS } from "../../src/engine/requirements/code-owners.js";
import type { PullRequestSnapshot, Review } from "../../src/snapshot/types.js";
import type { PolicyDocument } from "../../src/policy/types.js";
import { AGENTS, HEAD, NOW, OLD_HEAD, apiPr, approval, defaultDocument, file } from "../helpers/pr.js";

const CODEOWNERS = "* @acme/maintainers\n/api/auth/ @alice @acme/security\n/api/routes/ @bob\n/docs/ docs@example.com\n/api/vendor/\n";

function policyWith(mode: "files" | "areas") {
  const doc = defaultDocument();
  doc.default_lane.requires.code_owner_approvals = mode;
  for (const lane of doc.lanes) lane.requires.code_owner_approvals = mode;
  return compilePolicy(doc, "code-owners.yaml");
}

const pr = (overrides: Partial<PullRequestSnapshot>): PullRequestSnapshot =>
  apiPr({ code_owners: { source: ".github/CODEOWNERS", text: CODEOWNERS }, ...overrides });

const node = (p: PullRequestSnapshot, mode: "files" | "areas" = "files") =>
  evaluatePullRequest(policyWith(mode), p, { now: NOW }).requirements.find((r) => r.code === CODE_OWNER_APPROVALS);

const teamApproval = (author: string, teams: string[] | undefined): Review => ({
  ...approval(author),
  ...(teams ? { author_teams: teams } : {}),
});

describe("requirement/code-owner-approvals", () => {
  it.each([
    {
      name: "an owner of every changed file approved the head: met",
      files: [file("api/routes/users.py")],
      reviews: [approval(AGENTS.qa), approval("bob")],
      status: "met",
    },
    {
      name: "the owner of one file did not approve: pending, a human is needed",
      files: [file("api/routes/users.py"), file("api/models.py")],
      reviews: [teamApproval("bob", [])],
      status: "pending",
    },
    {
      name: "an approval of an older head does not count",
      files: [file("api/routes/users.py")],
      reviews: [approval("bob", OLD_HEAD)],
      status: "pending",
    },
    {
      name: "the author's own approval does not count, even as an owner",
      files: [file("api/routes/users.py")],
      reviews: [approval("bob")],
      author: "bob",
      status: "pending",
    },
    {
      name: "a team owner counts through the reviewer's known membership",
      files: [file("api/models.py")],
      reviews: [teamApproval("carol", ["acme/maintainers"])],
      status: "met",
    },
    {
      name: "a team owner with unknown membership is unknown, never counted silently",
      files: [file("api/models.py")],
      reviews: [teamApproval("carol", undefined)],
      status: "unknown",
    },
    {
      name: "an email owner cannot be matched to a login: unknown",
      files: [file("docs/guide.md")],
      reviews: [approval("docs")],
      status: "unknown",
    },
    {
      name: "a file nobody owns (a rule without owners) needs no owner",
      files: [file("api/vendor/lib.py")],
      reviews: [],
      status: "met",
    },
    {
      name: "both ends of a rename need their owners",
      files: [{ ...file("api/routes/login.py", 0, 0, "renamed"), previous_path: "api/auth/login.py" }],
      reviews: [teamApproval("bob", [])],
      status: "pending",
    },
    {
      name: "an owner's change request blocks",
      files: [file("api/routes/users.py")],
      reviews: [{ ...approval("bob"), state: "CHANGES_REQUESTED" as const }],
      status: "failed",
    },
  ])("$name", ({ files, reviews, status, author }) => {
    const result = node(
      pr({
        files,
        reviews,
        ...(author ? { author: { login: author } } : {}),
        totals: { files: files.length, additions: 3 * files.length, deletions: files.length },
      }),
    );
    expect(result?.status).toBe(status);
  });

  it("areas: an owner of some file in every touched area", () => {
    const files = [file("api/routes/users.py"), file("api/models.py")];
    const totals = { files: 2, additions: 6, deletions: 2 };
    expect(node(pr({ files, totals, reviews: [teamApproval("bob", [])] }), "areas")?.status).toBe("met");
    expect(node(pr({ files, totals, reviews: [teamApproval("bob", [])] }), "files")?.status).toBe("pending");
  });

  it("without CODEOWNERS in the snapshot it cannot be proven: blocked", () => {
    const decision = evaluatePullRequest(policyWith("files"), apiPr({ reviews: [approval("bob")] }), { now: NOW });
    expect(decision.requirements.find((r) => r.code === CODE_OWNER_APPROVALS)?.status).toBe("unknown");
    expect(decision.verdict).toBe("blocked");
  });

  it("the evidence says what is missing and from whom", () => {
    const result = node(pr({ files: [file("api/auth/session.py")], reviews: [] }));
    expect(result?.evidence).toMatchObject({
      mode: "files",
      source: ".github/CODEOWNERS",
      missing: [{ subject: "api/auth/session.py", owners: ["@alice", "@acme/security"] }],
    });
    expect(result?.message).toContain("from @alice or @acme/security");
  });

  it("requiring code owners never turns a non-merge into a merge (property)", () => {
    const plain = compilePolicy(defaultDocument(), "plain.yaml");
    const paths = fc.constantFrom("api/routes/users.py", "api/models.py", "api/auth/session.py", "docs/guide.md", "api/vendor/x.py");
    const reviewers = fc.constantFrom("bob", "alice", "carol", AGENTS.qa, AGENTS.cli);
    fc.assert(
      fc.property(
        fc.uniqueArray(paths, { minLength: 1, maxLength: 4 }),
        fc.array(reviewers, { maxLength: 3 }),
        fc.boolean(),
        (ps, rs, teams) => {
          const files = ps.map((p) => file(p));
          const reviews = rs.map((r) => teamApproval(r, teams ? ["acme/maintainers"] : undefined));
          const snapshot = pr({ files, reviews, totals: { files: files.length, additions: 3 * files.length, deletions: files.length } });
          const without = evaluatePullRequest(plain, snapshot, { now: NOW });
          const withOwners = evaluatePullRequest(policyWith("files"), snapshot, { now: NOW });
          if (without.verdict !== "merge") expect(withOwners.verdict).not.toBe("merge");
          if (withOwners.verdict === "merge") expect(without.verdict).toBe("merge");
        },
      ),
      { numRuns: 150 },
    );
    expect(HEAD).toMatch(/^c0ffee/);
  });
});

type Doc = PolicyDocument;
const onlyTeams = (d: Doc): void => {
  d.humans = { teams: ["acme/maintainers"] };
};
const ownersInDefaultLane = (d: Doc): void => {
  d.default_lane.requires.code_owner_approvals = "files";
};

describe("validate says when a policy relies on teams (GITHUB-FACTS 12)", () => {
  it.each([
    ["teams are the only human approvers", onlyTeams, ["roster/teams-need-token"]],
    ["a lane needs code owners' approvals", ownersInDefaultLane, ["roster/code-owner-teams"]],
    ["listed logins beside teams: no warning", (): void => undefined, []],
  ] as const)("%s", (_, change, codes) => {
    const doc = defaultDocument();
    change(doc);
    const result = parsePolicy(YAML.stringify(doc), { source: "p.yaml" });
    const warnings = result.ok ? result.warnings : result.problems;
    expect(warnings.map((w) => w.code).filter((c) => c.startsWith("roster/"))).toEqual(codes);
  });
});
