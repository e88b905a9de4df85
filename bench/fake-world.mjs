// Worlds for the fake GitHub: the example snapshots seeded into a loopback server.
import {
  DEFAULT_TOKEN,
  ensureLabel,
  ensureUser,
  seedFile,
  seedPullRequest,
  seedRepositorySnapshot,
  startFakeGitHub,
} from "../packages/github-adapter/dist/testing/index.js";
import { DEFAULT_POLICY_PATH, createGitHubClient } from "../packages/github-adapter/dist/index.js";
import { NOW, apiPrWithFiles, busyRepository, policyText, readExample } from "./fixtures.mjs";

export const WHERE = { owner: "acme", repo: "platform" };
const NOW_DATE = new Date(NOW);

/** A client for the fake: no request spacing (the throttling plugin's 1 s otherwise), tiny retry delays. */
export function clientFor(fake, overrides = {}) {
  return createGitHubClient({
    token: DEFAULT_TOKEN,
    baseUrl: fake.url,
    retries: 3,
    retryDelayUnitMs: 1,
    timeoutMs: 2000,
    minRequestIntervalMs: 0,
    now: () => NOW_DATE,
    log: { warn: () => {}, error: () => {} },
    ...overrides,
  });
}

/**
 * A fake GitHub holding the policy on main and the agents as users, and either
 * a small PR (#42) and a 250-file PR (#250), or (`busy`) a repository with
 * 50 open PRs and 100 open issues.
 */
export async function startWorld({ busy = false } = {}) {
  const fake = await startFakeGitHub();
  // GitHub stamps what apply changes with its own clock: keep it at the judged "now".
  fake.state.clock = NOW_DATE.getTime() - 60_000;
  if (busy) seedRepositorySnapshot(fake.state, busyRepository(100, 50));
  else {
    seedPullRequest(fake.state, readExample("pr-safe-docs-merge"));
    seedPullRequest(fake.state, { ...apiPrWithFiles(250), number: 250 });
  }
  const repo = fake.state.repositories[0];
  seedFile(repo, "main", DEFAULT_POLICY_PATH, policyText());
  for (const login of [
    "octo-maintainer",
    "mission-control-orchestrator",
    "qa-reliability-engineer",
    "cli-sdk-contract-keeper",
    "control-plane-steward",
  ])
    ensureUser(fake.state, login);
  return { fake, repo };
}

/** The repository's labels in sync with the policy, as a first tick leaves them. */
export function syncLabels(fake, repo, policy) {
  for (const group of policy.document.labels.groups)
    for (const l of group.labels) ensureLabel(fake.state, repo, l.name, l.color, l.description);
}
