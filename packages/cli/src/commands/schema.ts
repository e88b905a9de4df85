import type { SchemaName } from "@shiplane/policy";
import { booleanOption } from "../args.js";
import { emit, type Context } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { UsageError } from "../errors.js";
import { didYouMean } from "../suggest.js";

/** shiplane schema [name]: one JSON Schema, or all of them keyed by name. */
export async function schema(ctx: Context): Promise<number> {
  const { policySchema, publishedSchemas } = await import("@shiplane/policy");
  const names = Object.keys(publishedSchemas);
  const name = ctx.args.positionals[0];
  if (booleanOption(ctx.args, "markdown")) {
    if (name !== "policy")
      throw new UsageError("--markdown prints the policy reference: use `shiplane schema policy --markdown`", ctx.command);
    const { policyReference } = await import("../reference.js");
    await emit(ctx, policyReference(policySchema));
    return EXIT.ok;
  }
  if (name === undefined) {
    await emit(ctx, JSON.stringify(publishedSchemas, null, 2) + "\n");
    return EXIT.ok;
  }
  if (!names.includes(name))
    throw new UsageError(`unknown schema "${name}": one of ${names.join(", ")}${didYouMean(name, names)}`, ctx.command);
  await emit(ctx, JSON.stringify(publishedSchemas[name as SchemaName], null, 2) + "\n");
  return EXIT.ok;
}
