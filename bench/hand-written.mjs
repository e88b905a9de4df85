// The default policy's lane classification written by hand, as a team would
// without Shiplane: the baseline for the engine-overhead figure. It decides
// only the lane (no evidence, no trace, no actions).
// Auth, runtime and infra by name anywhere in a path; migrations in the common layouts (the bundled policy's areas).
const RISKY_AREA = [
  /(^|\/)(auth|authn|authz|session|sessions|oauth|oidc|jwt|login|logout|signin|sign-in|signup|sign-up|passkeys|webauthn|sso|saml|mfa|2fa)\//,
  /(^|\/)[^/]*[Uu]nauthenticated[^/]*\//,
  /(^|\/)[^/]*(auth|Auth|AUTH|session|Session|SESSION|login|Login|LogIn|LOGIN|logout|Logout|LogOut|jwt|Jwt|JWT|oidc|Oidc|OIDC|oauth|OAuth|Oauth|password|Password|PASSWORD|passkey|Passkey|permission|Permission|credential|Credential)[^/]*$/,
  /(^|\/)[^/]*(sign|Sign)[-_]?(in|In|up|Up|out|Out)[^/]*$/,
  /(^|\/)(runtime|protocol|protocols|proto|wire)\//,
  /\.(proto|thrift|avsc)$/,
  /(^|\/)(infra|infrastructure|terraform|deploy|deployment|k8s|kubernetes|helm|charts|ansible|pulumi)\//,
  /\.(tf|tfvars)$/,
  /(^|\/)Dockerfile[^/]*$/,
  /(^|\/)docker-compose[^/]*\.(yml|yaml)$/,
];
const MIGRATION = [
  /(^|\/)(migrations|migrate|alembic|flyway|liquibase)\//,
  /(^|\/)db\/(migration|changelog)\//,
  /(^|\/)changelog\/[^/]*\.(xml|yaml|yml|sql)$/,
  /(^|\/)schema\.prisma$/,
  /(^|\/)db\/schema\.rb$/,
  /(^|\/)structure\.sql$/,
  /\.sql$/,
];
// The common layouts: the root, src/, packages/*, apps/* (the bundled policy's rooted globs).
const rooted = (dirs) => new RegExp(`^(src\\/|packages\\/([^/]+\\/(src\\/)?)?|apps\\/([^/]+\\/(src\\/)?)?)?(${dirs})\\/`);
const OTHER_AREA = [
  rooted("api|server|backend"),
  /^tests\/api\//,
  rooted("ops|monitoring|observability|dashboards|grafana|alerts"),
  /^dashboards\//,
];
const SAFE_AREA = [
  rooted("docs|doc"),
  /\.(md|mdx|rst)$/,
  rooted("tests|test|__tests__|spec|e2e"),
  /\.(test|spec)\./,
  /_test\.(py|go)$/,
  /(^|\/)test_[^/]*\.py$/,
  /_spec\.rb$/,
  rooted("cli|sdk|sdks|cmd"),
  rooted("web|frontend|client|components|pages"),
  /\.(tsx|jsx|vue|svelte|css|scss)$/,
];
const CONTRACT = [/^api\/openapi\//, /(^|\/)openapi\.(yaml|yml|json)$/, /\.proto$/, /\.graphql$/];
// What judges a PR: the policy, agent instructions, code ownership, CI configuration, validation entrypoints.
const POLICY = [
  /^policies\//,
  /^\.github\//,
  /(^|\/)(CODEOWNERS|AGENTS\.md|AGENT\.md|CLAUDE\.md|GEMINI\.md|\.cursorrules|\.windsurfrules|\.clinerules)$/,
  /(^|\/)\.cursor\/rules\//,
  /^\.ci\//,
  /^scripts\/test\.sh$/,
  /^scripts\/ci\//,
  /^(\.gitlab-ci\.yml|Jenkinsfile|azure-pipelines\.yml)$/,
  /^\.(circleci|buildkite)\//,
];
const SIZE_EXCLUDED = /(^|\/)(pnpm-lock\.yaml|package-lock\.json|poetry\.lock)$|\.snap$/;

// What makes a decision stricter matches either end of a rename, in any case; a rename of unknown origin matches it all.
const unknownOrigin = (f) => (f.status === "renamed" || f.status === "copied") && f.previous_path === undefined;
const ends = (f) => (f.previous_path === undefined ? [f.path] : [f.path, f.previous_path]);

export function handWrittenLane(pr) {
  const labels = new Set(pr.labels.map((l) => l.name.toLowerCase()));
  if (pr.files.some(unknownOrigin)) return "human-gated";
  const risky = pr.files.flatMap(ends).flatMap((p) => [p, p.toLowerCase()]);
  const any = (patterns) => risky.some((p) => patterns.some((re) => re.test(p)));
  if (any(POLICY)) return "human-gated";
  if (
    labels.has("area:auth") ||
    labels.has("area:runtime") ||
    labels.has("area:infra") ||
    labels.has("risk:high") ||
    any(RISKY_AREA) ||
    any(MIGRATION)
  )
    return "human-gated";
  const safe = pr.labels.find((l) => l.name.toLowerCase() === "autonomy:safe");
  const trusted =
    safe &&
    safe.added_by &&
    safe.added_by !== pr.author.login &&
    (safe.added_by === "mission-control-orchestrator" || safe.added_by === "octo-maintainer");
  // GitHub's totals count too: lines in files the list does not show.
  let all = 0;
  let counted = 0;
  for (const f of pr.files) {
    all += f.additions + f.deletions;
    // Excluded only when both ends are.
    if (!ends(f).every((p) => SIZE_EXCLUDED.test(p))) counted += f.additions + f.deletions;
  }
  const lines = counted + Math.max(0, pr.totals.additions + pr.totals.deletions - all);
  const areaLabels = [...labels].filter((l) => l.startsWith("area:"));
  const onlySafe =
    pr.files.length > 0 &&
    pr.files.every((f) => ends(f).every((p) => SAFE_AREA.some((re) => re.test(p)))) &&
    !any(OTHER_AREA) &&
    areaLabels.every((l) => ["area:docs", "area:test", "area:cli-sdk", "area:web"].includes(l));
  if (trusted && !labels.has("risk:medium") && !labels.has("risk:high") && lines <= 50 && onlySafe && !any(CONTRACT))
    return "safe-auto-merge";
  return "staging-first";
}
