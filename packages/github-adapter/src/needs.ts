import { policyNeedsCodeOwners, type CompiledPolicy, type PolicyDocument } from "@shiplane/policy";

/** What a snapshot must contain for a policy; anything else is not fetched. */
export interface FetchNeeds {
  /** Deployments of the head SHA (some lane requires a deployment). */
  deployments: boolean;
  /**
   * Label events on pull requests. Always: every policy has restrictive
   * labels (the blocked label at least) whose removal by an untrusted hand
   * the engine must see, and permissive ones under provenance rules. Issues
   * always get theirs too: claims need them.
   */
  labelEvents: boolean;
  /** The base branch's CODEOWNERS (some lane requires code owners' approvals). Absent: not fetched. */
  codeOwners?: boolean;
  /**
   * The PR's commits with their authors, co-authors and committers (some lane
   * counts approvals: a reviewer who wrote the change is not independent).
   * In repository pages too: 100 commits of 20 PRs cost a page about 20
   * points more (GITHUB-FACTS 10), and keep a tick within its requests.
   * Absent: not fetched.
   */
  headCommits?: boolean;
}

/** Without a policy, fetch everything: missing data could only make the engine stricter. */
export const ALL_NEEDS: FetchNeeds = { deployments: true, labelEvents: true, codeOwners: true, headCommits: true };

/** Reads which optional data the policy's lanes and label rules depend on. */
export function needsFromPolicy(policy: CompiledPolicy | PolicyDocument): FetchNeeds {
  const document = "document" in policy ? policy.document : policy;
  const lanes = [...document.lanes.map((lane) => lane.requires), document.default_lane.requires];
  const codeOwners = policyNeedsCodeOwners(document);
  const headCommits = lanes.some(
    (requires) => (requires.agent_approvals ?? 0) > 0 || (requires.human_approvals ?? 0) > 0 || requires.code_owner_approvals !== undefined,
  );
  return {
    deployments: lanes.some((requires) => typeof requires.deployment === "string" && requires.deployment !== ""),
    labelEvents: true,
    // Only when asked for: a policy without code owners sends the same request as before.
    ...(codeOwners ? { codeOwners } : {}),
    ...(headCommits ? { headCommits } : {}),
  };
}

/** The variables that switch a PR document's optional parts on and off (`@include(if: …)`). */
export const needsVariables = (needs: FetchNeeds) => ({
  labelEvents: needs.labelEvents,
  deployments: needs.deployments,
  codeOwners: needs.codeOwners === true,
  headCommits: needs.headCommits === true,
});
