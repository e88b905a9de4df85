// `pnpm bench`: every benchmark, printed as tables and written to bench/results/latest.json.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { runEngineBench } from "./engine.mjs";
import { runTickBench } from "./tick.mjs";
import { runCliBench } from "./cli.mjs";
import { runApiBench } from "./api.mjs";
import { runFaultBench } from "./faults.mjs";

const machine = { node: process.version, cpu: os.cpus()[0]?.model ?? "unknown", cores: os.cpus().length, memory_gb: Math.round(os.totalmem() / 2 ** 30), platform: `${os.platform()} ${os.arch()}` };
console.log(`Shiplane benchmarks on ${machine.cpu}, ${machine.cores} cores, ${machine.memory_gb} GiB, Node ${machine.node}`);

const only = process.argv.slice(2);
const sections = { engine: runEngineBench, tick: runTickBench, cli: runCliBench, api: runApiBench, faults: runFaultBench };
const results = { machine, date: new Date().toISOString() };
for (const [name, run] of Object.entries(sections)) {
  if (only.length > 0 && !only.includes(name)) continue;
  results[name] = await run();
}
const dir = new URL("./results/", import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL("latest.json", dir), JSON.stringify(results, null, 2) + "\n");
console.log("\nwritten: bench/results/latest.json");
