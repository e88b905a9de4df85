import type { CompiledPolicy, Decision, IssueDecision, Plan, ReportFormat, Snapshot } from "@shiplane/policy";
import type { Moment } from "./clock.js";

export type Outcome =
  | { kind: "pull_request"; file: string; moment: Moment; decision: Decision }
  | { kind: "issue"; file: string; moment: Moment; issue: IssueDecision }
  | { kind: "repository"; file: string; moment: Moment; plan: Plan };

/** Judge any snapshot: a PR gets a decision, an issue its control-loop step, a repository a tick plan. */
export async function evaluateSnapshot(policy: CompiledPolicy, snapshot: Snapshot, file: string, moment: Moment): Promise<Outcome> {
  const lib = await import("@shiplane/policy");
  const options = { now: moment.now };
  switch (snapshot.kind) {
    case "pull_request":
      return { kind: "pull_request", file, moment, decision: lib.evaluatePullRequest(policy, snapshot, options) };
    case "issue":
      return { kind: "issue", file, moment, issue: lib.evaluateIssue(policy, snapshot, options) };
    case "repository":
      return { kind: "repository", file, moment, plan: lib.evaluateRepository(policy, snapshot, options) };
  }
}

/** The JSON document of an outcome: the Decision, IssueDecision or Plan itself. */
export const outcomeValue = (o: Outcome): Decision | IssueDecision | Plan =>
  o.kind === "pull_request" ? o.decision : o.kind === "issue" ? o.issue : o.plan;

export async function renderOutcome(outcome: Outcome, format: ReportFormat, color: boolean): Promise<string> {
  const lib = await import("@shiplane/policy");
  const options = { color };
  switch (outcome.kind) {
    case "pull_request":
      return lib.formatDecision(outcome.decision, format, options);
    case "issue":
      return lib.formatIssueDecision(outcome.issue, format, options);
    case "repository":
      return lib.formatPlan(outcome.plan, format, options);
  }
}

/** Whether the outcome lets something merge: a PR with verdict merge; issues and ticks always pass. */
export const isMerge = (o: Outcome): boolean => o.kind !== "pull_request" || o.decision.verdict === "merge";
