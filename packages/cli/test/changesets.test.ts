import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/io.js";

// Every published package keeps a CHANGELOG.md that ships with it, and every
// pending changeset names real packages with a bump changesets knows.

const packages = readdirSync(join(ROOT, "packages")).map((dir) => {
  const manifest = JSON.parse(readFileSync(join(ROOT, "packages", dir, "package.json"), "utf8")) as {
    name: string;
    private?: boolean;
    files?: string[];
  };
  return { dir, ...manifest };
});
const published = packages.filter((p) => p.private !== true);
const config = JSON.parse(readFileSync(join(ROOT, ".changeset/config.json"), "utf8")) as { fixed: string[][]; baseBranch: string };

describe("changesets and changelogs", () => {
  it("finds the published packages", () => {
    expect(published.map((p) => p.name).sort()).toEqual(expect.arrayContaining(["@shiplane/cli", "@shiplane/policy"]));
  });

  it.each(published.map((p) => [p.name, p] as const))("%s has a CHANGELOG.md headed by its name, and ships it", (name, p) => {
    const changelog = join(ROOT, "packages", p.dir, "CHANGELOG.md");
    expect(existsSync(changelog)).toBe(true);
    expect(readFileSync(changelog, "utf8").split("\n")[0]).toBe(`# ${name}`);
    expect(p.files).toContain("CHANGELOG.md");
  });

  it("versions the packages together, against main", () => {
    expect(config.baseBranch).toBe("main");
    expect(config.fixed).toEqual([["@shiplane/*"]]);
  });

  const pending = readdirSync(join(ROOT, ".changeset")).filter((file) => file.endsWith(".md") && file !== "README.md");
  it.each(pending)(".changeset/%s names only real packages, each with patch, minor or major, and has a summary", (file) => {
    const text = readFileSync(join(ROOT, ".changeset", file), "utf8");
    const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
    expect(match, "front matter between --- lines").not.toBeNull();
    const entries = (match?.[1] ?? "").split("\n").map((line) => /^"([^"]+)": (\w+)$/.exec(line));
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(entry, 'each line: "@scope/name": bump').not.toBeNull();
      expect(published.map((p) => p.name)).toContain(entry?.[1]);
      expect(["patch", "minor", "major"]).toContain(entry?.[2]);
    }
    expect((match?.[2] ?? "").trim().length).toBeGreaterThan(0);
  });
});
