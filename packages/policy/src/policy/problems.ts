import { escapeText } from "../report/escape.js";
/** One thing wrong with a policy (or snapshot) file, located precisely. */
export interface Problem {
  /** File name or other label of the input. */
  source: string;
  /** 1-based; 0 when the problem has no position (e.g. the file is empty). */
  line: number;
  column: number;
  /** JSON pointer of the offending value, `""` for the whole document. */
  pointer: string;
  /** Stable code, e.g. `schema/type`, `yaml/duplicate-key`, `ref/unknown-label`. */
  code: string;
  message: string;
  suggestion?: string;
  severity: "error" | "warning";
}

export function formatProblem(p: Problem): string {
  const where = p.line > 0 ? `${p.source}:${p.line}:${p.column}` : p.source;
  const hint = p.suggestion ? ` (${p.suggestion})` : "";
  const at = p.pointer ? ` at ${p.pointer}` : "";
  return escapeText(`${where} ${p.severity} ${p.code}${at}: ${p.message}${hint}`);
}

/** Thrown by `loadPolicy` with every problem found, never just the first. */
export class PolicyError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[]) {
    const errors = problems.filter((p) => p.severity === "error");
    const head = errors.length === 1 ? "1 problem" : `${errors.length} problems`;
    super(`invalid policy: ${head}\n${problems.map(formatProblem).join("\n")}`);
    this.name = "PolicyError";
    this.problems = problems;
  }
}

/** Thrown when a snapshot does not match `snapshot.schema.json` or is too large. */
export class SnapshotError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[]) {
    super(`invalid snapshot: ${problems.length} problem${problems.length === 1 ? "" : "s"}\n${problems.map(formatProblem).join("\n")}`);
    this.name = "SnapshotError";
    this.problems = problems;
  }
}
