import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { evaluatePullRequest } from "../../src/engine/evaluate.js";
import type { Decision } from "../../src/engine/types.js";
import type { PullRequestSnapshot } from "../../src/snapshot/types.js";
import { NOW, defaultPolicy } from "../helpers/pr.js";

const DIR = fileURLToPath(new URL("../../../../examples/snapshots/", import.meta.url));

export const EXAMPLES = readdirSync(DIR)
  .filter((f) => f.startsWith("pr-") && f.endsWith(".json"))
  .map((f) => f.replace(/\.json$/, ""))
  .sort();

/** The bundled example snapshot `name`, decided by the bundled policy at NOW. */
export function exampleDecision(name: string): Decision {
  const pr = JSON.parse(readFileSync(`${DIR}${name}.json`, "utf8")) as PullRequestSnapshot;
  return evaluatePullRequest(defaultPolicy(), pr, { now: NOW });
}

export function exampleSnapshot(name: string): PullRequestSnapshot {
  return JSON.parse(readFileSync(`${DIR}${name}.json`, "utf8")) as PullRequestSnapshot;
}

const ESC = String.fromCharCode(27);
const ANSI = new RegExp(`${ESC}\\[[0-9;]*m`, "g");
export const stripAnsi = (text: string): string => text.replace(ANSI, "");
export const hasAnsi = (text: string): boolean => text.includes(`${ESC}[`);
