import type { AgentDefinition, AreaDefinition, PolicyDocument } from "./types.js";
import { remembered } from "../util/memo.js";

/** Who an account is, according to the policy's roster (never the account's own claim). */
export type RosterRole = "agent" | "human" | "unknown";

/**
 * The account a login names: logins compare case-insensitively on GitHub,
 * and an app's bot account appears both as `name[bot]` (REST, git) and
 * `name` (GraphQL's Bot.login), so both spellings are one identity.
 */
export const identityKey: (login: string) => string = remembered((login) => {
  const lower = login.toLowerCase();
  return lower.endsWith("[bot]") ? lower.slice(0, -5) : lower;
});

/** Whether two logins name one account (see `identityKey`): the test for "is this the author / a pusher". */
export const sameIdentity = (a: string, b: string): boolean => a === b || identityKey(a) === identityKey(b);

/**
 * Whether a login is a GitHub App's bot account (`name[bot]`). GitHub logins
 * are case-insensitive: `Rultor` and `rultor` are one account, and the API
 * answers in the account's own case (GitHub docs, "Username considerations
 * for external authentication": names differing only in case collide;
 * zerocracy/judges-action#2206, `renovate[bot]` vs `Renovate[bot]`), so
 * `Name[Bot]` is a bot too. The one rule for "a bot, never a person" that the
 * engine and the adapter share.
 */
export const isBotLogin = (login: string): boolean => login.toLowerCase().endsWith("[bot]");

interface RosterIndex {
  agents: Map<string, AgentDefinition>;
  humans: Set<string>;
  teams: Set<string>;
}

// Lookups run for every review and label of every PR: index each roster once.
const indexes = new WeakMap<PolicyDocument, RosterIndex>();

function rosterIndex(policy: PolicyDocument): RosterIndex {
  let index = indexes.get(policy);
  if (!index) {
    const agents = new Map<string, AgentDefinition>();
    for (const agent of policy.agents)
      for (const login of agent.logins) if (!agents.has(identityKey(login))) agents.set(identityKey(login), agent);
    index = {
      agents,
      humans: new Set((policy.humans.logins ?? []).map(identityKey)),
      teams: new Set((policy.humans.teams ?? []).map(identityKey)),
    };
    indexes.set(policy, index);
  }
  return index;
}

/** The roster agent acting as `login`, if any: case-insensitive, and an agent's `name[bot]` app account is the agent too. */
export function agentForLogin(policy: PolicyDocument, login: string): AgentDefinition | undefined {
  return rosterIndex(policy).agents.get(identityKey(login));
}

/** True when `login` is a listed human, directly or through one of `teams` (`org/slug`); a `[bot]` account never is. */
export function isHuman(policy: PolicyDocument, login: string, teams: readonly string[] = []): boolean {
  if (isBotLogin(login)) return false;
  const index = rosterIndex(policy);
  return index.humans.has(identityKey(login)) || teams.some((team) => index.teams.has(identityKey(team)));
}

export function rosterRole(policy: PolicyDocument, login: string): RosterRole {
  if (isHuman(policy, login)) return "human";
  if (agentForLogin(policy, login)) return "agent";
  return "unknown";
}

export function agentById(policy: PolicyDocument, id: string): AgentDefinition | undefined {
  return policy.agents.find((agent) => agent.id === id);
}

export function areaById(policy: PolicyDocument, id: string): AreaDefinition | undefined {
  return policy.areas.find((area) => area.id === id);
}

export function areaByLabel(policy: PolicyDocument, label: string): AreaDefinition | undefined {
  return policy.areas.find((area) => area.label === label);
}

/** The login an agent is addressed by on GitHub (its first listed login). */
export function primaryLogin(agent: AgentDefinition): string {
  return agent.logins[0] ?? agent.id;
}

/**
 * Reviewer agents for a change in `areaIds` authored by `authorLogin`: each
 * area's mapped reviewers in order, then its owner, never the author; when
 * every mapped reviewer is the author, any other agent with the `reviewer`
 * role, in roster order. Deterministic: same inputs, same list.
 */
export function chooseReviewers(policy: PolicyDocument, areaIds: readonly string[], authorLogin: string, count = 1): AgentDefinition[] {
  const author = agentForLogin(policy, authorLogin);
  const isAuthor = (agent: AgentDefinition) => agent.id === author?.id || agent.logins.some((l) => sameIdentity(l, authorLogin));
  const chosen: AgentDefinition[] = [];
  const consider = (agent: AgentDefinition | undefined) => {
    if (agent && !isAuthor(agent) && !chosen.some((c) => c.id === agent.id)) chosen.push(agent);
  };
  for (const areaId of [...areaIds].sort()) {
    const area = areaById(policy, areaId);
    if (!area) continue;
    for (const reviewerId of area.reviewers ?? []) consider(agentById(policy, reviewerId));
  }
  for (const areaId of [...areaIds].sort()) consider(agentById(policy, areaById(policy, areaId)?.owner ?? ""));
  for (const agent of policy.agents) if (agent.roles?.includes("reviewer")) consider(agent);
  return chosen.slice(0, count);
}
