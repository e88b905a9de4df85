/** Minimal ANSI styling for the CLI's own lines; reports style themselves. */
const wrap = (open: number, close: number, on: boolean) => (text: string) => (on ? `\u001b[${open}m${text}\u001b[${close}m` : text);

export function paint(color: boolean) {
  return {
    bold: wrap(1, 22, color),
    dim: wrap(2, 22, color),
    red: wrap(31, 39, color),
    green: wrap(32, 39, color),
    yellow: wrap(33, 39, color),
  };
}
