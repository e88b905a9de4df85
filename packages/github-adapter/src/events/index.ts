import { checkEvent, deploymentStatusEvent, statusEvent } from "./checks.js";
import { issuesEvent } from "./issues.js";
import { mergeGroupEvent } from "./merge-group.js";
import { actionOf, Field, PayloadError, repositoryOf } from "./payload.js";
import { pullRequestEvent } from "./pull-request.js";
import type { EventRouting } from "./types.js";

/** Events that can change a decision, and what each concerns. */
export const GOVERNED_EVENTS = [
  "pull_request",
  "pull_request_target",
  "pull_request_review",
  "check_run",
  "check_suite",
  "workflow_run",
  "status",
  "deployment_status",
  "merge_group",
  "issues",
] as const;

/** Events about a PR that never change its decision: comments do not count as reviews or evidence. */
const COMMENT_EVENTS = new Set(["pull_request_review_comment", "pull_request_review_thread", "issue_comment"]);

function route(name: string, payload: Field): EventRouting {
  const action = actionOf(payload);
  const event = action === undefined ? name : `${name}.${action}`;
  if (COMMENT_EVENTS.has(name))
    return {
      event,
      code: "event/no-effect",
      skip: `${name} events change nothing the policy reads (comments are neither reviews nor evidence)`,
    };
  if (!(GOVERNED_EVENTS as readonly string[]).includes(name))
    return {
      event,
      code: "event/not-governed",
      skip: `${name} events concern nothing shiplane decides (it acts on ${GOVERNED_EVENTS.join(", ")}; scheduled runs use scan)`,
    };
  const repository = repositoryOf(payload);
  switch (name) {
    case "pull_request":
    case "pull_request_target":
    case "pull_request_review":
      return pullRequestEvent(name, event, action, payload, repository);
    case "check_run":
    case "check_suite":
    case "workflow_run":
      return checkEvent(name, event, payload, repository);
    case "status":
      return statusEvent(event, payload, repository);
    case "deployment_status":
      return deploymentStatusEvent(event, payload, repository);
    case "merge_group":
      return mergeGroupEvent(event, action, payload, repository);
    default:
      return issuesEvent(event, action, payload, repository);
  }
}

/**
 * Which pull requests and issues a webhook event concerns, from its payload
 * alone (no I/O). The payload is untrusted: a malformed one is an `invalid`
 * result with a JSON pointer, never an exception; an event that cannot
 * change any decision is a `skip` with a stable code.
 */
export function subjectsForEvent(name: string, payload: unknown): EventRouting {
  if (!/^[a-z][a-z0-9_]{0,63}$/.test(name))
    return {
      event: String(name).slice(0, 64),
      pointer: "",
      invalid: `"${String(name).slice(0, 64)}" is not a GitHub event name (e.g. pull_request, check_suite, issues)`,
    };
  const root = new Field(payload);
  try {
    root.object();
    return route(name, root);
  } catch (error) {
    if (!(error instanceof PayloadError)) throw error;
    const action =
      typeof (payload as { action?: unknown } | null)?.action === "string" ? `.${(payload as { action: string }).action.slice(0, 40)}` : "";
    return { event: `${name}${action}`, pointer: error.pointer, invalid: `${error.pointer}: ${error.message}` };
  }
}
