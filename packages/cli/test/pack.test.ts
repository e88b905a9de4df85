import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { NOW, ROOT } from "./helpers/io.js";
import { dependencyClosure, manifestOf, serveRegistry, tarballOf, type Registry } from "./helpers/registry.js";
import { codeScanningErrors, junitSchemaErrors, parseTap, sarifSchemaErrors } from "./helpers/reports.js";

/**
 * What a user gets: each package packed with npm alone (the packages name each
 * other by version, so the manifest needs no rewriting), installed with npm into an empty
 * project — `npm i -D @shiplane/cli @shiplane/policy`, as the README says —
 * from a registry on 127.0.0.1 that serves those tarballs and their
 * dependencies from the workspace. Then the installed `shiplane` runs and its
 * outputs are checked against the schemas the installed packages publish.
 * scripts/test.sh builds first; without a build this is skipped.
 */
const PACKAGES = ["policy", "github-adapter", "cli"] as const;
const built =
  PACKAGES.every((p) => existsSync(join(ROOT, "packages", p, "dist/index.js"))) && existsSync(join(ROOT, "packages/cli/dist/shiplane.mjs"));

let work = "";
let project = "";
let registry: Registry | undefined;
const tarballs: Record<string, string> = {};
let installLog = "";

/** Run a command, resolving with its exit code and output (the registry in this process must keep answering). */
function exec(command: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(command, args, { cwd, env: { PATH: process.env.PATH ?? "", HOME: work, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** npm with only the loopback registry, a fresh cache and no user configuration. */
const npm = (args: string[]) =>
  exec(
    "npm",
    [
      ...["--registry", `${registry?.url}/`, "--cache", join(work, "npm-cache"), "--userconfig", join(work, "npmrc")],
      ...["--no-audit", "--no-fund", "--no-update-notifier"],
      ...args,
    ],
    project,
  );
const shiplane = (...args: string[]) => exec(join(project, "node_modules/.bin/shiplane"), args, project);

describe.skipIf(!built)("the packed packages, installed with npm into an empty project", () => {
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "shiplane-pack-"));
    writeFileSync(join(work, "npmrc"), "");
    // The tree is built (scripts/test.sh): pack without prepack, which would rebuild what other tests are running.
    for (const p of PACKAGES) {
      mkdirSync(join(work, "ours"), { recursive: true });
      const out = execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", join(work, "ours")], {
        cwd: join(ROOT, "packages", p),
        encoding: "utf8",
        env: { ...process.env, npm_config_userconfig: join(work, "npmrc") },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const [packed] = JSON.parse(out) as Array<{ filename: string }>;
      tarballs[p] = join(work, "ours", packed?.filename ?? "");
    }
    const deps = dependencyClosure(PACKAGES.map((p) => join(ROOT, "packages", p))).map((dir) => tarballOf(dir, join(work, "deps")));
    registry = await serveRegistry([...Object.values(tarballs), ...deps]);
    project = join(work, "project");
    mkdirSync(join(project, ".git"), { recursive: true });
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "adopter", private: true, type: "module" }, null, 2));
    const install = await npm(["install", "-D", "@shiplane/cli", "@shiplane/policy"]);
    installLog = install.stdout + install.stderr;
    expect(install.code, installLog).toBe(0);
  }, 180_000);

  afterAll(async () => {
    await registry?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("each tarball: no workspace: range, engines declared, no source map without its source, the files it needs", () => {
    for (const [p, tarball] of Object.entries(tarballs)) {
      const manifest = manifestOf(tarball);
      expect(JSON.stringify(manifest), p).not.toContain("workspace:");
      expect(manifest.engines, p).toEqual({ node: ">=20.19" });
      const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n").filter(Boolean);
      for (const map of files.filter((f) => f.endsWith(".map"))) {
        const sources = (JSON.parse(execFileSync("tar", ["-xzOf", tarball, map], { encoding: "utf8" })) as { sourcesContent?: unknown[] })
          .sourcesContent;
        expect(sources, `${p}: ${map} ships without its sources`).toBeDefined();
      }
      expect(files).toContain("package/README.md");
      if (p === "cli")
        expect(files).toEqual(
          expect.arrayContaining([
            "package/dist/shiplane.mjs",
            "package/schema/policy-test.schema.json",
            "package/schema/explanation.schema.json",
          ]),
        );
      if (p === "policy")
        expect(files).toEqual(expect.arrayContaining(["package/schema/policy.schema.json", "package/schema/decision.schema.json"]));
    }
  });

  it("npm installed everything from the loopback registry, and nothing native, platform-bound or JVM-backed", () => {
    expect(registry?.requested).toContain("@shiplane/cli");
    const installed: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (!entry.isDirectory() || entry.name === ".bin") continue;
        const path = join(dir, entry.name);
        if (entry.name.startsWith("@")) walk(path);
        else if (existsSync(join(path, "package.json"))) {
          installed.push(path);
          if (existsSync(join(path, "node_modules"))) walk(join(path, "node_modules"));
        }
      }
    };
    walk(join(project, "node_modules"));
    expect(installed.length).toBeGreaterThan(20);
    for (const path of installed) {
      const manifest = JSON.parse(readFileSync(join(path, "package.json"), "utf8")) as Record<string, unknown>;
      expect(manifest.gypfile ?? manifest.os ?? manifest.cpu, path).toBeUndefined();
      expect(existsSync(join(path, "binding.gyp")), path).toBe(false);
      expect(String(manifest.name)).not.toMatch(/^recheck/);
    }
  });

  it("npx shiplane --help and --version run", async () => {
    const help = await npm(["exec", "--offline", "--", "shiplane", "--help"]);
    expect(help.code, help.stderr).toBe(EXIT.ok);
    expect(help.stdout).toContain("Usage: shiplane <command> [options]");
    const version = await shiplane("--version");
    expect(version.stdout.trim()).toBe(manifestOf(tarballs.cli as string).version);
  });

  it("the libraries import, and evaluatePullRequest decides a PR; without now it says what to pass", async () => {
    copyFileSync(join(ROOT, "policies/autonomous-shipping.yaml"), join(project, "policy.yaml"));
    copyFileSync(join(ROOT, "examples/snapshots/pr-safe-docs-merge.json"), join(project, "pr.json"));
    const script = `
      import { readFileSync } from "node:fs";
      import { evaluatePullRequest, loadPolicy, parseSnapshot } from "@shiplane/policy";
      import { createGitHubClient } from "@shiplane/github-adapter";
      import { run, createIo } from "@shiplane/cli";
      const policy = loadPolicy(readFileSync("policy.yaml", "utf8"), { source: "policy.yaml", now: "${NOW}" });
      const pr = parseSnapshot(readFileSync("pr.json", "utf8"), { source: "pr.json" });
      const decision = evaluatePullRequest(policy, pr, { now: "${NOW}" });
      let missing = "";
      try { evaluatePullRequest(policy, pr); } catch (error) { missing = error.message; }
      console.log(JSON.stringify({ verdict: decision.verdict, lane: decision.lane.id, missing, client: typeof createGitHubClient, run: typeof run, io: typeof createIo }));
    `;
    writeFileSync(join(project, "use.mjs"), script);
    const result = await exec(process.execPath, ["use.mjs"], project);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({
      verdict: "merge",
      lane: "safe-auto-merge",
      missing: expect.stringContaining("now is required"),
      client: "function",
      run: "function",
      io: "function",
    });
  });

  describe("its outputs match the schemas the installed packages publish", () => {
    const installedSchema = (pkg: string, name: string) =>
      new Ajv2020({ allErrors: true, strict: false }).compile(
        JSON.parse(readFileSync(join(project, "node_modules/@shiplane", pkg, "schema", `${name}.schema.json`), "utf8")) as object,
      );

    beforeAll(() => {
      mkdirSync(join(project, ".github"), { recursive: true });
      copyFileSync(join(ROOT, "policies/autonomous-shipping.yaml"), join(project, ".github/shiplane.yml"));
      copyFileSync(join(ROOT, "examples/snapshots/pr-safe-docs-merge.json"), join(project, ".github/pr.json"));
      writeFileSync(
        join(project, ".github/shiplane.test.yaml"),
        `policy: ./shiplane.yml\nnow: "${NOW}"\ncases:\n  - { name: merges, snapshot: ./pr.json, expect: { verdict: merge } }\n  - { name: fails on purpose, snapshot: ./pr.json, expect: { verdict: blocked } }\n`,
      );
      writeFileSync(join(project, "broken.yaml"), "version: 1\nname: broken\nlanes: 3\n");
    });

    it("validate --format sarif", async () => {
      const result = await shiplane("validate", ".github/shiplane.yml", "broken.yaml", "--format", "sarif");
      expect(result.code).toBe(EXIT.failure);
      const log = JSON.parse(result.stdout) as { runs: Array<{ results: unknown[] }> };
      expect(log.runs[0]?.results.length).toBeGreaterThan(0);
      expect(sarifSchemaErrors(log)).toEqual([]);
      expect(codeScanningErrors(log)).toEqual([]);
    });

    it("test --format junit and tap, with no arguments (the tests beside the discovered policy)", async () => {
      const junit = await shiplane("test", "--format", "junit");
      expect(junit.code).toBe(EXIT.failure);
      expect(await junitSchemaErrors(junit.stdout)).toEqual([]);
      expect(junit.stdout).toMatch(/<testsuites name="shiplane test" tests="\d+" failures="1" errors="0">/);
      expect(junit.stdout.match(/<testcase name="(merges|fails on purpose)"/g)).toHaveLength(2);
      const tap = await parseTap((await shiplane("test", "--format", "tap")).stdout);
      expect(tap).toMatchObject({ ok: false, fail: 1, extra: [] });
      expect(tap.failures.map((f) => f.name)).toEqual([".github/shiplane.test.yaml: fails on purpose"]);
    });

    it("dry-run --json, explain --format json, test --json and schema policy-test", async () => {
      const decision = JSON.parse((await shiplane("dry-run", "--snapshot", ".github/pr.json", "--now", NOW, "--json")).stdout) as unknown;
      const validateDecision = installedSchema("policy", "decision");
      expect(validateDecision(decision), JSON.stringify(validateDecision.errors)).toBe(true);
      const explanation = JSON.parse(
        (await shiplane("explain", "--snapshot", ".github/pr.json", "--now", NOW, "--format", "json")).stdout,
      ) as unknown;
      const validateExplanation = installedSchema("cli", "explanation");
      expect(validateExplanation(explanation), JSON.stringify(validateExplanation.errors)).toBe(true);
      const printed = JSON.parse((await shiplane("schema", "policy-test")).stdout) as unknown;
      expect(printed).toEqual(JSON.parse(readFileSync(join(project, "node_modules/@shiplane/cli/schema/policy-test.schema.json"), "utf8")));
      const report = JSON.parse((await shiplane("test", "--json")).stdout) as { passed: number; failed: number };
      expect(report).toMatchObject({ passed: 1, failed: 1 });
    });
  });
});
