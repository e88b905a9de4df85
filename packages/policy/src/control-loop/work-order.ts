import type { AgentDefinition, AreaDefinition, PolicyDocument } from "../policy/types.js";
import { chooseReviewers, primaryLogin } from "../policy/roster.js";
import type { CommentContent } from "../engine/types.js";
import type { LanePrediction } from "./predict-lane.js";

export const WORK_ORDER_MARKER = "shiplane:work-order";

const MAX_SLUG = 40;

/** A branch-safe slug of an issue title: lowercase words joined by dashes, cut at a word boundary. */
export function slugify(title: string): string {
  const words = title
    .normalize("NFKD")
    // Accents become their base letter: "é" → "e".
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter((w) => w.length > 0);
  let slug = "";
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > MAX_SLUG) {
      if (!slug) slug = word.slice(0, MAX_SLUG);
      break;
    }
    slug = next;
  }
  return slug;
}

/** `<branch_prefix><agent-id>/issue-<n>-<slug>`: the branch the work order asks for. */
export function branchName(prefix: string, agent: AgentDefinition, issueNumber: number, title: string): string {
  const slug = slugify(title);
  return `${prefix}${agent.id}/issue-${issueNumber}${slug ? `-${slug}` : ""}`;
}

export interface WorkOrder {
  branch: string;
  lane: LanePrediction;
  reviewer: AgentDefinition | undefined;
  /** The work-order comment, as data (report/comments.ts renders it). */
  comment: Extract<CommentContent, { kind: "work_order" }>;
}

/**
 * The work order posted with a claim. Free of times and counts that change
 * between ticks, so the same claim renders the same comment.
 */
export function workOrder(
  document: PolicyDocument,
  input: { issue: number; title: string; agent: AgentDefinition; area: AreaDefinition; branchPrefix: string; lane: LanePrediction },
): WorkOrder {
  const { agent, area, lane } = input;
  const login = primaryLogin(agent);
  const branch = branchName(input.branchPrefix, agent, input.issue, input.title);
  const [reviewer] = chooseReviewers(document, [area.id], login);
  const { max_changed_files, max_changed_lines, forbidden_paths } = document.guardrails;
  const guardrails: WorkOrder["comment"]["guardrails"] = { forbidden_paths: forbidden_paths ?? [] };
  if (max_changed_files !== undefined) guardrails.max_changed_files = max_changed_files;
  if (max_changed_lines !== undefined) guardrails.max_changed_lines = max_changed_lines;
  const comment: WorkOrder["comment"] = {
    kind: "work_order",
    issue: input.issue,
    agent: agent.id,
    login,
    area: area.id,
    branch,
    lane: { id: lane.lane, reason: lane.reason },
    reviewer: reviewer ? { id: reviewer.id, login: primaryLogin(reviewer) } : null,
    guardrails,
  };
  return { branch, lane, reviewer, comment };
}
