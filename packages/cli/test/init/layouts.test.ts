import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { COMMON_LAYOUTS, HUMAN_GATED_PATHS, MIGRATION_GLOBS } from "../../src/init/layouts.js";
import { ROOT } from "../helpers/io.js";

interface Bundled {
  policy_paths: string[];
  areas: Array<{ id: string; paths: string[] }>;
  lanes: Array<{ id: string; when: { any: Array<{ files?: { any: string[] } }> } }>;
}

// The bundled policy recognises the common layouts without `shiplane init`, with the same lists init uses.
const bundled = parse(readFileSync(join(ROOT, "policies/autonomous-shipping.yaml"), "utf8")) as Bundled;

describe("the bundled policy and init share the common layouts", () => {
  it.each(Object.entries(COMMON_LAYOUTS))("area %s has every common glob", (id, globs) => {
    expect(bundled.areas.find((a) => a.id === id)?.paths).toEqual(expect.arrayContaining(globs));
  });

  it("the human-gated lane has every migration glob", () => {
    const gated = bundled.lanes.find((l) => l.id === "human-gated");
    const files = gated?.when.any.flatMap((c) => c.files?.any ?? []);
    expect(files).toEqual(expect.arrayContaining(MIGRATION_GLOBS));
  });

  it("policy_paths hold everything that judges a PR", () => {
    expect(bundled.policy_paths).toEqual(expect.arrayContaining(HUMAN_GATED_PATHS));
  });
});
