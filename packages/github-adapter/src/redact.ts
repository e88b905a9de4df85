/** What replaces a secret in any text the adapter emits. */
export const REDACTED = "[REDACTED]";

// Token shapes GitHub issues (classic, fine-grained, app, OAuth), and auth headers.
const TOKEN_SHAPES = [
  /\bgh[pousr]_[A-Za-z0-9_]{20,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g,
  /\b(authorization["']?\s*[:=]?\s*["']?\s*(?:(?:token|bearer|basic)\s+)?)[^\s"',}]+/gi,
];

/** Removes `secrets` and anything shaped like a GitHub token or Authorization value from `text`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join(REDACTED);
  for (const shape of TOKEN_SHAPES)
    out = out.replace(shape, (match, prefix?: string) => (typeof prefix === "string" ? `${prefix}${REDACTED}` : REDACTED));
  return out;
}
