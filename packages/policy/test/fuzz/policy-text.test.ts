import fc from "fast-check";
import { describe, it } from "vitest";
import YAML from "yaml";
import { POLICIES, checkLoad } from "./policy-kit.js";
import { fuzzParameters, fuzzRuns, Tally, timeoutFor } from "./kit.js";

/** A policy text with a slice cut out or replaced by YAML punctuation: what a bad edit or a bad merge leaves. */
const spliced = (text: string) =>
  fc
    .record({
      at: fc.nat({ max: text.length }),
      cut: fc.nat({ max: 80 }),
      insert: fc.string({ maxLength: 24, unit: fc.constantFrom(..."{}[]:-&*!|>?%@`'\"#\n\t ,a1_\\") }),
    })
    .map(({ at, cut, insert }) => text.slice(0, at) + insert + text.slice(at + cut));

const policyText = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ maxLength: 120, unit: "grapheme" }),
      fc.jsonValue({ maxDepth: 3 }).map((v) => YAML.stringify(v)),
    ),
  },
  { weight: 1, arbitrary: fc.oneof(spliced(POLICIES.minimal), spliced(POLICIES.solo), spliced(POLICIES.bundled)) },
);

describe("fuzz: arbitrary text into loadPolicy", () => {
  const runs = fuzzRuns();
  it(
    "only ever throws PolicyError, whose every problem is located and coded; a policy it accepts evaluates example PRs",
    () => {
      const tally = new Tally("loadPolicy(arbitrary or damaged text)");
      fc.assert(
        fc.property(policyText, (text) => tally.add(checkLoad(text))),
        fuzzParameters(runs),
      );
      tally.finish(runs, ["loaded"]);
    },
    // A case loads a whole policy (and a tenth of them evaluate the example PRs): ~4 ms alone, more under load.
    timeoutFor(runs, 12),
  );
});
