import type { RuleStatus, TraceNode, Verdict } from "../engine/types.js";
import { escapeText } from "./escape.js";

/** ANSI styling that collapses to plain text when colour is off (NO_COLOR, not a TTY). */
export interface Paint {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const plain = (text: string) => text;

export function paint(color: boolean): Paint {
  if (!color) return { bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain };
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39), cyan: wrap(36, 39) };
}

/** One-character marks that read without colour too. */
export const STATUS_MARK: Record<RuleStatus, string> = { met: "✓", pending: "…", failed: "✗", unknown: "?", skipped: "-" };
export const STATUS_ICON: Record<RuleStatus, string> = { met: "✅", pending: "⏳", failed: "❌", unknown: "❔", skipped: "➖" };
export const VERDICT_ICON: Record<Verdict, string> = { merge: "✅", wait: "⏳", "needs-human": "🧑", blocked: "⛔" };

export function statusColor(p: Paint, status: RuleStatus): (text: string) => string {
  switch (status) {
    case "met":
      return p.green;
    case "pending":
      return p.yellow;
    case "failed":
    case "unknown":
      return p.red;
    case "skipped":
      return p.dim;
  }
}

export function verdictColor(p: Paint, verdict: Verdict): (text: string) => string {
  switch (verdict) {
    case "merge":
      return p.green;
    case "wait":
      return p.yellow;
    case "needs-human":
      return p.cyan;
    case "blocked":
      return p.red;
  }
}

/** A trace (or any tree of rule nodes) as indented lines, one node each: mark, code, message (untrusted text made inert). */
export function traceLines(nodes: readonly TraceNode[], depth = 0): string[] {
  const lines: string[] = [];
  for (const node of nodes) {
    lines.push(`${"  ".repeat(depth)}${STATUS_MARK[node.status]} ${escapeText(`${node.code}: ${node.message}`)}`);
    if (node.children) lines.push(...traceLines(node.children, depth + 1));
  }
  return lines;
}
