import { childPointer } from "@shiplane/policy";
import type { EventRepository } from "./types.js";

/** Thrown inside the mapping only; `subjectsForEvent` turns it into an `invalid` result. */
export class PayloadError extends Error {
  readonly pointer: string;
  constructor(pointer: string, message: string) {
    super(message);
    this.name = "PayloadError";
    this.pointer = pointer;
  }
}

const describe = (value: unknown) =>
  value === null
    ? "null"
    : Array.isArray(value)
      ? "an array"
      : typeof value === "string"
        ? `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`
        : typeof value;

/** A cursor into untrusted JSON that knows its JSON pointer, so every complaint says where. */
export class Field {
  readonly value: unknown;
  readonly pointer: string;
  constructor(value: unknown, pointer = "") {
    this.value = value;
    this.pointer = pointer;
  }

  private fail(expected: string): never {
    throw new PayloadError(this.pointer || "/", `expected ${expected}, got ${describe(this.value)}`);
  }

  /** A member of an object (absent members read as undefined). */
  get(key: string): Field {
    const record = this.object();
    return new Field(Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined, childPointer(this.pointer, key));
  }

  has(key: string): boolean {
    const value = this.get(key).value;
    return value !== undefined && value !== null;
  }

  object(): Record<string, unknown> {
    if (typeof this.value !== "object" || this.value === null || Array.isArray(this.value)) this.fail("an object");
    return this.value as Record<string, unknown>;
  }

  items(): Field[] {
    if (!Array.isArray(this.value)) this.fail("an array");
    return (this.value as unknown[]).map((item, i) => new Field(item, `${this.pointer}/${i}`));
  }

  string(pattern?: RegExp, what = "a string"): string {
    if (typeof this.value !== "string" || (pattern !== undefined && !pattern.test(this.value))) this.fail(what);
    return this.value as string;
  }

  optionalString(): string | undefined {
    return this.value === undefined || this.value === null ? undefined : this.string();
  }

  /** An issue or pull request number: a positive integer. */
  number(): number {
    if (typeof this.value !== "number" || !Number.isSafeInteger(this.value) || this.value < 1) this.fail("a positive integer");
    return this.value as number;
  }

  optionalBoolean(): boolean | undefined {
    if (this.value === undefined || this.value === null) return undefined;
    if (typeof this.value !== "boolean") this.fail("true or false");
    return this.value as boolean;
  }
}

const NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;

export const commitSha = (field: Field): string => field.string(SHA, "a commit SHA (40 hexadecimal digits)").toLowerCase();

/** `repository.owner.login` and `repository.name`, as every repository event carries them. */
export function repositoryOf(payload: Field): EventRepository {
  const repository = payload.get("repository");
  return {
    owner: repository.get("owner").get("login").string(NAME, "a GitHub login"),
    name: repository.get("name").string(NAME, "a repository name"),
  };
}

/** The payload's `action`, when it has one (status events have none). */
export const actionOf = (payload: Field): string | undefined => payload.get("action").optionalString();
