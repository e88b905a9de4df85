import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parsePolicy } from "@shiplane/policy";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { patternSites, redosProblems, type PatternSite } from "../src/redos.js";
import { cli, ROOT } from "./helpers/io.js";

const BUNDLED = join(ROOT, "policies/autonomous-shipping.yaml");
const bundledText = readFileSync(BUNDLED, "utf8");

/** A one-pattern policy text fragment: the pattern sits on line 4, its value at column 33. */
const withPattern = (pattern: string) => `never_automate:
  - id: x
    when:
      any: [{ title: { matches: ${JSON.stringify(pattern)} } }]
`;

describe("patternSites: every title/body pattern, with its position", () => {
  it.each<[string, string, Array<Omit<PatternSite, "pattern"> & { pattern: string }>]>([
    ["flow style", withPattern("^wip"), [{ pattern: "^wip", pointer: "/never_automate/0/when/any/0/title/matches", line: 4, column: 33 }]],
    [
      "block style, nested all/not, body and title",
      "lanes:\n  - id: a\n    when:\n      all:\n        - not:\n            body:\n              matches: 'drop\\s+table'\n        - title: { matches: fix }\n",
      [
        { pattern: "drop\\s+table", pointer: "/lanes/0/when/all/0/not/body/matches", line: 7, column: 24 },
        { pattern: "fix", pointer: "/lanes/0/when/all/1/title/matches", line: 8, column: 29 },
      ],
    ],
    ["label globs are not patterns", "lanes:\n  - when: { labels: { matches: 'area:*' } }\n", []],
    ["a matches that is not a string is the schema's problem", "lanes:\n  - when: { title: { matches: 3 } }\n", []],
    [
      "keys that need escaping in a pointer",
      "a/b:\n  c~d:\n    body: { matches: x }\n",
      [{ pattern: "x", pointer: "/a~1b/c~0d/body/matches", line: 3, column: 22 }],
    ],
    ["text that is not YAML has no sites", "lanes: [\n", []],
  ])("%s", (_name, text, expected) => {
    expect(patternSites(text)).toEqual(expected);
  });

  it("finds both patterns of the bundled policy", () => {
    expect(patternSites(bundledText).map((s) => s.pointer)).toEqual([
      "/never_automate/3/when/any/0/title/matches",
      "/never_automate/3/when/any/1/body/matches",
    ]);
  });
});

describe("redosProblems: recheck's verdict as problems", () => {
  // Classic evil patterns, exponential and polynomial.
  it.each([
    ["^(a+)+$", "exponential"],
    ["(\\w+\\s?)*$", "exponential"],
    ["(a|aa)+$", "exponential"],
    ["(x+x+)+y", "exponential"],
    ["^.*a.*b$", "polynomial"],
  ])("/%s/ is flagged as %s, with the attack string's length", async (pattern, complexity) => {
    const [site] = patternSites(withPattern(pattern));
    const problems = await redosProblems([site as PatternSite], "p.yaml");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      source: "p.yaml",
      line: 4,
      column: 33,
      severity: "error",
      code: "pattern/redos",
      pointer: "/never_automate/0/when/any/0/title/matches",
    });
    expect(problems[0]?.message).toContain(`/${pattern}/`);
    expect(problems[0]?.message).toContain(complexity);
    const length = /attack string has ([\d,]+) characters/.exec(problems[0]?.message ?? "")?.[1];
    expect(Number(length?.replace(/,/g, ""))).toBeGreaterThan(10);
  });

  it.each(["^wip\\b", "drop\\s+table", "(^|\\n)## Verification", "^(\\w|-)+$"])("/%s/ is safe: no problem", async (pattern) => {
    expect(await redosProblems(patternSites(withPattern(pattern)), "p.yaml")).toEqual([]);
  });

  it("a bounded repetition recheck can only fuzz is at most a warning, never an error", async () => {
    // V8 runs recheck's own attack on this in well under a millisecond at 64 KiB.
    const problems = await redosProblems(patternSites(withPattern("é{1,40}[^a]{1,40}$")), "p.yaml");
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    for (const problem of problems) expect(problem.message).toMatch(/not a proof|could not decide/);
  });

  it("the bundled policy's patterns pass", async () => {
    expect(await redosProblems(patternSites(bundledText), "policies/autonomous-shipping.yaml")).toEqual([]);
  });

  it("no verdict within the budget is a warning, never a silent pass", async () => {
    const [, body] = patternSites(bundledText);
    const problems = await redosProblems([body as PatternSite], "b.yaml", { automatonMs: 1, fuzzMs: 1 });
    expect(problems).toMatchObject([{ severity: "warning", code: "pattern/redos-unchecked", line: (body as PatternSite).line }]);
    expect(problems[0]?.message).toMatch(/no verdict within 0\.002 s/);
  });

  it("patterns that do not compile are left to the loader", async () => {
    expect(await redosProblems(patternSites(withPattern("(unclosed")), "p.yaml")).toEqual([]);
  });
});

function writeTemp(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "shiplane-redos-")), "policy.yaml");
  writeFileSync(path, text);
  return path;
}

const TITLE = '- title: { matches: "\\\\b(drop|truncate|purge|wipe)\\\\b" }';
const bundledWithTitle = (pattern: string) => {
  expect(bundledText).toContain(TITLE);
  return bundledText.replace(TITLE, `- title: { matches: ${JSON.stringify(pattern)} }`);
};

describe("shiplane validate runs the deep check", () => {
  it("a vulnerable pattern gets recheck's attack string next to the loader's rejection, at its line and column", async () => {
    const file = writeTemp(bundledWithTitle("^(a+)+$"));
    const line = bundledText.split("\n").findIndex((l) => l.includes(TITLE)) + 1;
    const result = await cli(["validate", file]);
    expect(result.code).toBe(EXIT.failure);
    expect(result.stdout).toMatch(
      new RegExp(`policy\\.yaml:${line}:\\d+ error pattern/unsafe at /never_automate/3/when/any/0/title/matches: `),
    );
    expect(result.stdout).toMatch(
      new RegExp(
        `policy\\.yaml:${line}:\\d+ error pattern/redos at /never_automate/3/when/any/0/title/matches: pattern /\\^\\(a\\+\\)\\+\\$/ can backtrack catastrophically: exponential`,
      ),
    );
    const json = JSON.parse((await cli(["validate", file, "--json"])).stdout) as {
      valid: boolean;
      files: Array<{ problems: Array<{ code: string; line: number }> }>;
    };
    expect(json.valid).toBe(false);
    expect(json.files[0]?.problems.map((p) => [p.code, p.line])).toEqual([
      ["pattern/unsafe", line],
      ["pattern/redos", line],
    ]);
  });

  it("the bundled policy stays valid with no deep-check problem", async () => {
    const json = JSON.parse((await cli(["validate", BUNDLED, "--json"])).stdout) as {
      valid: boolean;
      files: Array<{ problems: unknown[] }>;
    };
    expect(json).toMatchObject({ valid: true, files: [{ problems: [] }] });
  });

  it("a text that does not parse gets no deep check, only the loader's problems", async () => {
    const result = await cli(["validate", writeTemp("lanes: [\n  - title: { matches: '(a+)+' }\n"), "--json"]);
    const codes =
      (JSON.parse(result.stdout) as { files: Array<{ problems: Array<{ code: string }> }> }).files[0]?.problems.map((p) => p.code) ?? [];
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.filter((code) => code.startsWith("pattern/"))).toEqual([]);
  });
});

// Small patterns over characters that overlap in tricky ways (ſ folds to s), groups, alternatives and quantifiers.
const { pattern: randomPattern } = fc.letrec((tie) => ({
  pattern: fc
    .tuple(fc.boolean(), fc.array(tie("piece"), { minLength: 1, maxLength: 3 }), fc.constantFrom("", "$", "x", "\\b"))
    .map(([anchored, pieces, end]) => `${anchored ? "^" : ""}${(pieces as string[]).join("")}${end}`),
  piece: fc
    .tuple(
      fc.oneof({ maxDepth: 2 }, fc.constantFrom("a", "b", "s", "ſ", "\\w", "\\d", ".", "\\s", "x", "-", "[a-c]", "[^x]"), tie("group")),
      fc.constantFrom("", "", "+", "*", "?", "{2,}"),
    )
    .map(([atom, quantifier]) => `${atom as string}${quantifier}`),
  group: fc
    .tuple(fc.array(tie("piece"), { minLength: 1, maxLength: 2 }), fc.option(fc.array(tie("piece"), { minLength: 1, maxLength: 2 })))
    .map(([left, right]) => `(${(left as string[]).join("")}${right ? `|${(right as string[]).join("")}` : ""})`),
}));

const compilesIu = (pattern: string) => {
  try {
    new RegExp(pattern, "iu");
    return true;
  } catch {
    return false;
  }
};

describe("the loader's structural check against recheck", () => {
  process.env.RECHECK_BACKEND = "pure";
  const recheck = import("recheck");

  it("whatever the loader accepts, recheck's automaton finds no attack on", async () => {
    await fc.assert(
      fc.asyncProperty(randomPattern.filter(compilesIu), async (pattern) => {
        const result = parsePolicy(bundledWithTitle(pattern), { source: "p.yaml" });
        const rejected = !result.ok && result.problems.some((p) => p.code.startsWith("pattern/"));
        fc.pre(!rejected);
        const verdict = await (await recheck).check(pattern, "iu", { timeout: 2_000 });
        // Only proofs count here: fuzzing verdicts depend on time.
        expect(verdict.status === "vulnerable" && verdict.checker === "automaton" ? verdict.complexity.summary : "no proven attack").toBe(
          "no proven attack",
        );
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

const BIN = join(ROOT, "packages/cli/dist/shiplane.mjs");
const TRACE_HOOK = join(ROOT, "packages/cli/test/fixtures/hooks/trace-imports.mjs");

describe.skipIf(!existsSync(BIN))("recheck is loaded by validate only", () => {
  const loaded = (args: string[]) => {
    const file = join(mkdtempSync(join(tmpdir(), "shiplane-trace-")), "imports.txt");
    spawnSync(process.execPath, ["--import", TRACE_HOOK, BIN, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", SHIPLANE_TRACE_IMPORTS: file },
    });
    return existsSync(file)
      ? readFileSync(file, "utf8")
          .split("\n")
          .filter((url) => url.includes("/recheck"))
      : [];
  };

  it.each([
    [["dry-run", "--snapshot", "examples/snapshots/pr-safe-docs-merge.json", "--now", "2026-11-23T12:00:00Z"], false],
    [["validate", "policies/autonomous-shipping.yaml"], true],
  ])("shiplane %j loads recheck: %s", (args, expected) => {
    expect(loaded(args).length > 0).toBe(expected);
  });
});
