import type { FakeState, FakeToken, FakeUser } from "./state.js";

/** Per-request context of the fake's resolvers. */
export interface FakeContext {
  state: FakeState;
  viewer: FakeUser;
  scopes: string[];
  token: FakeToken;
}

export type Args = Record<string, unknown>;

/** A value in the result tree: plain data, or a resolver taking the field's arguments. */
export type View = Record<string, unknown>;

export const argString = (args: Args, key: string): string | undefined =>
  typeof args[key] === "string" ? (args[key] as string) : undefined;
export const argNumber = (args: Args, key: string): number | undefined =>
  typeof args[key] === "number" ? (args[key] as number) : undefined;
export const argStrings = (args: Args, key: string): string[] | undefined =>
  Array.isArray(args[key]) ? (args[key] as unknown[]).filter((v): v is string => typeof v === "string") : undefined;
export const page = (args: Args) => ({
  first: argNumber(args, "first"),
  last: argNumber(args, "last"),
  after: argString(args, "after"),
  before: argString(args, "before"),
});
