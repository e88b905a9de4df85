import { schema as github } from "@octokit/graphql-schema";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

let cached: GraphQLSchema | undefined;

/** GitHub's public GraphQL schema (from @octokit/graphql-schema), built once. */
export function githubSchema(): GraphQLSchema {
  if (!cached) {
    const json = github.json as { data?: IntrospectionQuery } & Partial<IntrospectionQuery>;
    // The SDL repeats a field, so build from the introspection result, not the IDL.
    cached = buildClientSchema((json.data ?? json) as IntrospectionQuery);
  }
  return cached;
}
