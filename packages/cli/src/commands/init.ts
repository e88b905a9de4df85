import type { Context } from "../context.js";
import { UsageError } from "../errors.js";

export async function init(ctx: Context): Promise<number> {
  throw new UsageError("init is not available yet", ctx.command);
}
