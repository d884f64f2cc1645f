/** Rows ⇄ backup CSV records, through the lossless cell codec and the table's column layout. */
import { ABSENT, decodeCell, encodeCell, EncodeError, isJsonSafe } from './cells';
import { CRLF, csvLine } from './csv-text';
import { EXTRA_COLUMN, headerOf, type ColumnSpec, type TableSpec } from './backup-columns';
import type { Issue, IssueList } from './issues';

export type Row = Record<string, unknown>;

/** A row the backup cannot write losslessly (a Date object, NaN inside an array …): named, never dropped. */
export class RowEncodeError extends Error {
  constructor(
    readonly table: string,
    readonly rowKey: string,
    readonly field: string,
  ) {
    super(`${table} ${rowKey}: ${field} cannot be written losslessly`);
    this.name = 'RowEncodeError';
  }
}

export function encodeRow(spec: TableSpec, row: Row): string[] {
  const cells: string[] = [];
  const field = (name: string, fn: () => string): string => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof EncodeError) throw new RowEncodeError(spec.table, String(row[spec.key]), name);
      throw e;
    }
  };
  for (const col of spec.columns) cells.push(field(col.name, () => encodeCell(row[col.name], col.type)));
  let extra: Row | null = null;
  for (const [name, value] of Object.entries(row)) {
    if (value === undefined || spec.columns.some((c) => c.name === name)) continue;
    (extra ??= {})[name] = value;
  }
  cells.push(
    extra === null
      ? ''
      : field(EXTRA_COLUMN, () => {
          if (!isJsonSafe(extra)) throw new EncodeError('notJsonSafe');
          return JSON.stringify(extra);
        }),
  );
  return cells;
}

/** Records (each with its CRLF) for a run of rows; the header when `withHeader`. */
export function rowsToCsv(spec: TableSpec, rows: readonly Row[], withHeader: boolean): string {
  let out = withHeader ? csvLine(headerOf(spec)) + CRLF : '';
  for (const row of rows) out += csvLine(encodeRow(spec, row)) + CRLF;
  return out;
}

export interface RowDecoder {
  /** The header as found (its order may differ from the layout's). */
  header: readonly string[];
  /** Whether the header is exactly the current layout (then a re-export must give the same bytes). */
  canonical: boolean;
  decode(cells: readonly string[], rowNo: number): Row | null;
}

/**
 * Check a table's header and return a decoder for its records, or null (with issues) when the header
 * cannot be read: unknown or repeated columns, or no primary key column. Missing columns are absent fields.
 */
export function rowDecoder(
  spec: TableSpec,
  header: readonly string[],
  file: string,
  issues: IssueList,
): RowDecoder | null {
  const seen = new Set<string>();
  let bad = false;
  for (const name of header) {
    if (seen.has(name)) {
      issues.add({ code: 'duplicateColumn', file, row: null, field: name });
      bad = true;
    }
    seen.add(name);
    if (name !== EXTRA_COLUMN && !spec.columns.some((c) => c.name === name)) {
      issues.add({ code: 'unknownColumn', file, row: null, field: name });
      bad = true;
    }
  }
  if (!seen.has(spec.key)) {
    issues.add({ code: 'keyColumnMissing', file, row: null, field: spec.key });
    bad = true;
  }
  if (bad) return null;

  const layout: { col: ColumnSpec; index: number }[] = [];
  for (const col of spec.columns) {
    const index = header.indexOf(col.name);
    if (index >= 0) layout.push({ col, index });
  }
  const extraIndex = header.indexOf(EXTRA_COLUMN);
  const expected = headerOf(spec);
  const canonical = expected.length === header.length && expected.every((h, i) => header[i] === h);

  return {
    header,
    canonical,
    decode(cells, rowNo) {
      const at = (field: string | null, code: Issue['code'], value?: string, detail?: string) =>
        issues.add({ code, file, row: rowNo, field, value, detail });
      if (cells.length !== header.length) {
        at(null, 'columnCount', undefined, `${cells.length}/${header.length}`);
        return null;
      }
      const row: Row = {};
      let ok = true;
      for (const { col, index } of layout) {
        const cell = cells[index] ?? '';
        const r = decodeCell(cell, col.type);
        if (!r.ok) {
          at(col.name, r.code, cell);
          ok = false;
        } else if (r.value !== ABSENT) row[col.name] = r.value;
      }
      const extraCell = extraIndex >= 0 ? (cells[extraIndex] ?? '') : '';
      if (extraCell !== '') {
        let extra: unknown;
        try {
          extra = JSON.parse(extraCell) as unknown;
        } catch {
          extra = null;
        }
        if (extra === null || typeof extra !== 'object' || Array.isArray(extra)) {
          at(EXTRA_COLUMN, 'badJson', extraCell);
          ok = false;
        } else {
          for (const [name, value] of Object.entries(extra as Row)) {
            if (spec.columns.some((c) => c.name === name)) {
              at(EXTRA_COLUMN, 'badJson', extraCell, name);
              ok = false;
            } else row[name] = value;
          }
        }
      }
      const problem = ok ? spec.check?.(row) : null;
      if (problem) {
        at(problem.field, problem.code, problem.value);
        return null;
      }
      return ok ? row : null;
    },
  };
}
