import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unsafePatternReason } from "../../src/loader/redos.js";
import { fuzzParameters } from "../fuzz/kit.js";

// recheck (a dev dependency only) decides ReDoS by automata theory; the
// loader's check must never accept a pattern recheck proves vulnerable.
// Pure JavaScript: recheck would otherwise start a native binary or a JVM.
process.env.RECHECK_BACKEND = "pure";
const recheck = import("recheck");

/** The engine's flags (conditions/misc.ts compileText). */
const FLAGS = "iu";

const compiles = (pattern: string) => {
  try {
    new RegExp(pattern, FLAGS);
    return true;
  } catch {
    return false;
  }
};

/** recheck's proven verdict: "vulnerable (exponential)", "vulnerable (polynomial)", "safe", or "unknown" (no proof in time). */
async function proven(pattern: string): Promise<string> {
  const verdict = await (await recheck).check(pattern, FLAGS, { checker: "automaton", timeout: 5_000 });
  if (verdict.status === "vulnerable") return `vulnerable (${verdict.complexity.type})`;
  return verdict.status;
}

// Small patterns whose characters overlap in tricky ways under `iu` (ſ folds to s, the Kelvin sign to k, é to É),
// escapes that stand for one character, groups of every kind, alternatives, lookaheads and quantifiers.
const ATOMS = [
  ..."absſkKéÉx- ",
  "\\w",
  "\\d",
  "\\s",
  "\\S",
  "\\W",
  ".",
  "[a-c]",
  "[^x]",
  "[ſ]",
  "[à-ÿ]",
  "[\\d_]",
  "\\x61",
  "\\u{73}",
  "[\\x41-\\x5a]",
  "\\p{L}",
  "\\n",
  "\\b",
  "(?=a)",
  "(?!a)",
];
const { pattern: randomPattern } = fc.letrec((tie) => ({
  pattern: fc
    .tuple(fc.boolean(), fc.array(tie("piece"), { minLength: 1, maxLength: 4 }), fc.constantFrom("", "$", "x", "\\b", "(?=y)"))
    .map(([anchored, pieces, end]) => `${anchored ? "^" : ""}${(pieces as string[]).join("")}${end}`),
  piece: fc
    .tuple(
      fc.oneof({ maxDepth: 3 }, fc.constantFrom(...ATOMS), tie("group")),
      fc.constantFrom("", "", "", "+", "*", "?", "{2,}", "{1,3}", "{2}", "+?", "*?"),
    )
    .map(([atom, quantifier]) => `${atom as string}${quantifier}`),
  group: fc
    .tuple(
      fc.constantFrom("(", "(?:"),
      fc.array(tie("piece"), { minLength: 1, maxLength: 3 }),
      fc.option(fc.array(tie("piece"), { minLength: 0, maxLength: 2 })),
    )
    .map(([open, left, right]) => `${open}${(left as string[]).join("")}${right ? `|${(right as string[]).join("")}` : ""})`),
}));

/** Runs of the property: SHIPLANE_REDOS_RUNS, else 60 (recheck's pure-JavaScript automaton takes up to a second a pattern). */
const RUNS = Number(process.env.SHIPLANE_REDOS_RUNS ?? 60);

describe("the loader's ReDoS check against recheck", () => {
  it("accepts no pattern that recheck proves vulnerable", async () => {
    await fc.assert(
      fc.asyncProperty(
        randomPattern.filter((pattern) => compiles(pattern) && unsafePatternReason(pattern) === undefined),
        async (pattern) => {
          expect(await proven(pattern), pattern).not.toMatch(/^vulnerable/);
        },
      ),
      fuzzParameters(RUNS),
    );
  }, 600_000);

  // Patterns recheck proves vulnerable, the classic ones and those the rules were written for: the check rejects each.
  it.each([
    "^(a+)+$",
    "(\\w+\\s?)*$",
    "(a|aa)+$",
    "(a|a)*$",
    "^(a|a)*$",
    "(x+x+)+y",
    "^.*a.*b$",
    "x.*y",
    "\\s+$",
    "^\\w+ſ\\w+$",
    // Proven on recheck's reading of \W with flags iu (it matches s and k); V8 leaves them out, but the check sides with recheck.
    "^[ſ]+\\W\\w+?\\b",
  ])("recheck proves /%s/ vulnerable, and the check rejects it", async (pattern) => {
    expect(await proven(pattern)).toMatch(/^vulnerable/);
    expect(unsafePatternReason(pattern)).toBeDefined();
  });

  // The check is conservative: these are safe by recheck's proof, yet rejected. Each row says why the check cannot tell.
  it.each([
    [
      "(a|a)*",
      "nothing after the repetition can make the match fail, so it never backtracks; the check does not look past a repeated group",
    ],
    ["(ab|ac)+", "the alternatives share a first character but no whole match; the check compares first characters only"],
    ["\\b[A-Z]{2,}-\\d+\\b", "the leading \\b lets a match start only at a word's start; the check trusts only ^ or a distinct character"],
    [
      "^(feat|fix)(\\(.+\\))?: .+",
      "the last run ends the pattern, so reaching it is success; the check sees two runs of any character that could trade",
    ],
  ])("/%s/ is rejected though recheck proves it safe: %s", async (pattern) => {
    expect(unsafePatternReason(pattern)).toBeDefined();
    expect(await proven(pattern)).toBe("safe");
  });
});
