import type { AgentDefinition, AreaDefinition, LabelGroup, PolicyDocument } from "../policy/types.js";
import { parseDuration } from "../util/duration.js";
import { identityKey } from "../policy/roster.js";
import { labelKey } from "../util/labels.js";

/** The control loop's settings, resolved once per tick: defaults filled in, lookups indexed. */
export interface LoopSettings {
  document: PolicyDocument;
  readyLabel: string;
  claimedLabel: string;
  blockedLabel: string;
  triageLabel: string | undefined;
  defaultWipLimit: number;
  branchPrefix: string;
  /** Lowercased label name → priority weight. */
  weights: ReadonlyMap<string, number>;
  /** Stale-claim timeout; undefined when the policy's duration is unreadable (then nothing is released). */
  staleTimeoutMs: number | undefined;
  staleTimeout: string;
  /** Wait after a release before dispatching the issue again; undefined when unreadable (then it waits). */
  cooldownMs: number | undefined;
  cooldown: string;
  /** Releases after which an issue is blocked for triage. */
  maxReleases: number;
  /** Login's identity key (`identityKey`) → agent. */
  agentsByLogin: ReadonlyMap<string, AgentDefinition>;
  agentsById: ReadonlyMap<string, AgentDefinition>;
  areasByLabel: ReadonlyMap<string, AreaDefinition>;
}

// The seed's label names, used when a policy has no control_loop section.
const DEFAULTS = {
  ready: "autonomy:ready",
  claimed: "autonomy:claimed",
  blocked: "autonomy:blocked",
  wip: 1,
  timeout: "4h",
  cooldown: "1h",
  maxReleases: 3,
};

const cache = new WeakMap<PolicyDocument, LoopSettings>();

export function loopSettings(document: PolicyDocument): LoopSettings {
  let settings = cache.get(document);
  if (!settings) cache.set(document, (settings = resolve(document)));
  return settings;
}

function resolve(document: PolicyDocument): LoopSettings {
  const loop = document.control_loop;
  const dispatch = loop?.dispatch;
  const agentsByLogin = new Map<string, AgentDefinition>();
  for (const agent of document.agents) for (const login of agent.logins) agentsByLogin.set(identityKey(login), agent);
  const staleTimeout = loop?.stale_claim.timeout ?? DEFAULTS.timeout;
  const cooldown = loop?.stale_claim.cooldown ?? DEFAULTS.cooldown;
  return {
    document,
    readyLabel: dispatch?.ready_label ?? DEFAULTS.ready,
    claimedLabel: dispatch?.claimed_label ?? DEFAULTS.claimed,
    blockedLabel: dispatch?.blocked_label ?? DEFAULTS.blocked,
    triageLabel: dispatch?.triage_label,
    defaultWipLimit: dispatch?.default_wip_limit ?? DEFAULTS.wip,
    branchPrefix: dispatch?.branch_prefix ?? "",
    weights: new Map(Object.entries(dispatch?.priority?.labels ?? {}).map(([name, weight]) => [labelKey(name), weight])),
    staleTimeoutMs: parseDuration(staleTimeout),
    staleTimeout,
    cooldownMs: parseDuration(cooldown),
    cooldown,
    maxReleases: loop?.stale_claim.max_releases ?? DEFAULTS.maxReleases,
    agentsByLogin,
    agentsById: new Map(document.agents.map((agent) => [agent.id, agent])),
    areasByLabel: new Map(document.areas.map((area) => [labelKey(area.label), area])),
  };
}

/** The roster agent acting as `login` (case and a `[bot]` suffix ignored). */
export function agentOfLogin(settings: LoopSettings, login: string): AgentDefinition | undefined {
  return settings.agentsByLogin.get(identityKey(login));
}

export function wipLimit(settings: LoopSettings, agent: AgentDefinition): number {
  return agent.wip_limit ?? settings.defaultWipLimit;
}

/** A group's cardinality for issues or pull requests. */
export function cardinalityFor(group: LabelGroup, kind: "issue" | "pull_request") {
  return typeof group.cardinality === "string" ? group.cardinality : group.cardinality[kind];
}
