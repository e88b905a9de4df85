import { describe, expect, it } from "vitest";
import { evaluateRepository } from "../../src/control-loop/index.js";
import { slugify } from "../../src/control-loop/work-order.js";
import { renderActions } from "../../src/report/comments.js";
import { HUMAN, NOW, defaultPolicy, issue, repository } from "./fixtures.js";

const READY = "autonomy:ready";

function workOrderBody(labels: string[], title = "Fix the login redirect"): string {
  const plan = evaluateRepository(defaultPolicy(), repository({ issues: [issue(12, [READY, ...labels], { title })] }), { now: NOW });
  const comment = renderActions(plan).find((a) => a.type === "upsert_comment" && a.marker === "shiplane:work-order");
  if (comment?.type !== "upsert_comment") throw new Error(`no work order: ${plan.issues[0]?.summary ?? "no issue"}`);
  return comment.body;
}

describe("work order", () => {
  it.each([
    { title: "Fix the login redirect", slug: "fix-the-login-redirect" },
    { title: "  API: paginate /users (v2)!! ", slug: "api-paginate-users-v2" },
    { title: "Ünïcödé títlé", slug: "unicode-title" },
    { title: "!!!", slug: "" },
    { title: "a".repeat(60), slug: "a".repeat(40) },
    { title: "one two three four five six seven eight nine ten", slug: "one-two-three-four-five-six-seven-eight" },
  ])("slugify($title) = $slug", ({ title, slug }) => {
    expect(slugify(title)).toBe(slug);
  });

  it.each([
    { labels: ["area:api"], lane: "staging-first", agent: "control-plane-steward", reviewer: "cli-sdk-contract-keeper" },
    { labels: ["area:auth"], lane: "human-gated", agent: "control-plane-steward", reviewer: "qa-reliability-engineer" },
    { labels: ["area:infra", "risk:low"], lane: "human-gated", agent: "control-plane-steward", reviewer: "qa-reliability-engineer" },
    { labels: ["area:docs", "risk:high"], lane: "human-gated", agent: "cli-sdk-contract-keeper", reviewer: "qa-reliability-engineer" },
    {
      labels: ["area:docs", "autonomy:safe", "size:xs"],
      lane: "safe-auto-merge",
      agent: "cli-sdk-contract-keeper",
      reviewer: "qa-reliability-engineer",
    },
    // No size label: assumed large, so never predicted safe.
    {
      labels: ["area:docs", "autonomy:safe"],
      lane: "staging-first",
      agent: "cli-sdk-contract-keeper",
      reviewer: "qa-reliability-engineer",
    },
    {
      labels: ["area:docs", "autonomy:safe", "size:m"],
      lane: "staging-first",
      agent: "cli-sdk-contract-keeper",
      reviewer: "qa-reliability-engineer",
    },
    // The test area's mapped reviewer is the owner's peer; never the author.
    {
      labels: ["area:test", "autonomy:safe", "size:s"],
      lane: "safe-auto-merge",
      agent: "qa-reliability-engineer",
      reviewer: "cli-sdk-contract-keeper",
    },
  ])("$labels → lane $lane, agent $agent, reviewer $reviewer", ({ labels, lane, agent, reviewer }) => {
    const body = workOrderBody(labels);
    expect(body).toContain(`**Predicted lane:** \`${lane}\``);
    expect(body).toContain(`Claimed for **${agent}**`);
    expect(body).toContain(`**Reviewer:** **${reviewer}**`);
    expect(body).toContain(`\`agent/${agent}/issue-12-fix-the-login-redirect\``);
    expect(body.startsWith("<!-- shiplane:work-order -->")).toBe(true);
  });

  it("autonomy:safe added to the issue by the owning agent itself does not predict the safe lane", () => {
    const subject = issue(12, [READY, "area:docs", "size:xs"]);
    subject.labels.push({ name: "autonomy:safe" });
    subject.label_events.push({ label: "autonomy:safe", action: "added", actor: "cli-sdk-contract-keeper", at: "2026-11-23T09:00:00Z" });
    const plan = evaluateRepository(defaultPolicy(), repository({ issues: [subject] }), { now: NOW });
    const comment = renderActions(plan).find((a) => a.type === "upsert_comment");
    const body = comment?.type === "upsert_comment" ? comment.body : "";
    expect(body).toContain("**Predicted lane:** `staging-first`");
  });

  it.each([
    [
      "removed after its add",
      [
        ["added", "09:00"],
        ["removed", "10:00"],
      ],
    ],
    [
      "removed at the instant it was added",
      [
        ["added", "09:00"],
        ["removed", "09:00"],
      ],
    ],
  ])("autonomy:safe whose history says nobody left it on (%s) does not predict the safe lane", (_, events) => {
    const subject = issue(12, [READY, "area:docs", "size:xs"]);
    subject.labels.push({ name: "autonomy:safe" });
    for (const [action, at] of events as Array<["added" | "removed", string]>)
      subject.label_events.push({
        label: "autonomy:safe",
        action,
        actor: "octo-maintainer",
        at: at.includes(":") ? `2026-11-23T${at}:00Z` : at,
      });
    const plan = evaluateRepository(defaultPolicy(), repository({ issues: [subject] }), { now: NOW });
    const comment = renderActions(plan).find((a) => a.type === "upsert_comment");
    const body = comment?.type === "upsert_comment" ? comment.body : "";
    expect(body).toContain("**Predicted lane:** `staging-first`");
  });

  it("autonomy:safe added by a listed human predicts the safe lane (the control case)", () => {
    const subject = issue(12, [READY, "area:docs", "size:xs"]);
    subject.labels.push({ name: "autonomy:safe" });
    subject.label_events.push({ label: "autonomy:safe", action: "added", actor: HUMAN, at: "2026-11-23T09:00:00Z" });
    const plan = evaluateRepository(defaultPolicy(), repository({ issues: [subject] }), { now: NOW });
    const comment = renderActions(plan).find((a) => a.type === "upsert_comment");
    expect(comment?.type === "upsert_comment" ? comment.body : "").toContain("**Predicted lane:** `safe-auto-merge`");
  });

  it("lists the policy's guardrails", () => {
    const body = workOrderBody(["area:api"]);
    expect(body).toContain("at most 6 changed files");
    expect(body).toContain("at most 400 changed lines");
    expect(body).toContain("`.github/workflows/**`");
  });

  it("renders the same body at another time (no timestamps), so a resend is never needed", () => {
    const at = (now: string) =>
      renderActions(evaluateRepository(defaultPolicy(), repository({ issues: [issue(12, [READY, "area:api"])] }), { now })).find(
        (a) => a.type === "upsert_comment",
      );
    expect(at(NOW)).toEqual(at("2026-11-24T03:00:00Z"));
  });
});
