import type { Action, CommentContent, Decision, RenderedAction } from "../engine/types.js";
import type { IssueDecision, Plan } from "../control-loop/types.js";
import { decisionComment } from "./markdown.js";

type Of<K extends CommentContent["kind"]> = Extract<CommentContent, { kind: K }>;

function workOrder(marker: string, c: Of<"work_order">): string {
  const { guardrails } = c;
  const limits: string[] = [];
  if (guardrails.max_changed_files !== undefined) limits.push(`at most ${guardrails.max_changed_files} changed files`);
  if (guardrails.max_changed_lines !== undefined) limits.push(`at most ${guardrails.max_changed_lines} changed lines`);
  if (guardrails.forbidden_paths.length > 0) limits.push(`never touch ${guardrails.forbidden_paths.map((p) => `\`${p}\``).join(", ")}`);
  if (limits.length === 0) limits.push("none beyond the lane's requirements");
  return [
    `<!-- ${marker} -->`,
    `### Work order for #${c.issue}`,
    "",
    `Claimed for **${c.agent}** (@${c.login}), owner of area \`${c.area}\`.`,
    "",
    `- **Branch:** \`${c.branch}\``,
    `- **Predicted lane:** \`${c.lane.id}\` — ${c.lane.reason.replace(/\r?\n/g, " ")} (predicted from the issue's labels; the PR's changed paths decide)`,
    `- **Reviewer:** ${c.reviewer ? `**${c.reviewer.id}** (@${c.reviewer.login})` : "none available: a human must review"}`,
    `- **Guardrails:**`,
    ...limits.map((g) => `  - ${g}`),
    "",
    `Link the PR to this issue (\`Fixes #${c.issue}\`) so the claim is not released as stale.`,
  ].join("\n");
}

function claimReleased(marker: string, c: Of<"claim_released">): string {
  const next =
    c.blocked_label !== undefined
      ? `It has now been released ${c.releases} times, so it is labelled \`${c.blocked_label}\` and waits for triage.`
      : `The issue goes back in the queue after a ${c.cooldown} cool-down, to another owner or reviewer agent when one can take it (release ${c.releases} of at most ${c.max_releases}).`;
  return [
    `<!-- ${marker} -->`,
    "### Claim released",
    "",
    `The claim by ${c.holder} (since ${c.since}) passed the ${c.timeout} timeout with no open pull request linked to this issue.`,
    `\`${c.claimed_label}\` and the assignment were removed. ${next}`,
  ].join("\n");
}

function releasedTooOften(marker: string, c: Of<"released_too_often">): string {
  return [
    `<!-- ${marker} -->`,
    "### Needs triage",
    "",
    `Agents claimed this issue and let the claim go stale ${c.releases} times (the policy allows ${c.max_releases}). It is labelled \`${c.blocked_label}\` and is not dispatched again until a person removes that label: split it, clarify it, or hand it to someone.`,
  ].join("\n");
}

function triage(marker: string, c: Of<"triage">): string {
  const problem = c.areas.length === 0 ? "has no area label" : `has ${c.areas.length} area labels (${c.areas.join(", ")})`;
  return [
    `<!-- ${marker} -->`,
    "### Needs triage",
    "",
    `This issue is labelled \`${c.ready_label}\` but ${problem}. Work goes to the single agent owning the issue's area, so it needs exactly one area label; Shiplane does not guess.`,
    "",
    `Keep exactly one of: ${c.area_labels.map((l) => `\`${l}\``).join(", ")}.`,
  ].join("\n");
}

/** Where the decisions behind `decision` comments are found. */
type Source = Decision | IssueDecision | Plan;

function decisionFor(source: Source, number: number): Decision | undefined {
  if (source.kind === "pull_request") return source.subject.number === number ? source : undefined;
  if (source.kind === "repository") return source.pull_requests.find((d) => d.subject.number === number);
  return undefined;
}

/**
 * One comment's markdown: the body the adapter posts (or updates in place,
 * found again by its marker). `source` is the decision, issue step or tick
 * whose actions carry it; a `decision` comment shows that PR's decision.
 */
export function renderComment(action: Extract<Action, { type: "upsert_comment" }>, source: Source): string {
  const { marker, comment } = action;
  switch (comment.kind) {
    case "decision": {
      const decision = action.target.kind === "pull_request" ? decisionFor(source, action.target.number) : undefined;
      if (!decision) throw new Error(`renderComment: no decision for the ${marker} comment on ${JSON.stringify(action.target)}`);
      return decisionComment(decision, marker);
    }
    case "work_order":
      return workOrder(marker, comment);
    case "claim_released":
      return claimReleased(marker, comment);
    case "triage":
      return triage(marker, comment);
    case "released_too_often":
      return releasedTooOften(marker, comment);
  }
}

/**
 * The actions of a decision, an issue's control-loop step or a tick, ready
 * to apply: each comment's content rendered to its markdown body. The
 * adapter, the CLI and the Action call this at the edge, just before
 * applying or printing.
 */
export function renderActions(source: Source): RenderedAction[] {
  return source.actions.map((action): RenderedAction => {
    if (action.type !== "upsert_comment") return action;
    return { type: action.type, target: action.target, marker: action.marker, body: renderComment(action, source), reason: action.reason };
  });
}
