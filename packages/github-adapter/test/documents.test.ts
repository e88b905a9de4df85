import { readdirSync, readFileSync } from "node:fs";
import { parse, validate, Kind } from "graphql";
import { describe, expect, it } from "vitest";
import { OPERATIONS } from "@shiplane/github-adapter";
import { githubSchema } from "@shiplane/github-adapter/testing";
import { composeDocument, documentFor, spreadFragments } from "../src/documents.js";

const GRAPHQL = new URL("../src/graphql/", import.meta.url);
const files = readdirSync(GRAPHQL).filter((f) => f.endsWith(".graphql")).sort();

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
    const defined = readdirSync(folder).flatMap((f) => [...readFileSync(new URL(f, folder), "utf8").matchAll(/fragment\s+(\w+)\s+on/g)].map((m) => m[1]));
    const used = new Set(OPERATIONS.flatMap((name) => parse(documentFor(name)).definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [d.name.value] : []))));
    expect(defined.filter((name) => !used.has(name as string))).toEqual([]);
  });

  it("a wrong field name fails validation (the check can fail)", () => {
    const broken = documentFor("UserId").replace("login\n", "loginName\n");
    expect(validate(githubSchema(), parse(broken)).map((e) => e.message).join()).toMatch(/loginName/);
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
