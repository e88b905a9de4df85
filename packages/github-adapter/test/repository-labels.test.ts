import { afterEach, describe, expect, it } from "vitest";
import { startFakeGitHub, type FakeGitHub, type FakeRepository } from "@shiplane/github-adapter/testing";
import { LABEL_PAGES, readLabels, type LabelConnection } from "../src/fetch/labels.js";
import type { Transport } from "../src/transport.js";
import { clientFor, validateIfAvailable } from "./helpers.js";
import { act, applyWorld } from "./fixtures/apply-world.js";
import { tickWorld } from "./fixtures/tick-world.js";

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const where = { owner: "acme", repo: "platform" };

/** The repository's labels padded with `filler:N` labels to `total`: the ones it had first, then the fillers, `last` after all. */
function padLabels(repo: FakeRepository, total: number, last: Array<{ name: string; color: string; description: string }> = []): void {
  const filler = Array.from({ length: total - repo.labels.length - last.length }, (_, i) => ({
    id: `LA_filler_${i}`,
    name: `filler:${i}`,
    color: "ededed",
    description: "",
  }));
  repo.labels.push(...filler, ...last.map((label, i) => ({ id: `LA_last_${i}`, ...label })));
  expect(repo.labels).toHaveLength(total);
}

/** A page of `names` as GitHub's LabelPage answers it (a null name: a node GitHub answered as null). */
const page = (names: Array<string | null>, more: boolean, totalCount: number): LabelConnection => ({
  totalCount,
  pageInfo: { hasNextPage: more, endCursor: more ? "next" : null, hasPreviousPage: false, startCursor: null },
  nodes: names.map((name) => (name === null ? null : { id: `LA_${name}`, name, color: "ededed", description: null })),
});

/** A transport that answers RepositoryLabels with `pages` in turn (an Error: that request fails), and counts the requests. */
function answering(pages: Array<LabelConnection | null | Error>) {
  const asked: unknown[] = [];
  const transport = {
    call: async (operation: string, variables: Record<string, unknown>) => {
      expect(operation).toBe("RepositoryLabels");
      asked.push(variables.after);
      const next = pages.shift();
      if (next === undefined) throw new Error("asked for more pages than there are");
      if (next instanceof Error) throw next;
      return { repository: { id: "R_1", labels: next } };
    },
  } as unknown as Transport;
  return { transport, asked };
}

describe("readLabels: whether the list is all of the repository's labels", () => {
  const many = Array.from({ length: LABEL_PAGES + 1 }, (_, i) => page([`l${i}`], true, LABEL_PAGES + 2));
  it.each([
    { name: "one page", pages: [page(["a", "b"], false, 2)], read: 2, requests: 1, complete: true },
    { name: "two pages", pages: [page(["a"], true, 2), page(["b"], false, 2)], read: 2, requests: 2, complete: true },
    {
      name: "GitHub counts more than it listed (one created behind the cursor)",
      pages: [page(["a"], true, 3), page(["b"], false, 3)],
      read: 2,
      requests: 2,
      complete: false,
    },
    { name: "a node answered as null", pages: [page(["a", null], false, 2)], read: 1, requests: 1, complete: false },
    { name: "no list at all (null)", pages: [null], read: 0, requests: 1, complete: false },
    { name: "a later page fails", pages: [page(["a"], true, 2), new Error("502")], read: 1, requests: 2, complete: false },
    { name: `more than ${LABEL_PAGES} pages`, pages: many, read: LABEL_PAGES, requests: LABEL_PAGES, complete: false },
  ])("$name: $read read, complete $complete", async ({ pages, read, requests, complete }) => {
    const { transport, asked } = answering([...pages]);
    const list = await readLabels(transport, where);
    expect({ read: list.labels.length, requests: asked.length, complete: list.complete, id: list.repositoryId }).toEqual({
      read,
      requests,
      complete,
      id: "R_1",
    });
  });

  it("throws when the first page fails: there is no list to mark", async () => {
    await expect(readLabels(answering([new Error("502")]).transport, where)).rejects.toThrow("502");
  });

  it("goes on from a first page read elsewhere (the tick's first request), asking from its cursor", async () => {
    const { transport, asked } = answering([page(["b"], false, 2)]);
    const list = await readLabels(transport, where, page(["a"], true, 2));
    expect({ names: list.labels.map((l) => l.name), asked, complete: list.complete }).toEqual({
      names: ["a", "b"],
      asked: ["next"],
      complete: true,
    });
  });
});

describe("the repository's labels in a tick's snapshot", () => {
  it.each([
    { total: 100, read: 100, pages: 0, complete: true },
    { total: 101, read: 101, pages: 1, complete: true },
    // 50 pages of 100 (GitHub's most per page) are read: exactly 5,000 labels are all of them.
    { total: 5000, read: 5000, pages: 49, complete: true },
    { total: 5001, read: 5000, pages: 49, complete: false },
  ])("$total labels: $read read, complete $complete", async ({ total, read, pages, complete }) => {
    const state = tickWorld(0, 0);
    const repo = state.repositories[0];
    if (!repo) throw new Error("no repository");
    padLabels(repo, total);
    fake = await startFakeGitHub({ state });
    const snapshot = await clientFor(fake).fetchRepositorySnapshot(where);
    expect(snapshot.labels).toHaveLength(read);
    expect(fake.count("RepositoryLabels")).toBe(pages);
    // Absent when complete, as before; false when cut short.
    expect(snapshot.labels_complete).toBe(complete ? undefined : false);
    await validateIfAvailable(snapshot);
  });

  it("marks the list incomplete when a later page of labels cannot be read", async () => {
    const state = tickWorld(0, 0);
    const repo = state.repositories[0];
    if (!repo) throw new Error("no repository");
    padLabels(repo, 250);
    fake = await startFakeGitHub({ state });
    fake.injectFault({ kind: "http-502" }, { operation: "RepositoryLabels", times: 20 });
    const snapshot = await clientFor(fake, { retries: 1 }).fetchRepositorySnapshot(where);
    expect(snapshot.labels).toHaveLength(100);
    expect(snapshot.labels_complete).toBe(false);
  });
});

describe("apply against a repository with more labels than it reads", () => {
  const medium = { name: "risk:medium", color: "fef2c0", description: "Medium risk" };
  const critical = { name: "risk:critical", color: "b60205", description: "Critical risk" };
  // Each row: the repository's label count, an action, and what apply must make of it. Rows of one count run as one apply.
  const rows = [
    {
      total: 5002,
      action: act.createLabel(medium.name, medium.color, medium.description),
      outcome: "failed",
      detail:
        /^label risk:medium was not created: the repository has more labels than apply reads \(5000\), so whether risk:medium exists is unknown$/,
    },
    {
      total: 5002,
      action: act.updateLabel(critical.name, "000000", "other"),
      outcome: "failed",
      detail: /^label risk:critical was not created: .*unknown$/,
    },
    {
      total: 5002,
      action: act.add(medium.name),
      outcome: "failed",
      detail: /^label risk:medium was not added: .*whether risk:medium exists is unknown$/,
    },
    { total: 5002, action: act.updateLabel("size:xs", "ededed", "Up to 10 lines"), outcome: "sent", detail: /^updated label size:xs$/ },
    { total: 5002, action: act.add("size:xs"), outcome: "sent", detail: /^added size:xs$/ },
    { total: 5000, action: act.createLabel("risk:high", "b60205", "High risk"), outcome: "sent", detail: /^created label risk:high$/ },
    {
      total: 5000,
      action: act.createLabel(medium.name, medium.color, medium.description),
      outcome: "unchanged",
      detail: /already has this colour and description/,
    },
    {
      total: 5000,
      action: act.updateLabel(critical.name, critical.color, critical.description),
      outcome: "unchanged",
      detail: /already has this colour/,
    },
  ];
  it.each([
    { total: 5002, mutations: ["UpdateLabel", "AddLabels"] },
    { total: 5000, mutations: ["CreateLabel"] },
  ])("$total labels", async ({ total, mutations }) => {
    const { state, repo } = applyWorld();
    padLabels(repo, total, [medium, critical]);
    fake = await startFakeGitHub({ state });
    const cases = rows.filter((row) => row.total === total);
    const report = await clientFor(fake).apply(
      cases.map((c) => c.action),
      where,
    );
    const resultOf = (action: (typeof cases)[number]["action"]) =>
      report.results.find(
        (r) => r.action.type === action.type && "label" in r.action && "label" in action && r.action.label === action.label,
      );
    for (const c of cases) {
      expect({ action: c.action.type, outcome: resultOf(c.action)?.outcome }).toEqual({ action: c.action.type, outcome: c.outcome });
      expect(resultOf(c.action)?.detail).toMatch(c.detail);
    }
    expect(fake.requests.map((r) => r.operation).filter((op) => /^(Add|Create|Update)/.test(op))).toEqual(mutations);
  });
});
