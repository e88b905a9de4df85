import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decide } from "./evaluate.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const NOW = "2026-11-23T12:00:00Z";
const at = (path: string) => `${ROOT}${path}`;

describe("examples/library", () => {
  it.each([
    ["pr-safe-docs-merge", "safe-auto-merge", "merge"],
    ["pr-staging-awaiting-deploy", "staging-first", "wait"],
    ["pr-human-gated-auth", "human-gated", "needs-human"],
    ["pr-blocked-max-files", "staging-first", "blocked"],
  ])("decide(%s) → %s / %s", async (name, lane, verdict) => {
    const decision = await decide(at("policies/autonomous-shipping.yaml"), at(`examples/snapshots/${name}.json`), NOW);
    expect({ lane: decision.lane.id, verdict: decision.verdict }).toEqual({ lane, verdict });
  });

  it("rejects a snapshot that is not a pull request", async () => {
    const repository = at("examples/snapshots/repository");
    const { readdirSync } = await import("node:fs");
    const file = readdirSync(repository).find((f) => f.endsWith(".json"));
    expect(file).toBeDefined();
    await expect(decide(at("policies/autonomous-shipping.yaml"), `${repository}/${file}`, NOW)).rejects.toThrow(/is a repository snapshot/);
  });

  // scripts/test.sh builds before testing; a bare `vitest run` without dist skips this one.
  it.skipIf(!existsSync(at("packages/policy/dist/index.js")))("runs as a script with node", () => {
    const run = (snapshot: string) => {
      try {
        return {
          code: 0,
          out: execFileSync(
            process.execPath,
            [
              // As the README says: plain node, from the repository root.
              "examples/library/evaluate.mjs",
              "policies/autonomous-shipping.yaml",
              snapshot,
              "--now",
              NOW,
            ],
            { cwd: ROOT, encoding: "utf8" },
          ),
        };
      } catch (error) {
        const e = error as { status: number; stdout: string };
        return { code: e.status, out: e.stdout };
      }
    };
    const merged = run("examples/snapshots/pr-safe-docs-merge.json");
    expect(merged.code).toBe(0);
    expect(merged.out).toContain("acme/platform#42: lane safe-auto-merge, verdict merge");
    const blocked = run("examples/snapshots/pr-blocked-max-files.json");
    expect(blocked.code).toBe(1);
    expect(blocked.out).toContain("verdict blocked");
  });
});
