#!/usr/bin/env node
// Writes packages/policy/schema/*.json from the schema objects in the built
// @shiplane/policy (src/schema/*.ts is the single source of truth). A test
// fails when the checked-in files drift from the objects, so run this after
// changing a schema: `pnpm run schemas`.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = new URL("../packages/policy/", import.meta.url);
const { policySchema, snapshotSchema, decisionSchema } = await import(new URL("dist/schemas.js", root).href);
const dir = fileURLToPath(new URL("schema/", root));
mkdirSync(dir, { recursive: true });
for (const [name, schema] of Object.entries({ policy: policySchema, snapshot: snapshotSchema, decision: decisionSchema })) {
  const file = `${dir}${name}.schema.json`;
  writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${file}`);
}
