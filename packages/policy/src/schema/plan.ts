import { closed, DRAFT, list, ref, str, text, type JsonSchema } from "./build.js";
import { actionList, outputDefs, pullRequestDecision, traceNodes } from "./decision.js";
import { issueDecision } from "./issue-decision.js";

/** The JSON Schema of a `Plan` (control-loop/types.ts): what `--json` prints for a repository tick. */
export const planSchema: JsonSchema = {
  $schema: DRAFT,
  $id: "https://shiplane.dev/schema/plan.schema.json",
  title: "Shiplane plan",
  ...closed(
    "One control-loop tick over a repository: repository findings, every issue's and open PR's decision, and every action.",
    {
      kind: { const: "repository", description: "Always repository." },
      repository: text("owner/name."),
      policy: text("Policy name."),
      evaluated_at: text("The time the tick was taken for (ISO-8601)."),
      summary: str("One sentence: what the tick dispatches, releases and finds."),
      findings: traceNodes(
        "Repository-level findings: label drift, protection drift, untruthful validation lanes, an incomplete snapshot.",
      ),
      issues: list(
        ref("issueDecision", "An issue's decision."),
        "Every issue of the snapshot, by number, with what the control loop does with it.",
      ),
      pull_requests: list(ref("pullRequestDecision", "A PR's decision."), "The decision for every open PR, by number."),
      actions: actionList("Every action of the tick, repository-level first."),
      trace: traceNodes("The rules that determined the result, in order."),
    },
    ["kind", "repository", "policy", "evaluated_at", "summary", "findings", "issues", "pull_requests", "actions", "trace"],
  ),
  $defs: { ...outputDefs, pullRequestDecision, issueDecision },
};
