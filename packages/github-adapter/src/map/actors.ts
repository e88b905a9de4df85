import type { Actor } from "@shiplane/policy";
import type { WireActor } from "../wire.js";

/** A deleted account shows as null in GraphQL and as "ghost" on github.com. */
export const GHOST = "ghost";

/**
 * GraphQL gives an app's login without the "[bot]" suffix that REST,
 * webhooks and the policy roster use; put it back so logins compare equal.
 */
export function loginOf(actor: WireActor | null | undefined): string {
  if (!actor) return GHOST;
  if (actor.__typename === "Bot" && !actor.login.endsWith("[bot]")) return `${actor.login}[bot]`;
  return actor.login;
}

/** GitHub only tells bots apart; the policy roster decides agent vs human. */
export function actorOf(actor: WireActor | null | undefined): Actor {
  return { login: loginOf(actor), kind: actor?.__typename === "Bot" ? "bot" : "human" };
}
