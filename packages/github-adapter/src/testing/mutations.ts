import { typedError } from "./connection.js";
import { argString, argStrings, type Args, type FakeContext, type View } from "./context.js";
import { newId, sameLogin, tick, type FakeComment, type FakeIssue, type FakePullRequest, type FakeRepository } from "./state.js";
import { pullRequestView } from "./views-items.js";

type Item = FakeIssue | FakePullRequest;

const inputOf = (args: Args): Args => (typeof args.input === "object" && args.input !== null ? (args.input as Args) : {});
const unresolvable = (id: string) => typedError("NOT_FOUND", `Could not resolve to a node with the global id of '${id}'`);
const unprocessable = (message: string) => typedError("UNPROCESSABLE", message);

function findNode(ctx: FakeContext, id: string): { repo: FakeRepository; item: Item } {
  for (const repo of ctx.state.repositories) {
    const item = repo.pullRequests.find((p) => p.id === id) ?? repo.issues.find((i) => i.id === id);
    if (item) return { repo, item };
  }
  throw unresolvable(id);
}

function findPullRequest(ctx: FakeContext, id: string): { repo: FakeRepository; pr: FakePullRequest } {
  const { repo, item } = findNode(ctx, id);
  if (!("headRefOid" in item)) throw unresolvable(id);
  return { repo, pr: item };
}

function findComment(ctx: FakeContext, id: string): { item: Item; comment: FakeComment } {
  for (const repo of ctx.state.repositories) {
    for (const item of [...repo.pullRequests, ...repo.issues]) {
      const comment = item.comments.find((c) => c.id === id);
      if (comment) return { item, comment };
    }
  }
  throw unresolvable(id);
}

function labelName(ctx: FakeContext, repo: FakeRepository, id: string): string {
  const label = repo.labels.find((l) => l.id === id);
  if (!label) throw unresolvable(id);
  return label.name;
}

function userLogin(ctx: FakeContext, id: string): string {
  const user = ctx.state.users.find((u) => u.id === id);
  if (!user) throw unresolvable(id);
  return user.login;
}

function ids(args: Args, key: string): string[] {
  return argStrings(inputOf(args), key) ?? [];
}

/** Labels change like on GitHub: adding a present label or removing an absent one is a no-op without an event. */
function relabel(ctx: FakeContext, args: Args, add: boolean): View {
  const input = inputOf(args);
  const { repo, item } = findNode(ctx, argString(input, "labelableId") ?? "");
  const names = ids(args, "labelIds").map((id) => labelName(ctx, repo, id));
  for (const name of names) {
    const present = item.labels.some((l) => sameLogin(l, name));
    if (present === add) continue;
    const at = tick(ctx.state);
    item.labels = add ? [...item.labels, name] : item.labels.filter((l) => !sameLogin(l, name));
    item.labelEvents.push({
      id: newId(ctx.state, "LE"),
      type: add ? "LabeledEvent" : "UnlabeledEvent",
      label: name,
      actor: ctx.viewer.login,
      createdAt: at,
    });
    item.updatedAt = at;
  }
  return { clientMutationId: null, labelable: null };
}

function reassign(ctx: FakeContext, args: Args, add: boolean): View {
  const input = inputOf(args);
  const { item } = findNode(ctx, argString(input, "assignableId") ?? "");
  for (const login of ids(args, "assigneeIds").map((id) => userLogin(ctx, id))) {
    const present = item.assignees.some((a) => sameLogin(a, login));
    if (add && !present) item.assignees.push(login);
    if (!add && present) item.assignees = item.assignees.filter((a) => !sameLogin(a, login));
  }
  return { clientMutationId: null };
}

/** The Mutation root: the mutations the adapter sends, with GitHub's checks. */
export function mutationRoot(ctx: FakeContext): View {
  return {
    addLabelsToLabelable: (args: Args) => relabel(ctx, args, true),
    removeLabelsFromLabelable: (args: Args) => relabel(ctx, args, false),
    addAssigneesToAssignable: (args: Args) => reassign(ctx, args, true),
    removeAssigneesFromAssignable: (args: Args) => reassign(ctx, args, false),
    addComment: (args: Args) => {
      const input = inputOf(args);
      const { item } = findNode(ctx, argString(input, "subjectId") ?? "");
      const at = tick(ctx.state);
      const comment: FakeComment = {
        id: newId(ctx.state, "IC"),
        author: ctx.viewer.login,
        body: argString(input, "body") ?? "",
        createdAt: at,
        updatedAt: at,
      };
      item.comments.push(comment);
      return { commentEdge: { node: { __typename: "IssueComment", id: comment.id } } };
    },
    updateIssueComment: (args: Args) => {
      const input = inputOf(args);
      const { comment } = findComment(ctx, argString(input, "id") ?? "");
      if (!sameLogin(comment.author, ctx.viewer.login))
        throw typedError("FORBIDDEN", `${ctx.viewer.login} does not have the correct permissions to execute \`UpdateIssueComment\``);
      comment.body = argString(input, "body") ?? "";
      comment.updatedAt = tick(ctx.state);
      return { issueComment: { __typename: "IssueComment", id: comment.id } };
    },
    deleteIssueComment: (args: Args) => {
      const { item, comment } = findComment(ctx, argString(inputOf(args), "id") ?? "");
      if (!sameLogin(comment.author, ctx.viewer.login))
        throw typedError("FORBIDDEN", `${ctx.viewer.login} does not have the correct permissions to execute \`DeleteIssueComment\``);
      item.comments = item.comments.filter((c) => c.id !== comment.id);
      return { clientMutationId: null };
    },
    requestReviews: (args: Args) => {
      const input = inputOf(args);
      const { pr } = findPullRequest(ctx, argString(input, "pullRequestId") ?? "");
      const logins = ids(args, "userIds").map((id) => userLogin(ctx, id));
      const union = input.union === true;
      pr.reviewRequests = union ? [...pr.reviewRequests, ...logins.filter((l) => !pr.reviewRequests.some((r) => sameLogin(r, l)))] : logins;
      return { clientMutationId: null };
    },
    enablePullRequestAutoMerge: (args: Args) => {
      const input = inputOf(args);
      const { repo, pr } = findPullRequest(ctx, argString(input, "pullRequestId") ?? "");
      const expected = argString(input, "expectedHeadOid");
      if (!repo.autoMergeAllowed) throw unprocessable("Auto merge is not allowed for this repository");
      if (pr.state !== "OPEN") throw unprocessable("Pull request is not open");
      if (expected !== undefined && expected !== pr.headRefOid)
        throw unprocessable(`Expected head oid ${expected} does not match the pull request's head ${pr.headRefOid}`);
      if (pr.mergeStateStatus === "CLEAN") throw unprocessable("Pull request Pull request is in clean status");
      pr.autoMerge = {
        mergeMethod: (argString(input, "mergeMethod") ?? "MERGE") as "MERGE",
        enabledAt: tick(ctx.state),
        enabledBy: ctx.viewer.login,
        headOid: pr.headRefOid,
      };
      return { pullRequest: pullRequestView(ctx, repo, pr) };
    },
    disablePullRequestAutoMerge: (args: Args) => {
      const { repo, pr } = findPullRequest(ctx, argString(inputOf(args), "pullRequestId") ?? "");
      pr.autoMerge = null;
      return { clientMutationId: null, pullRequest: pullRequestView(ctx, repo, pr) };
    },
    mergePullRequest: (args: Args) => {
      const input = inputOf(args);
      const { repo, pr } = findPullRequest(ctx, argString(input, "pullRequestId") ?? "");
      const expected = argString(input, "expectedHeadOid");
      if (pr.state !== "OPEN") throw unprocessable("Pull request is not open");
      if (expected !== undefined && expected !== pr.headRefOid)
        throw unprocessable("Head branch was modified. Review and try the merge again.");
      pr.state = "MERGED";
      pr.mergedHeadOid = pr.headRefOid;
      pr.autoMerge = null;
      pr.updatedAt = tick(ctx.state);
      pr.mergedAt = pr.updatedAt;
      return { pullRequest: pullRequestView(ctx, repo, pr) };
    },
    createLabel: (args: Args) => {
      const input = inputOf(args);
      const repo = ctx.state.repositories.find((r) => r.id === argString(input, "repositoryId"));
      if (!repo) throw unresolvable(argString(input, "repositoryId") ?? "");
      const name = argString(input, "name") ?? "";
      if (repo.labels.some((l) => sameLogin(l.name, name))) throw unprocessable("Name has already been taken");
      const label = {
        id: newId(ctx.state, "LA"),
        name,
        color: argString(input, "color") ?? "ededed",
        description: argString(input, "description") ?? "",
      };
      repo.labels.push(label);
      return { label: { __typename: "Label", ...label } };
    },
    updateLabel: (args: Args) => {
      const input = inputOf(args);
      const id = argString(input, "id") ?? "";
      const label = ctx.state.repositories.flatMap((r) => r.labels).find((l) => l.id === id);
      if (!label) throw unresolvable(id);
      const color = argString(input, "color");
      const description = argString(input, "description");
      const name = argString(input, "name");
      if (color !== undefined) label.color = color;
      if (description !== undefined) label.description = description;
      if (name !== undefined) label.name = name;
      return { label: { __typename: "Label", ...label } };
    },
  };
}
