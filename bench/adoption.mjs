// `pnpm bench adoption`: `shiplane init` + `shiplane backtest --git` on real public repositories of different
// layouts and languages, measured against an independent path oracle (bench/risk-oracle.mjs): every merged PR
// that touches auth/session code, migrations, infrastructure or a runtime protocol must land in human-gated,
// and none of them may be decided merge. Repositories come from local mirrors (SHIPLANE_MIRRORS, default
// /work/.mirror/<owner>+<name>/repo); none of their code or data is kept here. Missing mirrors are skipped with
// the reason printed. Also times init + backtest of this repository itself.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { riskOfChange } from "./risk-oracle.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "packages/cli/dist/shiplane.mjs");

export const ADOPTION_REPOSITORIES = [
  { repo: "fastapi/full-stack-fastapi-template", layout: "Python FastAPI backend/ + React frontend/, Alembic, Docker Compose" },
  { repo: "documenso/documenso", layout: "TypeScript monorepo apps/* + packages/*, Prisma migrations" },
  { repo: "maybe-finance/maybe", layout: "Ruby on Rails app/, db/migrate, Docker" },
];

export const mirrorOf = (repo) => join(process.env.SHIPLANE_MIRRORS ?? "/work/.mirror", repo.replace("/", "+"), "repo");

const git = (args, cwd) => execFileSync("git", args, { cwd, encoding: "utf8", maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "pipe"] });
const shiplane = (args, cwd = ROOT) => execFileSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 30 });

/** A checkout of the mirror's HEAD index, with only what init reads on disk (CODEOWNERS, workflows). */
export function prepareCheckout(mirror) {
  const dir = mkdtempSync(join(tmpdir(), "shiplane-adoption-"));
  git(["clone", "-q", "--no-checkout", mirror, dir], ROOT);
  git(["read-tree", "HEAD"], dir);
  for (const path of [".github", "CODEOWNERS", "docs/CODEOWNERS"]) {
    try {
      git(["checkout", "HEAD", "--", path], dir);
    } catch {
      // not in this repository
    }
  }
  return dir;
}

/** Judge an init + backtest report against the oracle: risky PRs, how many human-gated, how many merge, the misses. */
export function score(report) {
  const risky = [];
  for (const item of report.items) {
    const classes = riskOfChange([...item.paths, ...item.renamed_from]);
    if (classes.length > 0) risky.push({ item, classes });
  }
  const missed = risky.filter((r) => r.item.lane !== "human-gated");
  const gated = report.items.filter((i) => i.lane === "human-gated").length;
  return {
    prs: report.items.length,
    // Human-gated PRs the oracle does not call risky: the price of the stricter reading (or the oracle's blind spots).
    gated_not_risky: gated - (risky.length - missed.length),
    risky: risky.length,
    human_gated: risky.length - missed.length,
    risky_merge: risky.filter((r) => r.item.verdict === "merge").length,
    by_class: Object.fromEntries(
      ["auth", "migration", "infra", "protocol"].map((c) => [c, risky.filter((r) => r.classes.includes(c)).length]),
    ),
    misses: missed.map((r) => ({
      id: r.item.id,
      lane: r.item.lane,
      verdict: r.item.verdict,
      classes: r.classes,
      paths: [...r.item.paths, ...r.item.renamed_from].filter((p) => riskOfChange([p]).length > 0).slice(0, 5),
    })),
  };
}

export function measure(repo) {
  const mirror = mirrorOf(repo);
  if (!existsSync(mirror)) return { repo, skipped: `no mirror at ${mirror}` };
  const checkout = prepareCheckout(mirror);
  try {
    const policyFile = join(checkout, "shiplane.yml");
    let started = Date.now();
    shiplane(["init", checkout, "--output", policyFile]);
    const initMs = Date.now() - started;
    started = Date.now();
    const report = JSON.parse(shiplane(["backtest", "--git", "--dir", mirror, "--policy", policyFile, "--repo", repo, "--json"]));
    const backtestMs = Date.now() - started;
    const bundled = JSON.parse(
      shiplane(["backtest", "--git", "--dir", mirror, "--policy", "policies/autonomous-shipping.yaml", "--repo", repo, "--json"]),
    );
    return {
      repo,
      init_ms: initMs,
      backtest_ms: backtestMs,
      inferred: score(report),
      bundled: score(bundled),
      policy_lines: readFileSync(policyFile, "utf8").split("\n").length,
    };
  } finally {
    rmSync(checkout, { recursive: true, force: true });
  }
}

export async function runAdoptionBench() {
  if (!existsSync(CLI)) throw new Error(`build first: ${CLI} is missing`);
  console.log("\n## Adoption: init + backtest --git on real repositories, against the path oracle\n");
  const rows = [];
  for (const { repo, layout } of ADOPTION_REPOSITORIES) {
    const r = measure(repo);
    rows.push({ ...r, layout });
    if (r.skipped) {
      console.log(`${repo}: skipped (${r.skipped})`);
      continue;
    }
    const i = r.inferred;
    console.log(
      `${repo} (${layout}): ${i.prs} merged PRs, ${i.risky} risky by the oracle (${Object.entries(i.by_class)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}); ` +
        `init policy: ${i.human_gated}/${i.risky} human-gated, ${i.risky_merge} decided merge, ${i.gated_not_risky} more human-gated; bundled policy: ${r.bundled.human_gated}/${r.bundled.risky} human-gated, ${r.bundled.risky_merge} merge; ` +
        `init ${r.init_ms} ms, backtest ${r.backtest_ms} ms`,
    );
    for (const m of i.misses.slice(0, 10))
      console.log(`  miss ${m.id} → ${m.lane} ${m.verdict} [${m.classes.join(", ")}] ${m.paths.join("  ")}`);
    if (i.misses.length > 10) console.log(`  … ${i.misses.length - 10} more misses`);
  }
  // This repository: init, then a backtest of its own history (goal: under 10 s).
  const self = mkdtempSync(join(tmpdir(), "shiplane-self-"));
  let selfRow;
  try {
    const policyFile = join(self, "policy.yml");
    shiplane(["init", ROOT, "--output", policyFile]);
    const started = Date.now();
    const report = JSON.parse(shiplane(["backtest", "--git", "--policy", policyFile, "--json"]));
    selfRow = { changes: report.items.length, backtest_ms: Date.now() - started, goal_ms: 10_000 };
  } finally {
    rmSync(self, { recursive: true, force: true });
  }
  console.log(
    `this repository: init policy validates; backtest of ${selfRow.changes} changes in ${selfRow.backtest_ms} ms (goal < 10 s: ${selfRow.backtest_ms < 10_000 ? "met" : "NOT met"})`,
  );
  const measured = rows.filter((r) => !r.skipped);
  const ok = measured.every((r) => r.inferred.risky_merge === 0);
  return { ok, repositories: rows, self: selfRow };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runAdoptionBench();
  if (!result.ok) process.exitCode = 1;
}
