/**
 * The shapes GitHub returns for our documents (src/graphql). Only what the
 * documents select; nullable where GitHub's schema says so.
 */

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
  hasPreviousPage: boolean;
  startCursor: string | null;
}

export interface Connection<T> {
  totalCount: number;
  pageInfo: PageInfo;
  nodes: Array<T | null> | null;
}

export interface WireActor {
  __typename: string;
  login: string;
}

export interface WireFile {
  path: string;
  additions: number;
  deletions: number;
  changeType: "ADDED" | "DELETED" | "RENAMED" | "COPIED" | "MODIFIED" | "CHANGED";
}

export interface WireReview {
  author: WireActor | null;
  state: "PENDING" | "COMMENTED" | "APPROVED" | "CHANGES_REQUESTED" | "DISMISSED";
  submittedAt: string | null;
  createdAt: string;
  commit: { oid: string } | null;
}

export type WireCheckContext =
  | {
      __typename: "CheckRun";
      name: string;
      status: string;
      conclusion: string | null;
      startedAt: string | null;
      completedAt: string | null;
      detailsUrl: string | null;
      checkSuite: { app: { slug: string } | null } | null;
    }
  | {
      __typename: "StatusContext";
      context: string;
      state: "EXPECTED" | "ERROR" | "FAILURE" | "PENDING" | "SUCCESS";
      createdAt: string;
      targetUrl: string | null;
      creator: WireActor | null;
    };

export interface WireLabelEvent {
  __typename: string;
  createdAt?: string;
  actor?: WireActor | null;
  label?: { name: string };
}

export interface WireDeployment {
  environment: string | null;
  state: string | null;
  commitOid: string;
  createdAt: string;
  creator?: WireActor | null;
  latestStatus: { state: string; environmentUrl: string | null; creator?: WireActor | null } | null;
}

/** A TreeEntry's object: a blob's text, unless binary or cut short. */
export interface WireCodeOwnersFile {
  object: { __typename: string; text?: string | null; isBinary?: boolean | null; isTruncated?: boolean } | null;
}

export interface WireCodeOwnersFiles {
  codeOwnersInGithub?: WireCodeOwnersFile | null;
  codeOwnersAtRoot?: WireCodeOwnersFile | null;
  codeOwnersInDocs?: WireCodeOwnersFile | null;
}

export interface WirePullRequest {
  number: number;
  title: string;
  body: string;
  isDraft: boolean;
  state: "OPEN" | "CLOSED" | "MERGED";
  baseRefName: string;
  headRefName: string;
  headRefOid: string;
  createdAt: string;
  updatedAt: string;
  changedFiles: number;
  additions: number;
  deletions: number;
  mergeable: "MERGEABLE" | "CONFLICTING" | "UNKNOWN";
  author: WireActor | null;
  /** Absent from answers of documents that do not ask (tests' hand-made answers). */
  mergeStateStatus?: string;
  isMergeQueueEnabled?: boolean;
  isInMergeQueue?: boolean;
  autoMergeRequest: { enabledAt: string | null } | null;
  labels: { totalCount: number; nodes: Array<{ name: string } | null> | null } | null;
  files: Connection<WireFile> | null;
  reviews: Connection<WireReview> | null;
  statusCheckRollup: { contexts: Connection<WireCheckContext> } | null;
  timelineItems?: Connection<WireLabelEvent>;
  /** Only when CODEOWNERS was asked for: the base branch's files where GitHub looks for it (null: not there). */
  baseRef?: { target: WireCodeOwnersFiles | null } | null;
  closingIssuesReferences: { nodes: Array<{ number: number } | null> | null } | null;
  assignees: { nodes: Array<{ login: string } | null> | null };
  reviewRequests: {
    nodes: Array<{ requestedReviewer: { __typename: string; login?: string; combinedSlug?: string } | null } | null> | null;
  } | null;
  /** Only when head commits were asked for. */
  headCommits?: {
    totalCount: number;
    nodes: Array<{
      commit: { oid: string; authors: { totalCount: number; nodes: Array<WireGitActor | null> | null }; committer: WireGitActor | null };
    } | null> | null;
  } | null;
  commits: {
    nodes: Array<{
      commit: {
        oid: string;
        committedDate: string;
        deployments?: { totalCount: number; nodes: Array<WireDeployment | null> | null } | null;
      };
    } | null> | null;
  };
}

export interface WireIssue {
  number: number;
  title: string;
  body: string;
  state: "OPEN" | "CLOSED";
  createdAt: string;
  updatedAt: string;
  author: WireActor | null;
  labels: { totalCount: number; nodes: Array<{ name: string } | null> | null } | null;
  assignees: { nodes: Array<{ login: string } | null> | null };
  timelineItems: Connection<WireLabelEvent>;
  closedByPullRequestsReferences: {
    nodes: Array<{ number: number; state: "OPEN" | "CLOSED" | "MERGED"; author: WireActor | null } | null> | null;
  } | null;
}

export interface WireProtection {
  /** What applies to the branch, visible without admin rights (classic protection; GITHUB-FACTS 9). */
  refUpdateRule?: {
    requiredApprovingReviewCount: number | null;
    requiredStatusCheckContexts: Array<string | null> | null;
    allowsForcePushes: boolean;
  } | null;
  branchProtectionRule: {
    requiresApprovingReviews: boolean;
    requiredApprovingReviewCount: number | null;
    requiresStatusChecks: boolean;
    requiredStatusCheckContexts: Array<string | null> | null;
    allowsForcePushes: boolean;
  } | null;
  rules: {
    nodes: Array<{
      type: string;
      parameters: { __typename: string; requiredApprovingReviewCount?: number; requiredStatusChecks?: Array<{ context: string }> } | null;
    } | null> | null;
  } | null;
}

export interface RateLimitInfo {
  cost: number;
  remaining: number;
  resetAt: string;
}

/** Non-null nodes of a connection-like value. */
export function nodesOf<T>(connection: { nodes: Array<T | null> | null } | null | undefined): T[] {
  return (connection?.nodes ?? []).filter((node): node is T => node !== null && node !== undefined);
}

/** A git author or committer; `user` is the GitHub account GitHub matched by email. */
export interface WireGitActor {
  name: string | null;
  email: string | null;
  user: { login: string } | null;
}
