import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluatePullRequest } from "../../src/engine/evaluate.js";
import { LANE } from "../../src/engine/lanes.js";
import { RULES, ruleFor } from "../../src/engine/rules.js";
import type { Decision, TraceNode } from "../../src/engine/types.js";
import { remedyFor } from "../../src/report/explain.js";
import { ruleReference } from "../../src/report/rules.js";
import { anyPullRequestArb } from "../helpers/arbitrary.js";
import { NOW, defaultPolicy } from "../helpers/pr.js";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const policy = defaultPolicy();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

const SOURCES = readdirSync(join(ROOT, "packages")).flatMap((pkg) => {
  const src = join(ROOT, "packages", pkg, "src");
  try {
    return sourceFiles(src).map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, "utf8") }));
  } catch {
    return [];
  }
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/**
 * Files that spell `code`: a plain code anywhere in the text (what `grep`
 * finds); a pattern as its literal, or as a template that builds one of its
 * codes (other codes may share a pattern's prefix, such as loader problems).
 */
function filesSpelling(code: string, sources: ReadonlyArray<{ path: string; text: string }> = SOURCES): string[] {
  const open = code.indexOf("<");
  const spelled =
    open < 0
      ? (text: string) => text.includes(code)
      : (text: string) => new RegExp(`["'\`]${escape(code)}["'\`]|\`${escape(code.slice(0, open))}\\$\\{`).test(text);
  return sources.filter((file) => spelled(file.text)).map((file) => file.path);
}

function nodes(decision: Decision): Array<{ where: string; node: TraceNode }> {
  return [
    ...decision.requirements.map((node) => ({ where: "requirement", node })),
    ...decision.guardrails.map((node) => ({ where: "guardrail", node })),
    ...decision.never_automate.map((node) => ({ where: "never-automate", node })),
  ];
}

describe("the rule table", () => {
  it("has one row per code", () => {
    const codes = RULES.map((row) => row.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it.each([...RULES.map((row) => row.code), LANE.pattern])("%s is written as a literal in exactly one source file", (code) => {
    expect(filesSpelling(code)).toHaveLength(1);
  });

  it("the check above can fail: a code or pattern spelled again elsewhere is found", () => {
    const sources = [
      { path: "a.ts", text: 'export const DRAFT = "pr/draft";\nexport const NEVER = codePattern("never-automate/<rule>");' },
      { path: "b.ts", text: "if (code === 'pr/draft') return `never-automate/${id}`;" },
      { path: "c.ts", text: "// a comment naming never-automate/production-infra, not a literal pattern" },
    ];
    expect(filesSpelling("pr/draft", sources)).toEqual(["a.ts", "b.ts"]);
    expect(filesSpelling("guardrail/max-files", [...sources, { path: "d.ts", text: "/** e.g. guardrail/max-files */" }])).toEqual(["d.ts"]);
    expect(filesSpelling("never-automate/<rule>", sources)).toEqual(["a.ts", "b.ts"]);
  });

  it("is documented in the README, generated from the table", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const start = "<!-- rule-reference:start -->\n";
    const block = readme.slice(readme.indexOf(start) + start.length, readme.indexOf("<!-- rule-reference:end -->"));
    expect(block).toBe(ruleReference());
    for (const row of RULES) expect(block).toContain(`| \`${row.code}\` |`);
  });

  it("every code a decision carries belongs to a row, in the row's section, among the instances the table lists for the policy", () => {
    const instances = new Set(RULES.flatMap((row) => row.instances(policy.document)));
    fc.assert(
      fc.property(anyPullRequestArb, (pr) => {
        const decision = evaluatePullRequest(policy, pr, { now: NOW });
        for (const reason of decision.reasons) {
          const row = ruleFor(reason.code);
          expect(row, reason.code).toBeDefined();
          expect(row?.verdicts, reason.code).toContain(reason.verdict);
          expect(instances, reason.code).toContain(reason.code);
        }
        for (const { where, node } of nodes(decision)) expect(ruleFor(node.code)?.section, node.code).toBe(where);
      }),
      { numRuns: 300 },
    );
  });

  it("the requirements a decision lists are exactly the rows that apply to its lane", () => {
    const lanes = [...policy.document.lanes, policy.document.default_lane];
    fc.assert(
      fc.property(anyPullRequestArb, (pr) => {
        const decision = evaluatePullRequest(policy, pr, { now: NOW });
        const lane = lanes.find((l) => l.id === decision.lane.id);
        if (!lane) throw new Error(`no lane ${decision.lane.id}`);
        const expected = RULES.filter((row) => row.section === "requirement" && !row.within && row.appliesTo(lane, policy.document));
        expect(decision.requirements.map((n) => n.code)).toEqual(expected.map((row) => row.code));
      }),
      { numRuns: 200 },
    );
  });

  it("gives every reason a remedy of its own row, never an empty one", () => {
    fc.assert(
      fc.property(anyPullRequestArb, (pr) => {
        const decision = evaluatePullRequest(policy, pr, { now: NOW });
        for (const reason of decision.reasons) {
          const remedy = remedyFor(decision, reason);
          expect(remedy.trim(), reason.code).not.toBe("");
        }
      }),
      { numRuns: 200 },
    );
  });
});
