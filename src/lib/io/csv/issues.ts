/**
 * A problem found in a file, as data: the UI turns `code` into words (backup.issue.<code>) and names
 * the file, row and field. Rows are 1-based data rows (the header row is not counted).
 */
export type IssueCode =
  // the container
  | 'emptyFile'
  | 'notZip'
  | 'damagedZip'
  | 'notBackup'
  | 'manifestInvalid'
  | 'newerFormat'
  | 'newerSchema'
  | 'olderSchema'
  | 'fileMissing'
  | 'unknownFile'
  | 'checksum'
  | 'rowCount'
  | 'needsPassphrase'
  | 'wrongPassphrase'
  | 'damagedEncrypted'
  // writing
  | 'verifyFailed'
  | 'diskFull'
  | 'mergeStale'
  // CSV structure
  | 'brokenQuotes'
  | 'undecodable'
  | 'columnCount'
  | 'headerMissing'
  | 'unknownColumn'
  | 'duplicateColumn'
  | 'keyColumnMissing'
  // cells
  | 'badEscape'
  | 'notInteger'
  | 'notNumber'
  | 'notBoolean'
  | 'badJson'
  | 'impossibleDate'
  | 'required'
  | 'duplicateKey'
  | 'danglingReference'
  | 'notText';

export interface Issue {
  code: IssueCode;
  /** The file inside the backup (members.csv), or the file chosen (for container problems). */
  file: string | null;
  row: number | null;
  field: string | null;
  /** The offending value, shortened for display. */
  value?: string;
  /** Extra detail for the message: a version, an expected count … */
  detail?: string;
}

export const MAX_ISSUES = 200;

/** Collects issues up to a cap, counting the rest (a 50 MB file of bad rows must not build a 50 MB list). */
export class IssueList {
  readonly items: Issue[] = [];
  total = 0;

  add(issue: Issue): void {
    this.total += 1;
    if (this.items.length < MAX_ISSUES) this.items.push({ ...issue, value: clip(issue.value) });
  }

  get ok(): boolean {
    return this.total === 0;
  }
}

export function clip(value: string | undefined, max = 60): string | undefined {
  if (value === undefined) return undefined;
  const chars = [...value];
  return chars.length > max ? chars.slice(0, max).join('') + '…' : value;
}

/** Thrown for a problem that stops reading at once (not a zip, a wrong passphrase …). */
export class IssueError extends Error {
  constructor(readonly issue: Issue) {
    super(issue.code);
    this.name = 'IssueError';
  }
}
