import fc from "fast-check";
import micromatch from "micromatch";
import { describe, expect, it } from "vitest";
import {
  PathClassifier,
  classifyFile,
  compileGlobs,
  compilePathPattern,
  globSource,
  isCanonicalPath,
  needsExpression,
  readPermissive,
  readAnyRisky,
  readRisky,
  unionOf,
  type IgnoreCase,
} from "../../src/util/glob.js";

const GLOBS = [
  "api/**",
  "docs/**",
  "**/*.md",
  "**/migrations/**",
  "infra/production/**",
  "terraform/**/prod*/**",
  "**/.env",
  "**/.env.*",
  "web/src/auth/**",
  "**/openapi.{yaml,yml,json}",
  "policies/**",
  ".github/shiplane.yml",
  ".github/workflows/shiplane*.yml",
  "**/*.proto",
  "runtime/**/wire/**",
  "api",
  "a.b/**",
  "!docs/**",
  "tests/**",
  "**/*_test.py",
  "**/session/**",
  "**/pnpm-lock.yaml",
  "**/*.prod.tfvars",
  "**/*.snap",
  "**/secrets/**",
  "**/*.test.*",
  "**/x.md",
  "**/.github/**",
  "src/**/*.{ts,tsx}",
  "**/@(x|a).md",
  "**/[ax]*.md",
  "docs/*.md",
  "**/*.{yml,yaml}",
  "**/{a,b}/**",
  "**/*_lock",
  "**/*{sign,Sign}{-,_,}{in,In,up,Up,out,Out}*",
  "**/*{unauthenticated,Unauthenticated}*/**",
  "**/*{auth,Auth}*",
  "{,src/,packages/*/,packages/*/src/}{api,docs}/**",
  "docs/{,*/}{x,a}.md",
];
const SEGMENTS = [
  "api",
  "docs",
  "web",
  "src",
  "auth",
  "migrations",
  "infra",
  "production",
  "prod-eu",
  "terraform",
  ".env",
  ".env.local",
  "x.md",
  "openapi.yaml",
  "a.b",
  "frame.proto",
  "wire",
  ".github",
  "shiplane.yml",
  "workflows",
  "session",
  "t_test.py",
  "tests",
  "apix",
  "pnpm-lock.yaml",
  "a.pnpm-lock.yaml",
  "db.prod.tfvars",
  ".prod.tfvars",
  "s.snap",
  "secrets",
  "secrets.md",
  "a.test.ts",
  "_test.py",
  ".md",
  "proto",
  ".proto",
  "a",
  "b",
  "a.ts",
  "b.tsx",
  "x.yaml",
  "a_lock",
  "sign-up.spec.ts",
  "Signin.tsx",
  "_unauthenticated+",
  "oauth.py",
];
const pathArb = fc.array(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 5 }).map((parts) => parts.join("/"));

/** Each path's classification sets a list's bit exactly when micromatch matches the path against the list (and so does the list's own test). */
function expectClassifierAgrees(lists: readonly string[][], paths: readonly string[], { alone = false } = {}): void {
  const classifier = new PathClassifier();
  const sets = lists.map((globs) => classifier.add(globs));
  for (const path of paths) {
    const bits = new Uint32Array(classifier.words);
    classifier.classify(path, bits);
    lists.forEach((globs, i) => {
      const set = sets[i]!;
      const expected = globs.some((g) => micromatch.isMatch(path, g, { dot: true }));
      expect(((bits[set.word] ?? 0) & set.mask) !== 0, `${path} ~ ${globs.join(" ")}`).toBe(expected);
      if (alone) expect(set.test(path)).toBe(expected);
    });
  }
}

describe("compileGlobs", () => {
  it("agrees with micromatch on every glob shape the policies use", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...GLOBS), { minLength: 1, maxLength: 4 }), pathArb, (globs, path) => {
        expect(compileGlobs(globs)(path)).toBe(globs.some((g) => micromatch.isMatch(path, g, { dot: true })));
      }),
      { numRuns: 6000 },
    );
  }, 90_000);

  it("takes the fast paths for literal paths and directory prefixes", () => {
    const match = compileGlobs(["api/**", ".github/shiplane.yml"]);
    expect(["api", "api/x/y.py", ".github/shiplane.yml"].map(match)).toEqual([true, true, true]);
    expect(["apix/y", "a/api/x", ".github/shiplane.yaml"].map(match)).toEqual([false, false, false]);
  });

  it("matches nothing for an empty list", () => {
    expect(compileGlobs([])("anything")).toBe(false);
  });
});

describe("PathClassifier: every glob list of a policy in one pass", () => {
  const listsArb = fc.array(fc.uniqueArray(fc.constantFrom(...GLOBS), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 40 });

  it("sets a list's bit exactly when micromatch matches the path against the list (also past 32 lists)", () => {
    fc.assert(
      fc.property(listsArb, fc.array(pathArb, { minLength: 1, maxLength: 4 }), (lists, paths) =>
        expectClassifierAgrees(lists, paths, { alone: true }),
      ),
      { numRuns: 1500 },
    );
  }, 90_000);

  it("gives the same list the same set, and refuses new lists once it has classified a path", () => {
    const classifier = new PathClassifier();
    const a = classifier.add(["api/**"]);
    expect(classifier.add(["api/**"])).toBe(a);
    classifier.classify("api/x", new Uint32Array(classifier.words));
    expect(() => classifier.add(["web/**"])).toThrow(/after classify/);
  });
});

describe("PathClassifier on generated globs", () => {
  // Globs built from the pieces of glob syntax the shortcuts and filters must not misread.
  const word = fc.constantFrom("a", "b", "src", "sign", "up", "in", ".ts", ".md", "-", "_", ".", "x.y");
  const piece = fc.oneof(
    word,
    fc.constant("*"),
    fc.constant("?"),
    fc.constant("[ab]"),
    fc.constant("@(a|sign)"),
    fc.constant("+(a)"),
    fc.array(fc.oneof(word, fc.constant("")), { minLength: 2, maxLength: 3 }).map((alternatives) => `{${alternatives.join(",")}}`),
  );
  const segment = fc.array(piece, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(""));
  const globArb = fc
    .tuple(
      fc.constantFrom("", "", "", "!"),
      fc.constantFrom("", "**/", "src/", "a/**/", "{,src/,a/*/}", "src/{,b/,*/}", "{a/,*/b/}"),
      fc.array(segment, { minLength: 1, maxLength: 2 }),
      fc.constantFrom("", "/**"),
    )
    .map(([not, start, segments, end]) => `${not}${start}${segments.join("/")}${end}`);
  const pathPart = fc.constantFrom("a", "b", "src", "sign-up.ts", "signin.md", "x.y", "a_b", "up", ".ts", "ab.md", "sign");
  const genPathArb = fc.array(pathPart, { minLength: 1, maxLength: 4 }).map((parts) => parts.join("/"));

  it("a glob said to need no expression compiles, to an expression that can match", () => {
    let shortcut = 0;
    // Globs in the shortcut shapes (literal paths, prefixes, basenames, suffixes, segments, words), and the generated ones.
    const shortcutArb = fc
      .tuple(fc.constantFrom("", "**/", "**/*", "src/", "a/b/"), word, fc.constantFrom("", "/**", "*", ".{md,ts}"))
      .map(([start, middle, end]) => `${start}${middle}${end}`);
    fc.assert(
      fc.property(fc.oneof(globArb, shortcutArb), (glob) => {
        if (needsExpression(glob)) return;
        shortcut++;
        expect(globSource(glob)).not.toBe("$^");
      }),
      { numRuns: 2000 },
    );
    expect(shortcut).toBeGreaterThan(200);
  });

  it.each([
    ["docs/**", false],
    ["**/*.md", false],
    ["**/migrations/**", false],
    ["README.md", false],
    ["**/*auth*", false],
    ["{src,lib}/x.ts", false],
    ["packages/*/api/**", false],
    ["packages/**/api/**", true],
    ["!docs/**", true],
    ["src/[ab].ts", true],
  ])("%s needs an expression: %s", (glob, expected) => {
    expect(needsExpression(glob)).toBe(expected);
  });

  it("agrees with micromatch", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(globArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        fc.array(genPathArb, { minLength: 1, maxLength: 5 }),
        (lists, paths) => expectClassifierAgrees(lists, paths),
      ),
      { numRuns: 2000 },
    );
  }, 90_000);
});

describe("wildcard prefixes (dir/*/sub/**) without micromatch's expression", () => {
  const wildGlob = fc
    .tuple(
      fc.constantFrom("packages", "apps", "a"),
      fc.array(fc.constantFrom("*", "src", "api", "a", "x.y"), { minLength: 0, maxLength: 2 }),
      fc.nat({ max: 2 }),
      fc.constantFrom("/**", "/**", ""),
    )
    // At least one `*` segment: other shapes (a plain `dir/**` prefix) read non-canonical paths their own way, harmlessly:
    // PathPattern counts a non-canonical path as matching every risky pattern and no permissive one before it reads bits.
    // (`*` last is left to micromatch's expression; the property covers it too.)
    .map(([root, rest, at, tail]) => `${root}/${[...rest.slice(0, at), "*", ...rest.slice(at)].join("/")}${tail}`);
  // Paths git never writes too: empty, `.` and `..` segments, a trailing slash (micromatch reads them its own way).
  const part = fc.constantFrom("packages", "apps", "a", "src", "api", "x.y", ".x", "..x", "", ".", "..", "API");
  const anyPath = fc.array(part, { minLength: 1, maxLength: 6 }).map((parts) => parts.join("/"));

  it("agree with micromatch on any path, canonical or not", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(wildGlob, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
        fc.array(anyPath, { minLength: 1, maxLength: 8 }),
        (lists, paths) => expectClassifierAgrees(lists, paths, { alone: true }),
      ),
      { numRuns: 3000 },
    );
  });

  it.each([
    ["packages/x/api/y", true],
    ["packages/x/api", true],
    ["packages/x/api/", true],
    ["packages//api/y", true],
    ["packages/./api/y", false],
    ["packages/x/apix/y", false],
    ["packages/x/y/api/z", false],
    ["packages/api/y", false],
    ["packages/x/api/../y", false],
  ])("packages/*/api/** and %s: %s, as micromatch says", (path, expected) => {
    expect(micromatch.isMatch(path, "packages/*/api/**", { dot: true })).toBe(expected);
    expect(compileGlobs(["packages/*/api/**"])(path)).toBe(expected);
  });
});

describe("a file classified once reads every pattern as PathPattern does", () => {
  const caseGlobs = [...GLOBS, "Docs/**", "**/*.MD", "API/**", "**/Migrations/**", "README.md"];
  const pathOf = fc.oneof(
    pathArb,
    pathArb.map((p) => p.toUpperCase()),
    pathArb.map((p) => `${p[0]?.toUpperCase() ?? ""}${p.slice(1)}`),
    fc.constantFrom("docs/../infra/x.tf", "./api/x", "a//b", "api\\x", "Ärger/x.md"),
  );
  const fileArb = fc.record(
    {
      path: pathOf,
      previous_path: pathOf,
      status: fc.constantFrom("modified", "added", "renamed", "copied", "deleted"),
    },
    { requiredKeys: ["path", "status"] },
  );
  const ignoreCaseArb = fc.constantFrom<IgnoreCase>("stricter", "always", "never");

  it("risky and permissive, for every ignore_case, renames, unknown origins, other casings and non-canonical paths", () => {
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(fc.constantFrom(...caseGlobs), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        ignoreCaseArb,
        fc.array(fileArb, { minLength: 1, maxLength: 4 }),
        (lists, ignoreCase, files) => {
          const classifier = new PathClassifier();
          const patterns = lists.map((globs) => compilePathPattern(globs, ignoreCase, classifier));
          for (const file of files) {
            const classified = classifyFile(classifier, file);
            for (const pattern of patterns) {
              const readings = pattern.classified!;
              expect(readRisky(readings, classified), `risky ${JSON.stringify(file)}`).toBe(pattern.risky(file));
              expect(readPermissive(readings, classified), `permissive ${JSON.stringify(file)}`).toBe(pattern.permissive(file));
            }
          }
        },
      ),
      { numRuns: 2000 },
    );
  }, 90_000);

  it("the union of a PR's files says whether any file matches, as a pass over them does", () => {
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(fc.constantFrom(...caseGlobs), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        ignoreCaseArb,
        fc.array(fileArb, { maxLength: 5 }),
        (lists, ignoreCase, files) => {
          const classifier = new PathClassifier();
          const patterns = lists.map((globs) => compilePathPattern(globs, ignoreCase, classifier));
          const classified = files.map((file) => classifyFile(classifier, file));
          const union = unionOf(classified, classifier.words);
          for (const pattern of patterns) {
            const readings = pattern.classified!;
            expect(readAnyRisky(readings, union), `any risky ${JSON.stringify(files)}`).toBe(files.some((f) => pattern.risky(f)));
            if (files.some((f) => pattern.permissive(f))) expect(readAnyRisky(readings, union)).toBe(true);
          }
        },
      ),
      { numRuns: 2000 },
    );
  }, 90_000);
});

describe("isCanonicalPath", () => {
  // eslint-disable-next-line no-control-regex -- control characters in a path are what it looks for
  const NOT_CANONICAL = /(^|\/)\.{1,2}(\/|$)|\\|[\u0000-\u001f\u007f]|^\/|\/$|\/\//;
  const piece = fc.constantFrom("a", "b.c", ".", "..", "...", ".env", "/", "//", "\\", "\n", "\u0000", "\u007f", "\u2028", "é", "x..y");

  it("is the one-expression definition (segments joined by /, none empty, . or .., no backslash or control character)", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const path = pieces.join("");
        expect(isCanonicalPath(path), JSON.stringify(path)).toBe(path !== "" && !NOT_CANONICAL.test(path));
      }),
      { numRuns: 5000 },
    );
  });
});
