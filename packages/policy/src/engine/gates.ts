import { codePattern, defineRule, rule } from "./rule.js";

/*
 * Gates that send a PR to a human whatever its requirements say: a PR that
 * changes the policy judging it, and a lane whose PRs a human merges.
 */

export const SELF_CHANGE = "policy/self-change";
export const MANUAL_MERGE = codePattern("lane/<lane>/manual-merge");

export type SelfChangeEvidence = { files: string[] };

export const selfChangeRule = defineRule<SelfChangeEvidence>({
  code: SELF_CHANGE,
  section: "gate",
  summary: "The PR changes the policy that judges it (policy_paths, old paths of renames included): a human decides.",
  verdicts: ["needs-human"],
  // Counted by coverage when the policy names its own paths (otherwise the defaults apply unseen).
  instances: (policy) => ((policy.policy_paths ?? []).length > 0 ? [SELF_CHANGE] : []),
  evaluate: ({ facts }) =>
    facts.policyFiles.length > 0
      ? rule(
          SELF_CHANGE,
          "pending",
          "needs-human",
          `changes the policy that judges it (${facts.policyFiles.slice(0, 3).join(", ")}): a human decides`,
          { files: facts.policyFiles.slice(0, 10) },
        )
      : undefined,
  remedy: () => "it changes the policy itself: a human reviews and merges it",
});

export const manualMergeRule = defineRule({
  code: MANUAL_MERGE,
  section: "gate",
  summary: "The lane's PRs are merged by a human (merge: manual), never automatically.",
  verdicts: ["needs-human"],
  coverage: "none",
  appliesTo: (lane) => lane.merge === "manual",
  instances: (policy) => [...policy.lanes, policy.default_lane].filter((l) => l.merge === "manual").map((l) => MANUAL_MERGE.of(l.id)),
  evaluate: ({ lane }) =>
    rule(MANUAL_MERGE.of(lane.id), "pending", "needs-human", `lane ${lane.id} is merged by a human, never automatically`),
  remedy: () => "a human merges it once the lane's requirements are met",
});
