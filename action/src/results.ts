import type { Decision, IssueDecision, Plan, Verdict } from "@shiplane/policy";
import { VERDICTS, escapeMarkdown } from "@shiplane/policy";

/** What `shiplane … --json` wrote: a decision, an issue's step, a tick plan, or an event run's report. */
interface EventReport {
  event: string;
  summary: string;
  skipped: { code: string; reason: string } | null;
  notes: string[];
  results: Array<Decision | IssueDecision>;
}
type Written = Decision | IssueDecision | Plan | EventReport;

export interface Summary {
  /** Lane ids of the PRs decided (comma-separated when several). */
  lane: string;
  /** The most restrictive verdict among them; "" when no PR was decided. */
  verdict: Verdict | "";
  /** Why the event was skipped, when it was. */
  skipped: string;
  /** The reports for the job summary. */
  markdown: string;
}

const isEventReport = (value: Written): value is EventReport => "results" in value && "event" in value;

async function markdownOf(value: Decision | IssueDecision | Plan): Promise<string> {
  const lib = await import("@shiplane/policy");
  if (value.kind === "pull_request") return lib.formatDecision(value, "markdown");
  if (value.kind === "issue") return lib.formatIssueDecision(value, "markdown");
  return lib.formatPlan(value, "markdown");
}

/** Outputs and job summary from the JSON the CLI wrote. */
export async function summarize(json: string): Promise<Summary> {
  const written = JSON.parse(json) as Written;
  const items = isEventReport(written) ? written.results : [written];
  const decisions = items.filter((i): i is Decision => i.kind === "pull_request");
  const verdict = decisions.reduce<Verdict | "">(
    (worst, d) => (worst === "" || VERDICTS.indexOf(d.verdict) > VERDICTS.indexOf(worst) ? d.verdict : worst),
    "",
  );
  const lane = [...new Set(decisions.map((d) => d.lane.id))].join(",");
  const parts = await Promise.all(items.map(markdownOf));
  let header = "";
  if (isEventReport(written)) {
    const lines = written.skipped
      ? [`shiplane: ${written.event} skipped: ${written.skipped.reason}`]
      : [`shiplane: ${written.summary}`, ...written.notes];
    if (written.skipped || items.length === 0 || written.notes.length > 0)
      header = lines.map((l) => `_${escapeMarkdown(l)}_`).join("  \n") + "\n\n";
  }
  return {
    lane,
    verdict,
    skipped: isEventReport(written) && written.skipped ? written.skipped.reason : "",
    markdown: header + parts.join("\n---\n\n"),
  };
}
