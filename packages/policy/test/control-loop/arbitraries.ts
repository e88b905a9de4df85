import fc from "fast-check";
import type {
  AssignmentEvent,
  IssueSnapshot,
  LabelEvent,
  LinkedPullRequest,
  PullRequestSnapshot,
  RepositorySnapshot,
} from "../../src/snapshot/types.js";
import { AGENT, HUMAN, hoursAgo, issue, pull, repository } from "./fixtures.js";

const AUTHORS = [AGENT.qa, AGENT.cli, AGENT.steward, AGENT.orchestrator, HUMAN];
const AREAS = ["area:api", "area:web", "area:auth", "area:cli-sdk", "area:test", "area:docs", "area:ops"];
const OTHER = ["autonomy:safe", "autonomy:blocked", "risk:low", "risk:high", "size:xs", "size:s", "size:m"];

const linkArb = fc.record({
  number: fc.integer({ min: 500, max: 520 }),
  state: fc.constantFrom<LinkedPullRequest["state"]>("open", "merged", "closed"),
});

const issueArb = (number: number): fc.Arbitrary<IssueSnapshot> =>
  fc
    .record({
      // Mostly dispatchable issues (ready, one area), so dispatch and WIP limits get exercised.
      areas: fc.oneof(
        { weight: 6, arbitrary: fc.subarray(AREAS, { minLength: 1, maxLength: 1 }) },
        { weight: 1, arbitrary: fc.subarray(AREAS, { maxLength: 2 }) },
      ),
      ready: fc.nat(4).map((n) => n > 0),
      other: fc.subarray(OTHER, { maxLength: 3 }),
      // A quarter claimed; a quarter of those without a claim event (hours: null).
      claim: fc.oneof(
        { weight: 3, arbitrary: fc.constant(null) },
        {
          weight: 1,
          arbitrary: fc.record({
            by: fc.constantFrom(AGENT.qa, AGENT.cli, AGENT.steward),
            hours: fc.option(fc.double({ min: 0, max: 10, noNaN: true }), { freq: 4 }),
          }),
        },
      ),
      links: fc.oneof(
        { weight: 4, arbitrary: fc.constant<LinkedPullRequest[]>([]) },
        { weight: 1, arbitrary: fc.array(linkArb, { minLength: 1, maxLength: 2 }) },
      ),
      age: fc.integer({ min: 1, max: 200 }),
      // A claim half undone by hand: an agent assigned without the claim label.
      stray: fc.oneof(
        { weight: 8, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.constantFrom(AGENT.qa, AGENT.cli, AGENT.steward) },
      ),
      // Claims released before (the last one `hours` before any current claim), with or without the assignment history.
      released: fc.oneof(
        { weight: 3, arbitrary: fc.constant(null) },
        {
          weight: 2,
          arbitrary: fc.record({
            times: fc.integer({ min: 1, max: 3 }),
            by: fc.constantFrom(AGENT.qa, AGENT.cli, AGENT.steward),
            hours: fc.double({ min: 0, max: 3, noNaN: true }),
            assignments: fc.boolean(),
          }),
        },
      ),
    })
    .map(({ areas, ready, other, claim, links, age, stray, released }) => {
      const made = issue(number, [...new Set([...areas, ...(ready ? ["autonomy:ready"] : []), ...other])], {
        created_at: hoursAgo(age),
        linked_pull_requests: links,
        ...(claim ? { claimedBy: claim.by, ...(claim.hours !== null ? { claimedAt: hoursAgo(claim.hours) } : {}) } : {}),
      });
      const withStray = claim || stray === null ? made : { ...made, assignees: [stray] };
      if (released === null) return withStray;
      const label_events: LabelEvent[] = [];
      const assignment_events: AssignmentEvent[] = [];
      const offset = claim ? (claim.hours ?? 0) + 0.5 : 0;
      for (let k = released.times - 1; k >= 0; k--) {
        const removed = hoursAgo(offset + released.hours + 6 * k);
        const added = hoursAgo(offset + released.hours + 6 * k + 4.5);
        label_events.push(
          { label: "autonomy:claimed", action: "added", actor: AGENT.orchestrator, at: added },
          { label: "autonomy:claimed", action: "removed", actor: AGENT.orchestrator, at: removed },
        );
        assignment_events.push(
          { assignee: released.by, action: "assigned", actor: AGENT.orchestrator, at: added },
          { assignee: released.by, action: "unassigned", actor: AGENT.orchestrator, at: removed },
        );
      }
      if (claim && claim.hours !== null)
        assignment_events.push({ assignee: claim.by, action: "assigned", actor: AGENT.orchestrator, at: hoursAgo(claim.hours) });
      return {
        ...withStray,
        label_events: [...label_events, ...withStray.label_events],
        ...(released.assignments ? { assignment_events } : {}),
      };
    });

const pullArb = (number: number, maxIssue: number): fc.Arbitrary<PullRequestSnapshot> =>
  fc
    .record({
      author: fc.constantFrom(...AUTHORS),
      linked: fc.subarray(
        Array.from({ length: maxIssue }, (_, i) => i + 1),
        { maxLength: Math.min(2, maxIssue) },
      ),
      state: fc.constantFrom<PullRequestSnapshot["state"]>("open", "open", "open", "merged", "closed"),
    })
    .map(({ author, linked, state }) => pull(number, author, linked, { state }));

/** A repository with up to `maxIssues` issues in every control-loop situation, and PRs linking some of them. */
export function repositoryArb(maxIssues = 25, maxPulls = 8): fc.Arbitrary<RepositorySnapshot> {
  return fc
    .record({
      issueCount: fc.integer({ min: 0, max: maxIssues }),
      pullCount: fc.integer({ min: 0, max: maxPulls }),
      dropLabels: fc.boolean(),
    })
    .chain(({ issueCount, pullCount, dropLabels }) =>
      fc.record({
        issues: fc.tuple(...Array.from({ length: issueCount }, (_, i) => issueArb(i + 1))),
        pulls: fc.tuple(...Array.from({ length: pullCount }, (_, i) => pullArb(500 + i, Math.max(issueCount, 1)))),
        dropLabels: fc.constant(dropLabels),
      }),
    )
    .map(({ issues, pulls, dropLabels }) => {
      const base = repository({ issues, pull_requests: pulls });
      return dropLabels ? { ...base, labels: base.labels.filter((_, i) => i % 3 !== 0) } : base;
    });
}
