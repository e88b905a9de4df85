import { dirname, resolve } from "node:path";
import { isMap, isScalar, isSeq, type LineCounter, type Node, type YAMLMap } from "yaml";
import { VERDICTS } from "@shiplane/policy";
import { didYouMean } from "../suggest.js";
import { readYaml } from "../yaml-document.js";
import { ACTION_TYPES, CASE_KEYS, CASE_REQUIRED, EXPECT_KEYS, FILE_KEYS, ISSUE_STATUSES } from "./schema.js";
import type { ExpectedAction, Expectation, Position, Positions, TestCase, TestFile, TestFileProblem } from "./types.js";

const ISO = /^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d))?$/;

type Result = { ok: true; test: TestFile } | { ok: false; problems: TestFileProblem[] };

class Reader {
  readonly problems: TestFileProblem[] = [];
  constructor(
    readonly file: string,
    private readonly lines: LineCounter,
  ) {}

  at(node: Node | null | undefined): Position {
    const offset = node?.range?.[0];
    if (offset === undefined) return { line: 1, column: 1 };
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  problem(node: Node | null | undefined, message: string): void {
    this.problems.push({ file: this.file, ...this.at(node), message });
  }

  /** The map's entries, reporting keys not in `allowed` (like ESLint's RuleTester, a typo is an error, not a no-op). */
  entries(map: YAMLMap, allowed: readonly string[], where: string): Map<string, Node | null> {
    const out = new Map<string, Node | null>();
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined || !allowed.includes(key)) {
        const name = key ?? "?";
        this.problem(pair.key as Node, `unknown key "${name}" in ${where}${didYouMean(name, allowed)}; allowed: ${allowed.join(", ")}`);
        continue;
      }
      out.set(key, (pair.value as Node | null) ?? null);
    }
    return out;
  }

  string(node: Node | null | undefined, field: string, options: { pattern?: RegExp; oneOf?: readonly string[] } = {}): string | undefined {
    if (!isScalar(node) || typeof node.value !== "string" || node.value === "") {
      this.problem(node, `${field} must be a non-empty string`);
      return undefined;
    }
    const value = node.value;
    if (options.pattern && !options.pattern.test(value))
      this.problem(node, `${field} must be an ISO-8601 time such as 2026-11-23T12:00:00Z, got "${value}"`);
    if (options.oneOf && !options.oneOf.includes(value))
      this.problem(node, `${field} must be one of ${options.oneOf.join(", ")}, got "${value}"${didYouMean(value, options.oneOf)}`);
    return value;
  }

  strings(node: Node | null | undefined, field: string): string[] | undefined {
    if (!isSeq(node)) {
      this.problem(node, `${field} must be a list of strings`);
      return undefined;
    }
    return node.items.flatMap((item, i) => this.string(item as Node, `${field}[${i}]`) ?? []);
  }

  object(node: Node | null | undefined, field: string): Record<string, unknown> | undefined {
    if (!isMap(node)) {
      this.problem(node, `${field} must be a mapping`);
      return undefined;
    }
    return node.toJSON() as Record<string, unknown>;
  }

  actions(node: Node | null | undefined, field: string): ExpectedAction[] | undefined {
    if (!isSeq(node)) {
      this.problem(node, `${field} must be a list of actions such as { type: add_label, label: "size:s" }`);
      return undefined;
    }
    const out: ExpectedAction[] = [];
    node.items.forEach((item, i) => {
      const value = this.object(item as Node, `${field}[${i}]`);
      if (!value) return;
      const type = value.type;
      if (typeof type !== "string" || !ACTION_TYPES.includes(type)) {
        this.problem(
          item as Node,
          `${field}[${i}].type must be one of ${ACTION_TYPES.join(", ")}${typeof type === "string" ? didYouMean(type, ACTION_TYPES) : ""}`,
        );
        return;
      }
      out.push(value as ExpectedAction);
    });
    return out;
  }
}

function readExpect(r: Reader, node: Node | null, where: string, positions: Positions): Expectation {
  const expect: Expectation = {};
  if (!isMap(node)) {
    r.problem(node, `${where}.expect must be a mapping with some of: ${EXPECT_KEYS.join(", ")}`);
    return expect;
  }
  const fields = r.entries(node, EXPECT_KEYS, `${where}.expect`);
  if (fields.size === 0) r.problem(node, `${where}.expect is empty: say what the case expects`);
  for (const [key, value] of fields) {
    const field = `${where}.expect.${key}`;
    if (key === "lane") {
      const s = r.string(value, field);
      if (s !== undefined) expect.lane = s;
      positions.lane = r.at(value);
    } else if (key === "status") {
      const s = r.string(value, field, { oneOf: ISSUE_STATUSES });
      if (s !== undefined) expect.status = s;
    } else if (key === "verdict") {
      const s = r.string(value, field, { oneOf: VERDICTS });
      if (s !== undefined) expect.verdict = s;
    } else if (key === "reasons" || key === "no_reasons") {
      const list = r.strings(value, field);
      if (list) expect[key] = list;
      if (isSeq(value)) positions[key] = value.items.map((item) => r.at(item as Node));
    } else if (key === "actions" || key === "no_actions") {
      const list = r.actions(value, field);
      if (list) expect[key] = list;
    }
  }
  return expect;
}

function readCase(r: Reader, node: Node, index: number): TestCase | undefined {
  const where = `cases[${index}]`;
  if (!isMap(node)) {
    r.problem(node, `${where} must be a mapping with name, snapshot and expect`);
    return undefined;
  }
  const fields = r.entries(node, CASE_KEYS, where);
  for (const required of CASE_REQUIRED) if (!fields.has(required)) r.problem(node, `${where} has no ${required}`);
  const name = fields.has("name") ? r.string(fields.get("name"), `${where}.name`) : undefined;
  const snapshotNode = fields.get("snapshot");
  let snapshot: TestCase["snapshot"] | undefined;
  if (isMap(snapshotNode)) snapshot = snapshotNode.toJSON() as Record<string, unknown>;
  else if (fields.has("snapshot"))
    snapshot = r.string(snapshotNode, `${where}.snapshot (a path relative to the test file, or an inline snapshot)`);
  const overrides = fields.has("overrides") ? r.object(fields.get("overrides"), `${where}.overrides`) : undefined;
  const now = fields.has("now") ? r.string(fields.get("now"), `${where}.now`, { pattern: ISO }) : undefined;
  const positions: Positions = {};
  const expect = fields.has("expect") ? readExpect(r, fields.get("expect") ?? null, where, positions) : undefined;
  if (name === undefined || snapshot === undefined || expect === undefined) return undefined;
  return { name, at: r.at(node), positions, snapshot, expect, ...(overrides ? { overrides } : {}), ...(now ? { now } : {}) };
}

/** Read a policy test file: every structural problem at once, each located by line and column. */
export function parseTestFile(text: string, file: string, absolutePath: string): Result {
  // A repeated key is an error (the later would silently replace the earlier), found in one pass by readYaml.
  const { doc, lineCounter, errors } = readYaml(text);
  const r = new Reader(file, lineCounter);
  for (const error of errors) {
    const message = error.summary.replace(/ at line \d+, column \d+:?$/, "");
    r.problems.push({ file, line: error.line ?? 1, column: error.column ?? 1, message });
  }
  if (r.problems.length > 0) return { ok: false, problems: r.problems };
  const root = doc.contents;
  if (!isMap(root))
    return { ok: false, problems: [{ file, line: 1, column: 1, message: "a policy test file is a mapping with policy, now and cases" }] };
  const fields = r.entries(root, FILE_KEYS, "the test file");
  const policy = fields.has("policy") ? r.string(fields.get("policy"), "policy") : undefined;
  if (!fields.has("policy")) r.problem(root, "policy is missing: the policy file under test, relative to this file");
  const now = fields.has("now") ? r.string(fields.get("now"), "now", { pattern: ISO }) : undefined;
  const casesNode = fields.get("cases");
  const cases: TestCase[] = [];
  if (!isSeq(casesNode) || casesNode.items.length === 0) r.problem(casesNode ?? root, "cases must be a non-empty list");
  else
    casesNode.items.forEach((item, i) => {
      const c = readCase(r, item as Node, i);
      if (c) cases.push(c);
    });
  const names = new Map<string, number>();
  for (const c of cases) {
    const first = names.get(c.name);
    if (first !== undefined) r.problems.push({ file, ...c.at, message: `duplicate case name "${c.name}" (first at line ${first})` });
    else names.set(c.name, c.at.line);
  }
  r.problems.sort((a, b) => a.line - b.line || a.column - b.column);
  if (r.problems.length > 0 || policy === undefined) return { ok: false, problems: r.problems };
  return { ok: true, test: { file, policy, policyPath: resolve(dirname(absolutePath), policy), cases, ...(now ? { now } : {}) } };
}
