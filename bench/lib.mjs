// Small helpers shared by the benchmarks: timing (warm up, run, report median and p95), tables, vitest runs.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

/** Runs vitest from the repository root with extra environment; resolves with its exit code and output. */
export function vitest(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["node_modules/vitest/vitest.mjs", ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** The JSON lines a test appended to a report file (none when it wrote none). */
export function readLines(file) {
  try {
    return readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line));
  } catch {
    return [];
  }
}

/** Time `fn` after `warmup` calls; returns microsecond statistics over `runs` calls. */
export function measure(fn, { runs = 1000, warmup = Math.min(200, runs) } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const samples = new Float64Array(runs);
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples[i] = (performance.now() - start) * 1000;
  }
  samples.sort();
  const at = (q) => samples[Math.min(runs - 1, Math.floor(q * runs))];
  return { runs, median_us: round(at(0.5)), p95_us: round(at(0.95)), min_us: round(samples[0]) };
}

export const round = (n) => Math.round(n * 10) / 10;

/** Print rows as an aligned table. */
export function printTable(title, rows) {
  if (rows.length === 0) return;
  const keys = Object.keys(rows[0]);
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join("  ");
  console.log(`\n${title}`);
  console.log(line(keys));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const row of rows) console.log(line(keys.map((k) => row[k])));
}

export const fmtUs = (us) => (us >= 1000 ? `${round(us / 1000)} ms` : `${round(us)} µs`);

/** A speed or cost goal a section checked: what, the figure measured, the limit, whether it is met. run.mjs lists them all. */
export const goal = (name, value, limit, met) => ({ goal: name, value, limit, met });

/**
 * A small seeded generator (mulberry32), so every run of a bench draws the
 * same PRs and faults: numbers in [0, 1), integers below n, a coin, a pick,
 * a random subset, and a pick from a table of [weight, value] rows.
 */
export function seededRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const weighted = (table) => {
    let roll = next() * table.reduce((n, [w]) => n + w, 0);
    for (const [w, value] of table) if ((roll -= w) < 0) return value;
    return table[table.length - 1][1];
  };
  return { next, int, bool: () => next() < 0.5, pick: (xs) => xs[int(xs.length)], subset: (xs) => xs.filter(() => next() < 0.5), weighted };
}
