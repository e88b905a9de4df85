import type { PolicyDocument } from "../../policy/types.js";
import type { Check } from "./context.js";
import { globSource, needsExpression } from "../../util/glob.js";
import { conditionReferences, listed, type Reference } from "./walk.js";

/** Every path glob of the policy, with its pointer. */
function* everyGlob(doc: PolicyDocument): Generator<Reference> {
  yield* listed(doc.policy_paths ?? [], "/policy_paths");
  yield* listed(doc.size.exclude ?? [], "/size/exclude");
  for (const [i, area] of doc.areas.entries()) yield* listed(area.paths, `/areas/${i}/paths`);
  yield* listed(doc.guardrails.forbidden_paths ?? [], "/guardrails/forbidden_paths");
  for (const [i, lane] of doc.validation.lanes.entries()) yield* listed(lane.paths ?? [], `/validation/lanes/${i}/paths`);
  for (const { ref } of conditionReferences(doc, ["glob"])) yield ref;
}

// Compiling is a pure function of the glob; remembering it keeps reloading a policy cheap.
const compiled = new Map<string, string | undefined>();
const MAX_REMEMBERED = 10_000;
const NEVER = "$^";

function compileFailure(glob: string): string | undefined {
  if (compiled.has(glob)) return compiled.get(glob);
  let failure: string | undefined;
  try {
    // A glob made only of shortcut shapes needs no expression, and compiles. picomatch does not
    // throw on a broken glob: it returns a pattern that matches nothing.
    if (needsExpression(glob) && globSource(glob) === NEVER)
      failure = "micromatch reads it as matching nothing (an unclosed brace or bracket, an empty range, a trailing backslash?)";
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  if (compiled.size >= MAX_REMEMBERED) compiled.clear();
  compiled.set(glob, failure);
  return failure;
}

export const globChecks: Check[] = [
  {
    name: "globs compile and are relative",
    reads: ["/policy_paths", "/size", "/areas", "/guardrails", "/validation", "/lanes", "/never_automate"],
    run(ctx) {
      for (const { value, pointer } of everyGlob(ctx.doc)) {
        if (value.trim() === "") {
          ctx.report(pointer, "glob/empty", "a glob must not be blank");
          continue;
        }
        const failure = compileFailure(value);
        if (failure !== undefined) {
          ctx.report(pointer, "glob/invalid", `glob "${value}" does not compile: ${failure}`);
          continue;
        }
        if (value.startsWith("/") || value.startsWith("./")) {
          ctx.report(
            pointer,
            "glob/absolute",
            `glob "${value}" starts with "${value.startsWith("/") ? "/" : "./"}", but changed paths are relative to the repository root without a prefix, so it matches nothing`,
            {
              suggestion: `write "${value.replace(/^\.?\/+/, "")}"`,
            },
          );
        } else if (value.includes("\\")) {
          ctx.report(
            pointer,
            "glob/backslash",
            `glob "${value}" contains a backslash: paths use "/", and "\\" escapes the next character`,
            { severity: "warning" },
          );
        }
      }
    },
  },
];
