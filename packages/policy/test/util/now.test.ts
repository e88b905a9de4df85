import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluateIssue, evaluatePullRequest, evaluateRepository, loadPolicy, parseSnapshot, type Snapshot } from "../../src/index.js";

const root = new URL("../../../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), "utf8");
const policy = loadPolicy(read("policies/autonomous-shipping.yaml"), { source: "policy", now: "2026-11-23T12:00:00Z" });
const snapshot = (path: string): Snapshot => parseSnapshot(read(path), { source: path });
const repository = snapshot("examples/snapshots/repository/dispatch.json");
const pr = snapshot("examples/snapshots/pr-safe-docs-merge.json");
if (pr.kind !== "pull_request" || repository.kind !== "repository") throw new Error("unexpected example snapshots");
const issue = repository.issues[0];
if (!issue) throw new Error("the example repository has no issue");

// What a JavaScript caller can write: the options argument is not checked by a compiler there.
const untyped = <T>(fn: T) => fn as unknown as (...args: unknown[]) => unknown;

describe("evaluating without now says so, naming now", () => {
  it.each([
    ["evaluatePullRequest", () => untyped(evaluatePullRequest)(policy, pr)],
    ["evaluatePullRequest", () => untyped(evaluatePullRequest)(policy, pr, {})],
    ["evaluateIssue", () => untyped(evaluateIssue)(policy, issue, {})],
    ["evaluateRepository", () => untyped(evaluateRepository)(policy, repository)],
  ])("%s (%#)", (fn, call) => {
    expect(call).toThrow(
      new TypeError(
        `${fn}(policy, snapshot, { now }): now is required: the time to judge at, such as new Date() or "2026-11-23T12:00:00Z" (the engine never reads the clock)`,
      ),
    );
  });

  it.each([["yesterday"], [42], [new Date(Number.NaN)]])("an invalid now (%s) is named too", (now) => {
    expect(() => untyped(evaluatePullRequest)(policy, pr, { now })).toThrow(/^evaluatePullRequest: options\.now is not a valid time/);
  });

  it("a Date and an ISO string both work", () => {
    expect(evaluatePullRequest(policy, pr, { now: new Date("2026-11-23T12:00:00Z") }).verdict).toBe(
      evaluatePullRequest(policy, pr, { now: "2026-11-23T12:00:00Z" }).verdict,
    );
  });
});
