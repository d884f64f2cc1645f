/** Writing RFC 4180 CSV text (reading is papaparse's job, loaded lazily). */

export const CRLF = '\r\n';
export const BOM = '\uFEFF';

/** One field, quoted when it holds the delimiter, a quote, a line break or edge whitespace. */
export function csvField(text: string, delimiter = ','): string {
  if (text === '') return '';
  const needsQuotes =
    text.includes('"') ||
    text.includes(delimiter) ||
    text.includes('\n') ||
    text.includes('\r') ||
    /^\s|\s$/.test(text);
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, without its line break. */
export function csvLine(cells: readonly string[], delimiter = ','): string {
  let out = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) out += delimiter;
    out += csvField(cells[i] ?? '', delimiter);
  }
  return out;
}
