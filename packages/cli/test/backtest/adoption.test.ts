import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ADOPTION_REPOSITORIES, mirrorOf, prepareCheckout, score } from "../../../../bench/adoption.mjs";
import { riskOf } from "../../../../bench/risk-oracle.mjs";
import { createIo } from "../../src/io.js";
import type { BacktestReport } from "../../src/backtest/report.js";
import { cli } from "../helpers/io.js";

// The oracle itself: a table of paths it must and must not call risky.
describe("the independent path oracle", () => {
  it.each([
    ["backend/app/api/routes/login.py", ["auth"]],
    ["apps/remix/app/routes/_unauthenticated+/signin.tsx", ["auth"]],
    ["src/hooks/useSession.ts", ["auth"]],
    ["app/controllers/sessions_controller.rb", ["auth"]],
    ["packages/lib/server-only/auth/send-confirmation-email.ts", ["auth"]],
    ["backend/app/alembic/versions/1a31ce608336_add_cascade.py", ["migration"]],
    ["db/migrate/20240101_create_users.rb", ["migration"]],
    ["packages/prisma/migrations/20230101/migration.sql", ["migration"]],
    ["packages/prisma/schema.prisma", ["migration"]],
    ["infra/main.tf", ["infra"]],
    ["deployment/helm/values.yaml", ["infra"]],
    ["backend/Dockerfile", ["infra"]],
    ["docker-compose.override.yml", ["infra"]],
    ["proto/v1/events.proto", ["protocol"]],
    ["README.md", []],
    ["apps/web/src/components/author-card.tsx", []],
    ["frontend/src/routes/items.tsx", []],
    ["backend/app/models.py", []],
  ])("%s → %j", (path, classes) => {
    expect(riskOf(path)).toEqual(classes);
  });
});

/**
 * Issue #14's measure: on real repositories (local mirrors, never committed), a policy written by `init` sends
 * every merged PR the oracle calls risky to human-gated, and decides none of them merge. The newest 300 PRs
 * of each here; `pnpm bench adoption` replays whole histories and prints the figures.
 */
describe.each(ADOPTION_REPOSITORIES)("init + backtest --git on $repo", ({ repo }) => {
  const mirror = mirrorOf(repo);
  const present = existsSync(mirror);
  if (!present) console.log(`skipped ${repo}: no mirror at ${mirror} (fetch it to measure; see bench/adoption.mjs)`);
  it.skipIf(!present)(
    "every risky merged PR is human-gated, none decided merge",
    async () => {
      const checkout = prepareCheckout(mirror);
      try {
        const policy = join(checkout, "shiplane.yml");
        const init = await cli(["init", checkout, "--output", policy], { writeFile: createIo().writeFile, cwd: checkout });
        expect(init.code).toBe(0);
        const result = await cli(["backtest", "--git", "--dir", mirror, "--policy", policy, "--repo", repo, "--last", "300", "--json"]);
        expect(result.code).toBe(0);
        const s = score(JSON.parse(result.stdout) as BacktestReport);
        expect(s.prs).toBeGreaterThan(100);
        expect(s.risky).toBeGreaterThan(0);
        expect(s.misses).toEqual([]);
        expect(s.risky_merge).toBe(0);
      } finally {
        rmSync(checkout, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
