import { connection, typedError } from "./connection.js";
import { argNumber, argString, argStrings, page, type Args, type FakeContext, type View } from "./context.js";
import { findItem, findRepository, type FakeIssue, type FakePullRequest, type FakeRepository } from "./state.js";
import { commitView, objectAt } from "./views-commits.js";
import { canAdminister } from "./permissions.js";
import { organizationView } from "./teams.js";
import { actorView, issueView, mergeQueueEntryView, pullRequestView } from "./views-items.js";

function byCreation<T extends { createdAt: string; number: number }>(items: readonly T[], args: Args): T[] {
  const order = args.orderBy as { direction?: string } | undefined;
  const sorted = [...items].sort((a, b) => (a.createdAt === b.createdAt ? a.number - b.number : a.createdAt < b.createdAt ? -1 : 1));
  return order?.direction === "DESC" ? sorted.reverse() : sorted;
}

function defaultBranchRef(ctx: FakeContext, repo: FakeRepository): View | null {
  const oid = repo.refs[repo.defaultBranch];
  const commit = oid ? repo.commits[oid] : undefined;
  if (!commit) return null;
  const protection = repo.branchProtection;
  const admin = canAdminister(ctx.token);
  // Without admin rights GitHub hides branch protection rules: null, as if none (GITHUB-FACTS 9).
  const visibleRules = admin || ctx.state.behaviour.rulesetsVisibleWithoutAdmin ? repo.rules : [];
  return {
    __typename: "Ref",
    name: repo.defaultBranch,
    prefix: "refs/heads/",
    target: commitView(ctx, repo, commit),
    branchProtectionRule: protection && admin ? { __typename: "BranchProtectionRule", ...protection } : null,
    // "Branch protection rules for a ref, viewable by non-admins" (GITHUB-FACTS 9); classic protection only.
    refUpdateRule: protection
      ? {
          __typename: "RefUpdateRule",
          pattern: repo.defaultBranch,
          allowsDeletions: false,
          allowsForcePushes: protection.allowsForcePushes,
          blocksCreations: false,
          requiredApprovingReviewCount: protection.requiresApprovingReviews ? protection.requiredApprovingReviewCount : null,
          requiredStatusCheckContexts: protection.requiresStatusChecks ? protection.requiredStatusCheckContexts : [],
          requiresCodeOwnerReviews: false,
          requiresConversationResolution: false,
          requiresLinearHistory: false,
          requiresSignatures: false,
          viewerAllowedToDismissReviews: admin,
          viewerCanPush: true,
        }
      : null,
    rules: (args: Args) =>
      connection(
        visibleRules.map((rule) => ({
          __typename: "RepositoryRule",
          type: rule.type,
          parameters:
            rule.type === "PULL_REQUEST"
              ? { __typename: "PullRequestParameters", requiredApprovingReviewCount: rule.requiredApprovingReviewCount ?? 0 }
              : rule.type === "REQUIRED_STATUS_CHECKS"
                ? {
                    __typename: "RequiredStatusChecksParameters",
                    requiredStatusChecks: (rule.requiredStatusChecks ?? []).map((context) => ({ context })),
                  }
                : null,
        })),
        page(args),
        "rules",
      ),
  };
}

export function repositoryView(ctx: FakeContext, repo: FakeRepository): View {
  const notFound = (kind: string, number: number) => typedError("NOT_FOUND", `Could not resolve to ${kind} with the number of ${number}.`);
  return {
    __typename: "Repository",
    id: repo.id,
    name: repo.name,
    nameWithOwner: `${repo.owner}/${repo.name}`,
    owner: { __typename: "Organization", login: repo.owner },
    autoMergeAllowed: repo.autoMergeAllowed,
    viewerCanAdminister: canAdminister(ctx.token),
    mergeQueue: (args: Args) => {
      const branch = argString(args, "branch") ?? repo.defaultBranch;
      if (branch !== repo.defaultBranch || !(repo.branchProtection?.requiresMergeQueue || repo.rules.some((r) => r.type === "MERGE_QUEUE")))
        return null;
      const queue = repo.mergeQueue ?? [];
      return {
        __typename: "MergeQueue",
        id: `MQ_${repo.id}`,
        entries: (entryArgs: Args) =>
          connection(
            queue.map((entry, i) => mergeQueueEntryView(ctx, repo, entry, i + 1)),
            page(entryArgs),
            "entries",
          ),
      };
    },
    defaultBranchRef: () => defaultBranchRef(ctx, repo),
    labels: (args: Args) =>
      connection(
        repo.labels.map((l) => ({ __typename: "Label", ...l })),
        page(args),
        "labels",
      ),
    label: (args: Args) => {
      const label = repo.labels.find((l) => l.name.toLowerCase() === (argString(args, "name") ?? "").toLowerCase());
      return label ? { __typename: "Label", ...label } : null;
    },
    pullRequest: (args: Args) => {
      const pr = repo.pullRequests.find((p) => p.number === argNumber(args, "number"));
      if (!pr) throw notFound("a PullRequest", argNumber(args, "number") ?? 0);
      return pullRequestView(ctx, repo, pr);
    },
    issue: (args: Args) => {
      const issue = repo.issues.find((i) => i.number === argNumber(args, "number"));
      if (!issue) throw notFound("an Issue", argNumber(args, "number") ?? 0);
      return issueView(ctx, repo, issue);
    },
    issueOrPullRequest: (args: Args) => {
      const item = findItem(repo, argNumber(args, "number") ?? 0);
      if (!item) throw notFound("an issue or pull request", argNumber(args, "number") ?? 0);
      return "headRefOid" in item ? pullRequestView(ctx, repo, item) : issueView(ctx, repo, item);
    },
    pullRequests: (args: Args) => {
      const states = argStrings(args, "states");
      const prs = repo.pullRequests.filter((p: FakePullRequest) => !states || states.includes(p.state));
      return connection(
        byCreation(prs, args).map((p) => pullRequestView(ctx, repo, p)),
        page(args),
        "pullRequests",
      );
    },
    issues: (args: Args) => {
      const states = argStrings(args, "states");
      const issues = repo.issues.filter((i: FakeIssue) => !states || states.includes(i.state));
      return connection(
        byCreation(issues, args).map((i) => issueView(ctx, repo, i)),
        page(args),
        "issues",
      );
    },
    object: (args: Args) => objectAt(ctx, repo, argString(args, "expression") ?? argString(args, "oid") ?? ""),
  };
}

/** The Query root: repository, viewer, user, rateLimit. */
export function queryRoot(ctx: FakeContext, cost: number): View {
  return {
    viewer: () => actorView(ctx, ctx.viewer.login),
    user: (args: Args) => {
      const login = argString(args, "login") ?? "";
      const user = ctx.state.users.find((u) => u.login.toLowerCase() === login.toLowerCase() && u.type === "User");
      if (!user) throw typedError("NOT_FOUND", `Could not resolve to a User with the login of '${login}'.`);
      return { __typename: "User", id: user.id, login: user.login };
    },
    organization: (args: Args) => organizationView(ctx, argString(args, "login") ?? ""),
    repository: (args: Args) => {
      // Personal tokens need the repo scope; installation tokens have permissions instead.
      if (!ctx.token.permissions && !ctx.scopes.includes("repo"))
        throw typedError(
          "INSUFFICIENT_SCOPES",
          "Your token has not been granted the required scopes to execute this query. The 'repository' field requires one of the following scopes: ['repo'], but your token has only been granted the: [" +
            ctx.scopes.map((s) => `'${s}'`).join(", ") +
            "] scopes. Please modify your token's scopes at: https://github.com/settings/tokens.",
        );
      const owner = argString(args, "owner") ?? "";
      const name = argString(args, "name") ?? "";
      const repo = findRepository(ctx.state, owner, name);
      if (!repo) throw typedError("NOT_FOUND", `Could not resolve to a Repository with the name '${owner}/${name}'.`);
      return repositoryView(ctx, repo);
    },
    rateLimit: () => ({
      __typename: "RateLimit",
      cost,
      limit: ctx.state.rateLimit.limit,
      remaining: ctx.state.rateLimit.remaining,
      resetAt: ctx.state.rateLimit.resetAt,
      used: ctx.state.rateLimit.limit - ctx.state.rateLimit.remaining,
      nodeCount: 0,
    }),
  };
}
