import { fileMatches } from "../util/glob.js";
import type { ChangedFile, PullRequestSnapshot } from "../snapshot/types.js";
import type { AreaHit } from "./types.js";
import type { CompiledInternals } from "./compile.js";
import { agentForLogin, isHuman, rosterRole } from "../policy/roster.js";

/** What evaluation knows about a PR, computed once and shared by every rule. */
export interface PrFacts {
  pr: PullRequestSnapshot;
  internals: CompiledInternals;
  now: number;
  /** Labels on the PR that count (provenance rules applied). */
  labels: ReadonlySet<string>;
  /** Labels present but not counted, with why. */
  untrustedLabels: Array<{ label: string; added_by: string | null; why: string }>;
  files: readonly ChangedFile[];
  /** Every changed line, all files. */
  changedLines: number;
  /** Changed lines that count towards size (size.exclude left out). */
  countedLines: number;
  /** The larger of the file list's length and GitHub's total. */
  changedFiles: number;
  areas: ReadonlyMap<string, AreaHit>;
  /** Area ids each changed file lies in (by path), aligned with `files`. */
  fileAreas: ReadonlyArray<readonly string[]>;
  size: { id: string; label: string };
  authorRole: "agent" | "human" | "unknown";
  authorAgentId: string | undefined;
}

export function collectFacts(internals: CompiledInternals, pr: PullRequestSnapshot, now: number): PrFacts {
  const { document } = internals;
  const { labels, untrusted } = effectiveLabels(internals, pr);

  let changedLines = 0;
  let countedLines = 0;
  const areas = new Map<string, AreaHit>();
  const hit = (id: string, from: "label" | "path", path?: string) => {
    let area = areas.get(id);
    if (!area) areas.set(id, (area = { id, from: [], paths: [] }));
    if (!area.from.includes(from)) area.from.push(from);
    if (path !== undefined && area.paths.length < 20) area.paths.push(path);
  };
  const fileAreas: string[][] = [];
  for (const file of pr.files) {
    const lines = file.additions + file.deletions;
    changedLines += lines;
    if (!internals.sizeExcluded(file.path)) countedLines += lines;
    const inAreas: string[] = [];
    for (const area of internals.areas) {
      if (fileMatches(file, area.match)) {
        hit(area.id, "path", file.path);
        inAreas.push(area.id);
      }
    }
    fileAreas.push(inAreas);
  }
  for (const area of internals.areas) if (labels.has(area.label)) hit(area.id, "label");
  // GitHub's own totals win when the file list is short: hidden files still count.
  const totalLines = pr.totals.additions + pr.totals.deletions;
  if (totalLines > changedLines) {
    countedLines += totalLines - changedLines;
    changedLines = totalLines;
  }

  const author = pr.author.login;
  const authorRole = rosterRole(document, author);
  return {
    pr,
    internals,
    now,
    labels,
    untrustedLabels: untrusted,
    files: pr.files,
    changedLines,
    countedLines,
    changedFiles: Math.max(pr.files.length, pr.totals.files),
    areas: new Map([...areas].sort(([a], [b]) => a.localeCompare(b))),
    fileAreas,
    size: internals.sizeFor(countedLines),
    authorRole,
    authorAgentId: agentForLogin(document, author)?.id,
  };
}

/**
 * Labels that count. A label under a provenance rule counts only when the
 * last one to add it was a listed human or a trusted actor, never the PR's
 * author; an unknown adder does not count (not proven).
 */
function effectiveLabels(internals: CompiledInternals, pr: PullRequestSnapshot) {
  const labels = new Set<string>();
  const untrusted: PrFacts["untrustedLabels"] = [];
  for (const label of pr.labels) {
    const trusted = internals.provenance.get(label.name);
    if (!trusted) {
      labels.add(label.name);
      continue;
    }
    const adder = label.added_by ?? lastAdder(pr, label.name);
    const why = provenanceProblem(internals, trusted, adder, pr.author.login);
    if (why) untrusted.push({ label: label.name, added_by: adder ?? null, why });
    else labels.add(label.name);
  }
  return { labels, untrusted };
}

function lastAdder(pr: PullRequestSnapshot, label: string): string | undefined {
  const events = pr.label_events ?? [];
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i] as (typeof events)[number];
    if (event.label === label && event.action === "added") return event.actor;
  }
  return undefined;
}

function provenanceProblem(internals: CompiledInternals, trusted: ReadonlySet<string>, adder: string | undefined, author: string): string | undefined {
  if (adder === undefined) return "who added it is not known";
  const login = adder.toLowerCase();
  if (login === author.toLowerCase()) return "it was added by the PR's author";
  const agent = agentForLogin(internals.document, adder);
  const authorAgent = agentForLogin(internals.document, author);
  if (agent && authorAgent && agent.id === authorAgent.id) return "it was added by another login of the author agent";
  if (isHuman(internals.document, adder)) return undefined;
  if (trusted.has(login) || (agent && trusted.has(agent.id.toLowerCase()))) return undefined;
  return `${adder} is not trusted to add it`;
}
