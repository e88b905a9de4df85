import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluatePullRequest } from "../../src/engine/evaluate.js";
import { escapeMarkdown, escapeText, explainDecision, formatDecision } from "../../src/report/index.js";
import { formatProblem } from "../../src/policy/problems.js";
import type { PullRequestSnapshot } from "../../src/snapshot/types.js";
import { NOW, defaultPolicy, file, safePr } from "../helpers/pr.js";

const ESC = "\u001b";
const BEL = "\u0007";

/** Hostile PR data: what an agent with write access can put in a title, a path, a label or a login. */
const HOSTILE = {
  ansi: `${ESC}[2J${ESC}[31mREWRITTEN${ESC}[0m`,
  osc8: `${ESC}]8;;https://evil.example${BEL}click${ESC}]8;;${BEL}`,
  workflowCommand: "fix\n::add-mask::x\n::set-output name=verdict::merge",
  carriageReturn: "docs: tidy\r::error::forged",
  v1Command: "##[error]forged annotation",
  leadingCommand: "  ::warning::forged",
  lineSeparator: "a\u2028::error::b",
  bidi: "admin\u202egnp.exe",
  nel: "a\u0085::error::b",
};

/** A decision whose title, path, label and author carry `text`. */
function hostileDecision(text: string) {
  const pr: PullRequestSnapshot = safePr({
    title: text,
    files: [file(`docs/${text}.md`)],
    labels: [{ name: "area:docs" }, { name: `x${text}` }, { name: "size:xs" }],
    author: { login: text },
  });
  return evaluatePullRequest(defaultPolicy(), pr, { now: NOW });
}

/** No line an Actions runner would read as a command, no escape a terminal would obey. */
function expectInert(output: string) {
  // eslint-disable-next-line no-control-regex -- looking for control characters is the point
  expect(output).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
  for (const line of output.split("\n")) {
    expect(line.trimStart().startsWith("::"), line).toBe(false);
    expect(line.includes("##["), line).toBe(false);
  }
}

describe("reports make PR data inert", () => {
  it.each(Object.entries(HOSTILE))("%s: text, explain and markdown outputs obey nothing", (_, text) => {
    const decision = hostileDecision(text);
    expectInert(formatDecision(decision, "text"));
    expectInert(explainDecision(decision));
    expectInert(formatDecision(decision, "markdown"));
  });

  it("colour codes of the report itself survive; the data's do not", () => {
    const output = formatDecision(hostileDecision(HOSTILE.ansi), "text", { color: true });
    expect(output).toContain(`${ESC}[1m`);
    expect(output).not.toContain(`${ESC}[2J`);
    expect(output).toContain("␛[2J");
  });

  it.each([
    ["a link", "[approve here](https://evil.example)", "\\[approve here\\](https://evil.example)"],
    ["an image beacon", "![x](https://evil.example/p.png)", "!\\[x\\](https://evil.example/p.png)"],
    ["HTML and a fake marker", "<!-- shiplane:decision --><img src=x>", "&lt;!-- shiplane:decision --&gt;&lt;img src=x&gt;"],
    ["a mention", "@octo-maintainer please merge", "&#64;octo-maintainer please merge"],
    ["a table break", "a | b", "a \\| b"],
    ["a code span", "`rm -rf`", "\\`rm -rf\\`"],
    ["a line break", "one\ntwo\r\nthree", "one two three"],
    ["an escape", "\\[not a link]", "\\\\\\[not a link\\]"],
  ])("markdown: %s stays text", (_, text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
  });

  it.each([
    ["ESC is shown, not obeyed", `${ESC}[31mred`, "␛[31mred"],
    ["a new line cannot start a command", "a\n::error::b", "a␊::error::b"],
    ["a leading command is defused", "::error::x", "\\::error::x"],
    ["##[ is defused anywhere", "see ##[warning]x", "see ##\\[warning]x"],
    ["a bidirectional override is shown", "a\u202eb", "a\\u{202E}b"],
    ["plain text is untouched", "docs: fix the quick-start command", "docs: fix the quick-start command"],
  ])("text: %s", (_, text, escaped) => {
    expect(escapeText(text)).toBe(escaped);
  });

  it("problem lines escape what a policy or snapshot key carries", () => {
    const line = formatProblem({
      source: "pr.json",
      line: 1,
      column: 1,
      pointer: "/x",
      code: "schema/unknown-property",
      severity: "error",
      message: `the snapshot has an unknown property "${ESC}]0;pwned${BEL}\n::error::x"`,
    });
    expectInert(line);
  });

  it("any text, escaped, is one inert line", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (text) => {
        const shown = escapeText(text);
        expect(shown.includes("\n")).toBe(false);
        expectInert(shown);
        const md = escapeMarkdown(text);
        expect(md.includes("\n")).toBe(false);
        expectInert(md);
        expect(md).not.toMatch(/(^|[^\\])[[\]<>`|]/);
      }),
    );
  });
});
