import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unsafePatternReason } from "../../src/loader/redos.js";

// Classic evil patterns (OWASP's ReDoS list and friends) and the rule that rejects each.
const UNSAFE: Array<[string, RegExp]> = [
  ["(a+)+", /nested quantifiers/],
  ["([a-zA-Z]+)*", /nested quantifiers/],
  ["(a|aa)+", /alternatives/],
  ["(a|a?)+", /nested quantifiers/],
  ["(.*a){12}", /nested quantifiers/],
  ["^(([a-z])+.)+[A-Z]([a-z])+$", /nested quantifiers/],
  ["^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$", /nested quantifiers/],
  ["^(\\w+\\s?)*$", /nested quantifiers/],
  ["(x+x+)+y", /nested quantifiers/],
  ["(\\w|\\d)+", /alternatives/],
  ["(a|)+", /alternatives/],
  // scslre's known miss: alternatives that match the very same text, which its star-height analysis cannot tell apart.
  ["(a|a)*", /alternatives/],
  ["^(a|a)*$", /alternatives/],
  ["(?:a|a)+b", /alternatives/],
  ["^(\\w|_)+$", /alternatives/],
  ["^(?:x|[x-z])+$", /alternatives/],
  ["^(é|É)+$", /alternatives/],
  ["(?:A|a)*$", /alternatives/],
  ["\\s*\\s*$", /unbounded repetitions in a row/],
  ["^.*.*=", /unbounded repetitions in a row/],
  ["\\d+\\w+x", /unbounded repetitions in a row/],
  ["a+b?a+", /unbounded repetitions in a row/],
  ["^.*a.*b$", /trade characters/],
  ["^\\w+_\\w+$", /trade characters/],
  ["^\\s+\\t\\s+x", /trade characters/],
  ["^[a-f]+c[a-z]*x", /trade characters/],
  ["^(.*a)(.*b)$", /trade characters/],
  ["^(?:.*a|x)(.*b)$", /trade characters/],
  ["^(\\w+)_\\w+$", /trade characters/],
  ["^a(.*,)?.*z$", /trade characters/],
  ["^(x.*)y.*z$", /trade characters/],
  ["(" + "(ab|cd)".repeat(10) + ")", /too many to check/],
  // Case folding beyond ASCII (flags iu): ſ matches s, the Kelvin sign matches k, and \\w matches both.
  ["^ſ+s+x", /in a row/],
  ["^[ſ]+[s]+x", /in a row/],
  ["^\u212a+k+x", /in a row/],
  ["^\\w+ſ\\w+$", /trade characters/],
  ["^é+É+x", /in a row/],
  // \W with flags iu: the spec leaves s and k out, recheck (like ES2015) folds them in; the check takes the wider reading.
  ["^s+\\W+x", /in a row/],
  ["^[ſ]+\\W\\w+?\\b", /trade characters/],
  ["^\u212a+[^\\w]+x", /in a row/],
  [".*secret", /retried from every position/],
  ["\\s+table", /retried from every position/],
  ["(?:\\w+)@", /retried from every position/],
  ["a?\\d+x", /retried from every position/],
  ["[a-c]+[x-z]+", /retried from every position/],
  ["\\s+\\S", /retried from every position/],
  ["(\\s+x)", /retried from every position/],
  ["x.*y", /retried from every position/],
  ["\\s+$", /retried from every position/],
  ["a+$", /retried from every position/],
  ["\\w+\\b", /retried from every position/],
  ["(\\s*a?)$", /retried from every position/],
  ["\\d+(?=x)", /retried from every position/],
  ["(?=.*x)", /retried from every position/],
  ["(a)\\1", /backreferences/],
  ["(?<x>a)\\k<x>", /backreferences/],
  ["(?<=a)b", /lookbehind/],
  ["(?<!a)b", /lookbehind/],
  // Inline modifiers: (?m:^) would no longer pin the match to the start.
  ["(?m:^)\\s+x", /inline modifiers/],
  ["(?i:a)", /inline modifiers/],
  ["a".repeat(257), /longer than 256/],
];

const SAFE = [
  "^docs:",
  "\\b(drop|truncate|purge|wipe)\\b",
  "\\b(drop\\s+(table|column|database|schema)|truncate\\s+table|delete\\s+from)\\b",
  "^(feat|fix|docs)(\\([a-z-]+\\))?: .+",
  "(ab|cd)+",
  "\\d{4}-\\d{2}-\\d{2}",
  "(\\d{4}-)+",
  "^[a-c]+[x-z]+",
  "^\\s+\\S",
  "\\w+",
  "^x.*y",
  "drop\\s+table",
  "^.*secret",
  "^\\s*#",
  "(?:a|b|c){1,3}",
  "#\\d+",
  "(?=\\w)\\w+",
  "x😀+",
  "^\\w+ \\w+$",
  "^[a-c]+x[a-c]+",
  "^(\\d+)\\.\\d+$",
  "^(a|b|c|d)(e|f|g|h)(i|j|k|l)(m|n|o|p)(q|r|s|t)$",
  "^é+x+",
  "^[à-ÿ]+ \\w+",
  "^\\s+$",
  "fix\\s*$",
  "#\\d+\\b",
  // Escapes are the characters they stand for: \x41 is A, not any character.
  "\\x41\\x42+c",
  "^\\u{61}+\\u{62}+",
  "#[\\x30-\\x39]+\\b",
  "^\\p{Lu}\\w*$",
];

describe("ReDoS check", () => {
  it.each(UNSAFE)("rejects %s", (pattern, why) => {
    expect(unsafePatternReason(pattern)).toMatch(why);
  });

  it.each(SAFE)("accepts %s", (pattern) => {
    expect(unsafePatternReason(pattern)).toBeUndefined();
  });

  it("accepted patterns stay fast on 64 KiB of adversarial input (the engine's cut-off)", () => {
    const size = 65_536;
    const inputs = ["a", " ", "1", "ab", "x", "drop ", "docs:"].map(
      (unit) => `${unit.repeat(Math.ceil(size / unit.length)).slice(0, size)}!`,
    );
    for (const pattern of SAFE) {
      const regex = new RegExp(pattern, "iu");
      const started = performance.now();
      for (const input of inputs) regex.test(input);
      expect(performance.now() - started, pattern).toBeLessThan(500);
    }
  });

  it("never throws, whatever the pattern", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40, unit: fc.constantFrom(..."()[]{}|*+?\\.^$-:=!<>kdwsbu0123aA,") }), (pattern) => {
        let compiles = true;
        try {
          new RegExp(pattern, "iu");
        } catch {
          compiles = false;
        }
        if (compiles) expect(["string", "undefined"]).toContain(typeof unsafePatternReason(pattern));
      }),
      { numRuns: 500 },
    );
  });
});
