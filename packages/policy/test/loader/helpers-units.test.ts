import { describe, expect, it } from "vitest";
import { buildIndex } from "../../src/loader/checks/index.js";
import { implies, truth } from "../../src/loader/checks/logic.js";
import { cronProblem } from "../../src/loader/checks/schedule.js";
import { parseCalendarTime } from "../../src/loader/checks/validation.js";
import { exceedsBytes, utf8Length } from "../../src/loader/limits.js";
import { displayPath, pointerOf, segmentsOf } from "../../src/loader/pointer.js";
import { closest } from "../../src/loader/suggest.js";
import type { Condition, PolicyDocument } from "../../src/policy/types.js";

describe("did-you-mean", () => {
  it.each([
    ["risk:hihg", ["risk:low", "risk:high"], "risk:high"],
    ["Area:API", ["area:api", "area:web"], "area:api"],
    ["requries", ["requires", "merge", "when"], "requires"],
    ["aip", ["api", "web"], "api"],
    ["size:xxl", ["size:xs", "size:s"], "size:xs"],
    ["size:huge", ["size:xs", "size:s"], undefined],
    ["zzz", ["api", "web"], undefined],
    ["merge", ["merge"], undefined],
  ])("%s among %j → %s", (name, known, expected) => {
    expect(closest(name, known)).toBe(expected);
  });
});

describe("JSON pointers", () => {
  it.each([
    ["", "the policy"],
    ["/lanes/1/requires/agent_approvals", "lanes[1].requires.agent_approvals"],
    ["/control_loop/dispatch/priority/labels/risk:high", 'control_loop.dispatch.priority.labels["risk:high"]'],
    ["/a~1b/c~0d", '["a/b"]["c~d"]'],
  ])("%s reads as %s", (pointer, path) => {
    expect(displayPath(pointer, "the policy")).toBe(path);
  });

  it("escapes and unescapes segments", () => {
    expect(pointerOf(["a/b", "c~d", 3])).toBe("/a~1b/c~0d/3");
    expect(segmentsOf("/a~1b/c~0d/3")).toEqual(["a/b", "c~d", "3"]);
  });
});

describe("condition algebra", () => {
  const has = (label: string): Condition => ({ labels: { has: label } });
  const none = (...labels: string[]): Condition => ({ labels: { none: labels } });
  it.each<[string, Condition, "always" | "never" | "maybe"]>([
    ["a label and its absence", { all: [has("x"), none("x")] }, "never"],
    ["a condition and its negation, both required", { all: [has("x"), { not: has("x") }] }, "never"],
    ["either a condition or its negation", { any: [has("x"), { not: has("x") }] }, "always"],
    ["lines below zero", { changed_lines: { lt: 0 } }, "never"],
    ["lines at least zero", { changed_lines: { gte: 0 } }, "always"],
    ["disjoint size sets", { all: [{ size: { in: ["s"] } }, { size: { in: ["l"] } }] }, "never"],
    ["draft and not draft", { all: [{ draft: true }, { draft: false }] }, "never"],
    ["an agent and a human author", { all: [{ author: { is: "agent" } }, { author: { is: "human" } }] }, "never"],
    [
      "an agent and a bot author (GitHub's bot flag is separate)",
      { all: [{ author: { is: "agent" } }, { author: { is: "bot" } }] },
      "maybe",
    ],
    ["a status filter alone", { files: { status: ["added"] } }, "always"],
    ["not of always", { not: { files: {} } }, "never"],
    ["an ordinary label test", has("x"), "maybe"],
  ])("%s is %s", (_name, condition, expected) => {
    expect(truth(condition)).toBe(expected);
  });

  it.each<[string, Condition, Condition, boolean]>([
    ["equal up to order", { labels: { any: ["a", "b"] } }, { labels: { any: ["b", "a"] } }, true],
    ["has ⇒ any containing it", has("a"), { labels: { any: ["a", "b"] } }, true],
    ["any ⇏ has", { labels: { any: ["a", "b"] } }, has("a"), false],
    ["all ⇒ each part", { all: [has("a"), { draft: true }] }, { draft: true }, true],
    ["a branch ⇒ the any", { areas: { any: ["auth"] } }, { any: [{ areas: { any: ["auth", "infra"] } }, has("risk:high")] }, true],
    ["unrelated", { draft: true }, has("a"), false],
  ])("%s", (_name, a, b, expected) => {
    expect(implies(a, b)).toBe(expected);
  });
});

describe("small parsers", () => {
  it.each([
    ["*/15 * * * *", undefined],
    ["0 9-17 * * 1-5", undefined],
    ["0,30 * 1 1 0", undefined],
    ["*/15 * * *", /expected 5 fields/],
    ["60 * * * *", /minute "60" is outside 0-59/],
    ["* * * * mon", /day of week "mon"/],
    ["*/0 * * * *", /step of 0/],
  ])("cron %s", (expression, problem) => {
    const found = cronProblem(expression);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });

  it.each([
    ["2026-12-31", Date.UTC(2026, 11, 31)],
    ["2026-12-31T18:00:00Z", Date.UTC(2026, 11, 31, 18)],
    ["2026-02-30", Number.NaN],
    ["2026-13-01", Number.NaN],
  ])("calendar time %s", (text, expected) => {
    expect(parseCalendarTime(text)).toBe(expected);
  });

  it("counts UTF-8 bytes", () => {
    expect(utf8Length("aé€😀")).toBe(1 + 2 + 3 + 4);
    expect(exceedsBytes("€".repeat(400), 1000)).toBe(true);
    expect(exceedsBytes("a".repeat(1000), 1000)).toBe(false);
  });

  it("indexes a document that is only partly there without throwing", () => {
    const index = buildIndex({ labels: { groups: [{ id: "g", labels: [{ name: "x" }, null] }] } } as unknown as PolicyDocument);
    expect([...index.labels.keys()]).toEqual(["x"]);
    expect(index.agentIds.size).toBe(0);
  });
});
