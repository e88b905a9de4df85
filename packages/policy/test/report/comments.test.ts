import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { evaluateIssue, evaluateRepository } from "../../src/control-loop/index.js";
import type { Action, Decision } from "../../src/engine/types.js";
import { renderActions, renderComment } from "../../src/report/comments.js";
import { decisionComment } from "../../src/report/markdown.js";
import { AGENT, NOW, defaultPolicy, hoursAgo, issue, pull, repository } from "../control-loop/fixtures.js";
import { EXAMPLES, exampleDecision } from "./decisions.js";

type Upsert = Extract<Action, { type: "upsert_comment" }>;
const upserts = (actions: readonly Action[]): Upsert[] => actions.filter((a): a is Upsert => a.type === "upsert_comment");

describe("decisions are data: the sticky comment", () => {
  it.each(EXAMPLES)("%s: the action carries what the comment shows, not its text", (name) => {
    const decision = exampleDecision(name);
    const [comment, ...more] = upserts(decision.actions);
    expect(more).toEqual([]);
    expect(comment).toEqual({
      type: "upsert_comment",
      target: { kind: "pull_request", number: decision.subject.number },
      reason: "decision/comment",
      marker: "shiplane:decision",
      comment: { kind: "decision" },
    });
    expect(JSON.stringify(decision)).not.toContain("## ");
  });

  it.each(EXAMPLES)("%s: renderActions writes the comment from the decision, byte for byte, also after a JSON round trip", (name) => {
    const decision = exampleDecision(name);
    const rendered = renderActions(decision);
    const body = decisionComment(decision);
    expect(body.startsWith("<!-- shiplane:decision -->\n## ")).toBe(true);
    expect(rendered).toEqual(
      decision.actions.map((a) =>
        a.type === "upsert_comment" ? { type: a.type, target: a.target, marker: a.marker, body, reason: a.reason } : a,
      ),
    );
    expect(renderActions(JSON.parse(JSON.stringify(decision)) as Decision)).toEqual(rendered);
  });

  it("a closed PR has no comment to render", () => {
    const decision = exampleDecision("pr-safe-docs-merge");
    const closed: Decision = { ...decision, actions: decision.actions.filter((a) => a.type !== "upsert_comment") };
    expect(renderActions(closed)).toEqual(closed.actions);
  });

  it("follows the decision it is given: another verdict renders another comment", () => {
    const decision = exampleDecision("pr-safe-docs-merge");
    const blocked: Decision = { ...decision, verdict: "blocked", summary: "blocked: by a test" };
    const body = (d: Decision) => renderActions(d).find((a) => a.type === "upsert_comment");
    expect(body(blocked)).not.toEqual(body(decision));
    expect(JSON.stringify(body(blocked))).toContain("Shiplane: blocked");
  });

  it("refuses a decision comment it has no decision for, rather than posting a wrong one", () => {
    const decision = exampleDecision("pr-safe-docs-merge");
    const [comment] = upserts(decision.actions);
    if (!comment) throw new Error("no comment action");
    const elsewhere: Upsert = { ...comment, target: { kind: "pull_request", number: decision.subject.number + 1 } };
    expect(() => renderComment(elsewhere, decision)).toThrow(/no decision for the shiplane:decision comment/);
  });

  it("the engine renders nothing: no engine module imports a reporter", () => {
    const dir = fileURLToPath(new URL("../../src/engine/", import.meta.url));
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(10);
    const importing = files.filter((f) => /from "(\.\.\/)+report\//.test(readFileSync(dir + f, "utf8")));
    expect(importing).toEqual([]);
  });
});

describe("control-loop comments are data too", () => {
  const policy = defaultPolicy();

  it("a tick's decision comments render from its pull requests' decisions, its work orders from their content", () => {
    const plan = evaluateRepository(
      policy,
      repository({
        issues: [issue(12, ["autonomy:ready", "area:api"]), issue(13, ["autonomy:ready"])],
        pull_requests: [pull(40, AGENT.qa)],
      }),
      { now: NOW },
    );
    const rendered = upserts(plan.actions).map((a) => [a.marker, a.comment.kind, renderComment(a, plan)] as const);
    expect(rendered.map(([marker, kind]) => `${marker} ${kind}`).sort()).toEqual([
      "shiplane:decision decision",
      "shiplane:triage triage",
      "shiplane:work-order work_order",
    ]);
    for (const [marker, , body] of rendered) expect(body.startsWith(`<!-- ${marker} -->\n`)).toBe(true);
    const decision = plan.pull_requests.find((d) => d.subject.number === 40);
    expect(rendered.find(([, kind]) => kind === "decision")?.[2]).toBe(decision && decisionComment(decision));
    expect(rendered.find(([, kind]) => kind === "triage")?.[2]).toContain("has no area label");
    expect(rendered.find(([, kind]) => kind === "work_order")?.[2]).toContain("### Work order for #12");
  });

  it("a released claim says who held it, since when, and which label was removed", () => {
    const stale = issue(7, ["autonomy:ready", "area:api"], { claimedBy: AGENT.steward, claimedAt: hoursAgo(6) });
    const step = evaluateIssue(policy, stale, { now: NOW, repository: repository({ issues: [stale] }) });
    const [release] = upserts(step.actions);
    expect(release?.comment).toMatchObject({
      kind: "claim_released",
      holder: AGENT.steward,
      timeout: "4h",
      claimed_label: "autonomy:claimed",
    });
    const body = release ? renderComment(release, step) : "";
    expect(body).toContain(`The claim by ${AGENT.steward} (since ${hoursAgo(6)}) passed the 4h timeout`);
    expect(body).toContain("`autonomy:claimed` and the assignment were removed");
  });
});
