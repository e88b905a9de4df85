import type { Condition } from "../policy/types.js";
import { conditionOf, outcome, type CompileEnv, type CompiledCondition } from "./types.js";

// Every child is evaluated (no short-circuit) so the trace names every trigger.
export function compileAll(children: Condition[], env: CompileEnv): CompiledCondition {
  const compiled = children.map((child) => env.compile(child));
  const test = (facts: Parameters<CompiledCondition>[0]) => compiled.every((c) => c.test(facts));
  return conditionOf((facts) => {
    const results = compiled.map((c) => c(facts));
    const failed = results.filter((r) => !r.matched).length;
    const message = failed === 0 ? `all ${results.length} conditions hold` : `${failed} of ${results.length} conditions do not hold`;
    return outcome(
      "condition/all",
      failed === 0,
      message,
      undefined,
      results.map((r) => r.node),
    );
  }, test);
}

export function compileAny(children: Condition[], env: CompileEnv): CompiledCondition {
  const compiled = children.map((child) => env.compile(child));
  const test = (facts: Parameters<CompiledCondition>[0]) => compiled.some((c) => c.test(facts));
  return conditionOf((facts) => {
    const results = compiled.map((c) => c(facts));
    const held = results.filter((r) => r.matched).length;
    const message = held > 0 ? `${held} of ${results.length} conditions hold` : `none of ${results.length} conditions hold`;
    return outcome(
      "condition/any",
      held > 0,
      message,
      undefined,
      results.map((r) => r.node),
    );
  }, test);
}

export function compileNot(child: Condition, env: CompileEnv): CompiledCondition {
  const compiled = env.compile(child);
  return conditionOf(
    (facts) => {
      const result = compiled(facts);
      return outcome(
        "condition/not",
        !result.matched,
        result.matched ? "the negated condition holds" : "the negated condition does not hold",
        undefined,
        [result.node],
      );
    },
    (facts) => !compiled.test(facts),
  );
}
