import { fileURLToPath } from "node:url";
import { createIo, type Io } from "../../src/io.js";
import { run } from "../../src/run.js";

/** The repository root: tests run the CLI from there, as a user would. */
export const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
export const NOW = "2026-11-23T12:00:00Z";

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
  /** Files written through io.writeFile. */
  written: Map<string, string>;
}

/** Run the CLI in-process with captured streams, a pinned clock and a clean environment. */
export async function cli(argv: string[], overrides: Partial<Io> = {}): Promise<Captured> {
  let stdout = "";
  let stderr = "";
  const written = new Map<string, string>();
  const io = createIo({
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: {},
    cwd: ROOT,
    isTTY: false,
    isStderrTTY: false,
    now: () => new Date(NOW),
    readStdin: async () => "",
    writeFile: async (path, text) => void written.set(path, text),
    ...overrides,
  });
  const code = await run(argv, io);
  return { code, stdout, stderr, written };
}
