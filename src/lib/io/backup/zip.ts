/** The .zip container (fflate), with its failures turned into issues. */
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { IssueError } from '../csv/issues';

export function isZip(bytes: Uint8Array): boolean {
  // A local file header; an empty archive (only the end record) is no backup either.
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
  );
}

/** Files in the given order, deflated, every entry dated `mtime` (so the same data gives the same bytes). */
export function packZip(files: [name: string, bytes: Uint8Array][], at: number): Uint8Array<ArrayBuffer> {
  // Zip (DOS) dates cover 1980–2107 only.
  const mtime = Math.min(Math.max(at, Date.UTC(1980, 0, 2)), Date.UTC(2107, 11, 30));
  const zippable: Zippable = {};
  for (const [name, bytes] of files) zippable[name] = [bytes, { level: 6, mtime }];
  return zipSync(zippable, { mtime });
}

export function unpackZip(bytes: Uint8Array, file: string): Map<string, Uint8Array<ArrayBuffer>> {
  if (bytes.length === 0) throw new IssueError({ code: 'emptyFile', file, row: null, field: null });
  if (!isZip(bytes)) throw new IssueError({ code: 'notZip', file, row: null, field: null });
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch {
    throw new IssueError({ code: 'damagedZip', file, row: null, field: null });
  }
  const out = new Map<string, Uint8Array<ArrayBuffer>>();
  for (const [name, data] of Object.entries(entries)) out.set(name, data as Uint8Array<ArrayBuffer>);
  return out;
}
