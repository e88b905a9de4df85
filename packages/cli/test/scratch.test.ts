import { writeFileSync } from "node:fs";
import { it } from "vitest";
import { cli } from "./helpers/io.js";
it("gen fixtures", async () => {
  for (const f of ["pr-blocked-max-files", "pr-safe-awaiting-review"]) {
    const r = await cli(["dry-run", "--snapshot", `examples/snapshots/${f}.json`, "--now", "2026-11-23T12:00:00Z", "--markdown"]);
    writeFileSync(`/work/main/packages/cli/test/fixtures/${f}.md`, r.stdout);
  }
});
