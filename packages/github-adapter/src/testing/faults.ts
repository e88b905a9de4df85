/** Failures the fake can inject, each as GitHub shows it on the wire. */
export type Fault =
  /** HTTP 502. `applied`: the operation ran before the error (a lost response). */
  | { kind: "http-502"; applied?: boolean }
  /** HTTP 403 "You have exceeded a secondary rate limit" with a retry-after header. */
  | { kind: "secondary-rate-limit"; retryAfterSeconds?: number }
  /** The response comes only after `delayMs` (longer than the client's timeout). `applied`: the operation ran. */
  | { kind: "timeout"; delayMs?: number; applied?: boolean }
  /** HTTP 200 with GitHub's transient "Something went wrong while executing your query" error. */
  | { kind: "graphql-error" }
  /** The primary rate limit is exhausted: HTTP 200, RATE_LIMITED error, x-ratelimit-remaining 0. */
  | { kind: "rate-limit" };

export interface FaultRule {
  fault: Fault;
  /** Only requests of this operation (by name); any when absent. */
  operation?: string;
  /** How many matching requests it hits. */
  remaining: number;
}

/** First-in, first-out queue of faults; each matching request consumes one. */
export class FaultQueue {
  private readonly rules: FaultRule[] = [];

  add(fault: Fault, options: { operation?: string; times?: number } = {}): void {
    this.rules.push({ fault, remaining: options.times ?? 1, ...(options.operation ? { operation: options.operation } : {}) });
  }

  take(operation: string): Fault | undefined {
    const rule = this.rules.find((r) => r.remaining > 0 && (r.operation === undefined || r.operation === operation));
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining === 0) this.rules.splice(this.rules.indexOf(rule), 1);
    return rule.fault;
  }

  clear(): void {
    this.rules.length = 0;
  }

  get pending(): number {
    return this.rules.reduce((n, r) => n + r.remaining, 0);
  }
}
