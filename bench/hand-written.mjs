// The default policy's lane classification written by hand, as a team would
// without Shiplane: the baseline for the engine-overhead figure. It decides
// only the lane (no evidence, no trace, no actions).
const RISKY_AREA = [
  /^api\/auth\//,
  /^web\/src\/auth\//,
  /(^|\/)session\//,
  /^runtime\//,
  /\.proto$/,
  /^infra\//,
  /^terraform\//,
  /^deploy\//,
];
const MIGRATION = [/(^|\/)migrations\//, /\.sql$/];
const OTHER_AREA = [/^api\//, /^tests\/api\//, /^ops\//, /^monitoring\//, /^dashboards\//];
const SAFE_AREA = [/^docs\//, /\.md$/, /^tests\//, /\.test\./, /_test\.py$/, /^e2e\//, /^cli\//, /^sdk\//, /^web\//];
const CONTRACT = [/^api\/openapi\//, /(^|\/)openapi\.(yaml|yml|json)$/, /\.proto$/, /\.graphql$/];
const POLICY = [/^policies\//, /^\.github\/shiplane\.yml$/, /^\.github\/workflows\/shiplane[^/]*\.yml$/];
const SIZE_EXCLUDED = /(^|\/)(pnpm-lock\.yaml|package-lock\.json|poetry\.lock)$|\.snap$/;

export function handWrittenLane(pr) {
  const labels = new Set(pr.labels.map((l) => l.name));
  const paths = pr.files.map((f) => f.path);
  const any = (patterns) => paths.some((p) => patterns.some((re) => re.test(p)));
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
  const safe = pr.labels.find((l) => l.name === "autonomy:safe");
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
    if (!SIZE_EXCLUDED.test(f.path)) counted += f.additions + f.deletions;
  }
  const lines = counted + Math.max(0, pr.totals.additions + pr.totals.deletions - all);
  const areaLabels = [...labels].filter((l) => l.startsWith("area:"));
  const onlySafe =
    paths.length > 0 &&
    paths.every((p) => SAFE_AREA.some((re) => re.test(p))) &&
    !any(OTHER_AREA) &&
    areaLabels.every((l) => ["area:docs", "area:test", "area:cli-sdk", "area:web"].includes(l));
  if (trusted && !labels.has("risk:medium") && !labels.has("risk:high") && lines <= 50 && onlySafe && !any(CONTRACT))
    return "safe-auto-merge";
  return "staging-first";
}
