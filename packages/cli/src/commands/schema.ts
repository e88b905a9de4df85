import { join } from "node:path";
import { booleanOption, stringOption } from "../args.js";
import { displayPath, emit, resolvePath, type Context } from "../context.js";
import { InputError, UsageError } from "../errors.js";
import { EXIT } from "../exit-codes.js";
import { didYouMean } from "../suggest.js";

type JsonSchema = { [keyword: string]: unknown };

/** Every published schema by name: the library's (inputs and --json outputs), the CLI's policy test files and explanations. */
export async function cliSchemas(): Promise<Record<string, JsonSchema>> {
  const { publishedSchemas } = await import("@shiplane/policy");
  const { policyTestSchema } = await import("../policy-tests/schema.js");
  const { explanationSchema } = await import("../explain-schema.js");
  return { ...publishedSchemas, "policy-test": policyTestSchema, explanation: explanationSchema };
}

/** The editor line that binds a YAML file to a schema written beside it. */
const modeline = (name: string) => `# yaml-language-server: $schema=./${name}.schema.json`;

/** shiplane schema --write <dir>: every schema as <name>.schema.json into an existing directory, for editors that work offline. */
async function writeSchemas(ctx: Context, dir: string, schemas: Record<string, JsonSchema>, only: string | undefined): Promise<number> {
  if ((await ctx.io.readDir(resolvePath(ctx, dir))) === undefined)
    throw new InputError(
      `cannot write schemas to ${displayPath(ctx, dir)}: not an existing directory (shiplane does not create directories)`,
    );
  const names = only === undefined ? Object.keys(schemas) : [only];
  for (const name of names) {
    const path = join(dir, `${name}.schema.json`);
    try {
      await ctx.io.writeFile(resolvePath(ctx, path), JSON.stringify(schemas[name], null, 2) + "\n");
    } catch (error) {
      throw new InputError(`cannot write ${displayPath(ctx, path)}: ${error instanceof Error ? error.message : String(error)}`);
    }
    ctx.io.stderr(`wrote ${displayPath(ctx, path)}\n`);
  }
  ctx.io.stderr(
    `Put the first line below at the top of a policy in ${displayPath(ctx, dir)}, the second at the top of its *.test.yaml:\n  ${modeline("policy")}\n  ${modeline("policy-test")}\n`,
  );
  return EXIT.ok;
}

/** shiplane schema [name]: one JSON Schema, or all of them keyed by name. */
export async function schema(ctx: Context): Promise<number> {
  const schemas = await cliSchemas();
  const names = Object.keys(schemas);
  const name = ctx.args.positionals[0];
  if (name !== undefined && !names.includes(name))
    throw new UsageError(`unknown schema "${name}": one of ${names.join(", ")}${didYouMean(name, names)}`, ctx.command);
  if (booleanOption(ctx.args, "markdown")) {
    if (name !== "policy")
      throw new UsageError("--markdown prints the policy reference: use `shiplane schema policy --markdown`", ctx.command);
    const { policyReference } = await import("../reference.js");
    await emit(ctx, policyReference(schemas.policy as JsonSchema));
    return EXIT.ok;
  }
  const dir = stringOption(ctx.args, "write");
  if (dir !== undefined) return writeSchemas(ctx, dir, schemas, name);
  await emit(ctx, JSON.stringify(name === undefined ? schemas : schemas[name], null, 2) + "\n");
  return EXIT.ok;
}
