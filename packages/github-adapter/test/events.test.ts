import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { subjectsForEvent, type EventRouting } from "@shiplane/github-adapter";

interface Definition {
  name: string;
  examples: unknown[];
}
const definitions = createRequire(import.meta.url)("@octokit/webhooks-examples") as Definition[];
const examplesOf = (name: string): unknown[] => definitions.find((d) => d.name === name)?.examples ?? [];

/** A routing in one word: `pr:2`, `issue:1`, `sha:ec26c3e` (a lookup), `skip:event/closed` or `invalid:/pointer`. */
function brief(routing: EventRouting): string {
  if ("skip" in routing) return `skip:${routing.code}`;
  if ("invalid" in routing) return `invalid:${routing.pointer}`;
  return [
    ...routing.subjects.map((s) => `${s.kind === "pull_request" ? "pr" : "issue"}:${s.number}`),
    ...routing.shas.map((sha) => `sha:${sha.slice(0, 7)}`),
    ...(routing.merge_groups ?? []).map((g) => `group:${g.sha.slice(0, 7)}${g.pull_request ? `:pr-${g.pull_request}` : ""}`),
  ].join(" ");
}

const PR = "pr:2";
const CLOSED = "skip:event/closed";
const NO_EFFECT = "skip:event/no-effect";

/**
 * Every example of @octokit/webhooks-examples for the events shiplane acts
 * on, in the package's order, with what it must map to. A new example in the
 * package fails the length check until someone says what it means.
 */
const EXPECTED: Record<string, string[]> = {
  pull_request: [
    PR, // opened
    NO_EFFECT,
    NO_EFFECT, // assigned
    CLOSED,
    CLOSED, // closed without merging
    PR,
    PR,
    PR, // converted_to_draft
    PR,
    PR, // labeled
    NO_EFFECT,
    NO_EFFECT, // locked
    PR,
    PR,
    PR, // opened
    PR,
    PR,
    PR, // ready_for_review
    PR,
    PR, // reopened
    NO_EFFECT,
    NO_EFFECT, // review_request_removed, review_requested
    PR, // synchronize
    NO_EFFECT,
    NO_EFFECT, // unassigned
    PR,
    PR, // unlabeled
    NO_EFFECT,
    NO_EFFECT, // unlocked
  ],
  pull_request_review: [PR, PR, PR, PR], // submitted, dismissed, submitted, submitted
  pull_request_review_comment: Array<string>(5).fill(NO_EFFECT),
  pull_request_review_thread: Array<string>(3).fill(NO_EFFECT),
  check_run: [PR, PR, PR, PR, PR, PR, "pr:26764", "sha:d6fde92", "sha:d6fde92"], // the last two list no PR: looked up by head SHA
  check_suite: [PR, "sha:ec26c3e", PR, PR, "sha:f95f852", "sha:f95f852", "sha:f95f852", PR, PR],
  workflow_run: ["sha:5779607", "sha:3484a3f", "sha:3484a3f", "sha:3484a3f", "sha:3484a3f"], // [2] lists a PR of another repository
  status: Array<string>(4).fill("sha:6113728"),
  deployment_status: Array<string>(4).fill("sha:f95f852"),
  merge_group: ["group:2ffea6d:pr-104", "group:2ffea6d:pr-104"], // checks_requested: the group's commit, up to #104
  issues: [
    "issue:1", // edited
    "issue:1",
    "issue:1",
    "issue:1", // assigned
    "skip:event/deleted",
    NO_EFFECT,
    NO_EFFECT, // demilestoned (a PR)
    "issue:1",
    "issue:1", // edited
    "issue:1",
    "issue:1", // labeled
    NO_EFFECT,
    NO_EFFECT, // locked
    NO_EFFECT,
    NO_EFFECT, // milestoned (a PR)
    "issue:1",
    "issue:1",
    "issue:1",
    "issue:1", // opened
    NO_EFFECT, // pinned
    "issue:1", // reopened
    "skip:event/transferred",
    "issue:1",
    "issue:1", // unassigned
    "issue:1",
    "issue:1", // unlabeled
    NO_EFFECT,
    NO_EFFECT, // unlocked
    NO_EFFECT, // unpinned
  ],
  issue_comment: Array<string>(9).fill(NO_EFFECT),
};

const cases = Object.entries(EXPECTED).flatMap(([name, expected]) =>
  examplesOf(name).map((payload, i) => ({ name, i, payload, expected: expected[i] })),
);

describe("subjectsForEvent over every @octokit/webhooks-examples payload", () => {
  it.each(Object.entries(EXPECTED))("the table lists every %s example", (name, expected) => {
    expect(examplesOf(name).length).toBeGreaterThan(0);
    expect(expected).toHaveLength(examplesOf(name).length);
  });

  it.each(cases.map((c) => [`${c.name}[${c.i}] ${(c.payload as { action?: string }).action ?? ""}`, c] as const))(
    "%s → expected subjects",
    (_label, { name, payload, expected }) => {
      const routing = subjectsForEvent(name, payload);
      expect(brief(routing)).toBe(expected);
      if ("subjects" in routing) {
        const repository = (payload as { repository: { owner: { login: string }; name: string } }).repository;
        expect(routing.repository).toEqual({ owner: repository.owner.login, name: repository.name });
        for (const subject of routing.subjects) expect(subject.repository).toEqual(routing.repository);
      }
    },
  );

  it("a PR's subject carries the head SHA the payload saw", () => {
    const routing = subjectsForEvent("pull_request", examplesOf("pull_request")[22]);
    expect(routing).toMatchObject({
      event: "pull_request.synchronize",
      subjects: [{ kind: "pull_request", number: 2, head_sha: "ec26c3e57ca3a959ca5aad62de7213c562f8c821" }],
    });
  });

  it("an issues payload for a pull request names the PR", () => {
    const payload = structuredClone(examplesOf("issues")[13]) as { action: string };
    payload.action = "labeled";
    expect(brief(subjectsForEvent("issues", payload))).toBe("pr:2");
  });

  it("a workflow run listing a PR of this repository names it", () => {
    const payload = structuredClone(examplesOf("workflow_run")[2]) as {
      workflow_run: { pull_requests: Array<{ base: { repo: { id: number } } }> };
      repository: { id: number };
    };
    payload.workflow_run.pull_requests[0]!.base.repo.id = payload.repository.id;
    expect(brief(subjectsForEvent("workflow_run", payload))).toBe("pr:2");
  });

  it.each([
    { name: "checks_requested names the group's commit, its base and its last PR", edit: () => {}, expected: "group:2ffea6d:pr-104" },
    { name: "destroyed needs no status", edit: (p: Record<string, unknown>) => void (p.action = "destroyed"), expected: NO_EFFECT },
    {
      name: "a head ref that names no PR: the commit alone finds the group",
      edit: (p: Record<string, unknown>) => void ((p.merge_group as Record<string, unknown>).head_ref = "refs/heads/somewhere"),
      expected: "group:2ffea6d",
    },
    {
      name: "a malformed group commit is a located error",
      edit: (p: Record<string, unknown>) => void ((p.merge_group as Record<string, unknown>).head_sha = "nope"),
      expected: "invalid:/merge_group/head_sha",
    },
  ])("merge_group: $name", ({ edit, expected }) => {
    const payload = structuredClone(examplesOf("merge_group")[0]) as Record<string, unknown>;
    edit(payload);
    const routing = subjectsForEvent("merge_group", payload);
    expect(brief(routing)).toBe(expected);
    if ("merge_groups" in routing) expect(routing.merge_groups?.[0]?.base_ref).toBe("main");
  });

  it("Shiplane's own status is skipped: it is the decision, not an input to one (no run per status it posts)", () => {
    const payload = { ...(examplesOf("status")[0] as Record<string, unknown>), context: "shiplane" };
    expect(brief(subjectsForEvent("status", payload))).toBe(NO_EFFECT);
    expect(brief(subjectsForEvent("status", { ...payload, context: "ci" }))).toBe("sha:6113728");
  });

  it("a merged PR is skipped as merged, with its number in the reason", () => {
    const payload = structuredClone(examplesOf("pull_request")[3]) as { pull_request: { merged: boolean } };
    payload.pull_request.merged = true;
    const routing = subjectsForEvent("pull_request", payload);
    expect(routing).toMatchObject({ code: "event/merged", event: "pull_request.closed" });
    expect("skip" in routing && routing.skip).toContain("#2");
  });

  it.each(definitions.filter((d) => !(d.name in EXPECTED)).flatMap((d) => d.examples.map((payload, i) => [d.name, i, payload] as const)))(
    "%s[%i] is not governed: a quiet skip",
    (name, _i, payload) => {
      expect(brief(subjectsForEvent(name, payload))).toBe("skip:event/not-governed");
    },
  );
});

const pr = () =>
  structuredClone(examplesOf("pull_request")[0]) as Record<string, unknown> & {
    pull_request: Record<string, unknown>;
    repository: Record<string, unknown>;
  };

describe("malformed payloads are clear errors with a JSON pointer", () => {
  it.each([
    { name: "pull_request", payload: null, pointer: "/", message: /expected an object, got null/ },
    { name: "pull_request", payload: [], pointer: "/", message: /an array/ },
    { name: "pull_request", payload: {}, pointer: "/repository", message: /expected an object, got undefined/ },
    {
      name: "pull_request",
      payload: { ...pr(), repository: { name: "x", owner: { login: "a b" } } },
      pointer: "/repository/owner/login",
      message: /GitHub login/,
    },
    {
      name: "pull_request",
      payload: { ...pr(), pull_request: { ...pr().pull_request, number: "2" } },
      pointer: "/pull_request/number",
      message: /positive integer, got "2"/,
    },
    {
      name: "pull_request",
      payload: { ...pr(), pull_request: { ...pr().pull_request, number: -1 } },
      pointer: "/pull_request/number",
      message: /positive integer/,
    },
    {
      name: "pull_request",
      payload: { ...pr(), pull_request: { ...pr().pull_request, state: "merged" } },
      pointer: "/pull_request/state",
      message: /"open" or "closed"/,
    },
    {
      name: "pull_request",
      payload: { ...pr(), pull_request: { ...pr().pull_request, head: { sha: "main" } } },
      pointer: "/pull_request/head/sha",
      message: /commit SHA/,
    },
    { name: "status", payload: { ...pr(), sha: 42 }, pointer: "/sha", message: /commit SHA/ },
    {
      name: "check_suite",
      payload: { ...pr(), check_suite: { head_sha: "a".repeat(40), pull_requests: {} } },
      pointer: "/check_suite/pull_requests",
      message: /an array/,
    },
    {
      name: "check_run",
      payload: { ...pr(), check_run: { head_sha: "a".repeat(40), pull_requests: [{ number: 0 }] } },
      pointer: "/check_run/pull_requests/0/number",
      message: /positive integer/,
    },
    { name: "deployment_status", payload: { ...pr(), deployment: null }, pointer: "/deployment", message: /an object/ },
    {
      name: "issues",
      payload: { ...pr(), action: "labeled", issue: { number: 1.5 } },
      pointer: "/issue/number",
      message: /positive integer/,
    },
    { name: "Pull Request", payload: pr(), pointer: "", message: /not a GitHub event name/ },
  ])("$name with $pointer wrong", ({ name, payload, pointer, message }) => {
    const routing = subjectsForEvent(name, payload);
    expect(routing).toMatchObject({ pointer });
    expect("invalid" in routing && routing.invalid).toMatch(message);
  });

  it("pointer segments are escaped (RFC 6901)", () => {
    const routing = subjectsForEvent("pull_request", { ...pr(), pull_request: "x" });
    expect(routing).toMatchObject({ pointer: "/pull_request", event: "pull_request.opened" });
  });
});

describe("properties", () => {
  const governed = [
    "pull_request",
    "pull_request_target",
    "pull_request_review",
    "check_run",
    "check_suite",
    "workflow_run",
    "status",
    "deployment_status",
    "issues",
    "push",
    "star",
  ];
  const shape = (r: EventRouting) => ("skip" in r ? "skip" : "invalid" in r ? "invalid" : "targets");

  it("any JSON value under any event name is routed, skipped or rejected: never a crash", () => {
    fc.assert(
      fc.property(fc.constantFrom(...governed), fc.jsonValue(), (name, payload) => {
        expect(["skip", "invalid", "targets"]).toContain(shape(subjectsForEvent(name, payload)));
      }),
      { numRuns: 500 },
    );
  });

  it("replacing any one field of a real payload never crashes, and targets always name positive numbers and full SHAs", () => {
    const samples = Object.keys(EXPECTED).flatMap((name) => examplesOf(name).map((payload) => ({ name, payload })));
    fc.assert(
      fc.property(
        fc.constantFrom(...samples),
        fc.array(
          fc.constantFrom(
            "repository",
            "pull_request",
            "number",
            "state",
            "head",
            "sha",
            "check_run",
            "check_suite",
            "workflow_run",
            "pull_requests",
            "base",
            "repo",
            "id",
            "issue",
            "deployment",
            "action",
            "owner",
            "login",
            "name",
          ),
          { minLength: 1, maxLength: 3 },
        ),
        fc.jsonValue(),
        ({ name, payload }, path, value) => {
          const copy = structuredClone(payload) as Record<string, unknown>;
          let node: Record<string, unknown> = copy;
          for (const key of path.slice(0, -1)) {
            const next = node[key];
            if (typeof next !== "object" || next === null) break;
            node = next as Record<string, unknown>;
          }
          node[path[path.length - 1] as string] = value;
          const routing = subjectsForEvent(name, copy);
          if ("subjects" in routing) {
            for (const s of routing.subjects) expect(Number.isSafeInteger(s.number) && s.number > 0).toBe(true);
            for (const sha of routing.shas) expect(sha).toMatch(/^[0-9a-f]{40}$/);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("a closed PR never yields a subject, whatever the action", () => {
    fc.assert(
      fc.property(fc.constantFrom("opened", "labeled", "synchronize", "edited", "reopened", "ready_for_review"), (action) => {
        const payload = pr();
        payload.action = action;
        payload.pull_request.state = "closed";
        expect(shape(subjectsForEvent("pull_request", payload))).toBe("skip");
      }),
    );
  });
});
