import type { Field } from "./payload.js";
import type { EventRepository, EventRouting } from "./types.js";

/** Issue actions that change nothing the control loop reads. */
const NO_EFFECT = new Set(["pinned", "unpinned", "locked", "unlocked", "milestoned", "demilestoned", "typed", "untyped"]);
/** On a PR (the `issues` payload of a pull request), assignees do not matter either. */
const PR_NO_EFFECT = new Set([...NO_EFFECT, "assigned", "unassigned"]);

/** `issues`: the issue, or the PR when the payload's issue is one (`issue.pull_request` is present). */
export function issuesEvent(event: string, action: string | undefined, payload: Field, repository: EventRepository): EventRouting {
  const issue = payload.get("issue");
  const number = issue.get("number").number();
  const isPullRequest = issue.has("pull_request");
  const what = isPullRequest ? `pull request #${number}` : `issue #${number}`;
  if (action === "deleted") return { event, code: "event/deleted", skip: `${what} was deleted: nothing to decide` };
  if (action === "transferred")
    return { event, code: "event/transferred", skip: `${what} moved to another repository: it is judged there` };
  if (action !== undefined && (isPullRequest ? PR_NO_EFFECT : NO_EFFECT).has(action))
    return { event, code: "event/no-effect", skip: `${event} on ${what} changes nothing the policy reads` };
  const state = issue.get("state").optionalString();
  if (action === "closed" || state === "closed") return { event, code: "event/closed", skip: `${what} is closed: nothing to decide` };
  return {
    event,
    repository,
    subjects: [{ kind: isPullRequest ? "pull_request" : "issue", number, repository }],
    shas: [],
    summary: `${event}: ${what}`,
  };
}
