#!/usr/bin/env node
// prepack of the packages that depend on each other: only pnpm may pack them.
// Their manifests name each other as `workspace:*`, which `pnpm pack` and
// `pnpm publish` (and `changeset publish`, which calls it) rewrite to the
// version; `npm pack` would ship `workspace:*` and a tarball npm cannot install.
import { readFileSync } from "node:fs";

const manifest = readFileSync("package.json", "utf8");
const agent = process.env.npm_config_user_agent ?? "";
if (manifest.includes('"workspace:') && !agent.startsWith("pnpm/")) {
  console.error(
    `${JSON.parse(manifest).name}: pack and publish with pnpm (scripts/pnpm.sh pack, or scripts/pnpm.sh publish -r):` +
      " its dependencies on the other @shiplane packages are workspace:*, which only pnpm rewrites to a version.",
  );
  process.exit(1);
}
