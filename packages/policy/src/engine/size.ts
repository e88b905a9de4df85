import { defineRule, rule } from "./rule.js";

/** Measured size against the declared size label; fixing it is an action, blocking only if the policy says so. */
export const SIZE_MISMATCH = "size/mismatch";

export type SizeEvidence = { measured: string; declared: string[]; counted_lines: number; changed_lines: number };

export const sizeRule = defineRule<SizeEvidence>({
  code: SIZE_MISMATCH,
  section: "size",
  summary: "The size label matches the measured size (size.on_mismatch: relabel fixes it, block also blocks, report only says so).",
  verdicts: ["blocked"],
  coverage: "none",
  evaluate: ({ facts }) => {
    const declared = facts.declaredSizes;
    const mismatch = facts.sizeMismatch;
    const message = !mismatch
      ? `size label ${facts.size.label} matches ${facts.countedLines} counted lines`
      : declared.length === 0
        ? `no size label; ${facts.countedLines} counted lines measure ${facts.size.label}`
        : `labelled ${declared.join(", ")} but ${facts.countedLines} counted lines measure ${facts.size.label}`;
    const block = mismatch && facts.internals.document.size.on_mismatch === "block";
    return rule(SIZE_MISMATCH, mismatch ? "failed" : "met", block ? "blocked" : "merge", message, {
      measured: facts.size.label,
      declared: [...declared],
      counted_lines: facts.countedLines,
      changed_lines: facts.changedLines,
    });
  },
  remedy: (node) => node.message,
});
