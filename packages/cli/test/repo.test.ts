import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { originUrl, repoFromRemoteUrl } from "../src/repo.js";
import { cli } from "./helpers/io.js";

describe("repository from a git remote", () => {
  it.each([
    ["https://github.com/acme/platform.git", "acme/platform"],
    ["https://github.com/acme/platform", "acme/platform"],
    ["https://x-access-token:secret@github.com/acme/platform.git", "acme/platform"],
    ["git@github.com:acme/platform.git", "acme/platform"],
    ["ssh://git@github.com/acme/platform.git", "acme/platform"],
    ["ssh://git@ghe.example.com:2222/acme/my.repo", "acme/my.repo"],
    ["git@github.com:acme/platform/", "acme/platform"],
    ["/srv/git/platform.git", undefined],
    ["https://github.com/acme", undefined],
  ])("%s → %s", (url, expected) => {
    const repo = repoFromRemoteUrl(url);
    expect(repo ? `${repo.owner}/${repo.name}` : undefined).toBe(expected);
  });

  it("reads the origin url from a git config", () => {
    const config =
      '[core]\n\tbare = false\n[remote "upstream"]\n\turl = git@github.com:other/x.git\n[remote "origin"]\n\turl = https://github.com/acme/platform.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n';
    expect(originUrl(config)).toBe("https://github.com/acme/platform.git");
    expect(originUrl("[core]\n")).toBeUndefined();
  });

  it("dry-run --pr without a token is a usage error that names GITHUB_TOKEN and never guesses", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shiplane-repo-"));
    mkdirSync(join(dir, ".git"));
    writeFileSync(join(dir, ".git", "config"), '[remote "origin"]\n\turl = git@github.com:acme/platform.git\n');
    const result = await cli(["dry-run", "--pr", "5", "--policy", join(dir, "none.yaml")], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("GITHUB_TOKEN is not set");
  });

  it.each([["0"], ["-3"], ["abc"], ["1.5"]])("--pr %s is a usage error", async (value) => {
    const result = await cli(["dry-run", `--pr=${value}`], { env: { GITHUB_TOKEN: "t" } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--pr must be a pull request number, got "${value}"`);
  });
});
