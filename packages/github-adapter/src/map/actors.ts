import { isBotLogin, type Actor } from "@shiplane/policy";
import type { WireActor } from "../wire.js";

/** A deleted account shows as null in GraphQL and as "ghost" on github.com. */
export const GHOST = "ghost";

/**
 * GraphQL gives an app's login without the "[bot]" suffix that REST,
 * webhooks and the policy roster use; put it back so logins compare equal.
 * A login that already has it, in any case, keeps it as it is: GitHub logins
 * are case-insensitive (GitHub docs, "Username considerations for external
 * authentication"), so `Foo[Bot]` is suffixed already (`isBotLogin`, the one rule).
 */
export function loginOf(actor: WireActor | null | undefined): string {
  if (!actor) return GHOST;
  if (actor.__typename === "Bot" && !isBotLogin(actor.login)) return `${actor.login}[bot]`;
  return actor.login;
}

/** GitHub only tells bots apart; the policy roster decides agent vs human. */
export function actorOf(actor: WireActor | null | undefined): Actor {
  return { login: loginOf(actor), kind: actor?.__typename === "Bot" ? "bot" : "human" };
}
