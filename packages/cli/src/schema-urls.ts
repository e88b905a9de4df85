import { VERSION } from "./version.js";

/**
 * Where editors fetch Shiplane's JSON Schemas: the files inside the published
 * npm packages, served by the jsDelivr CDN at a URL that stays valid while the
 * major version does (`@0` is the newest 0.x). A policy copied anywhere keeps
 * resolving its schema; `shiplane schema --write <dir>` puts copies beside it
 * for editors that should not fetch anything.
 */
const MAJOR = VERSION.split(".")[0] ?? "0";
const cdn = (pkg: string, name: string) => `https://cdn.jsdelivr.net/npm/${pkg}@${MAJOR}/schema/${name}.schema.json`;

/** The schema of policy files (in @shiplane/policy). */
export const POLICY_SCHEMA_URL = cdn("@shiplane/policy", "policy");
/** The schema of policy test files (in @shiplane/cli). */
export const POLICY_TEST_SCHEMA_URL = cdn("@shiplane/cli", "policy-test");

/** The first line of a policy file (and of `shiplane init`'s output): the YAML language server's schema binding. */
export const POLICY_MODELINE = `# yaml-language-server: $schema=${POLICY_SCHEMA_URL}`;
/** The first line of a policy test file. */
export const POLICY_TEST_MODELINE = `# yaml-language-server: $schema=${POLICY_TEST_SCHEMA_URL}`;
