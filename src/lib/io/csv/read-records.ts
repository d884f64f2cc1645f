/**
 * Reading CSV bytes as records, a chunk at a time, so a 50 MB file is never one giant string or one
 * giant array. Chunks are cut at a line break outside quotes: in UTF-8 and in GBK/GB18030 the bytes of
 * '"' and '\n' never occur inside a multi-byte character, so counting quotes on bytes is exact.
 */
import Papa from 'papaparse';
import type { IssueList } from './issues';

export interface RecordChunk {
  /** Index of the chunk's first record in the file (0 = the header row). */
  first: number;
  records: string[][];
  /** Bytes of the file consumed so far (for progress). */
  bytesDone: number;
}

export interface ReadOptions {
  file: string;
  /** A TextDecoder label: 'utf-8' (default), 'gb18030' … */
  encoding?: string;
  delimiter?: string;
  /** About how many bytes per chunk (default 1 MB). */
  chunkBytes?: number;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** '\r\n' or '\n', from the first line break outside quotes. */
export function detectNewline(bytes: Uint8Array): '\r\n' | '\n' {
  let inQuotes = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === QUOTE) inQuotes = !inQuotes;
    else if (b === LF && !inQuotes) return i > 0 && bytes[i - 1] === CR ? '\r\n' : '\n';
  }
  return '\r\n';
}

export function startsWithUtf8Bom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/**
 * Yields the file's records chunk by chunk. Broken quoting is reported once (with its record number)
 * and ends the reading: what follows an unterminated quote cannot be trusted. Undecodable bytes (not
 * UTF-8 when UTF-8 was expected) are reported the same way.
 */
export function* readRecords(
  bytes: Uint8Array,
  opts: ReadOptions,
  issues: IssueList,
): Generator<RecordChunk> {
  const encoding = opts.encoding ?? 'utf-8';
  const delimiter = opts.delimiter ?? ',';
  const target = opts.chunkBytes ?? 1_000_000;
  const newline = detectNewline(bytes);
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  let pos = encoding === 'utf-8' && startsWithUtf8Bom(bytes) ? 3 : 0;
  let record = 0;
  let inQuotes = false;
  while (pos < bytes.length) {
    let end = bytes.length;
    for (let i = pos; i < bytes.length; i++) {
      const b = bytes[i];
      if (b === QUOTE) inQuotes = !inQuotes;
      else if (b === LF && !inQuotes && i - pos >= target) {
        end = i + 1;
        break;
      }
    }
    let text: string;
    try {
      text = decoder.decode(bytes.subarray(pos, end));
    } catch {
      issues.add({ code: 'undecodable', file: opts.file, row: record === 0 ? null : record, field: null });
      return;
    }
    const parsed = Papa.parse<string[]>(text, { delimiter, newline, quoteChar: '"', skipEmptyLines: false });
    const records = parsed.data;
    if (records.length > 0 && text.endsWith('\n')) {
      const last = records[records.length - 1];
      if (last && last.length === 1 && last[0] === '') records.pop();
    }
    const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
    if (quoteError) {
      const at = record + (quoteError.row ?? 0);
      issues.add({ code: 'brokenQuotes', file: opts.file, row: at === 0 ? null : at, field: null });
      return;
    }
    yield { first: record, records, bytesDone: end };
    record += records.length;
    pos = end;
  }
}
