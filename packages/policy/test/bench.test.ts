import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluatePullRequest } from "../src/engine/evaluate.js";
import { parseSnapshot } from "../src/loader/index.js";
import type { PullRequestSnapshot } from "../src/snapshot/types.js";
import { anyPullRequestArb } from "./helpers/arbitrary.js";
import { NOW, defaultPolicy } from "./helpers/pr.js";

// The benchmarks run on the built packages and are not run by the tests, so
// what they lean on is checked here: the modules they import, and the
// hand-written baseline of the overhead figure, which must keep choosing the
// engine's lane or the ratio compares different work.

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const BENCH = join(ROOT, "bench");
const load = (path: string): Promise<Record<string, unknown>> => import(pathToFileURL(path).href) as Promise<Record<string, unknown>>;

describe("the benchmarks", () => {
  const imports = readdirSync(BENCH)
    .filter((name) => name.endsWith(".mjs"))
    .flatMap((name) =>
      [...readFileSync(join(BENCH, name), "utf8").matchAll(/import \{([^}]*)\} from "\.\.\/packages\/([^/]+)\/dist\/([^"]+)\.js"/g)].map(
        (m) => ({
          bench: name,
          names: (m[1] as string)
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean),
          source: join(ROOT, "packages", m[2] as string, "src", `${m[3] as string}.ts`),
        }),
      ),
    );

  it("import something from the packages (the pattern below still finds their imports)", () => {
    expect(imports.map((i) => i.bench)).toEqual(expect.arrayContaining(["engine.mjs", "tick.mjs", "api.mjs", "faults.mjs"]));
  });

  it("import only names the packages' sources still export, internal modules included", async () => {
    const missing: string[] = [];
    for (const { bench, names, source } of imports) {
      const module = await load(source).catch(() => ({}) as Record<string, unknown>);
      for (const name of names) if (!(name in module)) missing.push(`${bench}: ${name} from ${source.slice(ROOT.length)}`);
    }
    expect(missing).toEqual([]);
  });

  describe("compare the engine with a hand-written classifier that picks the same lane", async () => {
    const { handWrittenLane } = (await load(join(BENCH, "hand-written.mjs"))) as { handWrittenLane: (pr: PullRequestSnapshot) => string };
    const policy = defaultPolicy();
    const disagreements = (prs: PullRequestSnapshot[]) =>
      prs
        .map((pr) => ({ pr: pr.number, hand: handWrittenLane(pr), engine: evaluatePullRequest(policy, pr, { now: NOW }).lane.id }))
        .filter((l) => l.hand !== l.engine);

    it("on every example PR the benchmark times", () => {
      const dir = join(ROOT, "examples/snapshots");
      const prs = readdirSync(dir)
        .filter((name) => name.startsWith("pr-") && name.endsWith(".json"))
        .map((name) => parseSnapshot(readFileSync(join(dir, name), "utf8"), { source: name }))
        .filter((snapshot): snapshot is PullRequestSnapshot => snapshot.kind === "pull_request");
      expect(prs.length).toBeGreaterThan(10);
      expect(disagreements(prs)).toEqual([]);
      expect(new Set(prs.map((pr) => handWrittenLane(pr)))).toEqual(new Set(["human-gated", "safe-auto-merge", "staging-first"]));
    });

    it("on random PRs", () => {
      fc.assert(
        fc.property(fc.array(anyPullRequestArb, { minLength: 1, maxLength: 5 }), (prs) => {
          expect(disagreements(prs)).toEqual([]);
        }),
        { numRuns: 300 },
      );
    });
  });
});
