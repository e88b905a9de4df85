import type { CheckConclusion, CheckResult } from "@shiplane/policy";
import type { WireCheckContext } from "../wire.js";
import { loginOf } from "./actors.js";

const CHECK_STATUSES = new Set<CheckResult["status"]>(["queued", "in_progress", "pending", "waiting", "requested", "completed"]);
const CONCLUSIONS = new Set<CheckConclusion>([
  "success",
  "failure",
  "neutral",
  "cancelled",
  "skipped",
  "timed_out",
  "action_required",
  "stale",
  "startup_failure",
  "error",
]);

/** A commit status's single state, split into status + conclusion like a check run. */
const STATUS_STATE: Record<string, Pick<CheckResult, "status" | "conclusion">> = {
  SUCCESS: { status: "completed", conclusion: "success" },
  FAILURE: { status: "completed", conclusion: "failure" },
  ERROR: { status: "completed", conclusion: "error" },
  PENDING: { status: "pending", conclusion: null },
  EXPECTED: { status: "pending", conclusion: null },
};

/**
 * One entry of GitHub's status check rollup as a CheckResult. Values GitHub
 * adds later map to "pending" / no conclusion: unknown is never success.
 */
export function checkOf(context: WireCheckContext, sha: string): CheckResult {
  if (context.__typename === "StatusContext") {
    const state = STATUS_STATE[context.state] ?? { status: "pending", conclusion: null };
    const result: CheckResult = { name: context.context, source: "status", ...state, sha, started_at: context.createdAt };
    if (context.creator) result.app = loginOf(context.creator);
    if (context.targetUrl) result.url = context.targetUrl;
    return result;
  }
  const status = context.status.toLowerCase() as CheckResult["status"];
  const conclusion = context.conclusion?.toLowerCase() as CheckConclusion | undefined;
  const known = CHECK_STATUSES.has(status);
  const result: CheckResult = {
    name: context.name,
    source: "check_run",
    status: known ? status : "pending",
    conclusion: known && status === "completed" && conclusion && CONCLUSIONS.has(conclusion) ? conclusion : null,
    sha,
  };
  if (known && status === "completed" && result.conclusion === null) result.status = "pending";
  const app = context.checkSuite?.app?.slug;
  if (app) result.app = app;
  if (context.startedAt) result.started_at = context.startedAt;
  if (context.completedAt) result.completed_at = context.completedAt;
  if (context.detailsUrl) result.url = context.detailsUrl;
  return result;
}
