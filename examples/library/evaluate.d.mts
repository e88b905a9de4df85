import type { Decision } from "@shiplane/policy";

/** Decide one pull request snapshot with a policy file, at `now`. */
export function decide(policyPath: string, snapshotPath: string, now: string): Promise<Decision>;
