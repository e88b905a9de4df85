import { GraphQLError } from "graphql";

export interface PageArgs {
  first?: number | null | undefined;
  last?: number | null | undefined;
  after?: string | null | undefined;
  before?: string | null | undefined;
}

const encode = (index: number) => Buffer.from(`cursor:v2:${index}`).toString("base64");

function decode(cursor: string): number {
  const match = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, "base64").toString("utf8"));
  if (!match) throw typedError("INVALID_CURSOR_ARGUMENTS", `\`${cursor}\` does not appear to be a valid cursor.`);
  return Number(match[1]);
}

/** A GraphQL error as GitHub formats it: a `type` beside the message. */
export function typedError(type: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { type } });
}

/**
 * A GitHub-style connection over `items`: cursor pagination with GitHub's
 * rules (first or last required, at most 100).
 */
export function connection<T>(items: readonly T[], args: PageArgs, name = "connection") {
  const { first, last, after, before } = args;
  if (first == null && last == null)
    throw typedError(
      "MISSING_PAGINATION_BOUNDARIES",
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`,
    );
  for (const [key, value] of [
    ["first", first],
    ["last", last],
  ] as const) {
    if (value != null && value > 100)
      throw typedError(
        "EXCESSIVE_PAGINATION",
        `Requesting ${value} records on the \`${name}\` connection exceeds the \`${key}\` limit of 100 records.`,
      );
  }
  let start = after ? decode(after) + 1 : 0;
  let end = before ? decode(before) : items.length;
  if (first != null) end = Math.min(end, start + first);
  if (last != null) start = Math.max(start, end - last);
  const slice = items.slice(start, end);
  return {
    totalCount: items.length,
    nodes: slice,
    edges: slice.map((node, i) => ({ cursor: encode(start + i), node })),
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: slice.length > 0 ? encode(start) : null,
      endCursor: slice.length > 0 ? encode(end - 1) : null,
    },
  };
}
