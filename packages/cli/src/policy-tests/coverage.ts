import type { Condition, Decision, LaneRequirements, PolicyDocument } from "@shiplane/policy";

/** One rule of a policy that test cases should exercise, and how to tell that one did. */
interface Item {
  id: string;
  hit(decision: Decision): boolean;
}

export interface Coverage {
  policy: string;
  total: number;
  covered: number;
  /** Ids of rules no case exercised, in policy order. */
  missing: string[];
}

const NOT_MET = new Set(["pending", "failed", "unknown"]);

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

/**
 * Requirement codes a lane's `requires` produces. A labels requirement the
 * lane's own `when` already demands can never fail in that lane, so no case
 * could exercise it: it is not counted.
 */
function requirementCodes(requires: LaneRequirements, when?: Condition): string[] {
  const codes: string[] = [];
  const implied = impliedLabels(when);
  if (requires.labels && requires.labels.some((label) => !implied.has(label))) codes.push("requirement/labels");
  if (requires.agent_approvals) codes.push("requirement/agent-approvals");
  if (requires.human_approvals) codes.push("requirement/human-approvals");
  if (requires.validation === "required") codes.push("requirement/validation");
  if (requires.deployment) codes.push("requirement/deployment");
  if (requires.evidence) codes.push("requirement/evidence");
  return codes;
}

/**
 * What "exercised" means: a lane was chosen; a lane's requirement was seen
 * unmet in that lane (so a case shows it gates); a guardrail or
 * never-automate rule fired; a validation lane applied and was not green;
 * a change to the policy's own paths was caught.
 */
export function coverageItems(document: PolicyDocument): Item[] {
  const items: Item[] = [];
  const lanes: Array<{ id: string; requires: LaneRequirements; when?: Condition }> = [
    ...document.lanes,
    { id: document.default_lane.id, requires: document.default_lane.requires },
  ];
  for (const lane of lanes) {
    items.push({ id: `lane/${lane.id}`, hit: (d) => d.lane.id === lane.id });
    for (const code of requirementCodes(lane.requires, lane.when)) {
      items.push({
        id: `lane/${lane.id}/${code}`,
        hit: (d) => d.lane.id === lane.id && d.requirements.some((r) => r.code === code && NOT_MET.has(r.status)),
      });
    }
  }
  const g = document.guardrails;
  const guardrails = [
    ["guardrail/max-files", g.max_changed_files !== undefined],
    ["guardrail/max-lines", g.max_changed_lines !== undefined],
    ["guardrail/forbidden-paths", (g.forbidden_paths ?? []).length > 0],
  ] as const;
  for (const [code, defined] of guardrails)
    if (defined) items.push({ id: code, hit: (d) => d.guardrails.some((n) => n.code === code && n.status === "failed") });
  for (const rule of document.never_automate) {
    const code = `never-automate/${rule.id}`;
    items.push({ id: code, hit: (d) => d.never_automate.some((n) => n.code === code && n.status === "failed") });
  }
  for (const lane of document.validation.lanes) {
    items.push({
      id: `validation/${lane.id}`,
      hit: (d) => d.validation.some((v) => v.id === lane.id && v.applies && NOT_MET.has(v.result)),
    });
  }
  if ((document.policy_paths ?? []).length > 0)
    items.push({ id: "policy/self-change", hit: (d) => d.reasons.some((r) => r.code === "policy/self-change") });
  return items;
}

export function measureCoverage(policy: string, document: PolicyDocument, decisions: readonly Decision[]): Coverage {
  const items = coverageItems(document);
  const missing = items.filter((item) => !decisions.some((d) => item.hit(d))).map((item) => item.id);
  return { policy, total: items.length, covered: items.length - missing.length, missing };
}
