import { GitHubError } from "../errors.js";
import type { Transport } from "../transport.js";

/** Where the policy lives in a repository unless told otherwise. */
export const DEFAULT_POLICY_PATH = ".github/shiplane.yml";

export interface PolicyLocator {
  owner: string;
  repo: string;
  /** Judge this PR: the policy is read from its base branch, never from its head. */
  pullRequest?: number;
  /** A branch, tag or SHA to read from instead; default: the default branch. */
  ref?: string;
  path?: string;
}

/** A policy file as found on GitHub; compile it with `loadPolicy(text, { source })`. */
export interface PolicyFile {
  text: string;
  path: string;
  /** The ref it was read from (the PR's base branch, the given ref, or HEAD). */
  ref: string;
  /** The commit it was read at. */
  sha: string;
  /** `owner/repo@ref:path`, for messages. */
  source: string;
}

interface BlobData {
  __typename: string;
  text?: string | null;
  isBinary?: boolean | null;
}

interface AtBaseData {
  repository: {
    pullRequest: {
      baseRefName: string;
      baseRef: { target: { oid?: string; file?: { object: BlobData | null } | null } | null } | null;
    } | null;
  } | null;
}

interface AtRefData {
  repository: { commit: { __typename: string; oid: string } | null; file: BlobData | null } | null;
}

function policyFile(
  where: PolicyLocator,
  path: string,
  ref: string,
  sha: string | undefined,
  blob: BlobData | null | undefined,
  operation: string,
): PolicyFile {
  const source = `${where.owner}/${where.repo}@${ref}:${path}`;
  if (!sha)
    throw new GitHubError(`GitHub ${operation}: not found: ref ${ref} in ${where.owner}/${where.repo}`, { code: "not-found", operation });
  if (!blob || blob.__typename !== "Blob")
    throw new GitHubError(`GitHub ${operation}: not found: no policy file at ${source}`, { code: "not-found", operation });
  if (blob.isBinary || typeof blob.text !== "string")
    throw new GitHubError(`GitHub ${operation}: ${source} is not a text file`, { code: "invalid-response", operation });
  return { text: blob.text, path, ref, sha, source };
}

/** Reads the policy file in one request, from the PR's base branch when a PR is given. */
export async function readPolicyFile(transport: Transport, where: PolicyLocator): Promise<PolicyFile> {
  const path = where.path ?? DEFAULT_POLICY_PATH;
  if (where.pullRequest !== undefined && where.ref === undefined) {
    const data = await transport.call<AtBaseData>("PolicyAtPullRequestBase", {
      owner: where.owner,
      name: where.repo,
      number: where.pullRequest,
      path,
    });
    const pr = data.repository?.pullRequest;
    if (!pr)
      throw new GitHubError(`GitHub PolicyAtPullRequestBase: not found: pull request ${where.owner}/${where.repo}#${where.pullRequest}`, {
        code: "not-found",
        operation: "PolicyAtPullRequestBase",
      });
    const target = pr.baseRef?.target;
    return policyFile(where, path, pr.baseRefName, target?.oid, target?.file?.object, "PolicyAtPullRequestBase");
  }
  const ref = where.ref ?? "HEAD";
  const data = await transport.call<AtRefData>("PolicyAtRef", {
    owner: where.owner,
    name: where.repo,
    commitExpression: ref,
    fileExpression: `${ref}:${path}`,
  });
  if (!data.repository)
    throw new GitHubError(`GitHub PolicyAtRef: not found: repository ${where.owner}/${where.repo}`, {
      code: "not-found",
      operation: "PolicyAtRef",
    });
  return policyFile(where, path, ref, data.repository.commit?.oid, data.repository.file, "PolicyAtRef");
}
