import { access, readFile, readdir, stat, writeFile } from "node:fs/promises";

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
  /** Standard input, read to its end (an input named `-`). */
  readStdin(): Promise<string>;
  /** Writes a file; never creates missing directories. */
  writeFile(path: string, text: string): Promise<void>;
  /** Entries of a directory, sorted, or undefined when `path` is not a directory. */
  readDir(path: string): Promise<string[] | undefined>;
  /** Whether anything (file, directory, link) exists at `path`. */
  exists(path: string): Promise<boolean>;
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

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Bytes as text, strictly: invalid UTF-8 is an error saying where, not a silent U+FFFD. */
async function strictText(bytes: Uint8Array): Promise<string> {
  const { decodeUtf8 } = await import("@shiplane/policy");
  const decoded = decodeUtf8(bytes);
  if (decoded.ok) return decoded.text;
  throw Object.assign(new Error(decoded.message), { code: "ERR_INVALID_UTF8" });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return strictText(Buffer.concat(chunks));
}

/**
 * A write to a stream whose reader went away (`shiplane … | head -1`: EPIPE)
 * or that fails otherwise ends that stream's output quietly, with no stack
 * trace; the command still finishes and exits with its own code.
 */
function quietWriter(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on("error", () => {
    closed = true;
  });
  return (text) => {
    if (!closed && !stream.destroyed) stream.write(text);
  };
}

let processWriters: { stdout: (text: string) => void; stderr: (text: string) => void } | undefined;

/** An io on the real file system; `overrides` replace parts (streams, env, clock) for tests and embedding. */
export function createIo(overrides: Partial<Io> = {}): Io {
  const writers =
    overrides.stdout && overrides.stderr
      ? undefined
      : (processWriters ??= {
          stdout: quietWriter(process.stdout),
          stderr: quietWriter(process.stderr),
        });
  return {
    stdout: (text) => writers?.stdout(text),
    stderr: (text) => writers?.stderr(text),
    env: process.env,
    cwd: process.cwd(),
    isTTY: process.stdout.isTTY === true,
    isStderrTTY: process.stderr.isTTY === true,
    readFile: async (path) => strictText(await readFile(path)),
    readStdin,
    writeFile: (path, text) => writeFile(path, text, "utf8"),
    readDir: listDir,
    exists,
    now: () => new Date(),
    ...overrides,
  };
}
