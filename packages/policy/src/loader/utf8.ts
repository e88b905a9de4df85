/**
 * Strict UTF-8 decoding. Reading a file as "utf8" replaces every invalid byte
 * with U+FFFD without a word, so a policy or snapshot could mean something
 * else than its bytes say; here an invalid byte is a located error instead.
 */

export type DecodedText = { ok: true; text: string } | { ok: false; offset: number; line: number; column: number; message: string };

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The text of `bytes`, or where (byte offset, 1-based line and column) the first invalid sequence starts and why. */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  try {
    return { ok: true, text: strict.decode(bytes) };
  } catch {
    const { offset, why } = firstInvalid(bytes);
    const { line, column } = position(bytes, offset);
    const byte = `0x${(bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, "0")}`;
    return { ok: false, offset, line, column, message: `not valid UTF-8: byte ${byte} at line ${line}, column ${column} ${why}` };
  }
}

/** The first byte that does not begin a well-formed sequence (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF). */
function firstInvalid(bytes: Uint8Array): { offset: number; why: string } {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0)
      return { offset: i, why: b >= 0x80 && b <= 0xbf ? "continues a character that never started" : "never starts a character" };
    // The second byte's range rules out overlong forms, surrogates and code points past U+10FFFF.
    const [low, high] =
      b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
      if (next === undefined || next < min || next > max) return { offset: i, why: "starts a character that is cut short or not allowed" };
    }
    i += length;
  }
  return { offset: bytes.length, why: "ends the text in the middle of a character" };
}

/** Line and column (1-based, columns in characters of the valid text before) of a byte offset. */
function position(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line += 1;
      start = i + 1;
    }
  }
  const column = strict.decode(bytes.subarray(start, offset)).length + 1;
  return { line, column };
}
