import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileAreas } from "../../src/conditions/areas.js";
import { internalsOf } from "../../src/engine/compile.js";
import { collectFacts } from "../../src/engine/facts.js";
import type { AreasCondition } from "../../src/policy/types.js";
import type { AreaHit } from "../../src/engine/types.js";
import type { ChangedFile, PullRequestSnapshot } from "../../src/snapshot/types.js";
import micromatch from "micromatch";
import { anyPullRequestArb } from "../helpers/arbitrary.js";
import { NOW, defaultPolicy, file, safePr, withLabel } from "../helpers/pr.js";

const internals = internalsOf(defaultPolicy());
const AREA_IDS = internals.areas.map((a) => a.id);
const now = Date.parse(NOW);

// Renamed files whose old path lies in another area: areas match by either path.
const renamedArb: fc.Arbitrary<ChangedFile> = fc
  .record({
    path: fc.constantFrom("docs/moved.md", "web/src/page.tsx", "tools/x.go"),
    from: fc.constantFrom("api/auth/old.py", "cli/old.go", "misc/old.txt"),
  })
  .map(({ path, from }) => ({ ...file(path), status: "renamed", previous_path: from }));

const prArb = fc.tuple(anyPullRequestArb, fc.array(renamedArb, { maxLength: 2 })).map(([pr, renamed]) => ({
  ...pr,
  files: [...pr.files, ...renamed.filter((r) => !pr.files.some((f) => f.path === r.path))],
}));

/**
 * A file is in an area by either end of a rename, in any case (micromatch's
 * own nocase, independent of the engine's matchers); a rename or copy whose
 * origin is unknown is in every area.
 */
function inAreaByPath(file: ChangedFile, id: string): boolean {
  if ((file.status === "renamed" || file.status === "copied") && file.previous_path === undefined) return true;
  const globs = internals.document.areas.find((a) => a.id === id)?.paths ?? [];
  const ends = file.previous_path === undefined ? [file.path] : [file.path, file.previous_path];
  return ends.some((path) => micromatch.isMatch(path, globs, { dot: true, nocase: true }));
}

/** The areas as the engine computed them before facts were lazy: every file against every area, then labels. */
function eagerAreas(pr: PullRequestSnapshot, labels: ReadonlySet<string>): Array<[string, AreaHit]> {
  const hits = new Map<string, AreaHit>();
  const hit = (id: string, from: "label" | "path", path?: string) => {
    const area = hits.get(id) ?? { id, from: [], paths: [] };
    hits.set(id, area);
    if (!area.from.includes(from)) area.from.push(from);
    if (path !== undefined && area.paths.length < 20) area.paths.push(path);
  };
  for (const file of pr.files) for (const area of internals.areas) if (inAreaByPath(file, area.id)) hit(area.id, "path", file.path);
  for (const area of internals.areas) if (labels.has(area.label)) hit(area.id, "label");
  return [...hits].sort(([a], [b]) => a.localeCompare(b));
}

const idsArb = fc.subarray(AREA_IDS, { minLength: 1 });
const areasConditionArb: fc.Arbitrary<AreasCondition> = fc.oneof(
  idsArb.map((ids) => ({ any: ids })),
  idsArb.map((ids) => ({ all: ids })),
  idsArb.map((ids) => ({ none: ids })),
  idsArb.map((ids) => ({ only: ids })),
);

describe("facts are worked out when first read", () => {
  it("and asking one area at a time agrees with the full list, whichever is read first", () => {
    fc.assert(
      fc.property(prArb, fc.shuffledSubarray(AREA_IDS), fc.boolean(), (pr, asked, fullFirst) => {
        const facts = collectFacts(internals, pr, now);
        const early = fullFirst ? [] : asked.map((id) => facts.inArea(id));
        const eager = new Map(eagerAreas(pr, facts.labels));
        expect([...facts.areas]).toEqual([...eager]);
        if (!fullFirst) expect(early).toEqual(asked.map((id) => eager.has(id)));
        for (const id of AREA_IDS) expect(facts.inArea(id)).toBe(eager.has(id));
      }),
      { numRuns: 300 },
    );
  });

  it("so an areas condition's bare test agrees with its explanation for any list of areas", () => {
    fc.assert(
      fc.property(prArb, areasConditionArb, (pr, condition) => {
        const compiled = compileAreas(condition);
        expect(compiled.test(collectFacts(internals, pr, now))).toBe(compiled(collectFacts(internals, pr, now)).matched);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    { what: "a file in two areas is in both", files: [file("api/auth/login.py")], labels: [], areas: ["api", "auth"] },
    {
      what: "a renamed file is also in its old path's area",
      files: [{ ...file("docs/moved.md"), status: "renamed" as const, previous_path: "cli/old.go" }],
      labels: [],
      areas: ["cli-sdk", "docs"],
    },
    { what: "an area label alone puts the PR in that area", files: [file("Makefile")], labels: ["area:ops"], areas: ["ops"] },
    {
      what: "a path and a label of one area are both evidence, path first",
      files: [file("docs/a.md")],
      labels: ["area:docs"],
      areas: ["docs"],
      from: ["path", "label"],
    },
    { what: "a file in no area adds none", files: [file("Makefile")], labels: [], areas: [] },
    { what: "an unknown area id is never present", files: [file("docs/a.md")], labels: [], areas: ["docs"], absent: ["nowhere"] },
  ])("$what", ({ files, labels, areas, absent = [], from }) => {
    let pr = safePr({ files, labels: [] });
    for (const label of labels) pr = withLabel(pr, label);
    const facts = collectFacts(internals, pr, now);
    for (const id of [...areas, ...absent]) expect(facts.inArea(id)).toBe(areas.includes(id));
    expect([...facts.areas.keys()]).toEqual(areas);
    const hit = facts.areas.get(areas[0] ?? "");
    if (hit) expect(hit.from).toEqual(from ?? (labels.length > 0 ? ["label"] : ["path"]));
  });

  it("counts GitHub's totals for files the list does not show, and keeps excluded files out of the size", () => {
    const pr = safePr({
      files: [file("docs/a.md", 10, 0), file("pnpm-lock.yaml", 500, 0)],
      totals: { files: 3, additions: 530, deletions: 0 },
    });
    const facts = collectFacts(internals, pr, now);
    expect(facts.changedLines).toBe(530);
    expect(facts.countedLines).toBe(30);
    expect(facts.changedFiles).toBe(3);
    expect(facts.size.id).toBe("s");
  });
});
