import { EXIT, type ExitCode } from "./exit-codes.js";

/** An error the CLI reports as one clean message (never a stack trace) with its exit code. */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  /** Lines printed after the message (problems, hints). */
  readonly details: readonly string[];
  constructor(message: string, exitCode: ExitCode, details: readonly string[] = []) {
    super(message);
    this.name = "CliError";
    this.exitCode = exitCode;
    this.details = details;
  }
}

export class UsageError extends CliError {
  /** The command whose usage to point at, when known. */
  readonly command: string | undefined;
  constructor(message: string, command?: string, details: readonly string[] = []) {
    super(message, EXIT.usage, details);
    this.name = "UsageError";
    this.command = command;
  }
}

export class InputError extends CliError {
  constructor(message: string, details: readonly string[] = []) {
    super(message, EXIT.input, details);
    this.name = "InputError";
  }
}

export class GitHubFailure extends CliError {
  constructor(message: string, details: readonly string[] = []) {
    super(message, EXIT.github, details);
    this.name = "GitHubFailure";
  }
}
