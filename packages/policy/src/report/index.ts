// STUB — owned by the CLI/reporters work; replace with the real implementation.
import type { Decision } from "../engine/types.js";
import type { Plan } from "../control-loop/index.js";

export type ReportFormat = "text" | "json" | "markdown";

export interface ReportOptions {
  /** ANSI colour in text output (the CLI decides: TTY and no NO_COLOR). */
  color?: boolean;
}

export function formatDecision(_decision: Decision, _format: ReportFormat, _options: ReportOptions = {}): string {
  throw new Error("not implemented");
}

export function formatPlan(_plan: Plan, _format: ReportFormat, _options: ReportOptions = {}): string {
  throw new Error("not implemented");
}

/** The trace in words: which rule decided, and what would change the outcome. */
export function explainDecision(_decision: Decision): string {
  throw new Error("not implemented");
}
