import type { EventSkip, EventTargets } from "@shiplane/github-adapter";
import { stringOption } from "./args.js";
import { displayPath, type Context } from "./context.js";
import { InputError, UsageError } from "./errors.js";
import { readInput } from "./policy-file.js";
import { parseRepo } from "./repo.js";

/** Where the event comes from: --event, or in GitHub Actions the runner's own event file. */
export interface EventInput {
  path: string;
  name: string;
}

/**
 * --event <payload.json> (with --event-name, else GITHUB_EVENT_NAME); in
 * GitHub Actions, GITHUB_EVENT_PATH when neither --snapshot nor --pr says
 * what to judge. Undefined: not an event run.
 */
export function eventInput(ctx: Context): EventInput | undefined {
  const given = stringOption(ctx.args, "event");
  const givenName = stringOption(ctx.args, "event-name");
  const other =
    stringOption(ctx.args, "snapshot") !== undefined ? "--snapshot" : stringOption(ctx.args, "pr") !== undefined ? "--pr" : undefined;
  const env = ctx.io.env;
  if (given === undefined && givenName === undefined && (other !== undefined || !env.GITHUB_EVENT_PATH)) return undefined;
  if (other !== undefined)
    throw new UsageError(`${given !== undefined ? "--event" : "--event-name"} and ${other} cannot be combined`, ctx.command);
  const path = given ?? env.GITHUB_EVENT_PATH;
  if (!path) throw new UsageError("--event-name needs --event <payload.json> (or GITHUB_EVENT_PATH, as in GitHub Actions)", ctx.command);
  const name = givenName ?? env.GITHUB_EVENT_NAME;
  if (!name)
    throw new UsageError(
      "which event is it? pass --event-name <name> (e.g. pull_request); in GitHub Actions GITHUB_EVENT_NAME says",
      ctx.command,
    );
  return { path, name };
}

/** Read and route the payload: no network, so an event that concerns nothing is skipped without a token. */
export async function routeEvent(ctx: Context, input: EventInput): Promise<EventTargets | EventSkip> {
  const file = displayPath(ctx, input.path);
  const text = await readInput(ctx, input.path, "event payload");
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    throw new InputError(`invalid event payload ${file}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const { subjectsForEvent } = await import("@shiplane/github-adapter");
  const routing = subjectsForEvent(input.name, payload);
  if ("invalid" in routing) throw new InputError(`invalid ${input.name} event payload ${file}`, [routing.invalid]);
  if ("skip" in routing) return routing;
  const repo = stringOption(ctx.args, "repo");
  if (repo !== undefined) {
    const given = parseRepo(ctx, repo, "--repo");
    if (
      given.owner.toLowerCase() !== routing.repository.owner.toLowerCase() ||
      given.name.toLowerCase() !== routing.repository.name.toLowerCase()
    ) {
      throw new UsageError(
        `--repo ${given.owner}/${given.name} does not match the event's repository ${routing.repository.owner}/${routing.repository.name}`,
        ctx.command,
      );
    }
  }
  return routing;
}
