import { ISSUE_STATUSES } from "../control-loop/types.js";
import { closed, DRAFT, int, oneOfStrings, str, text, type JsonSchema } from "./build.js";
import { actionList, outputDefs, traceNodes } from "./decision.js";

/** An `IssueDecision` (control-loop/types.ts), without the document keywords: the plan schema embeds it. */
export const issueDecision: JsonSchema = closed(
  "What the control loop does with one issue this tick: its status, findings and the actions that carry it out.",
  {
    kind: { const: "issue", description: "Always issue." },
    subject: closed(
      "The issue decided on.",
      {
        repository: str("owner/name; empty when the snapshot names no repository."),
        number: int("Issue number."),
        title: str("Issue title."),
      },
      ["repository", "number", "title"],
    ),
    status: oneOfStrings(
      ISSUE_STATUSES,
      "What the control loop does with the issue: dispatch, claimed, release, triage, waiting, done or ignored.",
    ),
    summary: str("One sentence: the status and its reason."),
    findings: traceNodes("The step that decided the status, and any problem found with the issue."),
    actions: actionList("What should change on GitHub: labels, assignees, the work-order comment."),
    trace: traceNodes("The rules that determined the result, in order."),
    priority: closed(
      "Place in the dispatch queue.",
      {
        score: { type: "number", description: "The summed weights of the issue's priority labels." },
        rank: int("Rank among the issues ready this tick (1 = first).", { minimum: 1 }),
      },
      ["score"],
    ),
    agent: text("Id of the agent the issue is, or is being, claimed by, when known."),
  },
  ["kind", "subject", "status", "summary", "findings", "actions", "trace", "priority"],
);

/** The JSON Schema of an `IssueDecision`: what `--json` prints for an issue. */
export const issueDecisionSchema: JsonSchema = {
  $schema: DRAFT,
  $id: "https://shiplane.dev/schema/issue-decision.schema.json",
  title: "Shiplane issue decision",
  ...issueDecision,
  $defs: outputDefs,
};
