import fc from "fast-check";
import { describe, it } from "vitest";
import YAML from "yaml";
import { POLICIES, checkLoad } from "./policy-kit.js";
import { fuzzParameters, fuzzRuns, mutated, Tally, timeoutFor } from "./kit.js";

/** The policy parsed, edited as data at one to three places, and written back as YAML: gets past the parser into the schema and semantic checks. */
const restructured = (text: string) => mutated(YAML.parse(text) as unknown).map((doc) => YAML.stringify(doc));

describe("fuzz: policies edited as data into loadPolicy", () => {
  // A near-valid policy costs the loader its full pipeline (~5-10 ms): a fifth of the cases, at least 300.
  const runs = fuzzRuns(0.2, 300);
  it(
    "only ever throws PolicyError, whose every problem is located and coded; a policy it accepts evaluates example PRs",
    () => {
      const tally = new Tally("loadPolicy(policy edited as data)");
      fc.assert(
        fc.property(fc.oneof(restructured(POLICIES.minimal), restructured(POLICIES.solo), restructured(POLICIES.bundled)), (text) =>
          tally.add(checkLoad(text)),
        ),
        fuzzParameters(runs),
      );
      tally.finish(runs, ["loaded", "rejected: schema"]);
    },
    timeoutFor(runs, 10),
  );
});
