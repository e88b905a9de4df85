import { commitSha, type Field } from "./payload.js";
import type { EventRepository, EventRouting } from "./types.js";

/** PR actions that change nothing a decision reads (assignees, locks, milestones, merge-queue and auto-merge toggles, review requests). */
const NO_EFFECT = new Set([
  "assigned",
  "unassigned",
  "locked",
  "unlocked",
  "milestoned",
  "demilestoned",
  "auto_merge_enabled",
  "auto_merge_disabled",
  "enqueued",
  "dequeued",
  "review_requested",
  "review_request_removed",
]);

/** Review-event actions that leave every review's state as it was. */
const REVIEW_NO_EFFECT = new Set(["edited"]);

/** `pull_request`, `pull_request_target`, `pull_request_review`: the PR in the payload, unless closed or the action cannot matter. */
export function pullRequestEvent(
  name: string,
  event: string,
  action: string | undefined,
  payload: Field,
  repository: EventRepository,
): EventRouting {
  const pr = payload.get("pull_request");
  const number = pr.get("number").number();
  const state = pr.get("state").string(/^(open|closed)$/, `"open" or "closed"`);
  const head = pr.get("head").get("sha");
  const headSha = head.value === undefined ? undefined : commitSha(head);
  const noEffect = name === "pull_request_review" ? REVIEW_NO_EFFECT : NO_EFFECT;
  if (action !== undefined && noEffect.has(action))
    return { event, code: "event/no-effect", skip: `${event} on #${number} changes nothing the policy reads` };
  if (state === "closed") {
    const merged = pr.get("merged").optionalBoolean() === true || pr.has("merged_at");
    return merged
      ? { event, code: "event/merged", skip: `#${number} is merged: nothing left to decide` }
      : { event, code: "event/closed", skip: `#${number} is closed: nothing to decide` };
  }
  return {
    event,
    repository,
    subjects: [{ kind: "pull_request", number, repository, ...(headSha !== undefined ? { head_sha: headSha } : {}) }],
    shas: [],
    summary: `${event}: pull request #${number}`,
  };
}
