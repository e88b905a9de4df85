/**
 * The condition vocabulary: every kind, keyed by its YAML name. A kind lives
 * in one file (conditions/<kind>.ts: its value's type, schema, compile
 * function and the loader's hooks) with its table of cases beside it
 * (<kind>.test.ts). Adding a kind is that file plus its line in each of the
 * two lists below (the value's type, the kind); the policy schema, the
 * `Condition` type, the loader's checks and the README's condition table are
 * assembled from them, and a test holds registry, schema and README equal.
 */
import type { AreasCondition } from "./areas.js";
import type { AuthorCondition } from "./author.js";
import type { FilesCondition } from "./files.js";
import type { LabelsCondition } from "./labels.js";
import type { NumberComparison } from "./numbers.js";
import type { TextCondition } from "./text.js";
import { all } from "./all.js";
import { any } from "./any.js";
import { not } from "./not.js";
import { labels } from "./labels.js";
import { files } from "./files.js";
import { changedLines } from "./changed-lines.js";
import { changedFiles } from "./changed-files.js";
import { size } from "./size.js";
import { areas } from "./areas.js";
import { author } from "./author.js";
import { base } from "./base.js";
import { draft } from "./draft.js";
import { title } from "./title.js";
import { body } from "./body.js";
import type { CompileEnv, CompiledCondition, ConditionKind } from "./types.js";
import type { IgnoreCase, PathClassifier } from "../util/glob.js";

/** Each kind's value, by YAML name, in the order the schema and the README list them. */
export interface ConditionValues {
  all: Condition[];
  any: Condition[];
  not: Condition;
  labels: LabelsCondition;
  files: FilesCondition;
  changed_lines: NumberComparison;
  changed_files: NumberComparison;
  size: { in: string[] };
  areas: AreasCondition;
  author: AuthorCondition;
  base: { in: string[] };
  draft: boolean;
  title: TextCondition;
  body: TextCondition;
}

/** A condition: a mapping with exactly one key, the kind. */
export type Condition = { [K in keyof ConditionValues]: { [P in K]: ConditionValues[P] } }[keyof ConditionValues];

export type ConditionKey = keyof ConditionValues;

export const REGISTRY: { readonly [K in ConditionKey]: ConditionKind<ConditionValues[K]> } = {
  all,
  any,
  not,
  labels,
  files,
  changed_lines: changedLines,
  changed_files: changedFiles,
  size,
  areas,
  author,
  base,
  draft,
  title,
  body,
};

/** Every kind's YAML name, in registry order. */
export const CONDITION_KINDS = Object.keys(REGISTRY) as ConditionKey[];

/** A (schema-validated) condition's kind, its value, and the kind's definition. */
export function kindOf(condition: Condition): { key: ConditionKey; value: unknown; kind: ConditionKind<unknown> } {
  const [key] = Object.keys(condition) as ConditionKey[];
  if (key === undefined || !(key in REGISTRY)) throw new Error(`unknown condition: ${JSON.stringify(condition)}`);
  return { key, value: (condition as Record<string, unknown>)[key], kind: REGISTRY[key] as ConditionKind<unknown> };
}

/** How a condition is compiled: in which sense its holding moves the decision, and the policy's path case setting. */
export interface CompileOptions {
  /** The condition holding makes the decision stricter (default: true). */
  stricter?: boolean;
  ignoreCase?: IgnoreCase;
  /** The policy's path classifier (absent: the condition's globs are matched on their own). */
  paths?: PathClassifier;
}

/** Compile a (schema-validated) condition into a function over PR facts. */
export function compileCondition(condition: Condition, options: CompileOptions = {}): CompiledCondition {
  const { value, kind } = kindOf(condition);
  return kind.compile(value, envOf(options.stricter ?? true, options.ignoreCase ?? "stricter", options.paths));
}

function envOf(stricter: boolean, ignoreCase: IgnoreCase, paths: PathClassifier | undefined): CompileEnv {
  const env: CompileEnv = {
    stricter,
    ignoreCase,
    compile: (condition) => compileCondition(condition, { stricter, ignoreCase, ...(paths ? { paths } : {}) }),
    compileNegated: (condition) => compileCondition(condition, { stricter: !stricter, ignoreCase, ...(paths ? { paths } : {}) }),
  };
  if (paths) env.paths = paths;
  return env;
}
