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
