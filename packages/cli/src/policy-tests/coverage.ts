import { LANE, RULE_KINDS, type Decision, type LaneView, type PolicyDocument, type RuleKind, type RuleSection } from "@shiplane/policy";

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

/** The order coverage lists rule instances in, after the lanes: guardrails, never-automate rules, validation lanes, the rest. */
const SECTION_ORDER: readonly RuleSection[] = ["guardrail", "never-automate", "requirement", "labels", "size", "gate", "data"];

const inReasons = (decision: Decision, code: string) => decision.reasons.some((r) => r.code === code);
const exercised = (kind: RuleKind, decision: Decision, code: string) => kind.exercised?.(decision, code) ?? inReasons(decision, code);

/**
 * What "exercised" means, from the engine's rule table: every lane was
 * chosen; a rule with lane coverage (a lane requirement) was seen holding
 * the PR back in each lane it applies to, so a case shows it gates there;
 * every instance of a rule with instance coverage (a guardrail, each
 * never-automate rule, each validation lane, a change to the policy's own
 * paths) was seen firing.
 */
export function coverageItems(document: PolicyDocument): Item[] {
  const items: Item[] = [];
  const lanes: LaneView[] = [...document.lanes, document.default_lane];
  for (const lane of lanes) {
    items.push({ id: LANE.of(lane.id), hit: (d) => d.lane.id === lane.id });
    for (const kind of RULE_KINDS) {
      if (kind.coverage !== "lane" || !kind.appliesTo(lane, document)) continue;
      if (kind.exercisableIn && !kind.exercisableIn(lane, document)) continue;
      const code = kind.code;
      items.push({ id: `${LANE.of(lane.id)}/${code}`, hit: (d) => d.lane.id === lane.id && exercised(kind, d, code) });
    }
  }
  const instanceKinds = RULE_KINDS.filter((kind) => kind.coverage === "instance");
  for (const section of SECTION_ORDER)
    for (const kind of instanceKinds.filter((k) => k.section === section))
      for (const code of kind.instances(document)) items.push({ id: code, hit: (d) => exercised(kind, d, code) });
  return items;
}

export function measureCoverage(policy: string, document: PolicyDocument, decisions: readonly Decision[]): Coverage {
  const items = coverageItems(document);
  const missing = items.filter((item) => !decisions.some((d) => item.hit(d))).map((item) => item.id);
  return { policy, total: items.length, covered: items.length - missing.length, missing };
}
