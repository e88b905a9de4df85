import type { TextCondition } from "../../policy/types.js";
import { unsafePatternReason } from "../redos.js";
import type { Check } from "./context.js";
import { everyCondition } from "./walk.js";

export const patternChecks: Check[] = [
  {
    name: "title and body patterns compile and cannot blow up",
    reads: ["/lanes", "/never_automate"],
    run(ctx) {
      for (const { condition, pointer } of everyCondition(ctx.doc)) {
        const field = "title" in condition ? "title" : "body" in condition ? "body" : undefined;
        if (field === undefined) continue;
        const text = (condition as Record<typeof field, TextCondition>)[field];
        if (text.matches === undefined) continue;
        const at = `${pointer}/${field}/matches`;
        try {
          new RegExp(text.matches, "iu");
        } catch (error) {
          ctx.report(at, "pattern/invalid", `not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`);
          continue;
        }
        const reason = unsafePatternReason(text.matches);
        if (reason !== undefined)
          ctx.report(at, "pattern/unsafe", `pattern /${text.matches}/ is rejected: ${reason}`, {
            suggestion: "simplify it: no nested or adjacent repetitions, no overlapping alternatives inside a repetition",
          });
      }
    },
  },
];
