import { typedError } from "./connection.js";
import { argString, argStrings, type Args, type FakeContext, type View } from "./context.js";
import {
  dequeue,
  enqueue,
  MERGEABLE_NOW,
  mergeQueueEnabled,
  mergeStateOf,
  recordMerge,
  requiredContexts,
  contextStates,
} from "./github-rules.js";
import { requirePermission } from "./permissions.js";
import { requestableTeams } from "./teams.js";
import {
  newId,
  sameLogin,
  tick,
  type FakeComment,
  type FakeIssue,
  type FakePermission,
  type FakePullRequest,
  type FakeRepository,
} from "./state.js";
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

/** Issues take issues: write; a PR takes issues or pull-requests write (GITHUB-FACTS 6). */
const ITEM_WRITE = (item: Item): Array<readonly FakePermission[]> =>
  "headRefOid" in item ? [["issues"], ["pull_requests"]] : [["issues"]];
/** Merging, auto-merge and the queue need contents and pull-requests write together (GITHUB-FACTS 6). */
const MERGE_WRITE: readonly FakePermission[] = ["contents", "pull_requests"];

/** The pinned head no longer matches: GitHub's text on merge (GITHUB-FACTS 4); on enable and enqueue it is unverified, so the fake says it plainly. */
function checkExpectedHead(pr: FakePullRequest, expected: string | undefined, verb: "merge" | "enable" | "enqueue"): void {
  if (expected === undefined || expected === pr.headRefOid) return;
  if (verb === "merge") throw unprocessable("Head branch was modified. Review and try the merge again.");
  throw unprocessable(`Expected head oid ${expected} does not match the pull request's head ${pr.headRefOid}`);
}

/** Labels change like on GitHub: adding a present label or removing an absent one is a no-op without an event. */
function relabel(ctx: FakeContext, args: Args, add: boolean): View {
  const input = inputOf(args);
  const { repo, item } = findNode(ctx, argString(input, "labelableId") ?? "");
  requirePermission(ctx, ...ITEM_WRITE(item));
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
  requirePermission(ctx, ...ITEM_WRITE(item));
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
      requirePermission(ctx, ...ITEM_WRITE(item));
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
      const { item: commented, comment } = findComment(ctx, argString(input, "id") ?? "");
      requirePermission(ctx, ...ITEM_WRITE(commented));
      if (!sameLogin(comment.author, ctx.viewer.login))
        throw typedError("FORBIDDEN", `${ctx.viewer.login} does not have the correct permissions to execute \`UpdateIssueComment\``);
      comment.body = argString(input, "body") ?? "";
      comment.updatedAt = tick(ctx.state);
      return { issueComment: { __typename: "IssueComment", id: comment.id } };
    },
    deleteIssueComment: (args: Args) => {
      const { item, comment } = findComment(ctx, argString(inputOf(args), "id") ?? "");
      requirePermission(ctx, ...ITEM_WRITE(item));
      if (!sameLogin(comment.author, ctx.viewer.login))
        throw typedError("FORBIDDEN", `${ctx.viewer.login} does not have the correct permissions to execute \`DeleteIssueComment\``);
      item.comments = item.comments.filter((c) => c.id !== comment.id);
      return { clientMutationId: null };
    },
    requestReviews: (args: Args) => {
      const input = inputOf(args);
      const { pr } = findPullRequest(ctx, argString(input, "pullRequestId") ?? "");
      requirePermission(ctx, ["pull_requests"]);
      // Teams are asked as `org/slug` (testing/teams.ts: only a token that may read the organization's teams resolves one).
      const logins = [...ids(args, "userIds").map((id) => userLogin(ctx, id)), ...requestableTeams(ctx, ids(args, "teamIds"))];
      const union = input.union === true;
      pr.reviewRequests = union ? [...pr.reviewRequests, ...logins.filter((l) => !pr.reviewRequests.some((r) => sameLogin(r, l)))] : logins;
      return { clientMutationId: null };
    },
    enablePullRequestAutoMerge: (args: Args) => {
      const input = inputOf(args);
      const { repo, pr } = findPullRequest(ctx, argString(input, "pullRequestId") ?? "");
      requirePermission(ctx, MERGE_WRITE);
      if (!repo.autoMergeAllowed) throw unprocessable("Auto merge is not allowed for this repository");
      if (pr.state !== "OPEN") throw unprocessable("Pull request is not open");
      checkExpectedHead(pr, argString(input, "expectedHeadOid"), "enable");
      const state = mergeStateOf(repo, pr);
      // GitHub will not enable auto-merge on a PR that could merge now (GITHUB-FACTS 3); on a queue
      // branch the same call queues it instead (gh: "auto merge will either enable auto merge or add to the merge queue").
      if (MERGEABLE_NOW.has(state) && !mergeQueueEnabled(repo, pr))
        throw unprocessable(`Pull request Pull request is in ${state.toLowerCase()} status`);
      // Expected head is checked here only: nothing pins auto-merge to this head afterwards (GITHUB-FACTS 1).
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
      requirePermission(ctx, MERGE_WRITE);
      pr.autoMerge = null;
      return { clientMutationId: null, pullRequest: pullRequestView(ctx, repo, pr) };
    },
    mergePullRequest: (args: Args) => {
      const input = inputOf(args);
      const { repo, pr } = findPullRequest(ctx, argString(input, "pullRequestId") ?? "");
      requirePermission(ctx, MERGE_WRITE);
      if (pr.state !== "OPEN") throw unprocessable("Pull request is not open");
      // A branch that requires a merge queue refuses a direct merge (GITHUB-FACTS 5).
      if (mergeQueueEnabled(repo, pr)) throw unprocessable("Changes must be made through the merge queue");
      checkExpectedHead(pr, argString(input, "expectedHeadOid"), "merge");
      const state = mergeStateOf(repo, pr);
      if (!MERGEABLE_NOW.has(state)) {
        // GitHub names what is missing; the wording here is the fake's (unverified).
        const states = contextStates(repo.commits[pr.headRefOid]);
        const missing = requiredContexts(repo).find((c) => states.get(c) !== "SUCCESS");
        throw unprocessable(
          missing ? `Required status check "${missing}" is expected.` : `Pull request is not mergeable (${state.toLowerCase()})`,
        );
      }
      recordMerge(ctx.state, repo, pr, pr.headRefOid, "merge");
      return { pullRequest: pullRequestView(ctx, repo, pr) };
    },
    enqueuePullRequest: (args: Args) => {
      const input = inputOf(args);
      const { repo, pr } = findPullRequest(ctx, argString(input, "pullRequestId") ?? "");
      requirePermission(ctx, MERGE_WRITE);
      if (pr.state !== "OPEN") throw unprocessable("Pull request is not open");
      // enqueuePullRequest needs a queue branch and takes expectedHeadOid (GITHUB-FACTS 5); that it refuses a PR whose
      // required checks are not yet met is the fake's reading (unverified), the stricter one for a caller.
      if (!mergeQueueEnabled(repo, pr)) throw unprocessable("Merge queue is not enabled for this branch");
      checkExpectedHead(pr, argString(input, "expectedHeadOid"), "enqueue");
      const queue = repo.mergeQueue ?? [];
      const existing = queue.find((e) => e.number === pr.number);
      if (!existing && !MERGEABLE_NOW.has(mergeStateOf(repo, pr))) throw unprocessable("Pull request is not mergeable");
      const entry = existing ?? enqueue(ctx.state, repo, pr, ctx.viewer.login);
      return { mergeQueueEntry: { __typename: "MergeQueueEntry", id: entry.id, position: queue.indexOf(entry) + 1 } };
    },
    dequeuePullRequest: (args: Args) => {
      const { repo, pr } = findPullRequest(ctx, argString(inputOf(args), "id") ?? "");
      requirePermission(ctx, MERGE_WRITE);
      // Only dequeuing takes a PR out of the queue; disabling auto-merge leaves it there (GITHUB-FACTS 5).
      if (!dequeue(ctx.state, repo, pr.number)) throw unprocessable("Pull request is not in the merge queue");
      return { clientMutationId: null, mergeQueueEntry: null };
    },
    createLabel: (args: Args) => {
      const input = inputOf(args);
      const repo = ctx.state.repositories.find((r) => r.id === argString(input, "repositoryId"));
      if (!repo) throw unresolvable(argString(input, "repositoryId") ?? "");
      requirePermission(ctx, ["issues"]);
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
      requirePermission(ctx, ["issues"]);
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
