import type { AgentDefinition, AreaDefinition, LabelGroup, PolicyDocument } from "../policy/types.js";
import { parseDuration } from "../util/duration.js";

/** The control loop's settings, resolved once per tick: defaults filled in, lookups indexed. */
export interface LoopSettings {
  document: PolicyDocument;
  readyLabel: string;
  claimedLabel: string;
  blockedLabel: string;
  triageLabel: string | undefined;
  defaultWipLimit: number;
  branchPrefix: string;
  /** Label name → priority weight. */
  weights: ReadonlyMap<string, number>;
  /** Stale-claim timeout; undefined when the policy's duration is unreadable (then nothing is released). */
  staleTimeoutMs: number | undefined;
  staleTimeout: string;
  /** Lowercased login → agent. */
  agentsByLogin: ReadonlyMap<string, AgentDefinition>;
  agentsById: ReadonlyMap<string, AgentDefinition>;
  areasByLabel: ReadonlyMap<string, AreaDefinition>;
}

// The seed's label names, used when a policy has no control_loop section.
const DEFAULTS = { ready: "autonomy:ready", claimed: "autonomy:claimed", blocked: "autonomy:blocked", wip: 1, timeout: "4h" };

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
  for (const agent of document.agents) for (const login of agent.logins) agentsByLogin.set(login.toLowerCase(), agent);
  const staleTimeout = loop?.stale_claim.timeout ?? DEFAULTS.timeout;
  return {
    document,
    readyLabel: dispatch?.ready_label ?? DEFAULTS.ready,
    claimedLabel: dispatch?.claimed_label ?? DEFAULTS.claimed,
    blockedLabel: dispatch?.blocked_label ?? DEFAULTS.blocked,
    triageLabel: dispatch?.triage_label,
    defaultWipLimit: dispatch?.default_wip_limit ?? DEFAULTS.wip,
    branchPrefix: dispatch?.branch_prefix ?? "",
    weights: new Map(Object.entries(dispatch?.priority?.labels ?? {})),
    staleTimeoutMs: parseDuration(staleTimeout),
    staleTimeout,
    agentsByLogin,
    agentsById: new Map(document.agents.map((agent) => [agent.id, agent])),
    areasByLabel: new Map(document.areas.map((area) => [area.label, area])),
  };
}

export function wipLimit(settings: LoopSettings, agent: AgentDefinition): number {
  return agent.wip_limit ?? settings.defaultWipLimit;
}

/** A group's cardinality for issues or pull requests. */
export function cardinalityFor(group: LabelGroup, kind: "issue" | "pull_request") {
  return typeof group.cardinality === "string" ? group.cardinality : group.cardinality[kind];
}
