import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Decision } from "../../src/engine/types.js";
import { escapeMarkdown, formatDecision } from "../../src/report/index.js";
import { decisionComment } from "../../src/report/markdown.js";
import { renderActions } from "../../src/report/comments.js";
import { EXAMPLES, exampleDecision } from "./decisions.js";

const withTitle = (decision: Decision, title: string): Decision => ({ ...decision, subject: { ...decision.subject, title } });

describe("markdown report", () => {
  it.each(EXAMPLES)("%s starts with the hidden marker and a heading with the verdict", (name) => {
    const decision = exampleDecision(name);
    const lines = formatDecision(decision, "markdown").split("\n");
    expect(lines[0]).toBe("<!-- shiplane:decision -->");
    expect(lines[1]).toMatch(new RegExp(`^## \\S+ Shiplane: ${decision.verdict}$`));
  });

  it.each(EXAMPLES)("%s has one table row per requirement and guardrail, and lists every action but the comment itself", (name) => {
    const decision = exampleDecision(name);
    const markdown = formatDecision(decision, "markdown");
    for (const node of [...decision.requirements, ...decision.guardrails]) {
      expect(markdown.split("\n").filter((l) => l.startsWith("| ") && l.includes(`\`${node.code}\``))).toHaveLength(1);
    }
    const planned = markdown.split("### Planned actions\n\n")[1]?.split("\n\n")[0] ?? "";
    const listed = decision.actions.filter((a) => a.type !== "upsert_comment");
    expect(planned.split("\n").filter((l) => l.startsWith("- "))).toHaveLength(listed.length);
    for (const action of listed) expect(planned).toContain(`(\`${action.reason}\`)`);
  });

  it("uses the marker the policy configured", () => {
    const decision = exampleDecision("pr-safe-docs-merge");
    const custom: Decision = {
      ...decision,
      actions: decision.actions.map((a) => (a.type === "upsert_comment" ? { ...a, marker: "acme:bot" } : a)),
    };
    expect(formatDecision(custom, "markdown").startsWith("<!-- acme:bot -->\n")).toBe(true);
  });

  it("is deterministic and carries no time, so an unchanged decision is never re-posted", () => {
    const decision = exampleDecision("pr-blocked-stale-approval");
    const markdown = formatDecision(decision, "markdown");
    expect(formatDecision(structuredClone(decision), "markdown")).toBe(markdown);
    expect(markdown).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
    expect(formatDecision({ ...decision, evaluated_at: "2030-01-01T00:00:00.000Z" }, "markdown")).toBe(markdown);
  });

  it("the posted comment is the summary without its planned actions, and does not change once they are applied", () => {
    for (const name of EXAMPLES) {
      const decision = exampleDecision(name);
      const comment = renderActions(decision).find((a) => a.type === "upsert_comment");
      if (comment?.type !== "upsert_comment") continue;
      expect(comment.body).toBe(decisionComment(decision));
      const summary = formatDecision(decision, "markdown");
      expect(summary.startsWith(comment.body.split("\n<sub>")[0] as string)).toBe(true);
      expect(comment.body).not.toContain("### Planned actions");
    }
  });

  it.each([
    ["a | b", "a \\| b"],
    ["ping @octocat", "ping &#64;octocat"],
    ["<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"],
    ["two\nlines", "two lines"],
    ["a &amp; b", "a &amp;amp; b"],
  ])("escapes untrusted text %j", (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it("keeps its line structure whatever the PR title says", () => {
    const decision = exampleDecision("pr-blocked-max-files");
    const lineCount = formatDecision(decision, "markdown").split("\n").length;
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-ascii", maxLength: 80 }), (title) => {
        const markdown = formatDecision(withTitle(decision, title), "markdown");
        expect(markdown.split("\n")).toHaveLength(lineCount);
        expect(markdown).not.toMatch(/<(?!!-- shiplane:decision -->|br>|sub>|\/sub>)/);
      }),
    );
  });
});
