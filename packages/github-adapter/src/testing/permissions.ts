import { typedError } from "./connection.js";
import type { FakeContext } from "./context.js";
import type { FakePermission, FakeToken } from "./state.js";

/** GitHub's answer to an installation token that lacks a permission (GITHUB-FACTS 6). */
export const NOT_ACCESSIBLE = "Resource not accessible by integration";

/** Whether a token may do something that needs every one of `permissions` at `access`; personal tokens are limited by scopes elsewhere. */
export function allowed(token: FakeToken, permissions: readonly FakePermission[], access: "read" | "write"): boolean {
  if (!token.permissions) return true;
  return permissions.every((p) => {
    const granted = token.permissions?.[p];
    return granted === "write" || (access === "read" && granted === "read");
  });
}

/**
 * Throws GitHub's FORBIDDEN error unless the token has one of `alternatives`,
 * each a set of permissions it needs together: merging needs contents and
 * pull-requests write (GITHUB-FACTS 6), a PR's labels either issues or
 * pull-requests write.
 */
export function requirePermission(ctx: FakeContext, ...alternatives: ReadonlyArray<readonly FakePermission[]>): void {
  if (alternatives.some((needed) => allowed(ctx.token, needed, "write"))) return;
  throw typedError("FORBIDDEN", NOT_ACCESSIBLE);
}

/** Whether the token can administer: a personal token of an admin, or an installation token with administration (never GITHUB_TOKEN). */
export function canAdminister(token: FakeToken): boolean {
  return token.permissions ? token.permissions.administration !== undefined : token.admin !== false;
}
