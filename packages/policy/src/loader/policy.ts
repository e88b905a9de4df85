import { compilePolicy } from "../engine/compile.js";
import type { CompiledPolicy } from "../policy/compiled.js";
import { PolicyError, type Problem } from "../policy/problems.js";
import type { PolicyDocument } from "../policy/types.js";
import { buildIndex, CHECKS, type CheckContext } from "./checks/index.js";
import { exceedsBytes, formatBytes, LIMITS } from "./limits.js";
import { isWithin } from "./pointer.js";
import { ProblemSink } from "./problem-sink.js";
import { describeSchemaErrors } from "./schema-errors.js";
import { policySchema } from "../schema/policy.js";
import { validatorFor } from "./validators.js";
import { parseYamlSource } from "./yaml-source.js";
import { decodeUtf8 } from "./utf8.js";

export interface LoadPolicyOptions {
  /** File name or label used in every problem. */
  source?: string;
  /** When given, quarantines that expired before it are errors. */
  now?: string | Date;
}

export type ParsePolicyResult = { ok: true; policy: CompiledPolicy; warnings: Problem[] } | { ok: false; problems: Problem[] };

const DEFAULT_SOURCE = "policy";

/**
 * Parse, validate and compile a policy, collecting every problem: YAML
 * syntax, then the JSON Schema, then meaning (references, lanes, roster,
 * quarantines, patterns, globs). Never throws for bad input.
 */
export function parsePolicy(text: string | Uint8Array, options: LoadPolicyOptions = {}): ParsePolicyResult {
  const sink = new ProblemSink(options.source ?? DEFAULT_SOURCE);
  const result = parseInto(text, options, sink);
  if (!result || sink.hasErrors) return { ok: false, problems: sink.sorted() };
  const warnings = sink.sorted();
  try {
    return { ok: true, policy: compilePolicy(result, sink.source, warnings), warnings };
  } catch (error) {
    // Every check passed yet the engine could not compile: a bug, but still the policy must not load.
    sink.add({
      pointer: "",
      line: 0,
      column: 0,
      code: "internal/compile-failed",
      message: `the policy passed every check but did not compile: ${error instanceof Error ? error.message : String(error)}`,
    });
    return { ok: false, problems: sink.sorted() };
  }
}

/** `parsePolicy` that throws one `PolicyError` carrying every problem. */
export function loadPolicy(text: string | Uint8Array, options: LoadPolicyOptions = {}): CompiledPolicy {
  const result = parsePolicy(text, options);
  if (!result.ok) throw new PolicyError(result.problems);
  return result.policy;
}

function parseInto(input: unknown, options: LoadPolicyOptions, sink: ProblemSink): PolicyDocument | undefined {
  const text = input instanceof Uint8Array ? textOf(input, sink) : input;
  if (text === undefined) return undefined;
  if (typeof text !== "string") {
    sink.add({
      pointer: "",
      line: 0,
      column: 0,
      code: "policy/not-text",
      message: `expected the policy as text, got ${text === null ? "null" : typeof text}`,
    });
    return undefined;
  }
  if (exceedsBytes(text, LIMITS.policyBytes)) {
    sink.add({
      pointer: "",
      line: 0,
      column: 0,
      code: "policy/too-large",
      message: `the policy is larger than ${formatBytes(LIMITS.policyBytes)}; it was not parsed`,
    });
    return undefined;
  }
  const now = readNow(options.now, sink);
  const source = parseYamlSource(text, sink);
  if (sink.hasErrors) return undefined;
  if (source.value === undefined) {
    sink.add({
      pointer: "",
      line: 0,
      column: 0,
      code: "policy/empty",
      message: "the policy is empty: expected a mapping with version, name, labels, lanes…",
    });
    return undefined;
  }
  const validate = validatorFor("policy");
  const affected: string[] = [];
  if (!validate(source.value)) {
    for (const problem of describeSchemaErrors(validate.errors ?? [], "the policy", { root: policySchema, raw: source.raw })) {
      const { line, column } = source.locate(problem.pointer, problem.at);
      sink.add({
        pointer: problem.pointer,
        line,
        column,
        code: problem.code,
        message: problem.message,
        ...(problem.suggestion ? { suggestion: problem.suggestion } : {}),
      });
      affected.push(problem.affects);
    }
    // A document that is not even a mapping has nothing for the checks to read.
    if (source.value === null || typeof source.value !== "object" || Array.isArray(source.value)) return undefined;
  }
  runChecks(source.value as PolicyDocument, now, affected, sink, source.locate);
  return source.value as PolicyDocument;
}

/** Bytes as text, strictly: the first invalid UTF-8 sequence is a located problem, never a silent U+FFFD. */
function textOf(bytes: Uint8Array, sink: ProblemSink): string | undefined {
  if (bytes.length > LIMITS.policyBytes) {
    sink.add({
      pointer: "",
      line: 0,
      column: 0,
      code: "policy/too-large",
      message: `the policy is larger than ${formatBytes(LIMITS.policyBytes)}; it was not parsed`,
    });
    return undefined;
  }
  const decoded = decodeUtf8(bytes);
  if (decoded.ok) return decoded.text;
  sink.add({ pointer: "", line: decoded.line, column: decoded.column, code: "text/invalid-utf8", message: decoded.message });
  return undefined;
}

function readNow(now: LoadPolicyOptions["now"], sink: ProblemSink): number | undefined {
  if (now === undefined) return undefined;
  const ms = now instanceof Date ? now.getTime() : Date.parse(now);
  if (Number.isNaN(ms)) sink.add({ pointer: "", line: 0, column: 0, code: "options/now", message: `now is not a time: ${String(now)}` });
  return Number.isNaN(ms) ? undefined : ms;
}

function runChecks(
  doc: PolicyDocument,
  now: number | undefined,
  affected: readonly string[],
  sink: ProblemSink,
  locate: (pointer: string, at?: "key" | "value") => { line: number; column: number },
): void {
  const ctx: CheckContext = {
    doc,
    index: buildIndex(doc),
    report(pointer, code, message, extra = {}) {
      const { line, column } = locate(pointer, extra.at);
      sink.add({
        pointer,
        line,
        column,
        code,
        message,
        ...(extra.severity ? { severity: extra.severity } : {}),
        ...(extra.suggestion ? { suggestion: extra.suggestion } : {}),
      });
    },
    ...(now === undefined ? {} : { now }),
  };
  for (const check of CHECKS) {
    if (check.reads.some((section) => affected.some((pointer) => isWithin(pointer, section) || isWithin(section, pointer)))) continue;
    try {
      check.run(ctx);
    } catch (error) {
      // A check that trips is a bug, but the policy must still not load unchecked.
      sink.add({
        pointer: "",
        line: 0,
        column: 0,
        code: "internal/check-failed",
        message: `check "${check.name}" failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
}
