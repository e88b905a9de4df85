import type { Deployment, DeploymentState } from "@shiplane/policy";
import type { WireDeployment } from "../wire.js";
import { loginOf } from "./actors.js";

const STATES = new Set<DeploymentState>([
  "success",
  "active",
  "failure",
  "error",
  "pending",
  "queued",
  "in_progress",
  "waiting",
  "inactive",
  "abandoned",
  "destroyed",
]);

/** A failed deployment outweighs one in progress, which outweighs a success, when two were created at one instant. */
const risk = (d: WireDeployment): number => {
  const state = (d.latestStatus?.state ?? d.state ?? "pending").toLowerCase();
  return state === "success" || state === "active" ? 0 : ["pending", "queued", "in_progress", "waiting"].includes(state) ? 1 : 2;
};

/**
 * The latest deployment per environment for `sha`, with its latest state,
 * its creator and the creator of that state (GITHUB-FACTS 14: a success
 * proves nothing unless its creator is checked). Times compare as instants;
 * two at one instant keep the riskier. A deployment of another commit proves
 * nothing about this head.
 */
export function latestDeployments(deployments: readonly WireDeployment[], sha: string): Deployment[] {
  const latest = new Map<string, WireDeployment>();
  for (const d of deployments) {
    const environment = d.environment ?? "";
    if (d.commitOid !== sha || environment === "") continue;
    const seen = latest.get(environment);
    const later = seen ? Date.parse(d.createdAt) - Date.parse(seen.createdAt) : 1;
    if (!seen || later > 0 || (later === 0 && risk(d) > risk(seen)) || Number.isNaN(later)) latest.set(environment, d);
  }
  return [...latest.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([environment, d]) => {
      const raw = (d.latestStatus?.state ?? d.state ?? "pending").toLowerCase() as DeploymentState;
      const deployment: Deployment = { environment, state: STATES.has(raw) ? raw : "pending", sha: d.commitOid, created_at: d.createdAt };
      if (d.latestStatus?.environmentUrl) deployment.url = d.latestStatus.environmentUrl;
      if (d.creator) deployment.creator = loginOf(d.creator);
      if (d.latestStatus?.creator) deployment.status_creator = loginOf(d.latestStatus.creator);
      return deployment;
    });
}
