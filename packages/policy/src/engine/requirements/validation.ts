import type { CheckResult } from "../../snapshot/types.js";
import type { CheckSelector } from "../../policy/types.js";
import { formatSpan } from "../../util/duration.js";
import { byRank, instant, latest as latestRun } from "../../util/time.js";
import { sameIdentity } from "../../policy/roster.js";
import type { CompiledValidationLane } from "../compile.js";
import type { PrFacts } from "../facts.js";
import type { ValidationLaneResult } from "../types.js";
import { mostRestrictive } from "../verdict.js";
import { codePattern, defineRule, rule, type RuleResult } from "../rule.js";

const PASSING = new Set(["success", "neutral", "skipped"]);

type CheckState = ValidationLaneResult["checks"][number];

/** A failed run outweighs a pending one, which outweighs a passing one, when time cannot tell them apart. */
export const runRisk = (check: CheckResult): number =>
  check.status !== "completed" ? 1 : check.conclusion !== null && PASSING.has(check.conclusion) ? 0 : 2;

/**
 * Whether a report can stand for the selected check. An `app` pin takes only
 * check runs from that app: a commit status names its creator, a login
 * anyone with `statuses: write` can post under, never an app (GITHUB-FACTS.md
 * 13). A `creator` pin takes only commit statuses that login created.
 */
export function fromPinnedSource(selector: CheckSelector, check: CheckResult): boolean {
  if (selector.app === undefined && selector.creator === undefined) return true;
  const by = check.app;
  if (by === undefined) return false;
  if (selector.app !== undefined && check.source === "check_run" && sameIdentity(by, selector.app)) return true;
  return selector.creator !== undefined && check.source === "status" && sameIdentity(by, selector.creator);
}

function pinText(selector: CheckSelector): string {
  return [
    ...(selector.app !== undefined ? [`a check run from ${selector.app}`] : []),
    ...(selector.creator !== undefined ? [`a status from ${selector.creator}`] : []),
  ].join(" or ");
}

/**
 * The latest run of a selected check on the head SHA, by instant; a tie, or
 * a run without a readable time, goes to the worse run (an untimed failure
 * is not older than a timed success). Reports from another source do not count.
 */
function checkState(selector: CheckSelector, checks: readonly CheckResult[], headSha: string): CheckState {
  const pinned = selector.app !== undefined || selector.creator !== undefined;
  // Usually every report is on the head and from the pinned source: then the list is read as it is.
  let named = checks;
  let fromApp = checks;
  for (const c of checks)
    if (!onHead(c, headSha) || (pinned && !fromPinnedSource(selector, c))) {
      named = checks.filter((d) => onHead(d, headSha));
      fromApp = pinned ? named.filter((d) => fromPinnedSource(selector, d)) : named;
      break;
    }
  if (fromApp.length === 0) {
    const state: CheckState = { name: selector.name, state: "missing" };
    if (named.length > 0)
      state.app = `only from ${[...new Set(named.map((c) => `${c.source === "status" ? "status by " : ""}${c.app ?? "unknown app"}`))].join(", ")}, expected ${pinText(selector)}`;
    return state;
  }
  const latest = latestRun(fromApp, runTime, RISKIER_RUN) as CheckResult;
  const base: CheckState = { name: selector.name, state: "pending", conclusion: latest.conclusion };
  if (latest.app !== undefined) base.app = latest.app;
  if (latest.status !== "completed") return base;
  base.state = latest.conclusion !== null && PASSING.has(latest.conclusion) ? "success" : "failed";
  return base;
}

const onHead = (check: CheckResult, headSha: string): boolean => check.sha === undefined || check.sha === headSha;
const runTime = (check: CheckResult) => check.completed_at ?? check.started_at;
const RISKIER_RUN = byRank(runRisk);

export const VALIDATION = "requirement/validation";
export const VALIDATION_LANE = codePattern("validation/<lane>");

export type ValidationEvidence = { lanes: string[]; head_sha: string };
export type ValidationLaneEvidence = { checks: string[] };

/** Every validation lane's state on the head SHA, whether it gates this PR or not (a fact: see `PrFacts.validation`). */
export function validationLanes(facts: PrFacts): ValidationLaneResult[] {
  return facts.internals.validation.map((lane) => laneResult(lane, facts));
}

/**
 * The validation truth contract: every required lane that applies to the
 * PR's paths must be green on the head SHA. Pending → wait; failed →
 * blocked; missing → wait, blocked after the grace period; stuck pending →
 * blocked after the timeout. Advisory lanes are reported only; quarantined
 * lanes are ignored until their expiry, then count as required again.
 */
function validationRequirement(facts: PrFacts): RuleResult<ValidationEvidence> {
  const { pr, internals, now } = facts;
  const children: RuleResult[] = [];
  const lanes: string[] = [];
  const since = instant(pr.head_pushed_at ?? pr.created_at);
  const age = since !== undefined ? now - since : Number.POSITIVE_INFINITY;
  const results = facts.validation;
  internals.validation.forEach((lane, i) => {
    const result = results[i] as ValidationLaneResult;
    if (!result.applies || effectiveStatus(lane, now) !== "required") return;
    children.push(laneRule(result, lane, age, facts));
    lanes.push(result.id);
  });
  const nodes = children.map((c) => c.node);
  const evidence: ValidationEvidence = { lanes, head_sha: pr.head_sha };
  if (children.length === 0)
    return rule(VALIDATION, "failed", "blocked", "no required validation lane applies to this PR: nothing proves it works", evidence);
  const notMet = children.filter((c) => c.node.status !== "met");
  if (notMet.length === 0) return rule(VALIDATION, "met", "merge", `required validation green: ${lanes.join(", ")}`, evidence, nodes);
  const verdict = mostRestrictive(...children.map((c) => c.verdict));
  return {
    ...rule(VALIDATION, verdict === "wait" ? "pending" : "failed", verdict, notMet.map((c) => c.node.message).join("; "), evidence, nodes),
    verdict,
  };
}

export const validationRule = defineRule<ValidationEvidence>({
  code: VALIDATION,
  section: "requirement",
  summary: "Every required validation lane that applies to the PR's paths is green on the head SHA.",
  verdicts: ["wait", "blocked"],
  coverage: "lane",
  appliesTo: (lane) => lane.requires.validation === "required",
  evaluate: ({ facts }) => validationRequirement(facts),
  remedy(node, decision) {
    const notGreen = decision.validation.filter((v) => v.applies && v.status === "required" && v.result !== "met");
    const checks = notGreen.flatMap((v) => v.checks.filter((c) => c.state !== "success").map((c) => `${c.name} (${c.state})`));
    return checks.length > 0
      ? `needs these required checks green on head ${decision.subject.head_sha.slice(0, 7)}: ${checks.join(", ")}`
      : node.message;
  },
});

const NOT_MET = new Set(["pending", "failed", "unknown"]);

/** One validation lane, evaluated inside requirement/validation: its node is a child of that requirement's. */
export const validationLaneRule = defineRule<ValidationLaneEvidence>({
  code: VALIDATION_LANE,
  within: VALIDATION,
  section: "requirement",
  summary: "One validation lane: its checks on the head SHA (missing past the grace period or pending past the timeout blocks).",
  verdicts: ["wait", "blocked"],
  instances: (policy) => policy.validation.lanes.map((lane) => VALIDATION_LANE.of(lane.id)),
  // Exercised when a case saw the lane apply and not be green, whether or not it gated that case's lane.
  exercised: (decision, code) => decision.validation.some((v) => VALIDATION_LANE.of(v.id) === code && v.applies && NOT_MET.has(v.result)),
  evaluate: () => undefined,
  remedy: (node) => node.message,
});

function effectiveStatus(lane: CompiledValidationLane, now: number): "required" | "advisory" {
  const { definition } = lane;
  if (definition.status === "advisory") return "advisory";
  // An expired or unreadable quarantine gates again: fail closed.
  if (definition.status === "quarantined")
    return Number.isFinite(lane.quarantineUntil) && now < lane.quarantineUntil ? "advisory" : "required";
  return "required";
}

function laneResult(lane: CompiledValidationLane, facts: PrFacts): ValidationLaneResult {
  const { definition } = lane;
  const scope = lane.applies;
  // A lane in scope gates more: either end of a rename, an unknown origin or another case brings it in.
  const applies = scope === undefined || facts.anyRisky(scope);
  const checks = lane.checks.map((selector) => checkState(selector, facts.checksNamed(selector.name), facts.pr.head_sha));
  let failed = 0;
  let missing = 0;
  let pending = 0;
  for (const c of checks) {
    if (c.state === "failed") failed++;
    else if (c.state === "missing") missing++;
    else if (c.state === "pending") pending++;
  }
  const result = failed > 0 ? "failed" : missing > 0 ? "unknown" : pending > 0 ? "pending" : "met";
  const message = !applies ? lane.messages.notApplying : result === "met" ? lane.messages.green : notGreen(definition, checks);
  return { id: definition.id, status: definition.status, applies, result: applies ? result : "skipped", checks, message };
}

/** What keeps a lane from green, by state: `api: failed unit; missing e2e (github-actions)` and its quarantine. */
function notGreen(definition: CompiledValidationLane["definition"], checks: readonly CheckState[]): string {
  const parts: string[] = [];
  const add = (state: CheckState["state"], name: (c: CheckState) => string) => {
    const hits = checks.filter((c) => c.state === state);
    if (hits.length > 0) parts.push(`${state} ${hits.map(name).join(", ")}`);
  };
  add("failed", (c) => c.name);
  add("missing", (c) => c.name + (c.app ? ` (${c.app})` : ""));
  add("pending", (c) => c.name);
  const quarantine = definition.quarantine ? ` (quarantined until ${definition.quarantine.until}: ${definition.quarantine.reason})` : "";
  return `${definition.id}: ${parts.join("; ")}${quarantine}`;
}

function laneRule(
  result: ValidationLaneResult,
  lane: CompiledValidationLane,
  age: number,
  facts: PrFacts,
): RuleResult<ValidationLaneEvidence> {
  const code = VALIDATION_LANE.of(result.id);
  const evidence: ValidationLaneEvidence = {
    checks: result.checks.map((c) => `${c.name}: ${c.state}${c.conclusion ? ` (${c.conclusion})` : ""}`),
  };
  const { missingGraceMs, pendingTimeoutMs } = facts.internals;
  switch (result.result) {
    case "met":
      return rule(code, "met", "merge", result.message, evidence);
    case "failed":
      return rule(code, "failed", "blocked", result.message, evidence);
    case "unknown":
      return age > missingGraceMs
        ? rule(
            code,
            "failed",
            "blocked",
            `${result.message}, still missing ${formatSpan(age)} after the head was pushed (grace ${formatSpan(missingGraceMs)})`,
            evidence,
          )
        : rule(code, "pending", "wait", `${result.message} (within the ${formatSpan(missingGraceMs)} grace period)`, evidence);
    default: {
      const stuck = stuckFor(lane, facts);
      return stuck > pendingTimeoutMs
        ? rule(
            code,
            "failed",
            "blocked",
            `${result.message}, pending for ${formatSpan(stuck)} (timeout ${formatSpan(pendingTimeoutMs)})`,
            evidence,
          )
        : rule(code, "pending", "wait", result.message, evidence);
    }
  }
}

/** How long the oldest pending selected check has been running (0 when unknown start). */
function stuckFor(lane: CompiledValidationLane, facts: PrFacts): number {
  let longest = 0;
  for (const selector of lane.checks) {
    for (const check of facts.checksNamed(selector.name)) {
      if (check.status === "completed") continue;
      const started = instant(check.started_at ?? facts.pr.head_pushed_at ?? facts.pr.created_at);
      // A pending run whose start cannot be read has been pending for all anyone knows.
      longest = Math.max(longest, started === undefined ? Number.POSITIVE_INFINITY : facts.now - started);
    }
  }
  return longest;
}
