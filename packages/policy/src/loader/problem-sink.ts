import type { Problem } from "../policy/problems.js";
import { compareCodeUnits } from "../util/text.js";

/** A problem before it knows its source; severity defaults to error. */
export type ProblemDraft = Omit<Problem, "source" | "severity"> & { severity?: Problem["severity"] };

/** Collects every problem of one input; the loader decides at the end whether it was fatal. */
export class ProblemSink {
  readonly problems: Problem[] = [];
  constructor(readonly source: string) {}

  add(draft: ProblemDraft): void {
    const problem: Problem = {
      source: this.source,
      line: draft.line,
      column: draft.column,
      pointer: draft.pointer,
      code: draft.code,
      message: draft.message,
      severity: draft.severity ?? "error",
    };
    if (draft.suggestion !== undefined) problem.suggestion = draft.suggestion;
    this.problems.push(problem);
  }

  get hasErrors(): boolean {
    return this.problems.some((p) => p.severity === "error");
  }

  /** Sorted by line, column (positionless first), without exact repeats. */
  sorted(): Problem[] {
    const seen = new Set<string>();
    const unique = this.problems.filter((p) => {
      const key = `${p.line}:${p.column}:${p.code}:${p.pointer}:${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return unique.sort(
      (a, b) => a.line - b.line || a.column - b.column || compareCodeUnits(a.pointer, b.pointer) || compareCodeUnits(a.code, b.code),
    );
  }
}
