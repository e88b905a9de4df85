import type { EvidenceRequirement } from "../../policy/types.js";
import { markdownSection } from "../../util/markdown.js";
import type { PrFacts } from "../facts.js";
import type { Condition } from "../../policy/types.js";
import type { Deployment } from "../../snapshot/types.js";
import { sameIdentity } from "../../policy/roster.js";
import { byRank, latest as latestBy } from "../../util/time.js";
import { defineRule, rule, shortSha, type RuleResult } from "../rule.js";

export const LABELS_REQUIRED = "requirement/labels";
export const DEPLOYMENT = "requirement/deployment";
export const EVIDENCE = "requirement/evidence";

export type DeploymentEvidence = {
  environment: string;
  head_sha?: string;
  deployments?: string[];
  /** The pinned creator, and deployments of the head not made by it (ignored). */
  creator?: string;
  not_by_creator?: string[];
};
export type VerificationEvidence = { section: string; length: number; min_length: number };
export type LabelsRequiredEvidence = { wanted: string[]; missing: string[]; untrusted: string[] };

const DEPLOYED = new Set(["success", "active"]);
const DEPLOYING = new Set(["pending", "queued", "in_progress", "waiting"]);

/** A failed deployment outweighs one in progress, which outweighs a success, when time cannot tell them apart. */
const deployRisk = (d: Deployment): number => (DEPLOYED.has(d.state) ? 0 : DEPLOYING.has(d.state) ? 1 : 2);

/**
 * Whether a deployment was made by the pinned hand: its creator, and for a
 * success the creator of that status too (GITHUB-FACTS.md 14: anyone with
 * `deployments: write` creates deployments and statuses). Unknown is not proven.
 */
function byCreator(d: Deployment, creator: string | undefined): boolean {
  if (creator === undefined) return true;
  if (d.creator === undefined || !sameIdentity(d.creator, creator)) return false;
  return !DEPLOYED.has(d.state) || (d.status_creator !== undefined && sameIdentity(d.status_creator, creator));
}

/** A deployment of the head SHA to `environment` (by `creator`, when pinned) whose latest state is success. */
function deploymentRequirement(facts: PrFacts, environment: string, creator?: string): RuleResult<DeploymentEvidence> {
  const { pr } = facts;
  const code = DEPLOYMENT;
  if (pr.deployments === undefined) {
    return rule(
      code,
      "unknown",
      "blocked",
      `deployments were not fetched, so a ${environment} deploy of head ${shortSha(pr.head_sha)} is not proven`,
      { environment },
    );
  }
  const inEnv = pr.deployments.filter((d) => d.environment === environment);
  const toEnv = inEnv.filter((d) => byCreator(d, creator));
  const onHead = toEnv.filter((d) => d.sha === pr.head_sha);
  const latest = latestBy(onHead, (d) => d.created_at, byRank(deployRisk));
  const others = inEnv.filter((d) => !byCreator(d, creator) && d.sha === pr.head_sha);
  const evidence: DeploymentEvidence = {
    environment,
    head_sha: pr.head_sha,
    deployments: onHead.map((d) => `${shortSha(d.sha)}: ${d.state}`),
    ...(creator !== undefined
      ? { creator, not_by_creator: others.map((d) => `${d.state} by ${d.status_creator ?? d.creator ?? "unknown"}`) }
      : {}),
  };
  if (!latest) {
    const newest = latestBy(toEnv, (d) => d.created_at, byRank(deployRisk));
    const other = newest ? `; the latest ${environment} deploy is of ${shortSha(newest.sha)}` : "";
    const ignored = others.length > 0 ? `; not counted, not made by ${creator ?? ""}: ${others.length} deploy(s) of the head` : "";
    return rule(
      code,
      "pending",
      "wait",
      `needs a successful ${environment} deploy of head ${shortSha(pr.head_sha)}${other}${ignored}`,
      evidence,
    );
  }
  if (DEPLOYED.has(latest.state))
    return rule(code, "met", "merge", `${environment} deploy of head ${shortSha(pr.head_sha)} succeeded`, evidence);
  if (DEPLOYING.has(latest.state))
    return rule(
      code,
      "pending",
      "wait",
      `${environment} deploy of head ${shortSha(pr.head_sha)} is ${latest.state.replace("_", " ")}`,
      evidence,
    );
  return rule(code, "failed", "blocked", `${environment} deploy of head ${shortSha(pr.head_sha)} ended ${latest.state}`, evidence);
}

/** Targeted verification evidence: a non-empty section of the PR body. */
function evidenceRequirement(facts: PrFacts, requirement: EvidenceRequirement): RuleResult<VerificationEvidence> {
  const section = markdownSection(facts.pr.body, requirement.body_section);
  const min = requirement.min_length ?? 1;
  const code = EVIDENCE;
  const evidence = { section: requirement.body_section, length: section?.length ?? 0, min_length: min };
  if (section === undefined)
    return rule(code, "failed", "blocked", `the PR body has no "${requirement.body_section}" section with verification evidence`, evidence);
  if (section.length < min)
    return rule(
      code,
      "failed",
      "blocked",
      `the "${requirement.body_section}" section has ${section.length} characters of evidence, needs at least ${min}`,
      evidence,
    );
  return rule(code, "met", "merge", `verification evidence in "${requirement.body_section}" (${section.length} characters)`, evidence);
}

/** Labels the lane needs; labels under provenance rules count only from trusted hands. */
function labelsRequirement(facts: PrFacts, labels: readonly string[]): RuleResult<LabelsRequiredEvidence> {
  const missing = labels.filter((label) => !facts.labels.has(label));
  const untrusted = facts.untrustedLabels.filter((u) => missing.includes(u.label));
  const evidence = { wanted: [...labels], missing, untrusted: untrusted.map((u) => `${u.label}: ${u.why}`) };
  if (missing.length === 0) return rule(LABELS_REQUIRED, "met", "merge", `has ${labels.join(", ")}`, evidence);
  const why = untrusted.length > 0 ? ` (${untrusted.map((u) => `${u.label} does not count: ${u.why}`).join("; ")})` : "";
  return rule(
    LABELS_REQUIRED,
    "failed",
    "blocked",
    `missing label${missing.length === 1 ? "" : "s"} ${missing.join(", ")}${why}`,
    evidence,
  );
}

/** Labels a condition cannot match without (top-level `labels: has/all`, through `all`). */
export function impliedLabels(when: Condition | undefined): Set<string> {
  const out = new Set<string>();
  if (!when) return out;
  if ("all" in when) for (const child of when.all) for (const label of impliedLabels(child)) out.add(label);
  if ("labels" in when) {
    const labels = when.labels;
    if ("has" in labels) out.add(labels.has);
    if ("all" in labels) for (const label of labels.all) out.add(label);
  }
  return out;
}

export const labelsRequiredRule = defineRule<LabelsRequiredEvidence>({
  code: LABELS_REQUIRED,
  section: "requirement",
  summary: "Labels the lane needs; a label under a provenance rule counts only from a trusted hand.",
  verdicts: ["blocked"],
  coverage: "lane",
  appliesTo: (lane) => (lane.requires.labels ?? []).length > 0,
  // A label the lane's own condition demands is never missing in that lane, so no case could show it gating.
  exercisableIn: (lane, policy) => {
    const implied = impliedLabels(policy.lanes.find((l) => l.id === lane.id)?.when);
    return (lane.requires.labels ?? []).some((label) => !implied.has(label));
  },
  evaluate: ({ facts, lane }) => labelsRequirement(facts, lane.requires.labels ?? []),
  remedy: (node) => `${node.message}: a trusted agent or a human must add it`,
});

export const deploymentRule = defineRule<DeploymentEvidence>({
  code: DEPLOYMENT,
  section: "requirement",
  summary: "A deployment of the head SHA to the lane's environment whose latest state is success.",
  verdicts: ["wait", "blocked"],
  coverage: "lane",
  appliesTo: (lane) => Boolean(lane.requires.deployment),
  evaluate: ({ facts, lane }) => deploymentRequirement(facts, lane.requires.deployment ?? "", lane.requires.deployment_creator),
  remedy: (node, decision) =>
    `needs a successful ${node.evidence?.environment ?? "the required environment"} deployment of head ${decision.subject.head_sha.slice(0, 7)}`,
});

export const evidenceRule = defineRule<VerificationEvidence>({
  code: EVIDENCE,
  section: "requirement",
  summary: "Verification evidence: a non-empty section of the PR body, at least as long as the lane asks.",
  verdicts: ["blocked"],
  coverage: "lane",
  appliesTo: (lane) => lane.requires.evidence !== undefined,
  evaluate: ({ facts, lane }) => (lane.requires.evidence ? evidenceRequirement(facts, lane.requires.evidence) : undefined),
  remedy: (node) => `add a "## ${node.evidence?.section ?? "Verification"}" section with the verification evidence to the PR body`,
});
