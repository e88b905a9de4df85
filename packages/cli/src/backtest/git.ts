import { spawn } from "node:child_process";
import type { ChangedFile, CodeOwnersLocation, FileStatus } from "@shiplane/policy";

/** Runs git in a directory and returns its standard output; rejects with git's message. */
export type GitRunner = (args: readonly string[], options: { cwd: string; input?: string }) => Promise<string>;

export const runGit: GitRunner = (args, { cwd, input }) =>
  new Promise((resolve, reject) => {
    const child = spawn("git", ["-c", "core.quotepath=false", ...args], {
      cwd,
      stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on("data", (b: Buffer) => out.push(b));
    child.stderr?.on("data", (b: Buffer) => err.push(b));
    child.on("error", (e) => reject(new Error(`cannot run git: ${e.message}`)));
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString("utf8"));
      else reject(new Error(Buffer.concat(err).toString("utf8").trim().split("\n")[0] || `git ${args[0]} exited with ${code}`));
    });
    if (input !== undefined && child.stdin) {
      child.stdin.on("error", () => undefined); // git exiting early shows as its exit code
      child.stdin.end(input);
    }
  });

/** One change that reached the branch: a merged PR (merge or squash commit), or a plain commit. */
export interface GitChange {
  sha: string;
  /** The parent the change is measured against (the first parent). */
  base_sha: string | null;
  /** The PR number from the commit message, when it names one. */
  number?: number;
  kind: "merge" | "squash" | "commit";
  title: string;
  body: string;
  author: { name: string; email: string };
  /** When it reached the branch (committer date). */
  merged_at: string;
  files: ChangedFile[];
  /** False when git could not read the file contents (a shallow or partial clone): line counts and renames are unknown. */
  lines_known: boolean;
}

const MERGE = /^Merge pull request #(\d+) from \S+/;
const SQUASH = /\(#(\d+)\)\s*$/;

/** A first-parent commit as a merged PR: GitHub's merge commit subject, or a squash title ending in (#N). */
export function pullRequestOf(subject: string, parents: number): { number: number; kind: "merge" | "squash" } | undefined {
  const merge = MERGE.exec(subject);
  if (merge && parents > 1) return { number: Number(merge[1]), kind: "merge" };
  const squash = SQUASH.exec(subject);
  if (squash) return { number: Number(squash[1]), kind: parents > 1 ? "merge" : "squash" };
  return undefined;
}

const STATUS: Record<string, FileStatus> = { A: "added", M: "modified", D: "deleted", R: "renamed", C: "copied", T: "changed" };

const FS = "\x1f";
const RS = "\x1e";

/**
 * Parse `git log -z --raw --numstat` records: `--raw` gives each file's
 * status (and both paths of a rename or copy), `--numstat` its line counts.
 */
export function parseLog(output: string, blobs?: Map<string, string[]>): GitChange[] {
  const changes: GitChange[] = [];
  for (const record of output.split(RS)) {
    if (record.trim() === "") continue;
    const tokens = record.split("\0").map((t) => t.replace(/^\n+/, ""));
    const header = (tokens[0] ?? "").split(FS);
    const [sha = "", parentList = "", name = "", email = "", committed = "", subject = "", body = ""] = header;
    const parents = parentList.split(" ").filter((p) => p !== "");
    const files = new Map<string, ChangedFile>();
    const counts: { path: string; additions: number; deletions: number }[] = [];
    for (let i = 1; i < tokens.length; i++) {
      const token = tokens[i] as string;
      if (token === "") continue;
      if (token.startsWith(":")) {
        const fields = token.trim().split(" ");
        const letter = fields.pop() ?? "";
        if (blobs) blobs.set(sha, [...(blobs.get(sha) ?? []), ...fields.slice(2, 4).filter((o) => !/^0+$/.test(o))]);
        const status = STATUS[letter[0] ?? ""] ?? "changed";
        if (status === "renamed" || status === "copied") {
          const previous = tokens[++i] as string;
          const path = tokens[++i] as string;
          files.set(path, { path, previous_path: previous, additions: 0, deletions: 0, status });
        } else {
          const path = tokens[++i] as string;
          files.set(path, { path, additions: 0, deletions: 0, status });
        }
        continue;
      }
      const numstat = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(token);
      if (!numstat) continue;
      let path = numstat[3] as string;
      if (path === "") {
        i++; // the old path of a rename; the new one follows
        path = tokens[++i] as string;
      }
      const n = (s: string | undefined) => (s === "-" || s === undefined ? 0 : Number(s));
      counts.push({ path, additions: n(numstat[1]), deletions: n(numstat[2]) });
    }
    for (const c of counts) {
      const file = files.get(c.path);
      if (file) {
        file.additions = c.additions;
        file.deletions = c.deletions;
      }
    }
    const pr = pullRequestOf(subject, parents.length);
    const title = pr?.kind === "merge" && MERGE.test(subject) ? (body.split("\n")[0] ?? "").trim() || subject : subject;
    changes.push({
      sha,
      base_sha: parents[0] ?? null,
      ...(pr ? { number: pr.number } : {}),
      kind: pr?.kind ?? "commit",
      title,
      body: body.trim(),
      author: { name, email },
      merged_at: new Date(committed).toISOString(),
      files: [...files.values()],
      lines_known: true,
    });
  }
  return changes;
}

const FORMAT = `--format=${RS}%H${FS}%P${FS}%an${FS}%ae${FS}%cI${FS}%s${FS}%b`;

/** Files with statuses, line counts and renames (measured against the first parent) of the given commits, in their order. */
async function detailsOf(dir: string, shas: readonly string[], git: GitRunner): Promise<GitChange[]> {
  const full = (list: readonly string[]) =>
    git(["log", "--no-walk=unsorted", "--stdin", "--diff-merges=first-parent", "-M", "--raw", "--numstat", "-z", FORMAT], {
      cwd: dir,
      input: list.join("\n") + "\n",
    }).then((out) => parseLog(out));
  try {
    return await full(shas);
  } catch (error) {
    // A clone missing some file contents (a snapshot without large blobs, a partial clone) fails as a whole.
    // Trees are there: list every commit's blobs without reading them, ask git which are missing, read the
    // other commits in full, and those with a missing blob by paths and statuses only.
    const blobs = new Map<string, string[]>();
    const bare = parseLog(
      await git(
        ["log", "--no-walk=unsorted", "--stdin", "--diff-merges=first-parent", "--no-renames", "--raw", "--no-abbrev", "-z", FORMAT],
        {
          cwd: dir,
          input: shas.join("\n") + "\n",
        },
      ).catch(() => Promise.reject(error)),
      blobs,
    );
    const wanted = [...new Set([...blobs.values()].flat())];
    const answer = await git(["cat-file", "--batch-check"], { cwd: dir, input: wanted.join("\n") + "\n" });
    const missing = new Set(
      answer
        .split("\n")
        .filter((l) => l.endsWith(" missing"))
        .map((l) => l.split(" ")[0]),
    );
    const incomplete = new Set(shas.filter((sha) => (blobs.get(sha) ?? []).some((o) => missing.has(o))));
    if (incomplete.size === 0) throw error;
    const complete = new Map((await full(shas.filter((sha) => !incomplete.has(sha)))).map((c) => [c.sha, c]));
    return bare.map((c) => (incomplete.has(c.sha) ? { ...c, lines_known: false } : (complete.get(c.sha) ?? { ...c, lines_known: false })));
  }
}

export interface HistoryOptions {
  /** A revision range (`v1.0..main`), else the first-parent history of HEAD. */
  range?: string;
  /** At most this many changes, newest first. */
  last?: number;
  /** Every first-parent commit counts, not only those that name a PR. */
  allCommits?: boolean;
}

export interface History {
  changes: GitChange[];
  /** True when no commit named a PR and every commit was taken instead. */
  fellBackToCommits: boolean;
  /** First-parent commits looked at. */
  scanned: number;
}

/**
 * The merged PRs of a local clone, oldest first: first-parent commits that
 * name a PR, each measured against its first parent (so a merge commit shows
 * the whole PR, as a squash does), with renames and their old paths.
 * A history without PR numbers (direct pushes) falls back to every commit.
 */
export async function readHistory(dir: string, options: HistoryOptions, git: GitRunner = runGit): Promise<History> {
  const listing = await git(["log", "--first-parent", `--format=%H${FS}%P${FS}%s`, options.range ?? "HEAD", "--"], { cwd: dir });
  const commits = listing
    .split("\n")
    .filter((l) => l !== "")
    .map((line) => {
      const [sha = "", parents = "", subject = ""] = line.split(FS);
      return { sha, isPr: pullRequestOf(subject, parents.split(" ").filter(Boolean).length) !== undefined };
    });
  const prs = commits.filter((c) => c.isPr);
  const fellBackToCommits = !options.allCommits && prs.length === 0;
  let picked = options.allCommits || fellBackToCommits ? commits : prs;
  if (options.last !== undefined) picked = picked.slice(0, options.last);
  if (picked.length === 0) return { changes: [], fellBackToCommits, scanned: commits.length };
  const shas = picked.map((c) => c.sha);
  const changes = (await detailsOf(dir, shas, git)).reverse();
  return { changes, fellBackToCommits, scanned: commits.length };
}

/** What each of GitHub's CODEOWNERS places holds in one commit (see `codeOwnersFile`): text, null (unreadable) or absent. */
export type CodeOwnersFound = Partial<Record<CodeOwnersLocation, string | null>>;

/**
 * What GitHub's CODEOWNERS places held in each commit (the base a PR merged
 * onto is its first parent): one `cat-file --batch-check` for every commit
 * and place, then each distinct file once, so a history whose CODEOWNERS
 * changed a few times costs a few reads. A file git cannot read (a partial
 * clone without it), that is not text, or that is 3 MB or more (GitHub does
 * not load it) is null: code owners unknown.
 */
export async function codeOwnersAt(
  dir: string,
  shas: readonly string[],
  locations: readonly CodeOwnersLocation[],
  maxBytes: number,
  git: GitRunner = runGit,
): Promise<Map<string, CodeOwnersFound>> {
  const wanted = [...new Set(shas)];
  const queries = wanted.flatMap((sha) => locations.map((location) => ({ sha, location })));
  const out = new Map<string, CodeOwnersFound>(wanted.map((sha) => [sha, {}]));
  if (queries.length === 0) return out;
  const answer = (
    await git(["cat-file", "--batch-check"], { cwd: dir, input: queries.map((q) => `${q.sha}:${q.location}`).join("\n") + "\n" })
  ).split("\n");
  const blobs = new Map<string, string | null>();
  const found: Array<{ sha: string; location: CodeOwnersLocation; oid: string | null }> = [];
  queries.forEach((q, i) => {
    const [oid = "", type, size] = (answer[i] ?? "").split(" ");
    if (type !== "blob") return; // missing, or a directory of that name: no file there
    found.push({ ...q, oid: Number(size) >= maxBytes ? null : oid });
  });
  for (const oid of new Set(found.map((f) => f.oid)))
    if (oid !== null)
      blobs.set(
        oid,
        await git(["cat-file", "blob", oid], { cwd: dir }).then(
          (text) => (text.includes("\0") ? null : text),
          () => null,
        ),
      );
  for (const f of found) (out.get(f.sha) as CodeOwnersFound)[f.location] = f.oid === null ? null : (blobs.get(f.oid) ?? null);
  return out;
}
