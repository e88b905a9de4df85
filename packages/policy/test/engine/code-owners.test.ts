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

describe("code owners who are not independent of the change do not count", () => {
  const commit = (authors: string[], committer?: string) => ({
    sha: HEAD,
    authors: authors.map((login) => ({ login })),
    ...(committer ? { committer: { login: committer } } : {}),
  });
  const routes = [file("api/routes/users.py")];
  const totals = { files: 1, additions: 3, deletions: 1 };

  it.each([
    { name: "an independent owner's approval counts", commits: [commit([AGENTS.steward])], reviewer: "bob", status: "met", ignored: [] },
    {
      name: "an owner who authored a commit of the PR",
      commits: [commit(["bob"])],
      reviewer: "bob",
      status: "pending",
      ignored: ["bob: wrote or committed commits of this PR, so the approval is not independent"],
    },
    {
      name: "an owner who committed a commit of the PR (pushed a rebase, applied a suggestion)",
      commits: [commit([AGENTS.steward], "bob")],
      reviewer: "bob",
      status: "pending",
      ignored: ["bob: wrote or committed commits of this PR, so the approval is not independent"],
    },
    {
      name: "an owner who co-authored a commit (a Co-authored-by trailer)",
      commits: [commit([AGENTS.steward, "bob"])],
      reviewer: "bob",
      status: "pending",
      ignored: ["bob: wrote or committed commits of this PR, so the approval is not independent"],
    },
    {
      name: "bob[bot] wrote it: bob is the same identity",
      commits: [commit(["bob[bot]"])],
      reviewer: "bob",
      status: "pending",
      ignored: ["bob: wrote or committed commits of this PR, so the approval is not independent"],
    },
    {
      name: "the author's own approval, as a [bot] login of the author's agent",
      commits: [commit([AGENTS.steward])],
      reviewer: `${AGENTS.steward}[bot]`,
      owners: `/api/routes/ @${AGENTS.steward}\n`,
      status: "pending",
      ignored: [`${AGENTS.steward}[bot]: the author's own approval`],
    },
  ])("$name", ({ commits, reviewer, status, ignored, owners }) => {
    const result = node(
      apiPr({
        files: routes,
        totals,
        head_commits: commits,
        head_commits_complete: true,
        reviews: [approval(AGENTS.cli), approval(reviewer)],
        code_owners: { source: ".github/CODEOWNERS", text: owners ?? CODEOWNERS },
      }),
    );
    expect(result?.status).toBe(status);
    expect(result?.evidence?.ignored).toEqual(ignored);
    if (ignored.length > 0) expect(result?.message).toContain(`not counted: ${ignored[0]}`);
  });

  it("naming a reviewer as a writer of the change never turns a non-merge into a merge (property)", () => {
    const reviewers = fc.constantFrom("bob", "alice", "carol", AGENTS.qa, AGENTS.cli, `${AGENTS.cli}[bot]`);
    fc.assert(
      fc.property(fc.uniqueArray(reviewers, { maxLength: 3 }), fc.array(reviewers, { maxLength: 3 }), (approvers, writers) => {
        const base = {
          files: routes,
          totals,
          reviews: approvers.map((r) => approval(r)),
          code_owners: { source: ".github/CODEOWNERS", text: `/api/ @bob @alice @${AGENTS.qa}\n` },
        };
        const before = evaluatePullRequest(policyWith("files"), apiPr(base), { now: NOW });
        const after = evaluatePullRequest(
          policyWith("files"),
          apiPr({ ...base, head_commits: [commit([AGENTS.steward, ...writers])], head_commits_complete: true }),
          {
            now: NOW,
          },
        );
        if (after.verdict === "merge") expect(before.verdict).toBe("merge");
        const owners = (d: typeof after) => d.requirements.find((r) => r.code === CODE_OWNER_APPROVALS)?.status;
        if (owners(after) === "met") expect(owners(before)).toBe("met");
      }),
      { numRuns: 150 },
    );
  });

  it("a writer's change request still blocks (the stricter reading)", () => {
    const result = node(
      apiPr({
        files: routes,
        totals,
        head_commits: [commit(["bob"])],
        reviews: [{ ...approval("bob"), state: "CHANGES_REQUESTED" }],
        code_owners: { source: ".github/CODEOWNERS", text: CODEOWNERS },
      }),
    );
    expect(result?.status).toBe("failed");
  });
});

describe("review requests to the code owners still needed", () => {
  const requests = (p: PullRequestSnapshot, change: (d: PolicyDocument) => void = () => undefined) => {
    const doc = defaultDocument();
    for (const lane of [...doc.lanes, doc.default_lane]) lane.requires.code_owner_approvals = "files";
    change(doc);
    const decision = evaluatePullRequest(compilePolicy(doc, "owners.yaml"), p, { now: NOW });
    return decision.actions.flatMap((a) => (a.type === "request_review" ? [`${a.reviewer} (${a.reason})`] : []));
  };
  const owned = (text: string, overrides: Partial<PullRequestSnapshot> = {}) =>
    apiPr({
      files: [file("api/routes/users.py")],
      totals: { files: 1, additions: 3, deletions: 1 },
      reviews: [approval(AGENTS.cli)],
      code_owners: { source: ".github/CODEOWNERS", text },
      ...overrides,
    });
  const OWNED = CODE_OWNER_APPROVALS;

  it.each([
    { name: "a user owner is asked", pr: owned("/api/ @bob\n"), expected: [`bob (${OWNED})`] },
    {
      name: "every user owner of what is missing, once each",
      pr: owned("/api/ @bob @alice @Bob\n"),
      expected: [`bob (${OWNED})`, `alice (${OWNED})`],
    },
    {
      name: "a team is asked as org/slug when reviewers' teams are known (the token reads teams); an email owner is not asked",
      pr: owned("/api/ @acme/api owner@example.com\n", { reviews: [{ ...approval(AGENTS.cli), author_teams: [] }] }),
      expected: [`acme/api (${OWNED})`],
    },
    {
      name: "a team is not asked when no reviewer's teams are known (GITHUB_TOKEN cannot resolve a team)",
      pr: owned("/api/ @acme/api\n"),
      expected: [],
    },
    {
      name: "not a team already requested (GitHub asks code-owner teams itself)",
      pr: owned("/api/ @acme/api\n", { requested_reviewers: ["Acme/API"], reviews: [{ ...approval(AGENTS.cli), author_teams: [] }] }),
      expected: [],
    },
    { name: "never the author", pr: owned(`/api/ @${AGENTS.steward} @bob\n`), expected: [`bob (${OWNED})`] },
    { name: "never a login of the author's agent", pr: owned(`/api/ @${AGENTS.steward}[bot]\n`), expected: [] },
    {
      name: "never a writer of the change",
      pr: owned("/api/ @bob @alice\n", { head_commits: [{ sha: HEAD, authors: [{ login: "bob" }] }], head_commits_complete: true }),
      expected: [`alice (${OWNED})`],
    },
    { name: "not when already requested", pr: owned("/api/ @bob\n", { requested_reviewers: ["Bob"] }), expected: [] },
    { name: "not on a draft", pr: owned("/api/ @bob\n", { draft: true }), expected: [] },
    { name: "not when an owner approved", pr: owned("/api/ @bob\n", { reviews: [approval(AGENTS.cli), approval("bob")] }), expected: [] },
    { name: "not without CODEOWNERS", pr: apiPr({ reviews: [approval(AGENTS.cli)] }), expected: [] },
  ])("$name", ({ pr: p, expected }) => {
    expect(requests(p)).toEqual(expected);
  });

  it("an owner who is also the agent reviewer asked for is asked once", () => {
    const p = owned(`/api/ @${AGENTS.qa}[bot]\n`, { reviews: [] });
    const asked = requests(p).filter((r) => r.startsWith(AGENTS.qa));
    expect(asked).toHaveLength(1);
  });

  it("property: a team is asked only when some reviewer's teams are known, and then unless already requested", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ known: fc.boolean(), teams: fc.subarray(["acme/api", "acme/web"]) }), { maxLength: 4 }),
        fc.boolean(),
        (reviews, alreadyRequested) => {
          const p = owned("/api/ @acme/api @acme/web\n", {
            reviews: reviews.map((r, i) => ({ ...approval(`reviewer-${i}`), ...(r.known ? { author_teams: r.teams } : {}) })),
            ...(alreadyRequested ? { requested_reviewers: ["acme/api"] } : {}),
          });
          const known = reviews.some((r) => r.known);
          const approvedByTeam = reviews.some((r) => r.known && r.teams.length > 0);
          const asked = requests(p).filter((r) => r.startsWith("acme/"));
          if (!known || approvedByTeam) expect(asked).toEqual([]);
          else expect(asked).toEqual([...(alreadyRequested ? [] : [`acme/api (${OWNED})`]), `acme/web (${OWNED})`]);
        },
      ),
    );
  });

  it("not when the policy does not request reviews", () => {
    expect(
      requests(owned("/api/ @bob\n"), (d) => {
        if (d.control_loop) d.control_loop.review.request_reviews = false;
      }),
    ).toEqual([]);
  });

  it("the evidence says whom it asks and why others are not asked", () => {
    const result = node(
      owned(`/api/ @bob @acme/api owner@example.com @${AGENTS.steward}\n`, {
        head_commits: [{ sha: HEAD, authors: [{ login: "bob" }] }],
        head_commits_complete: true,
      }),
    );
    expect(result?.evidence).toMatchObject({
      request: [],
      not_requested: [
        "@bob: wrote or committed commits of this PR, so its approval would not count",
        "@acme/api: a team; no reviewer's teams are known, so the token may not read the organization's teams to ask it (GitHub itself asks code-owner teams)",
        "owner@example.com: an email address, not a login to ask",
        `@${AGENTS.steward}: the PR's author`,
      ],
    });
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
