import { readdirSync, readFileSync } from "node:fs";
import { parse, print, validate, Kind } from "graphql";
import { describe, expect, it } from "vitest";
import { OPERATIONS } from "@shiplane/github-adapter";
import { githubSchema, queryCost } from "@shiplane/github-adapter/testing";
import { BATCH_OPERATION, TARGETS_PER_REQUEST, targetsDocument, targetsVariables } from "../src/apply/batch.js";
import { CODEOWNERS_LOCATIONS } from "@shiplane/policy";
import { batchDocument, composeDocument, documentFor, spreadFragments, type OperationName } from "../src/documents.js";
import { mergeBasesDocument } from "../src/fetch/merge-bases.js";
import { reviewerTeamsDocument } from "../src/fetch/teams.js";

const GRAPHQL = new URL("../src/graphql/", import.meta.url);
const files = readdirSync(GRAPHQL)
  .filter((f) => f.endsWith(".graphql"))
  .sort();
/** The batch reads built at run time, one of each. */
const runTime = () => ({
  [BATCH_OPERATION]: targetsDocument(1, 1),
  CodeOwnersAtMerge: mergeBasesDocument(2),
  ReviewerTeams: reviewerTeamsDocument(2, 1),
});

describe("GraphQL documents", () => {
  it("every operation the adapter sends has a file, and every file is an operation", () => {
    expect(files.map((f) => f.replace(/\.graphql$/, ""))).toEqual([...OPERATIONS].sort());
  });

  it.each(OPERATIONS)("%s validates against GitHub's public schema", (name) => {
    const errors = validate(githubSchema(), parse(documentFor(name)));
    expect(errors.map((e) => e.message)).toEqual([]);
  });

  it.each(OPERATIONS)("%s defines exactly one operation, named after its file", (name) => {
    const operations = parse(documentFor(name)).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    expect(operations.map((d) => (d.kind === Kind.OPERATION_DEFINITION ? d.name?.value : undefined))).toEqual([name]);
  });

  it("every fragment file is used by some operation", () => {
    const folder = new URL("fragments/", GRAPHQL);
    const defined = readdirSync(folder).flatMap((f) =>
      [...readFileSync(new URL(f, folder), "utf8").matchAll(/fragment\s+(\w+)\s+on/g)].map((m) => m[1]),
    );
    const documents = [...OPERATIONS.map(documentFor), ...Object.values(runTime())];
    const used = new Set(
      documents.flatMap((text) => parse(text).definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [d.name.value] : []))),
    );
    expect(defined.filter((name) => !used.has(name as string))).toEqual([]);
  });

  it("the documents read GitHub's merge state and use the merge queue's mutations", () => {
    const text = [...OPERATIONS.map(documentFor), targetsDocument(1, 1)].join("\n");
    for (const used of [
      "mergeStateStatus",
      "isMergeQueueEnabled",
      "isInMergeQueue",
      "autoMergeRequest",
      "viewerCanAdminister",
      "refUpdateRule",
    ])
      expect(text).toContain(used);
    for (const mutation of [
      "enqueuePullRequest(",
      "dequeuePullRequest(",
      "mergePullRequest(",
      "enablePullRequestAutoMerge(",
      "disablePullRequestAutoMerge(",
    ])
      expect(text).toContain(mutation);
  });

  it("a wrong field name fails validation (the check can fail)", () => {
    const broken = documentFor("UserId").replace("login\n", "loginName\n");
    expect(
      validate(githubSchema(), parse(broken))
        .map((e) => e.message)
        .join(),
    ).toMatch(/loginName/);
  });
});

describe("apply's batch read, built at run time", () => {
  const sizes = [1, 2, TARGETS_PER_REQUEST];

  it.each(sizes)("%i target(s) validate against GitHub's public schema", (size) => {
    expect(validate(githubSchema(), parse(targetsDocument(size))).map((e) => e.message)).toEqual([]);
  });

  it.each([
    [1, 1],
    [0, 1],
    [TARGETS_PER_REQUEST, TARGETS_PER_REQUEST],
  ])("%i target(s) and %i commit(s) validate against GitHub's public schema, and cost what the targets alone cost", (size, commits) => {
    const document = parse(targetsDocument(size, commits));
    expect(validate(githubSchema(), document).map((e) => e.message)).toEqual([]);
    const shas = Array.from({ length: commits }, (_, i) => String(i).padStart(40, "0"));
    const numbers = Array.from({ length: size }, (_, i) => i + 1);
    expect(queryCost(document, targetsVariables({ owner: "acme", repo: "platform" }, numbers, shas))).toBe(1);
  });

  it.each(sizes)("%i target(s): one operation, one alias and one variable per target, each spreading the shared fragment", (size) => {
    const document = parse(targetsDocument(size));
    const [operation, ...others] = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    expect(others).toEqual([]);
    if (operation?.kind !== Kind.OPERATION_DEFINITION) throw new Error("no operation");
    expect(operation.name?.value).toBe(BATCH_OPERATION);
    expect(operation.variableDefinitions?.map((v) => v.variable.name.value)).toEqual([
      "owner",
      "name",
      ...Array.from({ length: size }, (_, i) => `n${i}`),
    ]);
    const repository = operation.selectionSet.selections.find((s) => s.kind === Kind.FIELD && s.name.value === "repository");
    const targets = repository?.kind === Kind.FIELD ? (repository.selectionSet?.selections ?? []) : [];
    expect(targets.map((s) => print(s).replace(/\s+/g, " "))).toEqual(
      Array.from({ length: size }, (_, i) => `t${i}: issueOrPullRequest(number: $n${i}) { ...ApplyTarget }`),
    );
  });

  it("passes each target's number in the variable of its alias", () => {
    expect(targetsVariables({ owner: "acme", repo: "platform" }, [57, 12])).toEqual({ owner: "acme", name: "platform", n0: 57, n1: 12 });
  });

  it("refuses a batch with nothing to read", () => {
    expect(() => targetsDocument(0, 0)).toThrow(RangeError);
  });

  it("a full batch costs one rate-limit point, as one target alone does (GitHub's formula, as the fake computes it)", () => {
    const cost = (size: number) =>
      queryCost(
        parse(targetsDocument(size)),
        targetsVariables(
          { owner: "acme", repo: "platform" },
          Array.from({ length: size }, (_, i) => i + 1),
        ),
      );
    expect([cost(1), cost(TARGETS_PER_REQUEST)]).toEqual([1, 1]);
  });

  it.each([-1, TARGETS_PER_REQUEST + 1, 1.5])("refuses a batch of %s", (size) => {
    expect(() => targetsDocument(size)).toThrow(RangeError);
  });

  it("a wrong field name in the fragment fails validation (the check can fail)", () => {
    const broken = targetsDocument(2).replace("headRefOid\n", "headSha\n");
    expect(
      validate(githubSchema(), parse(broken))
        .map((e) => e.message)
        .join(),
    ).toMatch(/headSha/);
  });
});

describe("what every document shares, written once", () => {
  const all = () => [...OPERATIONS.map((name) => [name, documentFor(name)] as const), ...Object.entries(runTime())];
  const rootSpreads = (text: string) =>
    parse(text).definitions.flatMap((d) =>
      d.kind === Kind.OPERATION_DEFINITION
        ? d.selectionSet.selections.flatMap((s) => (s.kind === Kind.FRAGMENT_SPREAD ? [s.name.value] : []))
        : [],
    );

  it.each(all())("%s: a query reports its cost through RateLimitFields, a mutation does not ask", (_name, text) => {
    const operation = parse(text).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    const expected = operation?.kind === Kind.OPERATION_DEFINITION && operation.operation === "query" ? ["RateLimitFields"] : [];
    expect(rootSpreads(text)).toEqual(expected);
    expect(text.match(/\brateLimit\b/g)?.length ?? 0).toBe(expected.length);
  });

  it("the run-time documents validate against GitHub's public schema", () => {
    for (const text of Object.values(runTime())) expect(validate(githubSchema(), parse(text)).map((e) => e.message)).toEqual([]);
  });

  it("a PR's base branch and a merged PR's merge base read CODEOWNERS through one fragment, at every place GitHub looks", () => {
    for (const text of [documentFor("PullRequestSnapshot"), mergeBasesDocument(1)]) {
      const document = parse(text);
      const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === "CodeOwnersFiles");
      if (fragment?.kind !== Kind.FRAGMENT_DEFINITION) throw new Error("CodeOwnersFiles is not in the document");
      const paths = fragment.selectionSet.selections.map((s) =>
        s.kind === Kind.FIELD && s.arguments?.[0]?.value.kind === Kind.STRING ? s.arguments[0].value.value : undefined,
      );
      expect(paths).toEqual([...CODEOWNERS_LOCATIONS]);
      expect(spreadFragments(text)).toContain("CodeOwnersFiles");
      // Written once: no copy of the selections outside the fragment.
      expect(text.split('file(path: ".github/CODEOWNERS")').length - 1).toBe(1);
    }
  });

  it.each([
    { first: "RepositorySnapshot", later: "RepositoryLabels", field: "labels" },
    { first: "RepositorySnapshot", later: "RepositoryPullRequests", field: "pullRequests" },
  ] as const)("$field: the tick's first page ($first) and later pages ($later) select the same", ({ first, later, field }) => {
    const selection = (name: OperationName) => {
      const [operation] = parse(documentFor(name)).definitions;
      const repository = operation?.kind === Kind.OPERATION_DEFINITION ? operation.selectionSet.selections[0] : undefined;
      const found =
        repository?.kind === Kind.FIELD
          ? repository.selectionSet?.selections.find((s) => s.kind === Kind.FIELD && s.name.value === field)
          : undefined;
      return found?.kind === Kind.FIELD && found.selectionSet ? print(found.selectionSet) : "missing";
    };
    expect(selection(later)).toEqual(selection(first));
    expect(selection(first)).not.toBe("missing");
  });

  it("a run-time document is built once per operation and shape, then kept", () => {
    let builds = 0;
    const build = () => {
      builds += 1;
      return { variables: ["$org: String!"], selection: `  organization(login: $org) {\n    login\n  }\n` };
    };
    const first = batchDocument("CacheProbe", "1", build);
    expect(batchDocument("CacheProbe", "1", build)).toBe(first);
    expect(builds).toBe(1);
    batchDocument("CacheProbe", "2", build);
    expect(builds).toBe(2);
    expect(validate(githubSchema(), parse(first)).map((e) => e.message)).toEqual([]);
    expect(first).toContain("fragment RateLimitFields on Query");
  });
});

describe("fragment composition", () => {
  it.each([
    { text: "{ a { ...One ... on User { b } } }", expected: ["One"] },
    { text: "{ a { ... on User { ...Two } ...Three } }", expected: ["Two", "Three"] },
    { text: "{ a { ... on Bot { login } } }", expected: [] },
  ])("finds named spreads in $text", ({ text, expected }) => {
    expect(spreadFragments(text)).toEqual(expected);
  });

  it("appends each fragment once, transitively", () => {
    const fragments: Record<string, string> = { A: "fragment A on X { ...B }", B: "fragment B on X { ...C }", C: "fragment C on X { id }" };
    const composed = composeDocument("query Q { x { ...A ...C } }", (name) => fragments[name]);
    expect(composed.split("\n")).toEqual(["query Q { x { ...A ...C } }", fragments.A, fragments.C, fragments.B]);
  });

  it("names a missing fragment", () => {
    expect(() => composeDocument("query Q { ...Nope }", () => undefined)).toThrow(/Nope/);
  });
});
