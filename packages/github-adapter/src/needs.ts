import type { CompiledPolicy, PolicyDocument } from "@shiplane/policy";

/** What a snapshot must contain for a policy; anything else is not fetched. */
export interface FetchNeeds {
  /** Deployments of the head SHA (some lane requires a deployment). */
  deployments: boolean;
  /** Label events on pull requests (label provenance rules exist). Issues always get theirs: claims need them. */
  labelEvents: boolean;
}

/** Without a policy, fetch everything: missing data could only make the engine stricter. */
export const ALL_NEEDS: FetchNeeds = { deployments: true, labelEvents: true };

/** Reads which optional data the policy's lanes and label rules depend on. */
export function needsFromPolicy(policy: CompiledPolicy | PolicyDocument): FetchNeeds {
  const document = "document" in policy ? policy.document : policy;
  const lanes = [...document.lanes.map((lane) => lane.requires), document.default_lane.requires];
  return {
    deployments: lanes.some((requires) => typeof requires.deployment === "string" && requires.deployment !== ""),
    labelEvents: (document.labels.provenance ?? []).length > 0,
  };
}
