import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (pkg: string, file = "index.ts") => fileURLToPath(new URL(`./packages/${pkg}/src/${file}`, import.meta.url));

// Tests import workspace packages from source, so no build step is needed to run them.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@shiplane\/policy$/, replacement: src("policy") },
      { find: /^@shiplane\/github-adapter\/testing$/, replacement: src("github-adapter", "testing/index.ts") },
      { find: /^@shiplane\/github-adapter$/, replacement: src("github-adapter") },
      { find: /^@shiplane\/cli$/, replacement: src("cli") },
    ],
  },
  test: {
    // Condition kinds keep their table of cases beside them (packages/policy/src/conditions/<kind>.test.ts).
    include: [
      "packages/*/test/**/*.test.ts",
      "packages/*/src/**/*.test.ts",
      "examples/**/*.test.ts",
      "policies/**/*.test.ts",
      "action/test/**/*.test.ts",
    ],
    testTimeout: 20_000,
  },
});
