// `pnpm bench [section…]`: every benchmark, printed as tables and written to bench/results/latest.json.
// Running only some sections keeps the other sections' last results in the file.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { runEngineBench } from "./engine.mjs";
import { runTickBench } from "./tick.mjs";
import { runCliBench } from "./cli.mjs";
import { runApiBench } from "./api.mjs";
import { runFaultBench } from "./faults.mjs";
import { runFuzzBench } from "./fuzz.mjs";
import { runAdoptionBench } from "./adoption.mjs";
import { runRaceBench } from "./race.mjs";
import { printTable } from "./lib.mjs";

// Timing sections first; fuzzing last, where other load no longer skews a figure.
const sections = {
  engine: runEngineBench,
  tick: runTickBench,
  cli: runCliBench,
  api: runApiBench,
  faults: runFaultBench,
  adoption: runAdoptionBench,
  race: runRaceBench,
  fuzz: runFuzzBench,
};
const only = process.argv.slice(2);
const unknown = only.filter((name) => !(name in sections));
if (unknown.length > 0) {
  console.error(`unknown section: ${unknown.join(", ")} (sections: ${Object.keys(sections).join(", ")})`);
  process.exit(2);
}

const machine = {
  node: process.version,
  cpu: os.cpus()[0]?.model ?? "unknown",
  cores: os.cpus().length,
  memory_gb: Math.round(os.totalmem() / 2 ** 30),
  platform: `${os.platform()} ${os.arch()}`,
  load_average_1m: Math.round(os.loadavg()[0] * 100) / 100,
};
console.log(
  `Shiplane benchmarks on ${machine.cpu}, ${machine.cores} cores, ${machine.memory_gb} GiB, Node ${machine.node}, load average ${machine.load_average_1m}`,
);

const file = new URL("./results/latest.json", import.meta.url);
const previous = only.length > 0 && existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
const results = { ...previous, machine, date: new Date().toISOString() };
const started = Date.now();
for (const [name, run] of Object.entries(sections)) {
  if (only.length > 0 && !only.includes(name)) continue;
  const sectionStart = Date.now();
  results[name] = { ...(await run()), date: new Date().toISOString(), seconds: Math.round((Date.now() - sectionStart) / 100) / 10 };
}
mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
writeFileSync(file, JSON.stringify(results, null, 2) + "\n");
console.log(`\n${Math.round((Date.now() - started) / 1000)} s; written: bench/results/latest.json`);

// The run passes only when every goal it printed is met and nothing went wrong
// (a fault run that did not converge, a failed property).
const ran = Object.entries(results).filter(
  ([name, r]) => (only.length === 0 || only.includes(name)) && r && typeof r === "object" && "seconds" in r,
);
const goals = ran.flatMap(([section, r]) => (Array.isArray(r.goals) ? r.goals.map((g) => ({ section, ...g })) : []));
if (goals.length > 0)
  printTable(
    `Goals (load average ${Math.round(os.loadavg()[0] * 100) / 100} at the end)`,
    goals.map((g) => ({ section: g.section, goal: g.goal, measured: g.value, limit: g.limit, met: g.met ? "yes" : "NO" })),
  );
const unmet = goals.filter((g) => !g.met);
const broken = ran.filter(([, r]) => r.ok === false).map(([name]) => name);
if (unmet.length > 0)
  console.error(
    `\nGOALS NOT MET (${unmet.length} of ${goals.length}):\n${unmet.map((g) => `  ${g.section}: ${g.goal}: ${g.value} (goal ${g.limit})`).join("\n")}`,
  );
if (broken.length > 0) console.error(`FAILED: ${broken.join(", ")}`);
if (unmet.length > 0 || broken.length > 0) process.exitCode = 1;
