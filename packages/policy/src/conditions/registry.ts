import type { Condition } from "../policy/types.js";
import { compileAreas } from "./areas.js";
import { compileFiles } from "./files.js";
import { compileLabels } from "./labels.js";
import { compileAll, compileAny, compileNot } from "./logic.js";
import { compileAuthor, compileBase, compileDraft, compileSize, compileText } from "./misc.js";
import { compileChangedFiles, compileChangedLines } from "./numbers.js";
import type { CompileEnv, CompiledCondition } from "./types.js";

type ConditionKey = Condition extends infer C ? (C extends Record<infer K, unknown> ? K : never) : never;
type ValueOf<K extends ConditionKey> = Extract<Condition, Record<K, unknown>>[K];

/** Every condition kind, keyed by its YAML name: adding a kind is one file and one entry here. */
const REGISTRY: { [K in ConditionKey]: (value: ValueOf<K>, env: CompileEnv) => CompiledCondition } = {
  all: (value, env) => compileAll(value, env),
  any: (value, env) => compileAny(value, env),
  not: (value, env) => compileNot(value, env),
  labels: (value) => compileLabels(value),
  files: (value) => compileFiles(value),
  changed_lines: (value) => compileChangedLines(value),
  changed_files: (value) => compileChangedFiles(value),
  size: (value) => compileSize(value),
  areas: (value) => compileAreas(value),
  author: (value) => compileAuthor(value),
  base: (value) => compileBase(value),
  draft: (value) => compileDraft(value),
  title: (value) => compileText("title", value),
  body: (value) => compileText("body", value),
};

export const CONDITION_KINDS = Object.keys(REGISTRY) as ConditionKey[];

/** Compile a (schema-validated) condition into a function over PR facts. */
export function compileCondition(condition: Condition): CompiledCondition {
  const env: CompileEnv = { compile: compileCondition };
  const [key] = Object.keys(condition) as ConditionKey[];
  if (key === undefined || !(key in REGISTRY)) throw new Error(`unknown condition: ${JSON.stringify(condition)}`);
  const compile = REGISTRY[key] as (value: unknown, env: CompileEnv) => CompiledCondition;
  return compile((condition as Record<string, unknown>)[key], env);
}
