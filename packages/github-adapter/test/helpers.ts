import { readFileSync, readdirSync } from "node:fs";
import { createGitHubClient, type GitHubClientOptions } from "@shiplane/github-adapter";
import { DEFAULT_TOKEN, type FakeGitHub } from "@shiplane/github-adapter/testing";
import { loadPolicy, type CompiledPolicy, type PullRequestSnapshot, type RepositorySnapshot } from "@shiplane/policy";

export const EXAMPLES = new URL("../../../examples/snapshots/", import.meta.url);

export function examplePullRequest(name: string): PullRequestSnapshot {
  return JSON.parse(readFileSync(new URL(name, EXAMPLES), "utf8")) as PullRequestSnapshot;
}

export function exampleRepository(name: string): RepositorySnapshot {
  return JSON.parse(readFileSync(new URL(`repository/${name}`, EXAMPLES), "utf8")) as RepositorySnapshot;
}

/** A snapshot of the adversarial set (examples/snapshots/adversarial). */
export const adversarialPullRequest = (name: string): PullRequestSnapshot => examplePullRequest(`adversarial/${name}`);

/** The bundled policy, compiled. */
export const bundledPolicy = (): CompiledPolicy =>
  loadPolicy(readFileSync(new URL("../../../policies/autonomous-shipping.yaml", import.meta.url), "utf8"), {
    source: "policies/autonomous-shipping.yaml",
  });

export const examplePullRequestNames = (): string[] =>
  readdirSync(EXAMPLES)
    .filter((f) => f.startsWith("pr-") && f.endsWith(".json"))
    .sort();

export const FIXED_NOW = new Date("2026-11-23T12:00:00Z");

/**
 * A client for the fake: tiny retry delays, no request spacing. The timeout
 * is generous: a loaded CI machine can take hundreds of milliseconds for a
 * first request, and a spurious timeout would be retried and miscount
 * requests. Tests that inject timeouts pass a short one.
 */
export function clientFor(fake: FakeGitHub, overrides: Partial<GitHubClientOptions> = {}) {
  return createGitHubClient({
    token: DEFAULT_TOKEN,
    baseUrl: fake.url,
    retries: 3,
    retryDelayUnitMs: 1,
    timeoutMs: 5_000,
    minRequestIntervalMs: 0,
    now: () => FIXED_NOW,
    log: { warn: () => {}, error: () => {} },
    ...overrides,
  });
}

/**
 * Validates with the policy package's `validateSnapshot` against
 * snapshot.schema.json; throws SnapshotError listing every problem. Returns
 * false only while the loader is still the "not implemented" stub.
 */
export async function validateIfAvailable(snapshot: unknown): Promise<boolean> {
  const { validateSnapshot } = await import("@shiplane/policy");
  try {
    validateSnapshot(snapshot, { source: "adapter" });
    return true;
  } catch (error) {
    if (error instanceof Error && error.message === "not implemented") return false;
    throw error;
  }
}
