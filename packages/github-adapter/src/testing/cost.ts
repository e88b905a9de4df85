import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode, type ValueNode } from "graphql";

type Variables = Record<string, unknown>;

function valueOf(node: ValueNode, variables: Variables): unknown {
  if (node.kind === Kind.VARIABLE) return variables[node.name.value];
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.BOOLEAN) return node.value;
  return undefined;
}

function included(
  directives: readonly { name: { value: string }; arguments?: readonly { name: { value: string }; value: ValueNode }[] }[] | undefined,
  variables: Variables,
): boolean {
  for (const d of directives ?? []) {
    const condition = d.arguments?.find((a) => a.name.value === "if");
    const value = condition ? valueOf(condition.value, variables) : undefined;
    if (d.name.value === "include" && value === false) return false;
    if (d.name.value === "skip" && value === true) return false;
  }
  return true;
}

/**
 * GitHub's query cost: each connection counts once per parent it is fetched
 * for (the product of the `first`/`last` above it); the sum over 100,
 * rounded, at least 1.
 */
export function queryCost(document: DocumentNode, variables: Variables): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  let requests = 0;
  const walk = (set: SelectionSetNode | undefined, multiplier: number, depth: number) => {
    if (!set || depth > 30) return;
    for (const selection of set.selections) {
      if (!included(selection.directives, variables)) continue;
      if (selection.kind === Kind.FRAGMENT_SPREAD) walk(fragments.get(selection.name.value)?.selectionSet, multiplier, depth + 1);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet, multiplier, depth + 1);
      else {
        const size = selection.arguments
          ?.map((a) => (a.name.value === "first" || a.name.value === "last" ? valueOf(a.value, variables) : undefined))
          .find((v) => typeof v === "number");
        if (typeof size === "number") {
          requests += multiplier;
          walk(selection.selectionSet, multiplier * size, depth + 1);
        } else walk(selection.selectionSet, multiplier, depth + 1);
      }
    }
  };
  for (const d of document.definitions) if (d.kind === Kind.OPERATION_DEFINITION && d.operation === "query") walk(d.selectionSet, 1, 0);
  return Math.max(1, Math.round(requests / 100));
}

const PULL_REQUEST_CONNECTIONS = new Set(["pullRequests", "associatedPullRequests"]);

function selects(set: SelectionSetNode | undefined, field: string, fragments: Map<string, FragmentDefinitionNode>, depth = 0): boolean {
  if (!set || depth > 30) return false;
  return set.selections.some((s) =>
    s.kind === Kind.FIELD
      ? s.name.value === field || selects(s.selectionSet, field, fragments, depth + 1)
      : s.kind === Kind.INLINE_FRAGMENT
        ? selects(s.selectionSet, field, fragments, depth + 1)
        : selects(fragments.get(s.name.value)?.selectionSet, field, fragments, depth + 1),
  );
}

/**
 * The most PRs one connection of the query asks for together with their
 * changed files: GitHub's 10-second limit is hit at about 50 PRs with files
 * and status rollups (GITHUB-FACTS 10), and the fake answers such a query
 * with a 502, charging it all the same.
 */
export function pullRequestsWithFiles(document: DocumentNode, variables: Variables): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  let most = 0;
  const walk = (set: SelectionSetNode | undefined, depth: number) => {
    if (!set || depth > 30) return;
    for (const selection of set.selections) {
      if (!included(selection.directives, variables)) continue;
      if (selection.kind === Kind.FRAGMENT_SPREAD) walk(fragments.get(selection.name.value)?.selectionSet, depth + 1);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet, depth + 1);
      else {
        if (PULL_REQUEST_CONNECTIONS.has(selection.name.value) && selects(selection.selectionSet, "files", fragments)) {
          const size = selection.arguments
            ?.map((a) => (a.name.value === "first" || a.name.value === "last" ? valueOf(a.value, variables) : undefined))
            .find((v) => typeof v === "number");
          if (typeof size === "number") most = Math.max(most, size);
        }
        walk(selection.selectionSet, depth + 1);
      }
    }
  };
  for (const d of document.definitions) if (d.kind === Kind.OPERATION_DEFINITION) walk(d.selectionSet, 0);
  return most;
}
