import type { AgentDefinition, AreaDefinition, PolicyDocument } from "../policy/types.js";
import { chooseReviewers, primaryLogin } from "../policy/roster.js";
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
  body: string;
}

/**
 * The work-order comment posted with a claim. Free of times and counts that
 * change between ticks, so the same claim renders the same body.
 */
export function workOrder(
  document: PolicyDocument,
  input: { issue: number; title: string; agent: AgentDefinition; area: AreaDefinition; branchPrefix: string; lane: LanePrediction },
): WorkOrder {
  const { agent, area, lane } = input;
  const login = primaryLogin(agent);
  const branch = branchName(input.branchPrefix, agent, input.issue, input.title);
  const [reviewer] = chooseReviewers(document, [area.id], login);
  const guardrails = guardrailLines(document);
  const lines = [
    `<!-- ${WORK_ORDER_MARKER} -->`,
    `### Work order for #${input.issue}`,
    "",
    `Claimed for **${agent.id}** (@${login}), owner of area \`${area.id}\`.`,
    "",
    `- **Branch:** \`${branch}\``,
    `- **Predicted lane:** \`${lane.lane}\` — ${lane.reason.replace(/\r?\n/g, " ")} (predicted from the issue's labels; the PR's changed paths decide)`,
    `- **Reviewer:** ${reviewer ? `**${reviewer.id}** (@${primaryLogin(reviewer)})` : "none available: a human must review"}`,
    `- **Guardrails:**`,
    ...guardrails.map((g) => `  - ${g}`),
    "",
    `Link the PR to this issue (\`Fixes #${input.issue}\`) so the claim is not released as stale.`,
  ];
  return { branch, lane, reviewer, body: lines.join("\n") };
}

function guardrailLines(document: PolicyDocument): string[] {
  const { guardrails } = document;
  const lines: string[] = [];
  if (guardrails.max_changed_files !== undefined) lines.push(`at most ${guardrails.max_changed_files} changed files`);
  if (guardrails.max_changed_lines !== undefined) lines.push(`at most ${guardrails.max_changed_lines} changed lines`);
  const forbidden = guardrails.forbidden_paths ?? [];
  if (forbidden.length > 0) lines.push(`never touch ${forbidden.map((p) => `\`${p}\``).join(", ")}`);
  if (lines.length === 0) lines.push("none beyond the lane's requirements");
  return lines;
}
