import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findRepository, seedFile, seedPullRequest, startFakeGitHub, type FakeGitHub } from "@shiplane/github-adapter/testing";
import type { PullRequestSnapshot } from "@shiplane/policy";
import { afterEach, describe, expect, it } from "vitest";
import { EXIT } from "../../src/exit-codes.js";
import { createIo } from "../../src/io.js";
import { cli, ROOT } from "../helpers/io.js";
import { schemaErrors } from "../helpers/schema.js";

const SECRET = "ghp_snapshot-test-secret-token";
const BUNDLED = join(ROOT, "policies/autonomous-shipping.yaml");
const example = (name: string) => JSON.parse(readFileSync(join(ROOT, "examples/snapshots", name), "utf8")) as PullRequestSnapshot;
/** Real files on disk: dry-run --snapshot reads what snapshot --output wrote. */
const onDisk = { writeFile: createIo().writeFile };

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function world(pr: PullRequestSnapshot, base: Record<string, string> = {}): Promise<FakeGitHub> {
  fake = await startFakeGitHub();
  fake.state.tokens[SECRET] = { login: "shiplane[bot]", scopes: ["repo"] };
  seedPullRequest(fake.state, pr);
  const repo = findRepository(fake.state, pr.repository.owner, pr.repository.name);
  for (const [path, text] of Object.entries(base)) if (repo) seedFile(repo, pr.base_ref, path, text);
  return fake;
}

const online = (f: FakeGitHub, argv: string[]) =>
  cli(argv, {
    env: { GITHUB_TOKEN: SECRET, GITHUB_API_URL: f.url },
    github: { retryDelayUnitMs: 1, minRequestIntervalMs: 0, timeoutMs: 2000, retries: 1 },
    ...onDisk,
  });

/**
 * Record PR `number` with `snapshot --pr`, then decide it twice: from the
 * file (`dry-run --snapshot`, offline) and live (`dry-run --pr`).
 */
async function roundTrip(f: FakeGitHub, number: number, policy: string) {
  const file = join(mkdtempSync(join(tmpdir(), "shiplane-snapshot-")), `pr-${number}.json`);
  const before = f.requests.length;
  const recorded = await online(f, ["snapshot", "--pr", String(number), "--repo", "acme/platform", "--policy", policy, "--output", file]);
  const requests = f.requests.slice(before).map((r) => r.operation);
  const snapshot = JSON.parse(readFileSync(file, "utf8")) as PullRequestSnapshot;
  const offline = await cli(["dry-run", "--snapshot", file, "--policy", policy, "--json"]);
  const live = await online(f, ["dry-run", "--pr", String(number), "--repo", "acme/platform", "--policy", policy, "--json"]);
  return { recorded, requests, snapshot, offline, live };
}

describe("shiplane snapshot --pr against the fake GitHub", () => {
  it.each([
    "pr-safe-docs-merge.json",
    "pr-safe-awaiting-review.json",
    "pr-staging-awaiting-deploy.json",
    "pr-human-gated-auth.json",
    "pr-blocked-max-files.json",
    "pr-self-labelled-safe.json",
  ])(
    "%s: the file validates against the published snapshot schema, and dry-run --snapshot on it decides as dry-run --pr does",
    async (name) => {
      const pr = example(name);
      const f = await world(pr);
      const { recorded, requests, snapshot, offline, live } = await roundTrip(f, pr.number, BUNDLED);
      expect(recorded.stderr).toBe("");
      expect(recorded.code).toBe(EXIT.ok);
      expect(requests).toEqual(["PullRequestSnapshot"]);
      expect(schemaErrors("snapshot", snapshot)).toEqual([]);
      expect(snapshot).toMatchObject({
        kind: "pull_request",
        number: pr.number,
        head_sha: pr.head_sha,
        fetched_at: "2026-11-23T12:00:00.000Z",
      });
      expect(offline.code).toBe(EXIT.ok);
      expect(live.code).toBe(EXIT.ok);
      expect(JSON.parse(offline.stdout)).toEqual(JSON.parse(live.stdout));
      expect(JSON.parse(live.stdout)).toMatchObject({ subject: { number: pr.number } });
    },
  );

  it("carries the base branch's CODEOWNERS when the policy requires code owners, and both decisions read it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shiplane-owners-"));
    const policy = join(dir, "owners.yaml");
    writeFileSync(
      policy,
      readFileSync(BUNDLED, "utf8").replace(
        "    agent_approvals: 1\n    validation: required\n    deployment: staging\n",
        (m) => `${m}    code_owner_approvals: files\n`,
      ),
    );
    const pr = example("pr-staging-api-merge.json");
    const f = await world(pr, { ".github/CODEOWNERS": "/api/ @api-owner\n" });
    const { recorded, requests, snapshot, offline, live } = await roundTrip(f, pr.number, policy);
    expect(recorded.code).toBe(EXIT.ok);
    expect(requests).toEqual(["PullRequestSnapshot"]);
    expect(snapshot.code_owners).toEqual({ source: ".github/CODEOWNERS", text: "/api/ @api-owner\n" });
    expect(schemaErrors("snapshot", snapshot)).toEqual([]);
    const decision = JSON.parse(live.stdout) as {
      verdict: string;
      requirements: Array<{ code: string; status: string }>;
      actions: Array<{ type: string; reviewer?: string; reason: string }>;
    };
    expect(JSON.parse(offline.stdout)).toEqual(decision);
    expect(decision.requirements.find((r) => r.code === "requirement/code-owner-approvals")?.status).toBe("pending");
    expect(decision.actions).toContainEqual(
      expect.objectContaining({ type: "request_review", reviewer: "api-owner", reason: "requirement/code-owner-approvals" }),
    );
    // The bundled policy needs no code owners: the same PR is recorded without them.
    const plain = await roundTrip(f, pr.number, BUNDLED);
    expect(plain.snapshot.code_owners).toBeUndefined();
  });

  it("prints to standard output without --output, never the token; JSON is its only format", async () => {
    const pr = example("pr-safe-docs-merge.json");
    const f = await world(pr);
    const printed = await online(f, ["snapshot", "--pr", String(pr.number), "--repo", "acme/platform", "--format", "json"]);
    expect(printed.code).toBe(EXIT.ok);
    expect(schemaErrors("snapshot", JSON.parse(printed.stdout))).toEqual([]);
    expect(printed.stdout + printed.stderr).not.toContain(SECRET);
    const text = await online(f, ["snapshot", "--pr", String(pr.number), "--format", "text"]);
    expect(text.code).toBe(EXIT.usage);
    expect(text.stderr).toContain('--format must be one of json, got "text"');
    const missing = await online(f, ["snapshot", "--repo", "acme/platform"]);
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.stderr).toContain("--pr <number> is required");
    const unknown = await online(f, ["snapshot", "--pr", "999", "--repo", "acme/platform"]);
    expect(unknown.code).toBe(EXIT.github);
  });
});
