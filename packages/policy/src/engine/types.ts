import type { JsonValue } from "../snapshot/types.js";

/**
 * Verdicts, least to most restrictive: "most restrictive wins" is a max
 * over this order.
 */
export const VERDICTS = ["merge", "wait", "needs-human", "blocked"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Outcomes of one rule, requirement, guardrail or condition (the decision schema lists the same). */
export const RULE_STATUSES = ["met", "pending", "failed", "unknown", "skipped"] as const;
/** Outcome of one rule, requirement, guardrail or condition. */
export type RuleStatus = (typeof RULE_STATUSES)[number];

/**
 * One node of the evaluation tree: what was checked, what was seen, and
 * what came of it. Built while evaluating, never reconstructed afterwards.
 */
export interface TraceNode {
  /** Stable code: a lane's, a condition's, or a rule's from the decision table (engine/rules.ts). */
  code: string;
  status: RuleStatus;
  /** One sentence a person can read. */
  message: string;
  /** The values looked at (reviews, checks, counts, paths…). */
  evidence?: Record<string, JsonValue>;
  children?: TraceNode[];
}

export type SubjectRef = { kind: "pull_request"; number: number } | { kind: "issue"; number: number } | { kind: "repository" };

interface ActionBase {
  target: SubjectRef;
  /** Code of the rule that wants this action. */
  reason: string;
}

/** A change on GitHub that brings it in line with the decision. Applying is idempotent. */
export type Action =
  | (ActionBase & { type: "add_label"; label: string })
  | (ActionBase & { type: "remove_label"; label: string })
  | (ActionBase & { type: "request_review"; reviewer: string })
  | (ActionBase & { type: "assign"; assignee: string })
  | (ActionBase & { type: "unassign"; assignee: string })
  /** Create or update, in place, the comment carrying `marker` (a hidden HTML comment); `renderActions` writes its body. */
  | (ActionBase & { type: "upsert_comment"; marker: string; comment: CommentContent })
  /**
   * The commit status that holds GitHub to the decision: on `sha`, context
   * `context` (the policy's `status.context`). A branch rule requiring it
   * keeps GitHub from merging any head Shiplane has not judged.
   */
  | (ActionBase & {
      type: "set_status";
      sha: string;
      context: string;
      state: StatusState;
      description: string;
      /**
       * When the data the decision rests on was read (the snapshot's
       * `fetched_at`). A status that loosens (failure or pending → success,
       * failure → pending) replaces only one posted before this time: a run
       * that read older data cannot undo a stricter status a newer run posted.
       * Absent when the snapshot does not say: then it never loosens one.
       */
      as_of?: string;
    })
  /**
   * Merge the PR at `head_sha` as soon as GitHub allows: directly, through
   * auto-merge or through the merge queue, whichever GitHub's merge state
   * calls for when it is applied; never any other head.
   */
  | (ActionBase & { type: "merge"; head_sha: string; merge_method: MergeMethod })
  /** Stop any automatic merge of the PR: auto-merge off, and out of the merge queue. */
  | (ActionBase & { type: "stop_merge" })
  | (ActionBase & { type: "create_label"; label: string; color: string; description: string })
  | (ActionBase & { type: "update_label"; label: string; color: string; description: string });

export type ActionType = Action["type"];

/**
 * What a comment says, as data: the markdown is written at the edge by
 * `renderActions` / `renderComment` (report/comments.ts), just before a
 * comment is posted or printed.
 */
export type CommentContent =
  /** The sticky decision comment: the pull request decision whose actions carry it. */
  | { kind: "decision" }
  /** The work order posted with a claim. */
  | {
      kind: "work_order";
      issue: number;
      agent: string;
      login: string;
      area: string;
      branch: string;
      /** The lane a PR for the issue would most likely land in, and why. */
      lane: { id: string; reason: string };
      /** The reviewer agent it will be routed to, if any. */
      reviewer: { id: string; login: string } | null;
      guardrails: { max_changed_files?: number; max_changed_lines?: number; forbidden_paths: string[] };
    }
  /** A stale claim released back into the queue (or, at `max_releases`, blocked: `blocked_label` is set). */
  | {
      kind: "claim_released";
      holder: string;
      since: string;
      timeout: string;
      claimed_label: string;
      cooldown: string;
      releases: number;
      max_releases: number;
      blocked_label?: string;
    }
  /** An issue whose claims went stale too often: blocked for a person to triage. */
  | { kind: "released_too_often"; releases: number; max_releases: number; blocked_label: string }
  /** A ready issue with no or several area labels. */
  | { kind: "triage"; ready_label: string; areas: string[]; area_labels: string[] };

/** An action ready to apply: a comment carries its rendered markdown `body` instead of its content. */
export type RenderedAction =
  Exclude<Action, { type: "upsert_comment" }> | (Omit<Extract<Action, { type: "upsert_comment" }>, "comment"> & { body: string });

/** How a lane's PRs are merged (ignored on a branch with a merge queue: the queue decides). */
export const MERGE_METHODS = ["merge", "squash", "rebase"] as const;
export type MergeMethod = (typeof MERGE_METHODS)[number];

/** The commit status states Shiplane posts: success (may merge), pending (wait or needs a human), failure (blocked). */
export const STATUS_STATES = ["success", "pending", "failure"] as const;
export type StatusState = (typeof STATUS_STATES)[number];

/** A reason behind the verdict, with the verdict it calls for. */
export interface Reason {
  code: string;
  verdict: Verdict;
  message: string;
}

export interface ValidationLaneResult {
  id: string;
  status: "required" | "advisory" | "quarantined";
  /** Whether the lane applies to this PR's paths. */
  applies: boolean;
  result: RuleStatus;
  checks: Array<{ name: string; state: "success" | "pending" | "failed" | "missing"; conclusion?: string | null; app?: string }>;
  message: string;
}

export interface AreaHit {
  id: string;
  /** Where the area came from. */
  from: Array<"label" | "path">;
  paths: string[];
}

export interface Decision {
  kind: "pull_request";
  subject: { repository: string; number: number; head_sha: string; title: string; author: string };
  policy: string;
  /** The time the decision was taken for (the `now` argument). */
  evaluated_at: string;
  lane: { id: string; reason: string; default: boolean };
  verdict: Verdict;
  /** One sentence: the verdict and its main reason. */
  summary: string;
  /** Every reason that pushed the verdict away from `merge`, most restrictive first. */
  reasons: Reason[];
  requirements: TraceNode[];
  guardrails: TraceNode[];
  never_automate: TraceNode[];
  validation: ValidationLaneResult[];
  size: { measured: string; declared: string | null; changed_lines: number; counted_lines: number };
  areas: AreaHit[];
  actions: Action[];
  trace: TraceNode[];
}

/** What `classifyPullRequest` answers: the lane's id, and whether it is the policy's default lane. */
export interface LaneClassification {
  lane: string;
  default: boolean;
}

export interface EvaluateOptions {
  /** The time to judge at (ISO string or Date). The engine never reads the clock. */
  now: string | Date;
  /**
   * `false`: leave the evaluation tree out (`trace` is empty) and explain only
   * the lane the PR is in, for callers that read the verdict, reasons and
   * actions of many PRs (a tick, a backtest). Everything else in the decision
   * is the same. Default `true`: the trace is built the first time it is
   * read (a decision only judged never builds it).
   */
  trace?: boolean;
}
