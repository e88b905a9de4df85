import type { CompiledPolicy } from "../policy/compiled.js";
import type { Problem } from "../policy/problems.js";
import type {
  CheckSelector,
  LaneDefinition,
  LaneRequirements,
  NeverAutomateRule,
  PolicyDocument,
  ValidationLaneDefinition,
} from "../policy/types.js";
import { compileCondition } from "../conditions/registry.js";
import type { CompiledCondition } from "../conditions/types.js";
import { PathClassifier, compilePathPattern, type PathPattern } from "../util/glob.js";
import { parseDuration, toMillis } from "../util/duration.js";
import { compileLabelRules, isGatingLane, type LabelRules } from "./labels.js";
import { labelKey } from "../util/labels.js";
import { compareCodeUnits } from "../util/text.js";
import { DEFAULT_STATUS_CONTEXT } from "./actions.js";
import { NEVER_AUTOMATE } from "./never-automate.js";
import type { MergeMethod } from "./types.js";

export interface CompiledLane {
  id: string;
  requires: LaneRequirements;
  merge: "auto" | "manual";
  /** The lane's `merge_method`; absent: the default (squash). */
  mergeMethod?: MergeMethod;
  /** Absent for the default lane. */
  when?: CompiledCondition;
  definition?: LaneDefinition;
}

export interface CompiledValidationLane {
  definition: ValidationLaneDefinition;
  /** Undefined: applies to every PR. */
  applies?: PathPattern;
  /** When a quarantine ends (NaN when the lane has none or its time is unreadable), parsed once. */
  quarantineUntil: number;
  checks: CheckSelector[];
  /** The lane's messages that never change, built once: green, and not applying. */
  messages: { green: string; notApplying: string };
}

/** Everything evaluation needs, prepared once per policy. */
export interface CompiledInternals {
  document: PolicyDocument;
  lanes: CompiledLane[];
  defaultLane: CompiledLane;
  /** Each rule with its code and the sentence it says when it does not fire, both made once here. */
  neverAutomate: Array<{ rule: NeverAutomateRule; when: CompiledCondition; code: string; not: string }>;
  /** The policy's areas, in id order (the order of `PrFacts.areas`). */
  areas: Array<{ id: string; label: string; match: PathPattern }>;
  sizeExcluded: PathPattern;
  sizeFor(lines: number): { id: string; label: string };
  sizeLabels: ReadonlySet<string>;
  /** `labelKey` of every size label: a PR's labels are compared in any case. */
  sizeLabelKeys: ReadonlySet<string>;
  forbiddenPaths: PathPattern;
  policyPaths: PathPattern;
  validation: CompiledValidationLane[];
  /** Every glob list of the policy, matched against a changed file in one pass (`PrFacts.classifyFiles`). */
  paths: PathClassifier;
  missingGraceMs: number;
  pendingTimeoutMs: number;
  /** label → lowercased agent ids / logins trusted to add it. */
  provenance: ReadonlyMap<string, ReadonlySet<string>>;
  /** Which labels are restrictive or permissive, their spellings and provenance (engine/labels.ts). */
  labelRules: LabelRules;
  blockedLabel: string;
  commentMarker: string;
  /** The commit status context Shiplane posts on every judged head (`status.context`). */
  statusContext: string;
}

const DEFAULT_POLICY_PATHS = ["policies/**", ".github/shiplane.yml", ".github/shiplane.yaml"];
const DEFAULT_MISSING_GRACE = "30m";
const DEFAULT_PENDING_TIMEOUT = "2h";

/**
 * Prepare a validated document for evaluation: globs joined into one matcher
 * each, conditions compiled into functions, lookups indexed. Called by the
 * loader after every check passed.
 */
export function compilePolicy(document: PolicyDocument, source: string, warnings: Problem[] = []): CompiledPolicy {
  const internals = compileInternals(document);
  return { source, document, warnings, internal: internals };
}

export function compileInternals(document: PolicyDocument): CompiledInternals {
  const ignoreCase = document.paths?.ignore_case ?? "stricter";
  // Every glob list goes into one classifier, so each changed path is matched once against all of them.
  const paths = new PathClassifier();
  const pattern = (globs: readonly string[]) => compilePathPattern(globs, ignoreCase, paths);
  const buckets = [...document.size.buckets];
  const last = buckets[buckets.length - 1] ?? { id: "unknown", label: "" };
  return {
    document,
    lanes: document.lanes.map((lane) => ({
      id: lane.id,
      requires: lane.requires,
      merge: lane.merge,
      ...(lane.merge_method ? { mergeMethod: lane.merge_method } : {}),
      when: compileCondition(lane.when, { stricter: isGatingLane(lane), ignoreCase, paths }),
      definition: lane,
    })),
    defaultLane: {
      id: document.default_lane.id,
      requires: document.default_lane.requires,
      merge: document.default_lane.merge,
      ...(document.default_lane.merge_method ? { mergeMethod: document.default_lane.merge_method } : {}),
    },
    neverAutomate: document.never_automate.map((rule) => ({
      rule,
      when: compileCondition(rule.when, { stricter: true, ignoreCase, paths }),
      code: NEVER_AUTOMATE.of(rule.id),
      not: `not ${rule.description.replace(/\.$/, "").toLowerCase()}`,
    })),
    areas: document.areas
      .map((area) => ({ id: area.id, label: area.label, match: pattern(area.paths) }))
      .sort((a, b) => compareCodeUnits(a.id, b.id)),
    sizeExcluded: pattern(document.size.exclude ?? []),
    sizeFor(lines) {
      const bucket = buckets.find((b) => b.max_lines !== undefined && lines <= b.max_lines) ?? last;
      return { id: bucket.id, label: bucket.label };
    },
    sizeLabels: new Set(buckets.map((b) => b.label)),
    sizeLabelKeys: new Set(buckets.map((b) => labelKey(b.label))),
    forbiddenPaths: pattern(document.guardrails.forbidden_paths ?? []),
    policyPaths: pattern(document.policy_paths ?? DEFAULT_POLICY_PATHS),
    validation: document.validation.lanes.map((lane) => {
      const compiled: CompiledValidationLane = {
        definition: lane,
        checks: lane.checks.map((check) => (typeof check === "string" ? { name: check } : check)),
        quarantineUntil: lane.quarantine ? toMillis(lane.quarantine.until) : Number.NaN,
        messages: { green: `${lane.id} green`, notApplying: `${lane.id} does not apply: no changed path in its scope` },
      };
      if (lane.paths) compiled.applies = pattern(lane.paths);
      return compiled;
    }),
    paths,
    missingGraceMs: parseDuration(document.validation.missing_grace ?? DEFAULT_MISSING_GRACE) ?? 0,
    pendingTimeoutMs: parseDuration(document.validation.pending_timeout ?? DEFAULT_PENDING_TIMEOUT) ?? 0,
    provenance: new Map(
      (document.labels.provenance ?? []).map((rule) => [rule.label, new Set((rule.trusted ?? []).map((t) => t.toLowerCase()))]),
    ),
    blockedLabel: document.control_loop?.dispatch.blocked_label ?? "autonomy:blocked",
    labelRules: compileLabelRules(document, document.control_loop?.dispatch.blocked_label ?? "autonomy:blocked"),
    commentMarker: document.comment?.marker ?? "shiplane:decision",
    statusContext: document.status?.context ?? DEFAULT_STATUS_CONTEXT,
  };
}

/** The internals of a policy produced by `compilePolicy` (or compiled now from its document). */
export function internalsOf(policy: CompiledPolicy): CompiledInternals {
  const internal = policy.internal as CompiledInternals | null | undefined;
  if (internal && typeof internal === "object" && "lanes" in internal) return internal;
  let cached = fallback.get(policy.document);
  if (!cached) fallback.set(policy.document, (cached = compileInternals(policy.document)));
  return cached;
}

const fallback = new WeakMap<PolicyDocument, CompiledInternals>();
