import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { policy as generatedPolicy, snapshot as generatedSnapshot } from "../../generated/validators.js";
import { STANDALONE_SCHEMAS, standaloneValidatorsCode, standaloneValidatorsTypes, validatorAjv } from "../../src/schema/standalone.js";
import { defaultDocument, safePr } from "../helpers/pr.js";

const generatedDir = new URL("../../generated/", import.meta.url);
const read = (name: string) => readFileSync(new URL(name, generatedDir), "utf8");

describe("checked-in precompiled validators", () => {
  it("generated/validators.js is exactly what the schema objects generate (run `pnpm run schemas` after a change)", () => {
    // A plain equality would print 450 KB on failure; the first differing line is what helps.
    const expected = standaloneValidatorsCode().split("\n");
    const actual = read("validators.js").split("\n");
    const first = expected.findIndex((line, i) => line !== actual[i]);
    expect({ firstDifferingLine: first < 0 && actual.length === expected.length ? -1 : first + 1, lines: actual.length }).toEqual({
      firstDifferingLine: -1,
      lines: expected.length,
    });
  });

  it("generated/validators.d.ts declares one validator per schema", () => {
    expect(read("validators.d.ts")).toBe(standaloneValidatorsTypes());
    expect(Object.keys(STANDALONE_SCHEMAS)).toEqual(["policy", "snapshot"]);
  });

  it("imports nothing but ajv's runtime helpers, and never calls require()", () => {
    const code = read("validators.js");
    const imports = [...code.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((path) => !/^ajv\/dist\/runtime\/\w+\.js$/.test(path ?? ""))).toEqual([]);
    expect(code).not.toMatch(/\brequire\s*\(/);
  });
});

// Compiled at run time from the TS objects with the generator's options: the reference the generated code must agree with.
const compiled = (() => {
  const ajv = validatorAjv();
  return { policy: ajv.compile(STANDALONE_SCHEMAS.policy), snapshot: ajv.compile(STANDALONE_SCHEMAS.snapshot) };
})();

type Validator = { (data: unknown): boolean; errors?: unknown };

function outcome(validate: Validator, value: unknown): { valid: boolean; errors: unknown } {
  const valid = validate(value);
  return { valid, errors: valid ? null : JSON.parse(JSON.stringify(validate.errors)) };
}

/** Every JSON pointer path (as keys) in a plain value. */
function paths(value: unknown, at: string[] = []): string[][] {
  const here = [at];
  if (Array.isArray(value)) return here.concat(value.flatMap((item, i) => paths(item, [...at, String(i)])));
  if (value !== null && typeof value === "object")
    return here.concat(Object.entries(value).flatMap(([key, item]) => paths(item, [...at, key])));
  return here;
}

/** A copy of `root` with the value at `path` replaced (or, for the root, `root` replaced). */
function replaced(root: unknown, path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path[path.length - 1] as string] = value;
  return copy;
}

function mutations(base: unknown): fc.Arbitrary<unknown> {
  const all = paths(base);
  return fc.array(fc.tuple(fc.constantFrom(...all), fc.jsonValue({ maxDepth: 2 })), { minLength: 1, maxLength: 3 }).map((edits) =>
    edits.reduce((doc, [path, value]) => {
      try {
        return replaced(doc, path, value);
      } catch {
        return doc; // an earlier edit removed the path's parent
      }
    }, base),
  );
}

describe("the generated validators agree with ajv compiling the schema objects", () => {
  it.each([
    ["the bundled policy", "policy", defaultDocument()],
    ["a safe PR snapshot", "snapshot", safePr()],
  ] as const)("%s is valid for both", (_name, kind, value) => {
    const generated = kind === "policy" ? generatedPolicy : generatedSnapshot;
    expect(outcome(generated, value)).toEqual({ valid: true, errors: null });
    expect(outcome(compiled[kind], value)).toEqual({ valid: true, errors: null });
  });

  it("randomly broken policies get the same verdict and the same errors (schema, data and all)", () => {
    fc.assert(
      fc.property(mutations(defaultDocument()), (doc) => {
        expect(outcome(generatedPolicy, doc)).toEqual(outcome(compiled.policy, doc));
      }),
      { numRuns: 150 },
    );
  });

  it("randomly broken snapshots get the same verdict and the same errors", () => {
    fc.assert(
      fc.property(mutations(JSON.parse(JSON.stringify(safePr()))), (snap) => {
        expect(outcome(generatedSnapshot, snap)).toEqual(outcome(compiled.snapshot, snap));
      }),
      { numRuns: 150 },
    );
  });

  it.each([
    ["512 astral characters fit a 512-character limit (ajv's ucs2length is wired in)", 512, true],
    ["513 do not", 513, false],
  ])("%s", (_name, count, valid) => {
    const doc = replaced(defaultDocument(), ["policy_paths"], ["😀".repeat(count)]);
    expect(generatedPolicy(doc)).toBe(valid);
    expect(compiled.policy(doc)).toBe(valid);
  });
});

describe("the generated module under plain Node (how the built CLI loads it)", () => {
  it("loads without vitest's module interop and counts characters the same way", () => {
    const url = new URL("validators.js", generatedDir).href;
    const script = `import { policy } from ${JSON.stringify(url)};
const doc = JSON.parse(process.argv[1]);
const out = [512, 513].map((n) => policy({ ...doc, policy_paths: ["😀".repeat(n)] }));
process.stdout.write(JSON.stringify([policy(doc), ...out]));`;
    const stdout = execFileSync(process.execPath, ["--input-type=module", "-e", script, JSON.stringify(defaultDocument())], {
      encoding: "utf8",
      cwd: fileURLToPath(generatedDir),
    });
    expect(JSON.parse(stdout)).toEqual([true, true, false]);
  });
});
