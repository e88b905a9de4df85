import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeUtf8 } from "../../src/loader/utf8.js";
import { parsePolicy } from "../../src/loader/policy.js";
import { parseSnapshot } from "../../src/loader/snapshot.js";
import { expected } from "../../src/loader/schema-errors.js";
import { SnapshotError } from "../../src/policy/problems.js";
import { decisionSchema, planSchema, policySchema, snapshotSchema } from "../../src/schemas.js";
import { POLICY_PATH } from "../helpers/pr.js";

const POLICY = readFileSync(POLICY_PATH, "utf8");
const SNAPSHOT = readFileSync(new URL("../../../../examples/snapshots/pr-safe-docs-merge.json", import.meta.url), "utf8");
const bytes = (text: string) => new TextEncoder().encode(text);
const splice = (text: string, marker: string, inserted: number[]) => {
  const encoded = bytes(text);
  const at = bytes(text.slice(0, text.indexOf(marker))).length;
  return Uint8Array.from([...encoded.subarray(0, at), ...inserted, ...encoded.subarray(at)]);
};
const lineColumnOf = (text: string, marker: string) => {
  const before = text.slice(0, text.indexOf(marker)).split("\n");
  return { line: before.length, column: (before[before.length - 1] as string).length + 1 };
};

function snapshotProblems(input: string | Uint8Array) {
  try {
    parseSnapshot(input, { source: "pr.json" });
    return [];
  } catch (error) {
    if (error instanceof SnapshotError) return error.problems;
    throw error;
  }
}

describe("invalid UTF-8 is a located error, never a silent replacement", () => {
  const sequences: Array<[string, number[]]> = [
    ["a lone continuation byte", [0x80]],
    ["a byte that never starts a character", [0xff]],
    ["an overlong slash", [0xc0, 0xaf]],
    ["an encoded surrogate", [0xed, 0xa0, 0x80]],
    ["a code point past U+10FFFF", [0xf4, 0x90, 0x80, 0x80]],
    ["a character cut short", [0xe2, 0x82]],
  ];

  it.each(sequences)("%s in a policy", (_, sequence) => {
    const marker = "Small, reviewed";
    const result = parsePolicy(splice(POLICY, marker, sequence), { source: "p.yaml" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: "text/invalid-utf8",
        ...lineColumnOf(POLICY, marker),
        message: expect.stringContaining("not valid UTF-8"),
      }),
    ]);
  });

  it.each(sequences)("%s in a snapshot", (_, sequence) => {
    const marker = "quick-start";
    expect(snapshotProblems(splice(SNAPSHOT, marker, sequence))).toEqual([
      expect.objectContaining({ code: "text/invalid-utf8", ...lineColumnOf(SNAPSHOT, marker) }),
    ]);
  });

  it("a truncated character at the very end is located there", () => {
    const decoded = decodeUtf8(Uint8Array.from([...bytes("ab\ncd"), 0xe2]));
    expect(decoded).toMatchObject({ ok: false, offset: 5, line: 2, column: 3 });
  });

  it("valid UTF-8 bytes read as their text: multi-byte characters and all", () => {
    const text = POLICY.replace("Small, reviewed", "Smäll, révieweð — 小さな 🚢");
    const fromBytes = parsePolicy(bytes(text), { source: "p.yaml" });
    const fromText = parsePolicy(text, { source: "p.yaml" });
    expect(fromBytes.ok && fromText.ok && fromBytes.policy.document).toEqual(fromText.ok && fromText.policy.document);
    expect(parseSnapshot(bytes(SNAPSHOT))).toEqual(parseSnapshot(SNAPSHOT));
  });

  it("agrees with a fatal TextDecoder on any bytes, and everything before the error decodes", () => {
    const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (input) => {
        const decoded = decodeUtf8(input);
        let reference: string | undefined;
        try {
          reference = decoder.decode(input);
        } catch {
          reference = undefined;
        }
        if (reference !== undefined) expect(decoded).toEqual({ ok: true, text: reference });
        else {
          expect(decoded.ok).toBe(false);
          if (decoded.ok) return;
          expect(() => decoder.decode(input.subarray(0, decoded.offset))).not.toThrow();
        }
      }),
    );
  });
});

describe("schema messages say what is expected and what was given", () => {
  const schemas = { policySchema, snapshotSchema, decisionSchema, planSchema };

  it.each(Object.entries(schemas))("%s: every node has words, never 'something else'", (_, root) => {
    const vague: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (node === null || typeof node !== "object") return;
      if (!Array.isArray(node)) {
        const words = expected(node as Record<string, unknown>, root as Record<string, unknown>);
        if (/something else/.test(words) || words === "") vague.push(`${path}: ${words}`);
      }
      for (const [key, child] of Object.entries(node)) if (key !== "enum" && key !== "required") walk(child, `${path}/${key}`);
    };
    for (const [key, child] of Object.entries((root as { properties?: object }).properties ?? {})) walk(child, key);
    for (const [key, child] of Object.entries((root as { $defs?: object }).$defs ?? {})) walk(child, `$defs/${key}`);
    expect(vague).toEqual([]);
  });

  it.each([
    ["1e400", "got 1e400"],
    [".inf", "got .inf"],
    ["-.inf", "got -.inf"],
    [".nan", "got .nan"],
    ["12345678901234567890", "must be at most 9007199254740991 (the largest integer held exactly), got 12345678901234567890"],
    ["-1", "must be an integer ≥ 0, got -1"],
  ])("a policy's %s is reported as written", (value, message) => {
    const result = parsePolicy(POLICY.replace("max_changed_files: 6", `max_changed_files: ${value}`), { source: "p.yaml" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      expect.objectContaining({ pointer: "/guardrails/max_changed_files", message: expect.stringContaining(message) }),
    ]);
    expect(result.problems[0]?.message).not.toMatch(/got null/);
  });

  it.each([
    ["1e400", "got 1e400"],
    ["-2E+500", "got -2E+500"],
    ["12345678901234567890", "must be at most 9007199254740991 (the largest integer held exactly), got 12345678901234567890"],
  ])("a snapshot's %s is reported as written", (value, message) => {
    const problems = snapshotProblems(SNAPSHOT.replace('"additions": 4', `"additions": ${value}`));
    expect(problems).toEqual([expect.objectContaining({ pointer: "/files/0/additions", message: expect.stringContaining(message) })]);
  });
});
