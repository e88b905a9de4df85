#!/usr/bin/env node
// Writes, from the schema objects in the built @shiplane/policy
// (src/schema/*.ts is the single source of truth) and @shiplane/cli:
//   packages/policy/schema/*.json           the published JSON Schemas
//   packages/policy/generated/validators.*  the precompiled ajv validators the loader imports
//   packages/cli/schema/*.json              the CLI's: policy test files (src/policy-tests/schema.ts), explain --format json (src/explain-schema.ts)
// Tests fail when the checked-in files drift from the objects, so run this
// after changing a schema (or upgrading ajv): `pnpm run schemas`.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = new URL("../packages/policy/", import.meta.url);
const { publishedSchemas } = await import(new URL("dist/schemas.js", root).href);
const { standaloneValidatorsCode, standaloneValidatorsTypes } = await import(new URL("dist/schema/standalone.js", root).href);

function write(dir, name, text) {
  const path = fileURLToPath(new URL(dir, root));
  mkdirSync(path, { recursive: true });
  writeFileSync(`${path}${name}`, text);
  console.log(`wrote ${path}${name}`);
}

for (const [name, schema] of Object.entries(publishedSchemas)) {
  write("schema/", `${name}.schema.json`, `${JSON.stringify(schema, null, 2)}\n`);
}
write("generated/", "validators.js", standaloneValidatorsCode());
write("generated/", "validators.d.ts", standaloneValidatorsTypes());

const cli = new URL("../packages/cli/", import.meta.url);
const { policyTestSchema } = await import(new URL("dist/policy-tests/schema.js", cli).href);
const { explanationSchema } = await import(new URL("dist/explain-schema.js", cli).href);
mkdirSync(fileURLToPath(new URL("schema/", cli)), { recursive: true });
for (const [name, schema] of Object.entries({ "policy-test": policyTestSchema, explanation: explanationSchema })) {
  writeFileSync(fileURLToPath(new URL(`schema/${name}.schema.json`, cli)), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote packages/cli/schema/${name}.schema.json`);
}
