import type { EvidenceRequirement } from "../../policy/types.js";
import { markdownSection } from "../../util/markdown.js";
import type { PrFacts } from "../facts.js";
import { rule, shortSha, type RuleResult } from "../rule.js";

const DEPLOYED = new Set(["success", "active"]);
const DEPLOYING = new Set(["pending", "queued", "in_progress", "waiting"]);

/** A deployment of the head SHA to `environment` whose latest state is success. */
export function deploymentRequirement(facts: PrFacts, environment: string): RuleResult {
  const { pr } = facts;
  const code = "requirement/deployment";
  if (pr.deployments === undefined) {
    return rule(
      code,
      "unknown",
      "blocked",
      `deployments were not fetched, so a ${environment} deploy of head ${shortSha(pr.head_sha)} is not proven`,
      { environment },
    );
  }
  const toEnv = pr.deployments.filter((d) => d.environment === environment);
  const onHead = toEnv.filter((d) => d.sha === pr.head_sha).sort((a, b) => a.created_at.localeCompare(b.created_at));
  const latest = onHead[onHead.length - 1];
  const evidence = { environment, head_sha: pr.head_sha, deployments: onHead.map((d) => `${shortSha(d.sha)}: ${d.state}`) };
  if (!latest) {
    const other = toEnv.length > 0 ? `; the latest ${environment} deploy is of ${shortSha(toEnv[toEnv.length - 1]?.sha)}` : "";
    return rule(code, "pending", "wait", `needs a successful ${environment} deploy of head ${shortSha(pr.head_sha)}${other}`, evidence);
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
export function evidenceRequirement(facts: PrFacts, requirement: EvidenceRequirement): RuleResult {
  const section = markdownSection(facts.pr.body, requirement.body_section);
  const min = requirement.min_length ?? 1;
  const code = "requirement/evidence";
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
export function labelsRequirement(facts: PrFacts, labels: readonly string[]): RuleResult {
  const missing = labels.filter((label) => !facts.labels.has(label));
  const untrusted = facts.untrustedLabels.filter((u) => missing.includes(u.label));
  const evidence = { wanted: [...labels], missing, untrusted: untrusted.map((u) => `${u.label}: ${u.why}`) };
  if (missing.length === 0) return rule("requirement/labels", "met", "merge", `has ${labels.join(", ")}`, evidence);
  const why = untrusted.length > 0 ? ` (${untrusted.map((u) => `${u.label} does not count: ${u.why}`).join("; ")})` : "";
  return rule(
    "requirement/labels",
    "failed",
    "blocked",
    `missing label${missing.length === 1 ? "" : "s"} ${missing.join(", ")}${why}`,
    evidence,
  );
}
