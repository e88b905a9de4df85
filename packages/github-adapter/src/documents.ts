import { existsSync, readdirSync, readFileSync } from "node:fs";

/**
 * Every GraphQL operation the adapter sends as written; each is a `.graphql`
 * file in src/graphql. Batch reads are built at run time from a fragment
 * there (see `batchDocument`).
 */
export const OPERATIONS = [
  "PullRequestSnapshot",
  "PullRequestPages",
  "PullRequestsForCommit",
  "MergeQueueEntries",
  "RepositorySnapshot",
  "RepositoryPullRequests",
  "RepositoryIssues",
  "IssueLabelEvents",
  "RepositoryLabels",
  "MergedPullRequests",
  "PolicyAtPullRequestBase",
  "PolicyAtRef",
  "CommentsPage",
  "UserId",
  "TeamId",
  "AddLabels",
  "RemoveLabels",
  "AddComment",
  "UpdateComment",
  "DeleteComment",
  "RequestReviews",
  "AddAssignees",
  "RemoveAssignees",
  "EnableAutoMerge",
  "MergePullRequest",
  "EnqueuePullRequest",
  "DisableAutoMerge",
  "DequeuePullRequest",
  "CreateLabel",
  "UpdateLabel",
] as const;

export type OperationName = (typeof OPERATIONS)[number];

// From src/ (tests) the documents sit beside this file; from dist/ they ship in ../src/graphql.
const CANDIDATES = [new URL("./graphql/", import.meta.url), new URL("../src/graphql/", import.meta.url)];

let directory: URL | undefined;
function graphqlDirectory(): URL {
  directory ??= CANDIDATES.find((url) => existsSync(url));
  if (!directory) throw new Error("the adapter's GraphQL documents (src/graphql) are missing from the installation");
  return directory;
}

let fragments: Map<string, string> | undefined;
function fragmentTexts(): Map<string, string> {
  if (fragments) return fragments;
  fragments = new Map();
  const folder = new URL("fragments/", graphqlDirectory());
  for (const file of readdirSync(folder)
    .filter((f) => f.endsWith(".graphql"))
    .sort()) {
    const text = readFileSync(new URL(file, folder), "utf8");
    for (const match of text.matchAll(/\bfragment\s+([A-Za-z_]\w*)\s+on\b/g)) fragments.set(match[1] as string, text);
  }
  return fragments;
}

/** Names of the fragments a text spreads (`...Name`, not inline `... on Type`). */
export function spreadFragments(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(/\.\.\.\s*([A-Za-z_]\w*)/g)) if (match[1] !== "on") names.add(match[1] as string);
  return [...names];
}

/** The operation's text with every fragment it uses, transitively, appended once. */
export function composeDocument(operation: string, lookup: (name: string) => string | undefined): string {
  const parts = [operation];
  const included = new Set<string>();
  const pending = spreadFragments(operation);
  while (pending.length > 0) {
    const name = pending.shift() as string;
    const text = lookup(name);
    if (text === undefined) throw new Error(`GraphQL fragment ${name} is not defined in src/graphql/fragments`);
    if (included.has(text)) continue;
    included.add(text);
    parts.push(text);
    pending.push(...spreadFragments(text));
  }
  return parts.join("\n");
}

/** An operation's text with the fragments of src/graphql/fragments it spreads. */
function withFragments(operation: string): string {
  return composeDocument(operation, (fragment) => fragmentTexts().get(fragment));
}

// Every document is composed once, whether read from a file or built at run time.
const cache = new Map<string, string>();
function composedOnce(key: string, operation: () => string): string {
  let text = cache.get(key);
  if (text === undefined) {
    text = withFragments(operation());
    cache.set(key, text);
  }
  return text;
}

/** The full document to send for `name`. */
export function documentFor(name: OperationName): string {
  return composedOnce(name, () => readFileSync(new URL(`${name}.graphql`, graphqlDirectory()), "utf8"));
}

/**
 * A batch read built at run time, one alias per item:
 * `query <operation>(<variables>) { <selection> ...RateLimitFields }` with
 * the fragments it spreads, built once per operation and `shape` (what sets
 * its aliases, e.g. how many items) and kept. Each query reports its cost
 * through the same fragment as the `.graphql` files do.
 */
export function batchDocument(operation: string, shape: string, build: () => { variables: readonly string[]; selection: string }): string {
  return composedOnce(`${operation}(${shape})`, () => {
    const { variables, selection } = build();
    return `query ${operation}(${variables.join(", ")}) {\n${selection}  ...RateLimitFields\n}\n`;
  });
}

/** `[0, 1, …, count - 1]`: the indexes of a batch's aliases and variables. */
export const indexes = (count: number): number[] => Array.from({ length: count }, (_, i) => i);
