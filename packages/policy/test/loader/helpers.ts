import { readFileSync } from "node:fs";
import type { Problem } from "../../src/policy/problems.js";

export const MINIMAL_PATH = new URL("../fixtures/policies/minimal.yaml", import.meta.url);
/** A small valid policy; table rows edit it line by line (open the fixture to see line numbers). */
export const MINIMAL = readFileSync(MINIMAL_PATH, "utf8");
export const BUNDLED = readFileSync(new URL("../../../../policies/autonomous-shipping.yaml", import.meta.url), "utf8");

/** Replace each `from` (which must occur exactly once, so a row never edits nothing) with `to`. */
export function edit(text: string, replacements: ReadonlyArray<readonly [string, string]>): string {
  let out = text;
  for (const [from, to] of replacements) {
    const count = out.split(from).length - 1;
    if (count !== 1) throw new Error(`edit: expected exactly one ${JSON.stringify(from)}, found ${count}`);
    out = out.replace(from, () => to);
  }
  return out;
}

export interface ExpectedProblem {
  code: string;
  line: number;
  column: number;
  pointer: string;
  severity?: Problem["severity"];
  message?: string | RegExp;
  suggestion?: string;
}

/** The comparable part of a problem: what a table row states. */
export function shape(problem: Problem, like: ExpectedProblem | undefined): ExpectedProblem {
  const out: ExpectedProblem = {
    code: problem.code,
    line: problem.line,
    column: problem.column,
    pointer: problem.pointer,
    severity: problem.severity,
  };
  if (like?.message !== undefined)
    out.message = typeof like.message === "string" ? problem.message : like.message.test(problem.message) ? like.message : problem.message;
  if (like?.suggestion !== undefined) out.suggestion = problem.suggestion ?? "(none)";
  return out;
}
