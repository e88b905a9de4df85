import type { InferredCategory } from "./areas.js";
import { COMMON_LAYOUTS, HUMAN_GATED_PATHS, MIGRATION_GLOBS } from "./layouts.js";

/**
 * The policy `shiplane init` writes: the bundled operating model (its lanes,
 * labels, roster, guardrails, control loop) with this repository's areas,
 * approvers, checks and staging environment. Text, so each inferred value
 * carries a comment saying where it came from.
 */

export interface ValidationLaneDraft {
  id: string;
  description: string;
  checks: string[];
  paths?: string[];
  status: "required" | "advisory";
  /** Comment lines above the lane. */
  notes: string[];
}

export interface PolicyDraft {
  name: string;
  header: string[];
  defaultBranch: string;
  areas: Map<string, InferredCategory>;
  /** Per area: code owners of its files, for a comment. */
  areaOwners: Map<string, string[]>;
  humans: { logins: string[]; teams: string[]; notes: string[] };
  validation: { authoritative: string; lanes: ValidationLaneDraft[] };
  staging: { environment: string; note: string };
  /** The control loop's cron, and where it came from. */
  schedule: { cron: string; note: string };
}

const q = (s: string): string => JSON.stringify(s);

const AREA_META: Record<string, { label: string; description: string; owner: string; reviewers: string[] }> = {
  api: {
    label: "area:api",
    description: "Backend API routes and services",
    owner: "control-plane-steward",
    reviewers: ["cli-sdk-contract-keeper", "qa-reliability-engineer"],
  },
  web: {
    label: "area:web",
    description: "Frontend dashboard and proxy",
    owner: "cli-sdk-contract-keeper",
    reviewers: ["qa-reliability-engineer"],
  },
  auth: {
    label: "area:auth",
    description: "Authentication and sessions",
    owner: "control-plane-steward",
    reviewers: ["qa-reliability-engineer"],
  },
  "cli-sdk": {
    label: "area:cli-sdk",
    description: "CLI and SDK parity",
    owner: "cli-sdk-contract-keeper",
    reviewers: ["qa-reliability-engineer"],
  },
  runtime: {
    label: "area:runtime",
    description: "Runtime and its wire protocol",
    owner: "control-plane-steward",
    reviewers: ["qa-reliability-engineer"],
  },
  test: {
    label: "area:test",
    description: "Test suites and fixtures",
    owner: "qa-reliability-engineer",
    reviewers: ["cli-sdk-contract-keeper"],
  },
  infra: {
    label: "area:infra",
    description: "Infrastructure as code",
    owner: "control-plane-steward",
    reviewers: ["qa-reliability-engineer"],
  },
  ops: {
    label: "area:ops",
    description: "Observability and operations",
    owner: "qa-reliability-engineer",
    reviewers: ["control-plane-steward"],
  },
  docs: { label: "area:docs", description: "Documentation", owner: "cli-sdk-contract-keeper", reviewers: ["qa-reliability-engineer"] },
};

/** Glob lines: the inferred ones with their evidence, then the common layouts not already there. */
function globLines(inferred: InferredCategory | undefined, common: readonly string[], indent: string): string[] {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const g of inferred?.globs ?? []) {
    seen.add(g.glob);
    lines.push(`${indent}- ${q(g.glob)} # ${g.files} file${g.files === 1 ? "" : "s"}: ${g.where}`);
  }
  const rest = common.filter((g) => !seen.has(g));
  if (rest.length > 0) lines.push(`${indent}# common layouts:`);
  for (const g of rest) lines.push(`${indent}- ${q(g)}`);
  return lines;
}

const LABELS = `labels:
  groups:
    - id: area
      description: Which part of the system a change or task belongs to.
      cardinality: { issue: exactly-one, pull_request: any }
      labels:
        - { name: "area:api", color: "1d76db", description: "Backend API routes and services" }
        - { name: "area:web", color: "5319e7", description: "Frontend dashboard and proxy" }
        - { name: "area:auth", color: "b60205", description: "Authentication and sessions" }
        - { name: "area:cli-sdk", color: "0e8a16", description: "CLI and SDK parity" }
        - { name: "area:runtime", color: "d93f0b", description: "Runtime and its wire protocol" }
        - { name: "area:test", color: "c2e0c6", description: "Test suites and fixtures" }
        - { name: "area:infra", color: "000000", description: "Infrastructure as code" }
        - { name: "area:ops", color: "fbca04", description: "Observability and operations" }
        - { name: "area:docs", color: "0075ca", description: "Documentation" }
    - id: risk
      cardinality: at-most-one
      labels:
        - { name: "risk:low", color: "c5def5", description: "Low risk" }
        - { name: "risk:medium", color: "fef2c0", description: "Medium risk" }
        - { name: "risk:high", color: "e11d21", description: "High risk: a human decides" }
    - id: autonomy
      cardinality: any
      labels:
        - { name: "autonomy:ready", color: "0e8a16", description: "Ready to be dispatched to an agent" }
        - { name: "autonomy:safe", color: "bfdadc", description: "Eligible for safe auto-merge" }
        - { name: "autonomy:blocked", color: "b60205", description: "Blocked by a guardrail or failing requirement" }
        - { name: "autonomy:claimed", color: "d4c5f9", description: "Claimed by an agent" }
    - id: size
      description: Derived from changed lines; a wrong label is corrected.
      cardinality: { pull_request: exactly-one, issue: at-most-one }
      labels:
        - { name: "size:xs", color: "ededed", description: "Up to 10 changed lines" }
        - { name: "size:s", color: "d4d4d4", description: "Up to 50 changed lines" }
        - { name: "size:m", color: "bdbdbd", description: "Up to 250 changed lines" }
        - { name: "size:l", color: "9e9e9e", description: "More than 250 changed lines" }
  provenance:
    - label: "autonomy:safe"
      trusted: [mission-control-orchestrator]

size:
  exclude: ["**/pnpm-lock.yaml", "**/package-lock.json", "**/yarn.lock", "**/poetry.lock", "**/uv.lock", "**/Gemfile.lock", "**/Cargo.lock", "**/go.sum", "**/*.snap"]
  buckets:
    - { id: xs, label: "size:xs", max_lines: 10 }
    - { id: s, label: "size:s", max_lines: 50 }
    - { id: m, label: "size:m", max_lines: 250 }
    - { id: l, label: "size:l" }
  on_mismatch: relabel
`;

const AGENTS = `# TODO: your agents' GitHub logins (machine users). These are the operating model's first four.
agents:
  - id: mission-control-orchestrator
    logins: ["mission-control-orchestrator"]
    roles: [orchestrator]
    wip_limit: 0
    description: Dispatches work, routes reviews, releases stale claims.
  - id: qa-reliability-engineer
    logins: ["qa-reliability-engineer"]
    roles: [author, reviewer]
  - id: cli-sdk-contract-keeper
    logins: ["cli-sdk-contract-keeper"]
    roles: [author, reviewer]
  - id: control-plane-steward
    logins: ["control-plane-steward"]
    roles: [author, reviewer]
`;

function lanes(staging: string): string {
  return `lanes:
  - id: human-gated
    description: Auth, runtime, infrastructure and migrations stop for a human.
    when:
      any:
        - areas: { any: [auth, runtime, infra] }
        - labels: { any: ["risk:high"] }
        - files: { any: ${q("MIGRATIONS")} }
    requires:
      human_approvals: 1
      evidence: { body_section: Verification, min_length: 20 }
      validation: required
      deployment: ${q(staging)}
    merge: manual

  - id: safe-auto-merge
    description: Small docs, test, CLI/SDK and frontend fixes merge on their own.
    when:
      all:
        - labels: { has: "autonomy:safe" }
        - labels: { none: ["risk:medium", "risk:high"] }
        - size: { in: [xs, s] }
        - areas: { only: [docs, test, cli-sdk, web] }
        - files: { none: ["**/openapi.{yaml,yml,json}", "**/*.proto", "**/*.graphql"] }
    requires:
      agent_approvals: 1
      validation: required
      labels: ["autonomy:safe"]
    merge: auto

default_lane:
  id: staging-first
  description: Product work merges only after a successful staging deploy of its head.
  requires:
    agent_approvals: 1
    validation: required
    deployment: ${q(staging)}
  merge: auto

guardrails:
  applies_to: agents
  max_changed_files: 6
  max_changed_lines: 400
  forbidden_paths:
    - ".github/workflows/**"
    - "**/.env"
    - "**/.env.*"
    - "**/secrets/**"
`;
}

const NEVER_AUTOMATE = `never_automate:
  - id: production-infra
    description: Direct production infrastructure changes.
    when:
      files: { any: ["**/production/**", "**/prod/**", "**/*.prod.tfvars", "**/*prod*.tfvars", "**/terraform/**/prod*/**"] }
  - id: auth-breaking
    description: Auth-breaking changes (removed or renamed auth code, or high-risk auth work).
    when:
      any:
        - files: { any: AUTH_PATHS, status: [deleted, renamed] }
        - all:
            - areas: { any: [auth] }
            - labels: { any: ["risk:high"] }
  - id: broad-schema-migration
    description: Broad schema migrations (more than one migration file).
    when:
      files: { any: MIGRATIONS, count: { gte: 2 } }
  - id: destructive-data-operation
    description: Destructive data operations (drops, truncations, deletes of stored data).
    when:
      any:
        - title: { matches: "\\\\b(drop|truncate|purge|wipe)\\\\b" }
        - body: { matches: "\\\\b(drop\\\\s+(table|column|database|schema)|truncate\\\\s+table|delete\\\\s+from)\\\\b" }
        - files: { any: ["**/data-ops/**", "scripts/data/**"] }
  - id: runtime-protocol-change
    description: Runtime protocol changes (wire formats and protocol definitions).
    when:
      files: { any: ["**/*.proto", "**/*.thrift", "**/*.avsc", "**/protocol/**", "**/wire/**"] }
`;

function controlLoop(branch: string, schedule: PolicyDraft["schedule"]): string {
  return `# Schedule: ${schedule.note}
control_loop:
  schedule: ${q(schedule.cron)}
  dispatch:
    ready_label: "autonomy:ready"
    claimed_label: "autonomy:claimed"
    blocked_label: "autonomy:blocked"
    default_wip_limit: 2
    branch_prefix: "agent/"
    priority:
      labels: { "risk:high": -2, "autonomy:safe": 3, "size:xs": 2, "size:s": 1, "area:test": 1 }
  stale_claim:
    timeout: 4h
  review:
    request_reviews: true
    assign: true

protections:
  branch: ${q(branch)}
  require_pull_request: true
  required_approvals: 1
  require_validation_checks: true
  block_force_pushes: true
  allow_auto_merge: true
`;
}

const flow = (list: readonly string[]): string => `[${list.map(q).join(", ")}]`;

export function renderPolicy(draft: PolicyDraft): string {
  const out: string[] = [...draft.header.map((l) => `# ${l}`.trimEnd()), ""];
  out.push("version: 1", `name: ${q(draft.name)}`, "description: >-");
  out.push("  Small, reviewed, testable changes merge on their own; product work passes");
  out.push("  staging first; auth, runtime, infrastructure and migrations wait for a human.", "");
  out.push("# A PR that edits the policy, the files that instruct agents, code ownership or the");
  out.push("# validation that judges it is human-gated (and judged by the base branch's policy).");
  out.push("policy_paths:", ...HUMAN_GATED_PATHS.map((p) => `  - ${q(p)}`), "");
  out.push(LABELS);
  out.push("# Areas inferred from `git ls-files`: each glob says how many files it matched and where.");
  out.push("areas:");
  for (const [id, meta] of Object.entries(AREA_META)) {
    out.push(`  - id: ${id}`, `    label: ${q(meta.label)}`, `    description: ${q(meta.description)}`);
    out.push(`    owner: ${meta.owner}`, `    reviewers: [${meta.reviewers.join(", ")}]`);
    const owners = draft.areaOwners.get(id) ?? [];
    if (owners.length > 0) out.push(`    # code owners of these files: ${owners.join(", ")}`);
    out.push("    paths:", ...globLines(draft.areas.get(id), COMMON_LAYOUTS[id] ?? [], "      "));
  }
  out.push("", AGENTS);
  out.push("# Human approvers (Lane C).", ...draft.humans.notes.map((n) => `# ${n}`), "humans:");
  out.push(`  logins: ${flow(draft.humans.logins)}`, `  teams: ${flow(draft.humans.teams)}`, "");
  out.push(`# Staging: ${draft.staging.note}`);
  const migrations = globLines(draft.areas.get("migrations"), MIGRATION_GLOBS, "          ");
  const auth = [...new Set([...(draft.areas.get("auth")?.globs.map((g) => g.glob) ?? []), ...(COMMON_LAYOUTS.auth ?? [])])];
  out.push(
    lanes(draft.staging.environment).replace(
      `files: { any: ${q("MIGRATIONS")} }`,
      `files:\n            any:\n${migrations.map((l) => `  ${l}`).join("\n")}`,
    ),
  );
  out.push(NEVER_AUTOMATE.replace("AUTH_PATHS", flow(auth)).replace("MIGRATIONS", flow(MIGRATION_GLOBS)));
  out.push("# Validation lanes from .github/workflows: check run names as GitHub gives them.");
  out.push(
    "validation:",
    `  authoritative: ${draft.validation.authoritative}`,
    "  missing_grace: 30m",
    "  pending_timeout: 2h",
    "  lanes:",
  );
  for (const lane of draft.validation.lanes) {
    for (const n of lane.notes) out.push(`    # ${n}`);
    out.push(`    - id: ${lane.id}`, `      description: ${q(lane.description)}`, "      checks:");
    for (const c of lane.checks) out.push(`        - { name: ${q(c)}, app: github-actions }`);
    if (lane.paths) out.push(`      paths: ${flow(lane.paths)}`);
    out.push(`      status: ${lane.status}`);
  }
  out.push("", controlLoop(draft.defaultBranch, draft.schedule));
  return out.join("\n");
}
