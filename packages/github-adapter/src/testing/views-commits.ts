import { connection } from "./connection.js";
import { argStrings, page, type Args, type FakeContext, type View } from "./context.js";
import { ensureUser, type FakeCommit, type FakeGitActor, type FakeRepository, type FakeStatus } from "./state.js";
import { actorView, pullRequestView } from "./views-items.js";

/** The latest status of each context (GitHub's combined status keeps one per context; the history stays on the commit). */
export function latestStatuses(commit: FakeCommit): FakeStatus[] {
  const latest = new Map<string, FakeStatus>();
  for (const status of commit.statuses) latest.set(status.context, status);
  return [...latest.values()];
}

function rollupState(commit: FakeCommit): string {
  const states = [
    ...commit.checkRuns.map((c) =>
      c.status !== "COMPLETED"
        ? "PENDING"
        : c.conclusion === "SUCCESS" || c.conclusion === "NEUTRAL" || c.conclusion === "SKIPPED"
          ? "SUCCESS"
          : "FAILURE",
    ),
    ...latestStatuses(commit).map((s) => (s.state === "EXPECTED" ? "PENDING" : s.state)),
  ];
  if (states.some((s) => s === "FAILURE" || s === "ERROR")) return "FAILURE";
  if (states.some((s) => s === "PENDING")) return "PENDING";
  return "SUCCESS";
}

function statusContextView(ctx: FakeContext, status: FakeStatus): View {
  return {
    __typename: "StatusContext",
    id: `SC_${status.context}_${status.createdAt}`,
    context: status.context,
    state: status.state,
    description: status.description ?? null,
    targetUrl: status.targetUrl,
    createdAt: status.createdAt,
    creator: actorView(ctx, status.creator),
  };
}

/** A commit: its checks and statuses (the rollup), deployments and tree. */
export function commitView(ctx: FakeContext, repo: FakeRepository, commit: FakeCommit): View {
  return {
    __typename: "Commit",
    id: `C_${commit.oid}`,
    oid: commit.oid,
    committedDate: commit.committedDate,
    authors: (args: Args) =>
      connection(
        (commit.authors ?? []).map((a) => gitActorView(ctx, a)),
        page(args),
        "authors",
      ),
    committer: commit.committer ? gitActorView(ctx, commit.committer) : null,
    statusCheckRollup: () => {
      if (commit.checkRuns.length === 0 && commit.statuses.length === 0) return null;
      const contexts = [
        ...commit.checkRuns.map((c) => ({
          __typename: "CheckRun",
          ...c,
          checkSuite: { __typename: "CheckSuite", app: c.app ? { __typename: "App", slug: c.app } : null },
        })),
        ...latestStatuses(commit).map((s) => statusContextView(ctx, s)),
      ];
      return {
        __typename: "StatusCheckRollup",
        state: rollupState(commit),
        contexts: (args: Args) => connection(contexts, page(args), "contexts"),
      };
    },
    // The combined status: the latest status of each context (commit statuses only, no check runs).
    status: () => {
      if (commit.statuses.length === 0) return null;
      const latest = latestStatuses(commit);
      return {
        __typename: "Status",
        state: rollupState({ ...commit, checkRuns: [] }),
        contexts: latest.map((s) => statusContextView(ctx, s)),
        context: (args: Args) => {
          const found = latest.find((s) => s.context === args.name);
          return found ? statusContextView(ctx, found) : null;
        },
      };
    },
    deployments: (args: Args) => {
      const environments = argStrings(args, "environments");
      const newestFirst = [...commit.deployments]
        .filter((d) => !environments || environments.includes(d.environment))
        .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
      const ordered = args.orderBy && (args.orderBy as { direction?: string }).direction === "ASC" ? newestFirst.reverse() : newestFirst;
      return connection(
        ordered.map((d) => ({
          __typename: "Deployment",
          id: d.id,
          environment: d.environment,
          state: d.state,
          commitOid: d.commitOid,
          createdAt: d.createdAt,
          creator: actorView(ctx, d.creator),
          latestStatus: {
            __typename: "DeploymentStatus",
            state: d.state,
            environmentUrl: d.environmentUrl,
            creator: actorView(ctx, d.statusCreator),
          },
        })),
        page(args),
        "deployments",
      );
    },
    // GitHub lists the PRs whose head (or merge) is this commit.
    associatedPullRequests: (args: Args) =>
      connection(
        repo.pullRequests
          .filter((p) => p.headRefOid === commit.oid || p.mergedHeadOid === commit.oid)
          .map((p) => pullRequestView(ctx, repo, p)),
        page(args),
        "associatedPullRequests",
      ),
    file: (args: Args) => {
      const path = typeof args.path === "string" ? args.path : "";
      const text = commit.files[path];
      return text === undefined ? null : { __typename: "TreeEntry", path, object: blobView(text) };
    },
  };
}

export function blobView(text: string): View {
  return { __typename: "Blob", text, isBinary: false, isTruncated: false, byteSize: Buffer.byteLength(text) };
}

/** `object(expression:)`: "ref", "ref:path", a commit oid, or "HEAD" for the default branch. */
export function objectAt(ctx: FakeContext, repo: FakeRepository, expression: string): View | null {
  const [revision = "", path] = expression.split(/:(.*)/s, 2);
  const ref = revision === "HEAD" ? repo.defaultBranch : revision;
  const oid = repo.refs[ref] ?? (repo.commits[ref] ? ref : undefined);
  const commit = oid ? repo.commits[oid] : undefined;
  if (!commit) return null;
  if (path === undefined) return commitView(ctx, repo, commit);
  const text = commit.files[path];
  return text === undefined ? null : blobView(text);
}

/** A git identity; its `user` is the account its email belongs to, when there is one. */
function gitActorView(ctx: FakeContext, actor: FakeGitActor): View {
  const user = actor.login === undefined ? null : ensureUser(ctx.state, actor.login);
  return {
    __typename: "GitActor",
    name: actor.name ?? null,
    email: actor.email ?? null,
    user: user ? { __typename: "User", id: user.id, login: user.login } : null,
  };
}
