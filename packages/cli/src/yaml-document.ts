import { duplicateKeys } from "@shiplane/policy";
import { LineCounter, parseDocument, type Document } from "yaml";

/** yaml's message for a repeated key, so the CLI reports one as it did when yaml's own check found it. */
export const DUPLICATE_KEY_MESSAGE = "Map keys must be unique";

/** One problem of a YAML text, as yaml reports it. */
export interface YamlProblem {
  /** yaml's error code (`DUPLICATE_KEY` for a repeated key). */
  code: string;
  /** The first line of yaml's message, with where when known: `Map keys must be unique at line 3, column 1:`. */
  summary: string;
  /** 1-based; absent when yaml gives no position. */
  line?: number;
  column?: number;
}

export interface YamlRead {
  doc: Document.Parsed;
  /** Line and column of an offset in the text. */
  lineCounter: LineCounter;
  /** yaml's errors and every repeated key, in document order, as yaml lists them with `uniqueKeys` on. */
  errors: YamlProblem[];
}

/**
 * Parse a user's YAML file (a policy test, a workflow) as yaml's
 * `parseDocument` does with its defaults, but find repeated keys in one pass
 * with the policy loader's `duplicateKeys`: yaml's own check (`uniqueKeys`)
 * compares every pair of keys of a mapping, seconds for a file with one
 * mapping of 20,000 keys and half a minute for 60,000. Every other setting
 * (alias bounds when converting, errors, warnings) stays yaml's.
 */
export function readYaml(text: string): YamlRead {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  const errors = doc.errors.map((error) => {
    const at = error.linePos?.[0];
    const summary = error.message.split("\n")[0] ?? error.message;
    const problem: YamlProblem = { code: error.code, summary, ...(at ? { line: at.line, column: at.col } : {}) };
    return { problem, offset: error.pos[0] };
  });
  const repeats = duplicateKeys(doc)
    .sort((a, b) => a - b)
    .map((offset) => {
      const { line, col } = lineCounter.linePos(offset);
      const summary = `${DUPLICATE_KEY_MESSAGE} at line ${line}, column ${col}:`;
      return { problem: { code: "DUPLICATE_KEY", summary, line, column: col }, offset };
    });
  // Where yaml puts its own: after the errors up to the key (those inside the key come first), before the ones after it.
  const merged: YamlProblem[] = [];
  let next = 0;
  for (const repeat of repeats) {
    for (; next < errors.length && (errors[next] as { offset: number }).offset <= repeat.offset; next++)
      merged.push((errors[next] as { problem: YamlProblem }).problem);
    merged.push(repeat.problem);
  }
  for (; next < errors.length; next++) merged.push((errors[next] as { problem: YamlProblem }).problem);
  return { doc, lineCounter, errors: merged };
}
