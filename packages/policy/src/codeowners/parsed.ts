import { parseCodeOwners, type CodeOwners } from "./parse.js";

// Every PR of a repository shares its base branch's CODEOWNERS: the same text parses once, however many PRs are judged or fetched.
const parsed = new Map<string, CodeOwners>();

/**
 * `parseCodeOwners(text, source)`, kept for the next call with the same
 * text and source (a few files at a time): the result is shared, so treat
 * it as read-only. The text is data, so the package stays pure.
 */
export function parsedCodeOwners(text: string, source = "CODEOWNERS"): CodeOwners {
  const key = `${source}\0${text}`;
  let file = parsed.get(key);
  if (!file) {
    if (parsed.size > 32) parsed.clear();
    parsed.set(key, (file = parseCodeOwners(text, source)));
  }
  return file;
}
