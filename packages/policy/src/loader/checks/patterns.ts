import { unsafePatternReason } from "../redos.js";
import type { Check } from "./context.js";
import { conditionReferences } from "./walk.js";

export const patternChecks: Check[] = [
  {
    name: "title and body patterns compile and cannot blow up",
    reads: ["/lanes", "/never_automate"],
    run(ctx) {
      for (const { ref } of conditionReferences(ctx.doc, ["pattern"])) {
        const { value: pattern, pointer: at } = ref;
        try {
          new RegExp(pattern, "iu");
        } catch (error) {
          ctx.report(at, "pattern/invalid", `not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`);
          continue;
        }
        const reason = unsafePatternReason(pattern);
        if (reason !== undefined)
          ctx.report(at, "pattern/unsafe", `pattern /${pattern}/ is rejected: ${reason}`, {
            suggestion: "simplify it: no nested or adjacent repetitions, no overlapping alternatives inside a repetition",
          });
      }
    },
  },
];
