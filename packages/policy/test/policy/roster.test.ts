import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isBotLogin } from "@shiplane/policy";
import { isHuman } from "../../src/policy/roster.js";
import { defaultDocument, HUMAN } from "../helpers/pr.js";

/** The login with each letter's case flipped where `flips` says so. */
const recase = (login: string, flips: readonly boolean[]) =>
  [...login].map((c, i) => (flips[i % flips.length] ? (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) : c)).join("");

describe("bot logins: one rule, case-insensitive as GitHub's logins are", () => {
  it.each([
    { login: "renovate[bot]", bot: true },
    { login: "Renovate[bot]", bot: true },
    { login: "Foo[Bot]", bot: true },
    { login: "FOO[BOT]", bot: true },
    { login: "foo-bot", bot: false },
    { login: "[bot]-fan", bot: false },
    { login: HUMAN, bot: false },
  ])("$login: a bot is $bot; a bot is never a human, even when the roster lists it", ({ login, bot }) => {
    expect(isBotLogin(login)).toBe(bot);
    const listed = { ...defaultDocument(), humans: { logins: [login, HUMAN], teams: [] } };
    expect(isHuman(listed, login)).toBe(!bot);
  });

  it("no change of case makes a bot a person or a person a bot", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9-]{1,20}(\[[bB][oO][tT]\])?$/),
        fc.array(fc.boolean(), { minLength: 1 }),
        (login, flips) => {
          expect(isBotLogin(recase(login, flips))).toBe(isBotLogin(login));
        },
      ),
    );
  });
});
