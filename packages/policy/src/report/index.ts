import type { Decision } from "../engine/types.js";
import type { Plan } from "../control-loop/index.js";
import { explanation } from "./explain.js";
import { stableJson } from "./json.js";
import { decisionMarkdown } from "./markdown.js";
import { planMarkdown, planText } from "./plan.js";
import { decisionText } from "./text.js";

export type ReportFormat = "text" | "json" | "markdown";

export interface ReportOptions {
  /** ANSI colour in text output (the CLI decides: TTY and no NO_COLOR). */
  color?: boolean;
}

/** A decision as text (for people), json (stable key order) or markdown (the sticky PR comment). */
export function formatDecision(decision: Decision, format: ReportFormat, options: ReportOptions = {}): string {
  switch (format) {
    case "text":
      return decisionText(decision, options.color === true);
    case "json":
      return stableJson(decision);
    case "markdown":
      return decisionMarkdown(decision);
  }
}

/** A control-loop tick in the same three formats. */
export function formatPlan(plan: Plan, format: ReportFormat, options: ReportOptions = {}): string {
  switch (format) {
    case "text":
      return planText(plan, options.color === true);
    case "json":
      return stableJson(plan);
    case "markdown":
      return planMarkdown(plan);
  }
}

/** The trace in words: which rule decided, and what would change the outcome. */
export function explainDecision(decision: Decision): string {
  return explanation(decision);
}

export { explanationOf, remedyFor, type Explanation } from "./explain.js";
export { ruleReference } from "./rules.js";
export { paint, traceLines, type Paint } from "./style.js";
export { renderActions, renderComment } from "./comments.js";
export { stableJson } from "./json.js";
export { escapeMarkdown, escapeText } from "./escape.js";
export { formatIssueDecision } from "./issue.js";
