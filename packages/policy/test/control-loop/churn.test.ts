import { describe, expect, it } from "vitest";
import { evaluateRepository } from "../../src/control-loop/index.js";
import { renderActions } from "../../src/report/comments.js";
import type { AssignmentEvent, IssueSnapshot, LabelEvent, PullRequestSnapshot } from "../../src/snapshot/types.js";
import type { PolicyDocument } from "../../src/policy/types.js";
import { AGENT, NOW, actionList, compile, defaultPolicy, hoursAgo, issue, policyDocument, pull, repository } from "./fixtures.js";

const READY = "autonomy:ready";
const CLAIMED = "autonomy:claimed";

/** A claim of `agent` from `from` to `to` hours ago, released at `to`: the label and assignment events it leaves. */
function releasedClaim(agent: string, from: number, to: number, at: (hours: number) => string = hoursAgo) {
  const label: LabelEvent[] = [
    { label: CLAIMED, action: "added", actor: AGENT.orchestrator, at: at(from) },
    { label: CLAIMED, action: "removed", actor: AGENT.orchestrator, at: at(to) },
  ];
  const assignment: AssignmentEvent[] = [
    { assignee: agent, action: "assigned", actor: AGENT.orchestrator, at: at(from) },
    { assignee: agent, action: "unassigned", actor: AGENT.orchestrator, at: at(to) },
  ];
  return { label, assignment };
}

/** An issue with earlier released claims; `assignments: false` leaves the assignment history unfetched. */
function withReleases(base: IssueSnapshot, claims: Array<ReturnType<typeof releasedClaim>>, assignments = true): IssueSnapshot {
  const result: IssueSnapshot = { ...base, label_events: [...claims.flatMap((c) => c.label), ...base.label_events] };
  if (assignments) result.assignment_events = claims.flatMap((c) => c.assignment);
  return result;
}

/** Open PRs by `author`: loads for the WIP limit (2 in the bundled policy). */
const busy = (author: string, count: number, from: number): PullRequestSnapshot[] =>
  Array.from({ length: count }, (_, i) => pull(from + i, author));

interface Case {
  name: string;
  issue: IssueSnapshot;
  pulls?: PullRequestSnapshot[];
  policy?: (doc: PolicyDocument) => void;
  status: string;
  code: string;
  actions: string[];
  agent?: string;
  /** Evidence the finding must carry (a subset). */
  evidence?: Record<string, unknown>;
}

const cases: Case[] = [
  {
    name: "released 10 minutes ago: waits out the 1h cool-down",
    issue: withReleases(issue(1, [READY, "area:api"]), [releasedClaim(AGENT.steward, 4.5, 1 / 6)]),
    status: "waiting",
    code: "dispatch/cooldown",
    actions: [],
    evidence: { releases: 1, cooldown: "1h" },
  },
  {
    name: "released at an offset time that sorts before the cool-down as text: still cooling",
    issue: withReleases(issue(2, [READY, "area:api"]), [
      releasedClaim(AGENT.steward, 4.5, 0.25, (h) => new Date(Date.parse(NOW) - h * 3_600_000).toISOString().replace("Z", "+00:00")),
    ]),
    status: "waiting",
    code: "dispatch/cooldown",
    actions: [],
  },
  {
    name: "a release whose time cannot be read may have been just now: waits",
    issue: withReleases(issue(3, [READY, "area:api"]), [releasedClaim(AGENT.steward, 4.5, 0, () => "2026-11-23 11:00")]),
    status: "waiting",
    code: "dispatch/cooldown",
    actions: [],
  },
  {
    name: "cool-down over, nobody known to have held it: the owner again",
    issue: withReleases(issue(4, [READY, "area:api"]), [releasedClaim(AGENT.steward, 6, 2)], false),
    status: "dispatch",
    code: "dispatch/assigned",
    agent: "control-plane-steward",
    actions: ["issue#4 add_label autonomy:claimed", `issue#4 assign ${AGENT.steward}`, "issue#4 upsert_comment shiplane:work-order"],
  },
  {
    name: "the owner let it go stale: the area's first reviewer takes it",
    issue: withReleases(issue(5, [READY, "area:api"]), [releasedClaim(AGENT.steward, 6, 2)]),
    status: "dispatch",
    code: "dispatch/assigned",
    agent: "cli-sdk-contract-keeper",
    actions: ["issue#5 add_label autonomy:claimed", `issue#5 assign ${AGENT.cli}`, "issue#5 upsert_comment shiplane:work-order"],
    evidence: { passed_over: ["control-plane-steward"] },
  },
  {
    name: "the first reviewer is at its WIP limit: the next reviewer takes it",
    issue: withReleases(issue(6, [READY, "area:api"]), [releasedClaim(AGENT.steward, 6, 2)]),
    pulls: busy(AGENT.cli, 2, 600),
    status: "dispatch",
    code: "dispatch/assigned",
    agent: "qa-reliability-engineer",
    actions: ["issue#6 add_label autonomy:claimed", `issue#6 assign ${AGENT.qa}`, "issue#6 upsert_comment shiplane:work-order"],
  },
  {
    name: "every other agent is busy: waits for one of them rather than going back to the one that let it go stale",
    issue: withReleases(issue(7, [READY, "area:api"]), [releasedClaim(AGENT.steward, 6, 2)]),
    pulls: [...busy(AGENT.cli, 2, 600), ...busy(AGENT.qa, 2, 610)],
    status: "waiting",
    code: "dispatch/wip-limit",
    agent: "cli-sdk-contract-keeper",
    actions: [],
    evidence: { passed_over: ["control-plane-steward"] },
  },
  {
    name: "every agent of the area let it go stale: back to the owner",
    issue: withReleases(issue(8, [READY, "area:docs"]), [releasedClaim(AGENT.cli, 20, 14), releasedClaim(AGENT.qa, 8, 2)]),
    status: "dispatch",
    code: "dispatch/assigned",
    agent: "cli-sdk-contract-keeper",
    actions: ["issue#8 add_label autonomy:claimed", `issue#8 assign ${AGENT.cli}`, "issue#8 upsert_comment shiplane:work-order"],
  },
  {
    name: "a stale claim released for the first time: released, no block",
    issue: issue(9, [READY, "area:api"], { claimedBy: AGENT.steward, claimedAt: hoursAgo(5) }),
    status: "release",
    code: "claim/stale-released",
    actions: [
      "issue#9 remove_label autonomy:claimed",
      `issue#9 unassign ${AGENT.steward}`,
      "issue#9 upsert_comment shiplane:claim-released",
    ],
    evidence: { releases: 1, max_releases: 3 },
  },
  {
    name: "the third release: blocked with a triage comment",
    issue: withReleases(issue(10, [READY, "area:api"], { claimedBy: AGENT.qa, claimedAt: hoursAgo(5) }), [
      releasedClaim(AGENT.steward, 30, 26),
      releasedClaim(AGENT.cli, 20, 16),
    ]),
    status: "release",
    code: "claim/released-too-often",
    actions: [
      "issue#10 remove_label autonomy:claimed",
      `issue#10 unassign ${AGENT.qa}`,
      "issue#10 upsert_comment shiplane:claim-released",
      "issue#10 add_label autonomy:blocked",
      "issue#10 upsert_comment shiplane:triage",
    ],
    evidence: { releases: 3, max_releases: 3 },
  },
  {
    name: "max_releases is the policy's: 1 blocks at the first release",
    issue: issue(11, [READY, "area:api"], { claimedBy: AGENT.steward, claimedAt: hoursAgo(5) }),
    policy: (doc) => {
      if (doc.control_loop) doc.control_loop.stale_claim.max_releases = 1;
    },
    status: "release",
    code: "claim/released-too-often",
    actions: [
      "issue#11 remove_label autonomy:claimed",
      `issue#11 unassign ${AGENT.steward}`,
      "issue#11 upsert_comment shiplane:claim-released",
      "issue#11 add_label autonomy:blocked",
      "issue#11 upsert_comment shiplane:triage",
    ],
  },
  {
    name: "the cool-down is the policy's: 3h keeps an issue released 2h ago waiting",
    issue: withReleases(issue(12, [READY, "area:api"]), [releasedClaim(AGENT.steward, 6, 2)]),
    policy: (doc) => {
      if (doc.control_loop) doc.control_loop.stale_claim.cooldown = "3h";
    },
    status: "waiting",
    code: "dispatch/cooldown",
    actions: [],
    evidence: { cooldown: "3h" },
  },
  {
    name: "blocked after too many releases: not dispatched until a person lifts the block",
    issue: withReleases(issue(13, [READY, "area:api", "autonomy:blocked"]), [
      releasedClaim(AGENT.steward, 30, 26),
      releasedClaim(AGENT.cli, 20, 16),
      releasedClaim(AGENT.qa, 10, 6),
    ]),
    status: "waiting",
    code: "dispatch/blocked",
    actions: [],
  },
  {
    name: "labels compare case-insensitively: Autonomy:Claimed is the claim label",
    issue: { ...issue(14, [READY, "area:api"], { claimedBy: AGENT.steward, claimedAt: hoursAgo(5) }) },
    status: "release",
    code: "claim/stale-released",
    actions: [
      "issue#14 remove_label autonomy:claimed",
      `issue#14 unassign ${AGENT.steward}`,
      "issue#14 upsert_comment shiplane:claim-released",
    ],
  },
];
// The case variant: the label on GitHub reads Autonomy:Claimed, the events too.
const caseVariant = cases[cases.length - 1] as Case;
caseVariant.issue = {
  ...caseVariant.issue,
  labels: caseVariant.issue.labels.map((l) => (l.name === CLAIMED ? { name: "Autonomy:Claimed" } : l)),
  label_events: caseVariant.issue.label_events.map((e) => (e.label === CLAIMED ? { ...e, label: "Autonomy:Claimed" } : e)),
};

describe("claim churn: cool-down, another agent, a block after too many releases", () => {
  it.each(cases)("$name", ({ issue: subject, pulls, policy, status, code, actions, agent, evidence }) => {
    let compiled = defaultPolicy();
    if (policy) {
      const doc = policyDocument();
      policy(doc);
      compiled = compile(doc);
    }
    const plan = evaluateRepository(compiled, repository({ issues: [subject], pull_requests: pulls ?? [] }), { now: NOW });
    const decision = plan.issues[0];
    expect(decision?.status).toBe(status);
    const node = decision?.findings[0];
    expect(node?.code).toBe(code);
    expect(actionList(decision?.actions ?? [])).toEqual(actions);
    if (agent !== undefined) expect(decision?.agent).toBe(agent);
    if (evidence) expect(node?.evidence).toMatchObject(evidence);
  });

  it("the triage comment says why the issue is blocked", () => {
    const subject = withReleases(issue(20, [READY, "area:api"], { claimedBy: AGENT.qa, claimedAt: hoursAgo(5) }), [
      releasedClaim(AGENT.steward, 30, 26),
      releasedClaim(AGENT.cli, 20, 16),
    ]);
    const plan = evaluateRepository(defaultPolicy(), repository({ issues: [subject] }), { now: NOW });
    const triage = renderActions(plan).find((a) => a.type === "upsert_comment" && a.marker === "shiplane:triage");
    expect(triage && "body" in triage ? triage.body : "").toContain("go stale 3 times (the policy allows 3)");
    const released = renderActions(plan).find((a) => a.type === "upsert_comment" && a.marker === "shiplane:claim-released");
    expect(released && "body" in released ? released.body : "").toContain("released 3 times, so it is labelled `autonomy:blocked`");
  });
});
