/**
 * Text from snapshots (titles, paths, labels, logins, check names) and
 * policies is untrusted, and reports print it where it can act: in a
 * terminal (ANSI and OSC escape sequences move the cursor, retitle the
 * window, forge hyperlinks), in a GitHub Actions log (a line starting with
 * `::` or containing `##[` is a workflow command), and in a PR comment or
 * job summary (Markdown links, images, HTML, mentions). These two escapes
 * make such text inert and keep it on one line.
 */

// C0 controls, DEL, C1 controls (NEL included), line and paragraph separators,
// and the bidirectional overrides that make text read other than it runs.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const CONTROL_ALL = new RegExp(CONTROL.source, "g");
// The runner looks for `##[` anywhere in a line (actions/runner ActionCommand.TryParse).
const V1_COMMAND = /##\[/g;
// …and for `::` at the start of a line once leading white space is trimmed (ActionCommand.TryParseV2).
const V2_COMMAND = /^(\s*)::/;

/** A control character made visible: ␛ for ESC, ␊ for a line feed, `\u{202E}` for the rest. */
function visible(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return "\u2421";
  return `\\u{${code.toString(16).toUpperCase()}}`;
}

/**
 * One line of inert text for a terminal or a log: controls shown, never
 * obeyed; no workflow command can start (`##[` anywhere, `::` where the text
 * would begin a line: the runner trims leading spaces before it looks).
 */
export function escapeText(text: string): string {
  let shown = CONTROL.test(text) ? text.replace(CONTROL_ALL, visible) : text;
  if (shown.includes("##[")) shown = shown.replace(V1_COMMAND, "##\\[");
  return V2_COMMAND.test(shown) ? shown.replace(V2_COMMAND, "$1\\::") : shown;
}

// Markdown punctuation that builds links and images (`[`, `]`: without them
// no `(url)` or `!` means anything), code spans, escapes and table cells;
// HTML's three; `@` so nobody is mentioned. Emphasis stays: it only looks.
const MARKDOWN = /[\\`[\]|&<>@]/;
const MARKDOWN_ALL = new RegExp(MARKDOWN.source, "g");
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "@": "&#64;" };

/**
 * Inert Markdown for one table cell or line: link, code and cell characters
 * backslash-escaped (GitHub Markdown escapes any ASCII punctuation), HTML and
 * mentions as entities, controls made visible, line breaks folded away.
 */
export function escapeMarkdown(text: string): string {
  const oneLine = CONTROL.test(text) ? text.replace(/\r?\n/g, " ").replace(CONTROL_ALL, visible) : text;
  return MARKDOWN.test(oneLine) ? oneLine.replace(MARKDOWN_ALL, (ch) => ENTITIES[ch] ?? `\\${ch}`) : oneLine;
}
