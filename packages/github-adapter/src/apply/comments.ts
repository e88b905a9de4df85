/** The hidden HTML comment that identifies a sticky comment. */
export const markerTag = (marker: string): string => `<!-- ${marker} -->`;

/** The body to store: it must carry the marker, or the comment could never be found again. */
export function bodyWithMarker(marker: string, body: string): string {
  const tag = markerTag(marker);
  return body.includes(tag) ? body : `${tag}\n${body}`;
}

/** GitHub may store CRLF line ends; a difference only there is no change. */
export const sameBody = (a: string, b: string): boolean => a.replace(/\r\n/g, "\n").trimEnd() === b.replace(/\r\n/g, "\n").trimEnd();
