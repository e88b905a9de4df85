import type { CompiledPolicy } from "../policy/compiled.js";
import type { IssueSnapshot, RepositoryRef, RepositorySnapshot } from "../snapshot/types.js";
import { agentOfLogin, type LoopSettings } from "./settings.js";
import { hasLabel } from "../util/labels.js";

/** What deciding one issue in a tick needs: the policy and its loop settings, the tick's state, the time, the repository. */
export interface IssueTick {
  policy: CompiledPolicy;
  settings: LoopSettings;
  state: TickState;
  now: number;
  repository: RepositoryRef | undefined;
}

/**
 * What a tick knows about the repository, indexed once: open PRs by the
 * issue they link, each agent's load. `loads` is updated as the tick claims
 * issues, so later dispatches see earlier ones.
 */
export interface TickState {
  /** Issue number → open PRs linking it (from both sides of the link). */
  openPullsByIssue: ReadonlyMap<number, number[]>;
  /** Issue number → merged PRs linking it. */
  mergedPullsByIssue: ReadonlyMap<number, number[]>;
  /** Agent id → open claims + open PRs; undefined when the loads cannot be known. */
  loads: Map<string, AgentLoad> | undefined;
  /** Why loads are unknown, when they are. */
  loadsUnknown?: string;
}

export interface AgentLoad {
  claims: number[];
  pulls: number[];
  /** Claims made earlier in this tick. */
  dispatched: number[];
}

export const loadCount = (load: AgentLoad | undefined): number =>
  load ? load.claims.length + load.pulls.length + load.dispatched.length : 0;

export function buildTickState(settings: LoopSettings, repository: RepositorySnapshot | undefined, extraIssue?: IssueSnapshot): TickState {
  const openPulls = new Map<number, Set<number>>();
  const mergedPulls = new Map<number, Set<number>>();
  const link = (index: Map<number, Set<number>>, issue: number, pull: number) => {
    let set = index.get(issue);
    if (!set) index.set(issue, (set = new Set()));
    set.add(pull);
  };
  const issues = repository ? repository.issues : [];
  const linkIssue = (issue: IssueSnapshot) => {
    for (const pull of issue.linked_pull_requests) {
      if (pull.state === "open") link(openPulls, issue.number, pull.number);
      else if (pull.state === "merged") link(mergedPulls, issue.number, pull.number);
    }
  };
  for (const issue of issues) linkIssue(issue);
  if (extraIssue) linkIssue(extraIssue);

  let loads: Map<string, AgentLoad> | undefined;
  let loadsUnknown: string | undefined;
  if (!repository) loadsUnknown = "no repository snapshot: open claims and PRs per agent are not known";
  else if (repository.issues_complete === false || repository.pull_requests_complete === false) {
    loadsUnknown = "the snapshot's list of open issues or PRs is incomplete: agents' loads are not known";
  } else loads = new Map();

  const loadOf = (agentId: string): AgentLoad | undefined => {
    if (!loads) return undefined;
    let load = loads.get(agentId);
    if (!load) loads.set(agentId, (load = { claims: [], pulls: [], dispatched: [] }));
    return load;
  };
  for (const pr of repository?.pull_requests ?? []) {
    const target = pr.state === "open" ? openPulls : pr.state === "merged" ? mergedPulls : undefined;
    if (target) for (const issue of pr.linked_issues ?? []) link(target, issue, pr.number);
    if (pr.state !== "open") continue;
    const agent = agentOfLogin(settings, pr.author.login);
    if (agent) loadOf(agent.id)?.pulls.push(pr.number);
  }
  for (const issue of issues) {
    if (issue.state !== "open" || !hasLabel(issue.labels, settings.claimedLabel)) continue;
    const agents = new Set(issue.assignees.map((login) => agentOfLogin(settings, login)?.id).filter((id) => id !== undefined));
    for (const id of agents) loadOf(id)?.claims.push(issue.number);
  }

  const sorted = (index: Map<number, Set<number>>) => new Map([...index].map(([issue, set]) => [issue, [...set].sort((a, b) => a - b)]));
  const state: TickState = { openPullsByIssue: sorted(openPulls), mergedPullsByIssue: sorted(mergedPulls), loads };
  if (loadsUnknown) state.loadsUnknown = loadsUnknown;
  return state;
}
