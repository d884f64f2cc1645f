/**
 * What a CSV file from another system is written in: Excel and WPS on Chinese Windows save "CSV" as
 * GBK (GB18030 is its superset, and what TextDecoder should be asked for), "CSV UTF-8" with a BOM,
 * others plain UTF-8; the separator may be ',', ';' or a tab.
 */

export type TextEncodingLabel = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';
export const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** UTF-8 when it decodes as UTF-8 (with or without BOM); else GB18030 (GBK and GB2312 are subsets). */
export function detectEncoding(bytes: Uint8Array): TextEncodingLabel {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  try {
    // A prefix is enough (a 50 MB file need not be decoded twice); `stream` keeps a character cut at
    // the end of the prefix from counting as an error.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 1 << 20), {
      stream: bytes.length > 1 << 20,
    });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/** The separator used most outside quotes on the first line (',' when none is used). */
export function detectDelimiter(firstLine: string): Delimiter {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  for (const ch of firstLine) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && counts.has(ch as Delimiter))
      counts.set(ch as Delimiter, (counts.get(ch as Delimiter) ?? 0) + 1);
  }
  let best: Delimiter = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

/** The first line of the text (up to the first line break outside quotes). */
export function firstLineOf(text: string): string {
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if ((ch === '\n' || ch === '\r') && !inQuotes) return text.slice(0, i);
  }
  return text;
}
