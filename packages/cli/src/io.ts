import { mkdir, readFile, readdir, stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * Everything the CLI touches outside itself. `bin.ts` passes the real
 * process; tests pass a fake, so commands run in-process.
 */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Whether stdout is a terminal: colour only then. */
  isTTY: boolean;
  /** Whether stderr is a terminal: progress only then. */
  isStderrTTY: boolean;
  readFile(path: string): Promise<string>;
  writeFile(path: string, text: string): Promise<void>;
  /** Entries of a directory, sorted, or undefined when `path` is not a directory. */
  readDir(path: string): Promise<string[] | undefined>;
  /** The real clock; tests pin it. */
  now(): Date;
  /** GitHub client tuning (retry back-off, request spacing, timeout); tests against the fake shorten them. */
  github?: { retryDelayUnitMs?: number; minRequestIntervalMs?: number; timeoutMs?: number; retries?: number };
}

async function listDir(path: string): Promise<string[] | undefined> {
  try {
    if (!(await stat(path)).isDirectory()) return undefined;
    return (await readdir(path)).sort();
  } catch {
    return undefined;
  }
}

async function write(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text, "utf8");
}

/** An io on the real file system; `overrides` replace parts (streams, env, clock) for tests and embedding. */
export function createIo(overrides: Partial<Io> = {}): Io {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    isTTY: process.stdout.isTTY === true,
    isStderrTTY: process.stderr.isTTY === true,
    readFile: (path) => readFile(path, "utf8"),
    writeFile: write,
    readDir: listDir,
    now: () => new Date(),
    ...overrides,
  };
}
