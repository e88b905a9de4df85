import { booleanOption } from "../args.js";
import { emit, type Context } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { UsageError } from "../errors.js";
import { didYouMean } from "../suggest.js";

const NAMES = ["policy", "snapshot", "decision"] as const;

/** shiplane schema [name]: one JSON Schema, or all three keyed by name. */
export async function schema(ctx: Context): Promise<number> {
  const { policySchema, snapshotSchema, decisionSchema } = await import("@shiplane/policy");
  const schemas = { policy: policySchema, snapshot: snapshotSchema, decision: decisionSchema };
  const name = ctx.args.positionals[0];
  if (booleanOption(ctx.args, "markdown")) {
    if (name !== "policy") throw new UsageError("--markdown prints the policy reference: use `shiplane schema policy --markdown`", ctx.command);
    const { policyReference } = await import("../reference.js");
    await emit(ctx, policyReference(policySchema));
    return EXIT.ok;
  }
  if (name === undefined) {
    await emit(ctx, JSON.stringify(schemas, null, 2) + "\n");
    return EXIT.ok;
  }
  if (!(NAMES as readonly string[]).includes(name)) throw new UsageError(`unknown schema "${name}": one of ${NAMES.join(", ")}${didYouMean(name, NAMES)}`, ctx.command);
  await emit(ctx, JSON.stringify(schemas[name as (typeof NAMES)[number]], null, 2) + "\n");
  return EXIT.ok;
}
