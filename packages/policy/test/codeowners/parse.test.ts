import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CODEOWNERS_MAX_BYTES, codeOwnerKind, codeOwnersFile, codeOwnersGlobs, parseCodeOwners } from "../../src/codeowners/index.js";

// GitHub's documented example file ("About code owners"), comments ours.
const GITHUB_EXAMPLE = `
# default owners for everything
*       @global-owner1 @global-owner2
*.js    @js-owner #This is an inline comment.
*.go docs@example.com
*.txt @octo-org/octocats
/build/logs/ @doctocat
docs/* docs@example.com
apps/ @octocat
/docs/ @doctocat
/scripts/ @doctocat @octocat
**/logs @octocat
/apps/ @octocat
/apps/github
/apps/ @octocat
/apps/github @doctocat
`;

const owners = parseCodeOwners(GITHUB_EXAMPLE, ".github/CODEOWNERS");

describe("CODEOWNERS: GitHub's documented examples", () => {
  it.each([
    ["README.md", ["@global-owner1", "@global-owner2"], "* owns what nothing later matches"],
    ["src/index.js", ["@js-owner"], "*.js at any depth; the inline comment is not an owner"],
    ["cmd/main.go", ["docs@example.com"], "an email owner"],
    ["notes/todo.txt", ["@octo-org/octocats"], "a team owner"],
    ["build/logs/today.log", ["@octocat"], "**/logs comes later than /build/logs/ and wins"],
    ["build/logs/deep/old.log", ["@octocat"], "a directory pattern owns every level under it"],
    ["docs/getting-started.md", ["@doctocat"], "/docs/ comes after docs/* and wins"],
    ["scripts/deploy.sh", ["@doctocat", "@octocat"], "several owners"],
    ["deeply/nested/logs/x.txt", ["@octocat"], "**/logs at any depth"],
    ["apps/main/index.ts", ["@octocat"], "/apps/ owns the apps directory"],
    ["apps/github/index.ts", ["@doctocat"], "the last rule for /apps/github wins"],
  ])("%s → %j (%s)", (path, expected) => {
    expect(owners.ownersOf(path).owners).toEqual(expected);
  });

  it("the last matching pattern wins, whatever its specificity", () => {
    const file = parseCodeOwners("/src/auth/ @security\n*.ts @typescript\n");
    expect(file.ownersOf("src/auth/login.ts").owners).toEqual(["@typescript"]);
    expect(file.ownersOf("src/auth/login.py").owners).toEqual(["@security"]);
  });

  it("docs/* owns the files directly in docs, not nested ones", () => {
    const file = parseCodeOwners("docs/* docs@example.com\n");
    expect(file.ownersOf("docs/getting-started.md").owners).toEqual(["docs@example.com"]);
    expect(file.ownersOf("docs/build-app/troubleshooting.md").rule).toBeUndefined();
  });

  it("apps/ owns an apps directory anywhere, but not a file named apps", () => {
    const file = parseCodeOwners("apps/ @octocat\n");
    expect(file.ownersOf("apps/a.js").owners).toEqual(["@octocat"]);
    expect(file.ownersOf("x/y/apps/a.js").owners).toEqual(["@octocat"]);
    expect(file.ownersOf("apps").rule).toBeUndefined();
  });

  it("a line with no owners un-owns: matched, but nobody owns it", () => {
    const file = parseCodeOwners("/apps/ @octocat\n/apps/github\n");
    const result = file.ownersOf("apps/github/index.js");
    expect(result.owners).toEqual([]);
    expect(result.rule?.line).toBe(2);
    expect(file.ownersOf("apps/main/index.js").owners).toEqual(["@octocat"]);
    expect(file.ownersOf("README.md").rule).toBeUndefined();
  });

  it("anchored patterns match from the root only; unanchored ones at any depth", () => {
    const file = parseCodeOwners("/Makefile @root\nMakefile @any\n/config/app.yml @cfg\n");
    expect(file.ownersOf("Makefile").owners).toEqual(["@any"]);
    expect(file.ownersOf("sub/Makefile").owners).toEqual(["@any"]);
    expect(file.ownersOf("config/app.yml").owners).toEqual(["@cfg"]);
    expect(file.ownersOf("x/config/app.yml").rule).toBeUndefined();
  });

  it("paths are case-sensitive; dotfiles are matched by *", () => {
    const file = parseCodeOwners("/Docs/ @docs\n* @all\n/Docs/ @docs\n");
    expect(file.ownersOf("Docs/a.md").owners).toEqual(["@docs"]);
    expect(file.ownersOf("docs/a.md").owners).toEqual(["@all"]);
    expect(file.ownersOf(".github/workflows/ci.yml").owners).toEqual(["@all"]);
  });

  it("braces and extglobs are literal, as in gitignore; \\ keeps a blank in a path", () => {
    const file = parseCodeOwners("{a,b}.js @brace\n@(x).js @ext\npath\\ with\\ spaces/ @space\n");
    expect(file.ownersOf("a.js").rule).toBeUndefined();
    expect(file.ownersOf("{a,b}.js").owners).toEqual(["@brace"]);
    expect(file.ownersOf("@(x).js").owners).toEqual(["@ext"]);
    expect(file.ownersOf("path with spaces/f.txt").owners).toEqual(["@space"]);
  });
});

describe("CODEOWNERS: lines GitHub skips are skipped and reported", () => {
  it.each([
    ["!*.js @x", "codeowners/negation"],
    ["*.[ch] @x", "codeowners/bracket"],
    ["\\#file.rb @x", "codeowners/escape"],
    ["*.js not-an-owner", "codeowners/owner"],
    ["*.js @org/", "codeowners/owner"],
  ])("%j → %s, and no rule", (line, code) => {
    const file = parseCodeOwners(`* @all\n${line}\n`);
    expect(file.rules.map((r) => r.pattern)).toEqual(["*"]);
    expect(file.problems).toHaveLength(1);
    expect(file.problems[0]).toMatchObject({ code, line: 2, severity: "warning", source: "CODEOWNERS" });
  });

  it("comments, blank lines and CRLF endings are fine", () => {
    const file = parseCodeOwners("# owners\r\n\r\n   # indented comment\r\n*.md @docs # trailing\r\n");
    expect(file.problems).toEqual([]);
    expect(file.rules).toEqual([{ line: 4, pattern: "*.md", owners: ["@docs"] }]);
  });
});

describe("CODEOWNERS: owners", () => {
  it.each([
    ["@octocat", "user"],
    ["@renovate[bot]", "user"],
    ["@octo-org/octocats", "team"],
    ["@octo-org/team.with.dots", "team"],
    ["docs@example.com", "email"],
    ["octocat", undefined],
    ["@", undefined],
    ["@-bad", undefined],
  ])("%s is %s", (token, kind) => {
    expect(codeOwnerKind(token)).toBe(kind);
  });
});

describe("CODEOWNERS: patterns as globs", () => {
  it.each([
    ["*", ["**/*", "**/*/**/*"]],
    ["/docs/", ["docs/**/*"]],
    ["docs/*", ["docs/*"]],
    ["apps/", ["**/apps/**/*"]],
    ["**/logs", ["**/logs", "**/logs/**/*"]],
    ["/apps/github", ["apps/github", "apps/github/**/*"]],
    ["a.b", ["**/a\\.b", "**/a\\.b/**/*"]],
  ])("%s → %j", (pattern, globs) => {
    expect(codeOwnersGlobs(pattern)).toEqual(globs);
  });

  it("ownersOf never throws and returns the owners of the last matching rule, for any path", () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9._-]{1,8}$/).filter((s) => s !== "." && s !== "..");
    const path = fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => s.join("/"));
    fc.assert(
      fc.property(path, (p) => {
        const result = owners.ownersOf(p);
        // The global rule (line 3) owns anything no later rule matches.
        expect(result.rule).toBeDefined();
        expect(result.rule!.line).toBeGreaterThanOrEqual(3);
        expect(result.owners).toEqual(result.rule!.owners);
      }),
      { numRuns: 200 },
    );
  });
});

describe("which CODEOWNERS file applies (GitHub looks in .github/, the root, docs/ and uses the first it finds)", () => {
  it.each([
    { name: "none anywhere", found: {}, expected: undefined },
    { name: "docs/ alone", found: { "docs/CODEOWNERS": "d" }, expected: { source: "docs/CODEOWNERS", text: "d" } },
    {
      name: ".github/ before the root",
      found: { CODEOWNERS: "r", ".github/CODEOWNERS": "g" },
      expected: { source: ".github/CODEOWNERS", text: "g" },
    },
    {
      name: "an unreadable first file leaves code owners unknown",
      found: { ".github/CODEOWNERS": null, CODEOWNERS: "r" },
      expected: undefined,
    },
    { name: "3 MB or more: GitHub does not load it", found: { CODEOWNERS: "x".repeat(CODEOWNERS_MAX_BYTES) }, expected: undefined },
    {
      name: "just under 3 MB loads",
      found: { CODEOWNERS: "x".repeat(CODEOWNERS_MAX_BYTES - 1) },
      expected: { source: "CODEOWNERS", text: "x".repeat(CODEOWNERS_MAX_BYTES - 1) },
    },
  ])("$name", ({ found, expected }) => {
    expect(codeOwnersFile(found)).toEqual(expected);
  });
});
