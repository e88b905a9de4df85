import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyActionsToSnapshot, evaluateRepository } from "../../src/control-loop/index.js";
import type { Action } from "../../src/engine/types.js";
import type { RepositorySnapshot } from "../../src/snapshot/types.js";
import { AGENT, NOW, actionList, defaultPolicy, policyDocument, stateChanging } from "./fixtures.js";
import { repositoryArb } from "./arbitraries.js";
import { renderComment } from "../../src/report/comments.js";

const policy = defaultPolicy();
const doc = policyDocument();
const agentOf = new Map(doc.agents.flatMap((a) => a.logins.map((l) => [l.toLowerCase(), a] as const)));
const tick = (repo: RepositorySnapshot) => evaluateRepository(policy, repo, { now: NOW });
const apply = (repo: RepositorySnapshot, actions: readonly Action[]) =>
  applyActionsToSnapshot(repo, actions, { now: NOW, actor: AGENT.orchestrator });
/** Issue- and repository-level changes; PR decisions belong to the engine. */
const loopChanges = (actions: readonly Action[]) => stateChanging(actions).filter((a) => a.target.kind !== "pull_request");

/** Recomputed here, independently of the implementation: open claims assigned + open PRs authored. */
function load(repo: RepositorySnapshot, agentId: string): number {
  const claims = repo.issues.filter(
    (i) =>
      i.state === "open" &&
      i.labels.some((l) => l.name === "autonomy:claimed") &&
      i.assignees.some((a) => agentOf.get(a.toLowerCase())?.id === agentId),
  ).length;
  const pulls = repo.pull_requests.filter((p) => p.state === "open" && agentOf.get(p.author.login.toLowerCase())?.id === agentId).length;
  return claims + pulls;
}

function openPullLinked(repo: RepositorySnapshot, issueNumber: number): boolean {
  const issue = repo.issues.find((i) => i.number === issueNumber);
  return (
    Boolean(issue?.linked_pull_requests.some((p) => p.state === "open")) ||
    repo.pull_requests.some((p) => p.state === "open" && (p.linked_issues ?? []).includes(issueNumber))
  );
}

const RUNS = { numRuns: 100 };
/** After the bundled policy's 1h cool-down. */
const LATER = new Date(Date.parse(NOW) + 2 * 3_600_000).toISOString();
const applyAt = (repo: RepositorySnapshot, actions: readonly Action[], now: string) =>
  applyActionsToSnapshot(repo, actions, { now, actor: AGENT.orchestrator });
const commentKey = (a: Action) => `${a.target.kind}#${"number" in a.target ? a.target.number : ""} ${"marker" in a ? a.marker : ""}`;

describe("control-loop properties", () => {
  it("a tick never assigns an issue to two agents, nor to an issue already claimed", () => {
    fc.assert(
      fc.property(repositoryArb(), (repo) => {
        const plan = tick(repo);
        for (const issue of repo.issues) {
          const assigns = plan.actions.filter((a) => a.type === "assign" && a.target.kind === "issue" && a.target.number === issue.number);
          expect(assigns.length).toBeLessThanOrEqual(1);
          if (assigns.length > 0) expect(issue.labels.some((l) => l.name === "autonomy:claimed")).toBe(false);
        }
        const after = apply(repo, plan.actions);
        for (const issue of after.issues) {
          const before = repo.issues.find((i) => i.number === issue.number);
          const agents = new Set(issue.assignees.map((a) => agentOf.get(a.toLowerCase())?.id).filter(Boolean));
          const agentsBefore = new Set(before?.assignees.map((a) => agentOf.get(a.toLowerCase())?.id).filter(Boolean));
          expect(agents.size).toBeLessThanOrEqual(Math.max(1, agentsBefore.size));
          for (const id of agentsBefore) expect(agents.has(id) || agents.size === 0).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("a tick never takes an agent past its WIP limit", () => {
    fc.assert(
      fc.property(repositoryArb(), (repo) => {
        const plan = tick(repo);
        const after = apply(repo, plan.actions);
        for (const agent of doc.agents) {
          const claimed = plan.issues.filter((i) => i.status === "dispatch" && i.agent === agent.id).length;
          if (claimed === 0) continue;
          const limit = agent.wip_limit ?? doc.control_loop?.dispatch.default_wip_limit ?? 0;
          expect(load(after, agent.id)).toBeLessThanOrEqual(limit);
        }
      }),
      RUNS,
    );
  });

  it("a tick never releases a claim that has an open PR", () => {
    fc.assert(
      fc.property(repositoryArb(), (repo) => {
        const plan = tick(repo);
        for (const action of plan.actions) {
          if (action.type === "remove_label" && action.label === "autonomy:claimed" && action.target.kind === "issue") {
            expect(openPullLinked(repo, action.target.number)).toBe(false);
          }
        }
      }),
      RUNS,
    );
  });

  it("applying a plan twice equals applying it once", () => {
    fc.assert(
      fc.property(repositoryArb(), (repo) => {
        const plan = tick(repo);
        const once = apply(repo, plan.actions);
        expect(apply(once, plan.actions)).toEqual(once);
      }),
      RUNS,
    );
  });

  it("a tick applied and re-run at the same time plans nothing but the same comments and statuses again", () => {
    fc.assert(
      fc.property(repositoryArb(), (repo) => {
        const first = tick(repo);
        const second = tick(apply(repo, first.actions));
        // Released claims cool down before they are dispatched again; every other change is already in place.
        expect(actionList(stateChanging(second.actions).filter((a) => a.type !== "set_status"))).toEqual([]);
        // Each judged head's status again, as it already is: applying it changes nothing.
        const statuses = new Map(first.actions.flatMap((a) => (a.type === "set_status" ? [[`${a.sha} ${a.context}`, a] as const] : [])));
        for (const action of second.actions) {
          if (action.type !== "set_status") continue;
          const before = statuses.get(`${action.sha} ${action.context}`);
          expect({ state: before?.state, description: before?.description }).toEqual({
            state: action.state,
            description: action.description,
          });
        }
        // The same comments, word for word: applying them again edits nothing.
        const comments = new Map(
          first.actions.flatMap((a) => (a.type === "upsert_comment" ? [[commentKey(a), renderComment(a, first)] as const] : [])),
        );
        for (const action of second.actions) {
          if (action.type !== "upsert_comment") continue;
          expect(comments.get(commentKey(action)), commentKey(action)).toBe(renderComment(action, second));
        }
      }),
      RUNS,
    );
  });

  it("plans converge once the cool-down is over: the next tick only dispatches issues that were released, cooling, or waiting on a WIP limit a release has freed, to another agent when one can take them", () => {
    fc.assert(
      fc.property(repositoryArb(), (repo) => {
        const first = tick(repo);
        const released = new Map(first.issues.filter((i) => i.status === "release").map((i) => [i.subject.number, i.agent] as const));
        const cooling = new Set(first.issues.filter((i) => i.findings[0]?.code === "dispatch/cooldown").map((i) => i.subject.number));
        const afterFirst = apply(repo, first.actions);
        const second = evaluateRepository(policy, afterFirst, { now: LATER });
        const claimed = new Set(first.issues.filter((i) => i.status === "claimed").map((i) => i.subject.number));
        // A claim kept then may have gone stale since; its release frees its agent's WIP for an issue that waited on it.
        const freed = new Set(second.issues.filter((i) => i.status === "release").map((i) => i.agent));
        const waitedOnWip = new Set(first.issues.filter((i) => i.findings[0]?.code === "dispatch/wip-limit").map((i) => i.subject.number));
        const agentOf = new Map(second.issues.map((i) => [i.subject.number, i.agent] as const));
        for (const action of loopChanges(second.actions)) {
          expect(action.target.kind).toBe("issue");
          const number = action.target.kind === "issue" ? action.target.number : -1;
          // Later, a claim kept then may have gone stale since.
          if (action.reason.startsWith("claim/")) expect(claimed.has(number)).toBe(true);
          else {
            const unblocked = waitedOnWip.has(number) && freed.has(agentOf.get(number));
            expect(released.has(number) || cooling.has(number) || unblocked, `#${number} dispatched`).toBe(true);
            expect(action.reason).toBe("dispatch/assigned");
          }
        }
        for (const decision of second.issues) {
          if (decision.status !== "dispatch" || !released.has(decision.subject.number)) continue;
          const passedOver = decision.findings[0]?.evidence?.passed_over;
          // Back to the agent that let it go stale only when no other agent of the area could take it.
          if (decision.agent === released.get(decision.subject.number)) expect(passedOver).toBeUndefined();
        }
        const third = evaluateRepository(policy, applyAt(afterFirst, second.actions, LATER), { now: LATER });
        expect(actionList(loopChanges(third.actions))).toEqual([]);
      }),
      RUNS,
    );
  });

  it("the plan does not depend on the order of issues and PRs in the snapshot", () => {
    fc.assert(
      fc.property(repositoryArb(15, 5), fc.integer(), (repo, seed) => {
        const shuffle = <T>(items: readonly T[]) =>
          [...items]
            .map((item, i) => ({ item, key: (i * 2654435761 + seed) % 1000 }))
            .sort((a, b) => a.key - b.key)
            .map((e) => e.item);
        const shuffled = {
          ...repo,
          issues: shuffle(repo.issues),
          pull_requests: shuffle(repo.pull_requests),
          labels: shuffle(repo.labels),
        };
        expect(tick(shuffled)).toEqual(tick(repo));
      }),
      { numRuns: 30 },
    );
  });
});
