import { expect } from "vitest";

/** `name<<DELIMITER\nvalue\nDELIMITER\n`, as the runner reads $GITHUB_OUTPUT. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i += 1) {
    const m = /^([\w-]+)<<(.+)$/.exec(lines[i] as string);
    if (!m) continue;
    const end = lines.indexOf(m[2] as string, i + 1);
    expect(end, `no closing delimiter for ${m[1]}`).toBeGreaterThan(i);
    outputs[m[1] as string] = lines.slice(i + 1, end).join("\n");
    i = end;
  }
  return outputs;
}
