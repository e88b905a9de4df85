import { appendFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import fc from "fast-check";
import { expect } from "vitest";

/**
 * Case counts: 300 in CI, SHIPLANE_FUZZ_RUNS overrides (the bench's `fuzz`
 * section sets 10,000). A costly property takes a `share` of that, but never
 * fewer than `floor` cases (nor more than asked for).
 */
export function fuzzRuns(share = 1, floor = 0): number {
  const runs = Number(process.env.SHIPLANE_FUZZ_RUNS ?? 300);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`SHIPLANE_FUZZ_RUNS must be a positive integer, got ${process.env.SHIPLANE_FUZZ_RUNS}`);
  return Math.max(1, Math.min(runs, floor), Math.round(runs * share));
}

/** fast-check parameters; SHIPLANE_FUZZ_SEED replays a run. */
export function fuzzParameters(numRuns: number): fc.Parameters<unknown> {
  const seed = process.env.SHIPLANE_FUZZ_SEED;
  return { numRuns, ...(seed !== undefined ? { seed: Number(seed) } : {}) };
}

/**
 * Per-test timeout that grows with the case count (CI counts stay inside
 * vitest's default) and with how busy the machine is: the timeout is there
 * to catch a hang, and a 10,000-case run on a shared machine at load 10 is
 * not one (a timed-out test still ran every case; vitest only fails it after).
 */
export const timeoutFor = (runs: number, msPerCase: number): number =>
  Math.max(20_000, runs * msPerCase * 3 * Math.max(1, loadavg()[0]! / Math.max(1, availableParallelism())));

/** Outcome counts of one property, so a run can show what its cases actually reached. */
export class Tally {
  readonly counts: Record<string, number> = {};
  constructor(readonly property: string) {}

  add(outcome: string): void {
    this.counts[outcome] = (this.counts[outcome] ?? 0) + 1;
  }

  get total(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }

  /** Appends the counts as a JSON line to SHIPLANE_FUZZ_REPORT (the bench reads it). */
  report(): void {
    const file = process.env.SHIPLANE_FUZZ_REPORT;
    if (file) appendFileSync(file, JSON.stringify({ property: this.property, cases: this.total, outcomes: this.counts }) + "\n");
  }

  /** Reports, then checks every case ran and each `reached` outcome came up: a generator that never gets there proves little. */
  finish(runs: number, reached: readonly string[]): void {
    this.report();
    expect(this.total).toBe(runs);
    for (const outcome of reached)
      expect(this.counts[outcome] ?? 0, `no case reached "${outcome}": ${JSON.stringify(this.counts)}`).toBeGreaterThan(0);
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = Array<string | number>;

function paths(value: Json, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

/** Values that break careless code: empty, huge, negative, fractional, wrong type, glob and regex syntax, bad dates (all JSON: no -0, NaN or undefined, which no snapshot file can hold). */
const EDGE_VALUES: Json[] = [
  "",
  " ",
  "\u0000",
  "é\u0301",
  "😀",
  "x".repeat(5000),
  "**",
  "[",
  "(a+)+$",
  "../../etc/passwd",
  "__proto__",
  "2026-13-45T99:00:00Z",
  "not a date",
  -1,
  0,
  0.5,
  2 ** 53,
  1e308,
  -1e308,
  true,
  false,
  null,
  [],
  {},
  [null],
  { "": "" },
];

const replacement: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...EDGE_VALUES) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> },
);

type Edit =
  { kind: "replace"; value: Json } | { kind: "delete" } | { kind: "duplicate" } | { kind: "rename"; key: string } | { kind: "swap-type" };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: replacement.map((value): Edit => ({ kind: "replace", value })) },
  { weight: 2, arbitrary: fc.constant<Edit>({ kind: "delete" }) },
  { weight: 1, arbitrary: fc.constant<Edit>({ kind: "duplicate" }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom("id", "name", "when", "any", "all", "labels", "files", "x").map((key): Edit => ({ kind: "rename", key })),
  },
  { weight: 1, arbitrary: fc.constant<Edit>({ kind: "swap-type" }) },
);

function swapType(value: Json): Json {
  if (typeof value === "string") return Number.isNaN(Number(value)) ? [value] : Number(value);
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return value[0] ?? null;
  if (value !== null && typeof value === "object") return Object.values(value);
  return value === null ? "null" : String(value);
}

function applyEdit(root: Json, path: Path, edit: Edit): Json {
  const value = path.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key] as Json, root);
  // A copy: the edge values are shared constants, and a later edit could write one into itself (a circular value).
  const next = edit.kind === "replace" ? structuredClone(edit.value) : edit.kind === "swap-type" ? swapType(value) : value;
  if (path.length === 0) return edit.kind === "delete" ? null : next;
  const parent = path.slice(0, -1).reduce<Json>((node, key) => (node as Record<string | number, Json>)[key] as Json, root);
  const key = path[path.length - 1] as string | number;
  if (Array.isArray(parent)) {
    const i = key as number;
    if (edit.kind === "delete") parent.splice(i, 1);
    else if (edit.kind === "duplicate") parent.splice(i, 0, structuredClone(value));
    else parent[i] = next;
  } else if (parent !== null && typeof parent === "object") {
    const record = parent as Record<string, Json>;
    if (edit.kind === "delete") delete record[key as string];
    else if (edit.kind === "rename") {
      delete record[key as string];
      record[edit.key] = value;
    } else record[key as string] = next;
  }
  return root;
}

/**
 * Structure-aware fuzzing: copies of `base` with one to three edits at random
 * places (replace with an edge value or random JSON, delete, duplicate an array
 * item, rename a key, change a value's type). Most stay close to valid, so the
 * semantic layers get exercised, not only the parser.
 */
export function mutated<T>(base: T): fc.Arbitrary<T> {
  return fc.array(fc.record({ at: fc.nat(), edit: editArb }), { minLength: 1, maxLength: 3 }).map((edits) => {
    let root = structuredClone(base) as Json;
    for (const { at, edit } of edits) {
      const all = paths(root);
      root = applyEdit(root, all[at % all.length] as Path, edit);
    }
    // Snapshots and policies are files: only what JSON can hold (fc.jsonValue may make -0).
    return JSON.parse(JSON.stringify(root)) as T;
  });
}
