const HEADING = /^(#{1,6})[ \t]+(.+?)[ \t#]*$/;
const HTML_COMMENT = /<!--[\s\S]*?-->/g;
const MAX_BODY = 65_536;

/**
 * The text under the first markdown heading named `title` (case-insensitive),
 * up to the next heading of the same or a higher level; undefined when absent.
 * HTML comments (PR template hints) do not count as content.
 */
export function markdownSection(body: string, title: string): string | undefined {
  const lines = body.slice(0, MAX_BODY).split(/\r?\n/);
  const wanted = title.trim().toLowerCase();
  let level = 0;
  const content: string[] = [];
  for (const line of lines) {
    const heading = HEADING.exec(line);
    if (level === 0) {
      if (heading && (heading[2] as string).trim().toLowerCase() === wanted) level = (heading[1] as string).length;
      continue;
    }
    if (heading && (heading[1] as string).length <= level) break;
    content.push(line);
  }
  if (level === 0) return undefined;
  return content.join("\n").replace(HTML_COMMENT, "").trim();
}

/** Text is cut to this many characters before user patterns run on it. */
export const MAX_PATTERN_INPUT = MAX_BODY;
