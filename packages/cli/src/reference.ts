/**
 * A policy reference in markdown, generated from the policy JSON Schema so
 * it cannot drift from it: the README embeds this output, and a test checks
 * the README against it.
 */
type Schema = { [keyword: string]: unknown };

interface Row {
  path: string;
  type: string;
  required: boolean;
  description: string;
}

const isSchema = (value: unknown): value is Schema => value !== null && typeof value === "object" && !Array.isArray(value);
const defName = (ref: string) => ref.replace(/^#\/\$defs\//, "");
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\*/g, "\\*").replace(/\r?\n/g, " ");

function typeOf(schema: Schema): string {
  if (typeof schema.$ref === "string") return `[${defName(schema.$ref)}](#${defName(schema.$ref).toLowerCase()})`;
  if ("const" in schema) return `\`${JSON.stringify(schema.const)}\``;
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => `\`${String(v)}\``).join(" \\| ");
  if (Array.isArray(schema.anyOf)) return schema.anyOf.filter(isSchema).map(typeOf).join(" or ");
  if (schema.type === "array" && isSchema(schema.items)) return `list of ${typeOf(schema.items)}`;
  if (schema.type === "object" && isSchema(schema.additionalProperties)) return `map of ${typeOf(schema.additionalProperties)}`;
  return typeof schema.type === "string" ? schema.type : "any";
}

const join = (path: string, key: string) => (path === "" ? key : `${path}.${key}`);

/** Rows for what lies inside `schema` (its properties, its list items, its object alternatives), under `path`. */
function children(schema: Schema, path: string, out: Row[]): void {
  if (typeof schema.$ref === "string") return;
  if (Array.isArray(schema.anyOf)) for (const alternative of schema.anyOf.filter(isSchema)) children(alternative, path, out);
  if (schema.type === "array" && isSchema(schema.items)) children(schema.items, `${path}[]`, out);
  if (!isSchema(schema.properties)) return;
  const required = Array.isArray(schema.required) ? schema.required : [];
  for (const [key, child] of Object.entries(schema.properties)) {
    if (!isSchema(child)) continue;
    out.push({
      path: join(path, key),
      type: typeOf(child),
      required: required.includes(key),
      description: typeof child.description === "string" ? child.description : "",
    });
    children(child, join(path, key), out);
  }
}

function table(schema: Schema): string[] {
  const out: Row[] = [];
  children(schema, "", out);
  return [
    "| key | type | required | description |",
    "|---|---|---|---|",
    ...out.map((r) => `| \`${r.path}\` | ${r.type} | ${r.required ? "yes" : ""} | ${cell(r.description)} |`),
  ];
}

export function policyReference(schema: Schema): string {
  const lines = ["#### Policy file", "", typeof schema.description === "string" ? schema.description : "", "", ...table(schema)];
  const defs = isSchema(schema.$defs) ? schema.$defs : {};
  for (const [name, def] of Object.entries(defs)) {
    if (!isSchema(def)) continue;
    lines.push("", `#### ${name}`, "", typeof def.description === "string" ? def.description : "", "", ...table(def));
  }
  return lines.join("\n") + "\n";
}
