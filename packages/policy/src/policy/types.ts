import type { Condition } from "../conditions/registry.js";

/**
 * The policy document as written in YAML (after schema validation).
 * `schema/policy.schema.json` is generated from `policy/schema.ts`, which
 * must describe exactly this shape.
 */

/** A duration such as `30m`, `4h`, `2d`, `1w`. */
export type Duration = string;

export type Cardinality = "exactly-one" | "at-most-one" | "any";

export interface LabelDefinition {
  name: string;
  /** Six hex digits, no `#`. */
  color: string;
  description?: string;
}

export interface LabelGroup {
  id: string;
  description?: string;
  /** How many labels of this group a PR or issue may carry; one value for both, or one each. */
  cardinality: Cardinality | { pull_request: Cardinality; issue: Cardinality };
  labels: LabelDefinition[];
}

export interface SizeBucket {
  /** Short id used by `size` conditions: xs, s, m, l. */
  id: string;
  label: string;
  /** Inclusive upper bound of changed lines; the last bucket has none. */
  max_lines?: number;
}

export interface SizePolicy {
  /** Paths whose lines do not count towards size (lock files, generated code). */
  exclude?: string[];
  buckets: SizeBucket[];
  /** relabel: fix the label as an action; block: also block until fixed; report: only say so. */
  on_mismatch: "relabel" | "block" | "report";
}

export interface AreaDefinition {
  id: string;
  label: string;
  paths: string[];
  /** Agent id that owns the area (dispatch target). */
  owner: string;
  /** Agent ids that review the area, in order of preference. */
  reviewers?: string[];
  description?: string;
}

export interface AgentDefinition {
  id: string;
  /** GitHub logins this agent acts as. */
  logins: string[];
  roles?: string[];
  /** Open claims + open PRs this agent may hold at once. */
  wip_limit?: number;
  description?: string;
}

export interface HumanRoster {
  logins?: string[];
  /** `org/team-slug` */
  teams?: string[];
}

// The condition vocabulary: each kind's type lives with the kind (conditions/<kind>.ts), assembled in conditions/registry.ts.
export type { Condition, ConditionValues } from "../conditions/registry.js";
export type { LabelsCondition } from "../conditions/labels.js";
export type { FilesCondition } from "../conditions/files.js";
export type { NumberComparison } from "../conditions/numbers.js";
export type { AreasCondition } from "../conditions/areas.js";
export type { AuthorCondition } from "../conditions/author.js";
export type { TextCondition } from "../conditions/text.js";

export interface EvidenceRequirement {
  /** A markdown heading whose section must be non-empty, e.g. "Verification". */
  body_section: string;
  /** Minimum characters of content in that section (default 1). */
  min_length?: number;
}

export interface LaneRequirements {
  /** Approvals by distinct roster agents other than the author, on the head SHA. */
  agent_approvals?: number;
  /** Approvals on the head SHA by logins or teams listed as humans. */
  human_approvals?: number;
  /** Approvals on the head SHA by code owners: of every changed file, or of some file in every touched area. */
  code_owner_approvals?: "files" | "areas";
  /** `required`: every applicable required validation lane green. */
  validation?: "required" | "none";
  /** An environment with a successful deployment of the head SHA. */
  deployment?: string;
  /** Only deployments created (and set to success) by this login or app count. */
  deployment_creator?: string;
  evidence?: EvidenceRequirement;
  /** Labels the PR must carry (provenance rules apply). */
  labels?: string[];
}

export interface LaneDefinition {
  id: string;
  description?: string;
  /** Seed section this lane encodes, for humans. */
  when: Condition;
  requires: LaneRequirements;
  /** auto: Shiplane merges when everything is met; manual: a human merges. */
  merge: "auto" | "manual";
  /** How the lane's PRs are merged (default squash; a merge queue uses its own). */
  merge_method?: "merge" | "squash" | "rebase";
}

export interface DefaultLaneDefinition {
  id: string;
  description?: string;
  requires: LaneRequirements;
  merge: "auto" | "manual";
  merge_method?: "merge" | "squash" | "rebase";
}

export interface GuardrailPolicy {
  /** agents: PRs whose author is not a listed human; everyone: all PRs. */
  applies_to: "agents" | "everyone";
  max_changed_files?: number;
  max_changed_lines?: number;
  forbidden_paths?: string[];
}

export interface NeverAutomateRule {
  id: string;
  description: string;
  when: Condition;
}

export type ValidationStatus = "required" | "advisory" | "quarantined";

export interface CheckSelector {
  name: string;
  /** Only a check run reported by this app counts (never a commit status, whoever created it). */
  app?: string;
  /** Only a commit status created by this login counts. */
  creator?: string;
}

export interface ValidationLaneDefinition {
  id: string;
  description?: string;
  /** Check names (or selectors) that make up this lane. */
  checks: Array<string | CheckSelector>;
  /** The lane applies to a PR touching any of these paths (default: all). */
  paths?: string[];
  status: ValidationStatus;
  quarantine?: { reason: string; until: string };
}

export interface ValidationPolicy {
  /** Id of the lane that is the repo-wide source of truth (scripts/test.sh). */
  authoritative: string;
  /** How long a required check may be missing before the PR is blocked. */
  missing_grace: Duration;
  /** How long a required check may stay pending before the PR is blocked. */
  pending_timeout: Duration;
  lanes: ValidationLaneDefinition[];
}

export interface LabelProvenanceRule {
  label: string;
  /** Agent ids or logins trusted to add it, besides listed humans. */
  trusted?: string[];
  /** Whether the hand that added it may also be the PR's approving reviewer (default: no). */
  may_also_approve?: boolean;
}

export interface PriorityPolicy {
  /** Weight per label name; higher is dispatched first. */
  labels?: Record<string, number>;
}

export interface ControlLoopPolicy {
  schedule: string;
  dispatch: {
    ready_label: string;
    claimed_label: string;
    blocked_label: string;
    /** Label added when an issue has no or several area labels. */
    triage_label?: string;
    default_wip_limit: number;
    priority?: PriorityPolicy;
    branch_prefix?: string;
  };
  stale_claim: {
    timeout: Duration;
    /** How long a released issue waits before it is dispatched again (default 1h). */
    cooldown?: Duration;
    /** After this many releases the issue gets the blocked label and a triage comment (default 3). */
    max_releases?: number;
  };
  review: {
    /** Request the mapped reviewer as a GitHub review. */
    request_reviews: boolean;
    /** Also assign the PR to the reviewer, following the work order. */
    assign: boolean;
  };
}

export interface ProtectionPolicy {
  branch: string;
  require_pull_request: boolean;
  required_approvals: number;
  /** Required checks = the required validation lanes' checks. */
  require_validation_checks: boolean;
  block_force_pushes: boolean;
  allow_auto_merge: boolean;
  /** Required checks include Shiplane's own status (`status.context`); default true. */
  require_status?: boolean;
}

export interface PolicyDocument {
  version: 1;
  name: string;
  description?: string;
  /** Paths of the policy itself: a PR touching them is always human-gated. */
  policy_paths?: string[];
  /** How path globs match (see `paths.ignore_case`). */
  paths?: { ignore_case?: "stricter" | "always" | "never" };
  labels: { groups: LabelGroup[]; provenance?: LabelProvenanceRule[] };
  size: SizePolicy;
  areas: AreaDefinition[];
  agents: AgentDefinition[];
  humans: HumanRoster;
  lanes: LaneDefinition[];
  default_lane: DefaultLaneDefinition;
  guardrails: GuardrailPolicy;
  never_automate: NeverAutomateRule[];
  validation: ValidationPolicy;
  control_loop?: ControlLoopPolicy;
  protections?: ProtectionPolicy;
  comment?: { marker?: string };
  /** The commit status Shiplane posts on every judged head. */
  status?: { context?: string };
}
