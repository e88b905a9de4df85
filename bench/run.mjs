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

// Speed goals are reported, not enforced; a wrong result (a fault run that did not converge, a failed property) fails the run.
const broken = Object.entries(results)
  .filter(([name, r]) => (only.length === 0 || only.includes(name)) && r && typeof r === "object" && r.ok === false)
  .map(([name]) => name);
if (broken.length > 0) {
  console.error(`FAILED: ${broken.join(", ")}`);
  process.exitCode = 1;
}
