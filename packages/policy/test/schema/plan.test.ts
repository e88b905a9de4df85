import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateRepository, formatPlan, type Plan, type RepositorySnapshot } from "../../src/index.js";
import { repositoryArb } from "../control-loop/arbitraries.js";
import { NOW, defaultPolicy, exampleRepositories } from "../helpers/pr.js";
import { schemaErrors } from "../helpers/schema.js";

const policy = defaultPolicy();
const REPOSITORIES = exampleRepositories();

/** A plan as `--json` prints it (the reporter's JSON, parsed). */
const printed = (plan: Plan) =>
  JSON.parse(formatPlan(plan, "json")) as Record<string, unknown> & {
    issues: Array<Record<string, unknown>>;
    pull_requests: Array<Record<string, unknown>>;
  };
const tick = (repository: RepositorySnapshot) => evaluateRepository(policy, repository, { now: NOW });

describe("plan.schema.json accepts what the engine prints", () => {
  it.each(REPOSITORIES)("the tick plan of examples/snapshots/repository/%s", (_file, repository) => {
    expect(schemaErrors("plan", printed(tick(repository)))).toEqual([]);
  });

  it("the plan of every random repository (claims, releases, dispatch, drift, PR decisions)", () => {
    const seen = { statuses: new Set<string>(), actions: new Set<string>(), pullRequests: 0, findings: 0 };
    fc.assert(
      fc.property(repositoryArb(), (repository) => {
        const plan = tick(repository);
        expect(schemaErrors("plan", printed(plan))).toEqual([]);
        for (const issue of plan.issues) seen.statuses.add(issue.status);
        for (const action of plan.actions) seen.actions.add(action.type);
        seen.pullRequests += plan.pull_requests.length;
        seen.findings += plan.findings.length;
      }),
      { numRuns: 80 },
    );
    // A generator that never reaches these would leave most of the schema unexercised.
    expect([...seen.statuses].sort()).toEqual(["claimed", "dispatch", "done", "ignored", "release", "triage", "waiting"]);
    expect([...seen.actions]).toEqual(
      expect.arrayContaining(["add_label", "remove_label", "assign", "unassign", "upsert_comment", "create_label"]),
    );
    expect(seen.pullRequests).toBeGreaterThan(0);
    expect(seen.findings).toBeGreaterThan(0);
  });
});

describe("plan.schema.json rejects a broken plan", () => {
  const dispatch = REPOSITORIES.find(([file]) => file === "dispatch.json")![1];
  type Printed = ReturnType<typeof printed>;
  const valid = () => printed(tick(dispatch));

  it("the plan edited below is valid, with issues, PR decisions and actions", () => {
    const plan = valid();
    expect(schemaErrors("plan", plan)).toEqual([]);
    expect(plan.issues.length).toBeGreaterThan(0);
    expect(plan.pull_requests.length).toBeGreaterThan(0);
    expect((plan.actions as unknown[]).length).toBeGreaterThan(0);
  });

  it.each([
    {
      name: "an unknown action type",
      edit: (p: Printed) => ({ ...p, actions: [{ type: "force_push", target: { kind: "repository" }, reason: "x" }] }),
      path: "/actions/0",
      message: "must match exactly one schema in oneOf",
    },
    {
      name: "no pull_requests",
      edit: ({ pull_requests: _prs, ...p }: Printed) => p,
      path: "",
      message: "must have required property 'pull_requests'",
    },
    {
      name: "a property the type does not have",
      edit: (p: Printed) => ({ ...p, verdict: "merge" }),
      path: "",
      message: "must NOT have additional properties",
    },
    {
      name: "an issue with an unknown status",
      edit: (p: Printed) => ({ ...p, issues: [{ ...p.issues[0], status: "stalled" }] }),
      path: "/issues/0/status",
      message: "must be equal to one of the allowed values",
    },
    {
      name: "a PR decision without its verdict",
      edit: (p: Printed) => ({ ...p, pull_requests: p.pull_requests.map(({ verdict: _verdict, ...d }) => d) }),
      path: "/pull_requests/0",
      message: "must have required property 'verdict'",
    },
    {
      name: "an issue decision where a PR decision belongs",
      edit: (p: Printed) => ({ ...p, pull_requests: [p.issues[0]] }),
      path: "/pull_requests/0/kind",
      message: "must be equal to constant",
    },
  ])("$name", ({ edit, path, message }) => {
    expect(schemaErrors("plan", edit(valid()))).toContainEqual({ path, message });
  });
});
