import { describe, expect, it } from "vitest";
import { applyActionsToSnapshot } from "../../src/control-loop/index.js";
import type { Action } from "../../src/engine/types.js";
import type { RepositorySnapshot } from "../../src/snapshot/types.js";
import { AGENT, HUMAN, NOW, issue, pull, repository } from "./fixtures.js";
import { without } from "../helpers/pr.js";

const ISSUE = { kind: "issue", number: 1 } as const;
const PR = { kind: "pull_request", number: 5 } as const;
const REPO = { kind: "repository" } as const;
const base = (): RepositorySnapshot =>
  repository({
    issues: [issue(1, ["autonomy:ready", "area:api"])],
    pull_requests: [without(pull(5, AGENT.cli, [1]), "label_events")],
    labels: [{ name: "area:api", color: "000000", description: "old" }],
  });
const at = "2026-11-23T12:00:00.000Z";

describe("applyActionsToSnapshot", () => {
  it.each<{ name: string; actions: Action[]; check: (after: RepositorySnapshot) => unknown; expected: unknown }>([
    {
      name: "add_label adds the label with who and when, and a label event",
      actions: [{ type: "add_label", target: ISSUE, reason: "t", label: "autonomy:claimed" }],
      check: (r) => [r.issues[0]?.labels.at(-1), r.issues[0]?.label_events.at(-1), r.issues[0]?.updated_at],
      expected: [
        { name: "autonomy:claimed", added_by: AGENT.orchestrator, added_at: at },
        { label: "autonomy:claimed", action: "added", actor: AGENT.orchestrator, at },
        at,
      ],
    },
    {
      name: "adding a label already there changes nothing (no event, as on GitHub)",
      actions: [{ type: "add_label", target: ISSUE, reason: "t", label: "area:api" }],
      check: (r) => [r.issues[0]?.labels.length, r.issues[0]?.label_events.length],
      expected: [2, 2],
    },
    {
      name: "remove_label removes it and records the removal",
      actions: [{ type: "remove_label", target: ISSUE, reason: "t", label: "autonomy:ready" }],
      check: (r) => [r.issues[0]?.labels.map((l) => l.name), r.issues[0]?.label_events.at(-1)?.action],
      expected: [["area:api"], "removed"],
    },
    {
      name: "assign / unassign (logins compare case-insensitively)",
      actions: [
        { type: "assign", target: ISSUE, reason: "t", assignee: AGENT.steward },
        { type: "assign", target: ISSUE, reason: "t", assignee: HUMAN },
        { type: "unassign", target: ISSUE, reason: "t", assignee: HUMAN.toUpperCase() },
      ],
      check: (r) => r.issues[0]?.assignees,
      expected: [AGENT.steward],
    },
    {
      name: "a PR label without fetched label events stays without them",
      actions: [{ type: "add_label", target: PR, reason: "t", label: "autonomy:blocked" }],
      check: (r) => [r.pull_requests[0]?.labels.at(-1)?.name, r.pull_requests[0]?.label_events],
      expected: ["autonomy:blocked", undefined],
    },
    {
      name: "request_review and a merge pinned to the head",
      actions: [
        { type: "request_review", target: PR, reason: "t", reviewer: AGENT.qa },
        { type: "merge", target: PR, reason: "t", head_sha: "0".repeat(40), merge_method: "squash" },
      ],
      check: (r) => [r.pull_requests[0]?.requested_reviewers, r.pull_requests[0]?.auto_merge_enabled],
      expected: [[AGENT.qa], undefined],
    },
    {
      name: "a stop disarms auto-merge and the queue",
      actions: [{ type: "stop_merge", target: PR, reason: "t" }],
      check: (r) => [r.pull_requests[0]?.auto_merge_enabled, r.pull_requests[0]?.in_merge_queue],
      expected: [false, false],
    },
    {
      name: "a status on another head changes nothing; on the head it replaces the context's previous one",
      actions: [
        { type: "set_status", target: PR, reason: "t", sha: "0".repeat(40), context: "shiplane", state: "success", description: "d" },
        {
          type: "set_status",
          target: PR,
          reason: "t",
          sha: base().pull_requests[0]?.head_sha ?? "",
          context: "shiplane",
          state: "pending",
          description: "d",
        },
        {
          type: "set_status",
          target: PR,
          reason: "t",
          sha: base().pull_requests[0]?.head_sha ?? "",
          context: "shiplane",
          state: "failure",
          description: "d",
        },
      ],
      check: (r) => r.pull_requests[0]?.checks.filter((c) => c.name === "shiplane").map((c) => [c.status, c.conclusion]),
      expected: [["completed", "failure"]],
    },
    {
      name: "create_label and update_label on the repository",
      actions: [
        { type: "create_label", target: REPO, reason: "t", label: "risk:low", color: "c5def5", description: "Low risk" },
        { type: "update_label", target: REPO, reason: "t", label: "AREA:API", color: "1d76db", description: "new" },
      ],
      check: (r) => r.labels,
      expected: [
        { name: "area:api", color: "1d76db", description: "new" },
        { name: "risk:low", color: "c5def5", description: "Low risk" },
      ],
    },
    {
      name: "comments are not in snapshots; unknown targets are ignored",
      actions: [
        { type: "upsert_comment", target: ISSUE, reason: "t", marker: "m", comment: { kind: "decision" } },
        { type: "add_label", target: { kind: "issue", number: 99 }, reason: "t", label: "x" },
      ],
      check: (r) => r,
      expected: base(),
    },
  ])("$name", ({ actions, check, expected }) => {
    const before = base();
    const after = applyActionsToSnapshot(before, actions, { now: NOW, actor: AGENT.orchestrator });
    expect(check(after)).toEqual(expected);
    expect(before).toEqual(base());
  });

  it("attributes changes to shiplane[bot] unless told", () => {
    const after = applyActionsToSnapshot(base(), [{ type: "add_label", target: ISSUE, reason: "t", label: "x" }], { now: NOW });
    expect(after.issues[0]?.label_events.at(-1)?.actor).toBe("shiplane[bot]");
  });
});
