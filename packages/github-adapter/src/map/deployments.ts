import type { Deployment, DeploymentState } from "@shiplane/policy";
import type { WireDeployment } from "../wire.js";

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

/**
 * The latest deployment per environment for `sha`, with its latest state.
 * A deployment of another commit proves nothing about this head.
 */
export function latestDeployments(deployments: readonly WireDeployment[], sha: string): Deployment[] {
  const latest = new Map<string, WireDeployment>();
  for (const d of deployments) {
    const environment = d.environment ?? "";
    if (d.commitOid !== sha || environment === "") continue;
    const seen = latest.get(environment);
    if (!seen || seen.createdAt < d.createdAt) latest.set(environment, d);
  }
  return [...latest.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([environment, d]) => {
      const raw = (d.latestStatus?.state ?? d.state ?? "pending").toLowerCase() as DeploymentState;
      const deployment: Deployment = { environment, state: STATES.has(raw) ? raw : "pending", sha: d.commitOid, created_at: d.createdAt };
      if (d.latestStatus?.environmentUrl) deployment.url = d.latestStatus.environmentUrl;
      return deployment;
    });
}
