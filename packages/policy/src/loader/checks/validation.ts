import { parseDuration } from "../../util/duration.js";
import { agentForLogin, isBotLogin, isHuman } from "../../policy/roster.js";
import type { Check } from "./context.js";

/** Milliseconds of an ISO date or time, or NaN unless it names a real calendar day. */
export function parseCalendarTime(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!match) return Number.NaN;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return Number.NaN;
  return Date.parse(text);
}

export const validationChecks: Check[] = [
  {
    name: "check pins name their source",
    // The roster too: a pin naming a human or an agent is warned about.
    reads: ["/validation", "/agents", "/humans"],
    run(ctx) {
      ctx.doc.validation.lanes.forEach((lane, i) =>
        lane.checks.forEach((check, j) => {
          if (typeof check === "string" || check.app === undefined) return;
          const pointer = `/validation/lanes/${i}/checks/${j}`;
          // An app pin takes check runs only, a creator pin commit statuses only (GITHUB-FACTS.md 13): both, and nothing satisfies it.
          if (check.creator !== undefined)
            ctx.report(
              pointer,
              "validation/app-and-creator",
              `check "${check.name}" is pinned to app "${check.app}" and to creator "${check.creator}": an app pin takes only check runs and a creator pin only commit statuses, so nothing can satisfy it; keep the one that names its real source`,
              { severity: "warning" },
            );
          // A check run's app is a slug; `name[bot]` is an account, and accounts create commit statuses (GITHUB-FACTS.md 13).
          const account = isBotLogin(check.app)
            ? "an account's login"
            : isHuman(ctx.doc, check.app)
              ? "a listed human's login (people post commit statuses, never check runs)"
              : undefined;
          if (account)
            ctx.report(
              `${pointer}/app`,
              "validation/app-pin-is-a-login",
              `check "${check.name}" is pinned to app "${check.app}", which is ${account}: an app pin is satisfied only by a check run from that app, never by a commit status its creator posts; pin a status with creator: ${check.app}`,
              { severity: "warning" },
            );
          // An agent's own app reporting the check that validates the agent's work proves nothing about it.
          const agent = account ? undefined : agentForLogin(ctx.doc, check.app);
          if (agent)
            ctx.report(
              `${pointer}/app`,
              "validation/app-pin-is-an-agent",
              `check "${check.name}" is pinned to app "${check.app}", which is agent "${agent.id}" of the roster: that agent can report the check on its own PRs; pin the CI app that runs it`,
              { severity: "warning" },
            );
        }),
      );
    },
  },
  {
    name: "quarantines",
    reads: ["/validation"],
    run(ctx) {
      ctx.doc.validation.lanes.forEach((lane, i) => {
        const pointer = `/validation/lanes/${i}`;
        if (lane.status === "quarantined" && !lane.quarantine) {
          ctx.report(
            pointer,
            "validation/quarantine-missing",
            `validation lane "${lane.id}" is quarantined without a quarantine: give a reason and an until date`,
          );
          return;
        }
        if (!lane.quarantine) return;
        if (lane.status !== "quarantined") {
          ctx.report(
            `${pointer}/quarantine`,
            "validation/quarantine-unused",
            `validation lane "${lane.id}" has a quarantine but its status is "${lane.status}": the quarantine has no effect`,
            { severity: "warning", at: "key" },
          );
          return;
        }
        const until = parseCalendarTime(lane.quarantine.until);
        if (Number.isNaN(until)) {
          ctx.report(`${pointer}/quarantine/until`, "value/date", `"${lane.quarantine.until}" is not a real date`);
        } else if (ctx.now !== undefined && ctx.now >= until) {
          ctx.report(
            `${pointer}/quarantine/until`,
            "validation/quarantine-expired",
            `the quarantine of validation lane "${lane.id}" expired on ${lane.quarantine.until}: fix the lane and make it required again, or remove it, or extend the quarantine with a reason`,
          );
        }
      });
    },
  },
  {
    name: "authoritative lane gates merges",
    reads: ["/validation"],
    run(ctx) {
      const index = ctx.doc.validation.lanes.findIndex((lane) => lane.id === ctx.doc.validation.authoritative);
      const lane = ctx.doc.validation.lanes[index];
      if (lane && lane.status !== "required") {
        ctx.report(
          `/validation/lanes/${index}/status`,
          "validation/authoritative-not-required",
          `validation lane "${lane.id}" is the authoritative one but its status is "${lane.status}": the repo-wide entrypoint should gate merges`,
          { severity: "warning" },
        );
      }
    },
  },
  {
    name: "durations are positive",
    reads: ["/validation", "/control_loop"],
    run(ctx) {
      const durations = [
        { pointer: "/validation/missing_grace", value: ctx.doc.validation.missing_grace },
        { pointer: "/validation/pending_timeout", value: ctx.doc.validation.pending_timeout },
        ...(ctx.doc.control_loop
          ? [{ pointer: "/control_loop/stale_claim/timeout", value: ctx.doc.control_loop.stale_claim.timeout }]
          : []),
      ];
      for (const { pointer, value } of durations) {
        const ms = parseDuration(value);
        if (ms === undefined)
          ctx.report(pointer, "value/duration", `"${value}" is not a duration: expected a number and a unit such as 30m, 4h, 2d or 1w`);
        else if (ms === 0)
          ctx.report(
            pointer,
            "value/duration",
            `"${value}" is zero: a zero ${pointer.endsWith("timeout") ? "timeout" : "grace"} would act at once`,
          );
      }
    },
  },
];
