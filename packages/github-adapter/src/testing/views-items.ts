import { connection } from "./connection.js";
import { page, argStrings, type Args, type FakeContext, type View } from "./context.js";
import {
  ensureUser,
  sameLogin,
  type FakeComment,
  type FakeIssue,
  type FakeLabelEvent,
  type FakePullRequest,
  type FakeQueueEntry,
  type FakeRepository,
} from "./state.js";
import { mergeQueueEnabled, mergeStateOf } from "./github-rules.js";
import { commitView } from "./views-commits.js";
import { mergeCommitView } from "./merge-commits.js";
import { requestedTeamView } from "./teams.js";

/** An Actor as GitHub's GraphQL shows it: bots without their "[bot]" suffix; deleted accounts as null. */
export function actorView(ctx: FakeContext, login: string | null): View | null {
  if (login === null || login === "ghost") return null;
  const user = ensureUser(ctx.state, login);
  return { __typename: user.type, id: user.id, login: user.type === "Bot" ? user.login.replace(/\[bot\]$/i, "") : user.login };
}

function labelView(repo: FakeRepository, name: string): View {
  const label = repo.labels.find((l) => sameLogin(l.name, name));
  return {
    __typename: "Label",
    id: label?.id ?? `LA_missing_${name}`,
    name: label?.name ?? name,
    color: label?.color ?? "ededed",
    description: label?.description ?? null,
  };
}

function labelEventView(ctx: FakeContext, repo: FakeRepository, event: FakeLabelEvent): View {
  return {
    __typename: event.type,
    id: event.id,
    createdAt: event.createdAt,
    actor: actorView(ctx, event.actor),
    label: labelView(repo, event.label),
  };
}

function commentView(ctx: FakeContext, comment: FakeComment): View {
  return {
    __typename: "IssueComment",
    id: comment.id,
    body: comment.body,
    createdAt: comment.createdAt,
    updatedAt: comment.updatedAt,
    author: actorView(ctx, comment.author),
    viewerDidAuthor: sameLogin(comment.author, ctx.viewer.login),
  };
}

/** Fields issues and pull requests share (Labelable, Assignable, Comment, timeline). */
function itemFields(ctx: FakeContext, repo: FakeRepository, item: FakeIssue | FakePullRequest): View {
  return {
    id: item.id,
    number: item.number,
    title: item.title,
    body: item.body,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    author: actorView(ctx, item.author),
    labels: (args: Args) =>
      connection(
        item.labels.map((name) => labelView(repo, name)),
        page(args),
        "labels",
      ),
    assignees: (args: Args) =>
      connection(
        item.assignees.map((login) => actorView(ctx, login)),
        page(args),
        "assignees",
      ),
    comments: (args: Args) =>
      connection(
        item.comments.map((c) => commentView(ctx, c)),
        page(args),
        "comments",
      ),
    timelineItems: (args: Args) => {
      const types = argStrings(args, "itemTypes");
      const wanted = (e: FakeLabelEvent) => !types || types.includes(e.type === "LabeledEvent" ? "LABELED_EVENT" : "UNLABELED_EVENT");
      return connection(
        item.labelEvents.filter(wanted).map((e) => labelEventView(ctx, repo, e)),
        page(args),
        "timelineItems",
      );
    },
  };
}

export function issueView(ctx: FakeContext, repo: FakeRepository, issue: FakeIssue): View {
  return {
    __typename: "Issue",
    ...itemFields(ctx, repo, issue),
    state: issue.state,
    closedByPullRequestsReferences: (args: Args) => {
      const prs = issue.closedBy
        .map((n) => repo.pullRequests.find((p) => p.number === n))
        .filter((p): p is FakePullRequest => p !== undefined);
      const included = args.includeClosedPrs === true ? prs : prs.filter((p) => p.state === "OPEN");
      return connection(
        included.map((p) => pullRequestView(ctx, repo, p)),
        page(args),
        "closedByPullRequestsReferences",
      );
    },
  };
}

/** A merge queue entry: its group commit is `headCommit` (what the `merge_group` event names). */
export function mergeQueueEntryView(ctx: FakeContext, repo: FakeRepository, entry: FakeQueueEntry, position: number): View {
  const group = repo.commits[entry.groupOid];
  const pr = repo.pullRequests.find((p) => p.number === entry.number);
  return {
    __typename: "MergeQueueEntry",
    id: entry.id,
    position,
    state: "AWAITING_CHECKS",
    enqueuedAt: entry.enqueuedAt,
    enqueuer: actorView(ctx, entry.enqueuer),
    jump: false,
    solo: false,
    headCommit: group ? commitView(ctx, repo, group) : null,
    pullRequest: pr ? pullRequestView(ctx, repo, pr) : null,
  };
}

export function pullRequestView(ctx: FakeContext, repo: FakeRepository, pr: FakePullRequest): View {
  const head = repo.commits[pr.headRefOid];
  const headCommit = head ? commitView(ctx, repo, head) : null;
  return {
    __typename: "PullRequest",
    ...itemFields(ctx, repo, pr),
    state: pr.state,
    merged: pr.state === "MERGED",
    mergedAt: pr.state === "MERGED" ? (pr.mergedAt ?? pr.updatedAt) : null,
    mergeCommit: () => mergeCommitView(ctx, repo, pr),
    isDraft: pr.isDraft,
    baseRefName: pr.baseRefName,
    headRefName: pr.headRefName,
    headRefOid: pr.headRefOid,
    baseRef: () => {
      const oid = repo.refs[pr.baseRefName];
      const commit = oid ? repo.commits[oid] : undefined;
      return commit ? { __typename: "Ref", name: pr.baseRefName, target: commitView(ctx, repo, commit) } : null;
    },
    changedFiles: pr.changedFiles ?? pr.files.length,
    additions: pr.additions ?? pr.files.reduce((n, f) => n + f.additions, 0),
    deletions: pr.deletions ?? pr.files.reduce((n, f) => n + f.deletions, 0),
    mergeable: pr.mergeable,
    mergeStateStatus: mergeStateOf(repo, pr),
    isMergeQueueEnabled: mergeQueueEnabled(repo, pr),
    isInMergeQueue: (repo.mergeQueue ?? []).some((e) => e.number === pr.number),
    mergeQueueEntry: () => {
      const queue = repo.mergeQueue ?? [];
      const entry = queue.find((e) => e.number === pr.number);
      return entry ? mergeQueueEntryView(ctx, repo, entry, queue.indexOf(entry) + 1) : null;
    },
    autoMergeRequest: pr.autoMerge
      ? {
          __typename: "AutoMergeRequest",
          mergeMethod: pr.autoMerge.mergeMethod,
          enabledAt: pr.autoMerge.enabledAt,
          enabledBy: actorView(ctx, pr.autoMerge.enabledBy),
        }
      : null,
    files: (args: Args) =>
      connection(
        pr.files.map((f) => ({ __typename: "PullRequestChangedFile", ...f })),
        page(args),
        "files",
      ),
    reviews: (args: Args) =>
      connection(
        pr.reviews.map((r) => ({
          __typename: "PullRequestReview",
          id: r.id,
          state: r.state,
          submittedAt: r.submittedAt,
          createdAt: r.createdAt,
          author: actorView(ctx, r.author),
          commit: r.commitOid ? { __typename: "Commit", oid: r.commitOid } : null,
        })),
        page(args),
        "reviews",
      ),
    reviewRequests: (args: Args) =>
      connection(
        pr.reviewRequests.map((login) => ({
          __typename: "ReviewRequest",
          requestedReviewer: requestedTeamView(ctx, login) ?? actorView(ctx, login),
        })),
        page(args),
        "reviewRequests",
      ),
    closingIssuesReferences: (args: Args) => {
      const issues = pr.closingIssues.map((n) => repo.issues.find((i) => i.number === n)).filter((i): i is FakeIssue => i !== undefined);
      return connection(
        issues.map((i) => issueView(ctx, repo, i)),
        page(args),
        "closingIssuesReferences",
      );
    },
    statusCheckRollup: () =>
      headCommit && typeof headCommit.statusCheckRollup === "function" ? (headCommit.statusCheckRollup as () => unknown)() : null,
    commits: (args: Args) => {
      const listed = (pr.commitOids ?? [pr.headRefOid]).map((oid) => repo.commits[oid]).filter((c) => c !== undefined);
      const nodes = listed.map((c) => ({ __typename: "PullRequestCommit", commit: c === head ? headCommit : commitView(ctx, repo, c) }));
      return connection(nodes, page(args), "commits");
    },
  };
}
