/**
 * CSV for people: files that Excel and WPS open correctly on Chinese Windows — UTF-8 with a BOM, CRLF
 * line ends — and that cannot run formulas: a text cell starting with = + - @, tab, CR or LF gets a
 * leading apostrophe (OWASP CSV injection). Numbers stay numbers, negative ones too.
 * Never use this for backups: the apostrophe is not undone on the way back (backups use cells.ts).
 */
import { fenToYuanString, type Fen } from '../../domain/money';
import { BOM, CRLF, csvField } from './csv-text';

/** A number written as given ('-12.30' keeps its two decimals), never escaped. */
export interface NumericText {
  numeric: string;
}

export type PeopleCell = string | number | NumericText | null | undefined;

const FORMULA_START = /^[=+\-@\t\r\n]/;
const NUMERIC = /^-?\d+(?:\.\d+)?$/;

/** Money for a spreadsheet: yuan with two decimals, as a number. */
export function yuanCell(fen: Fen): NumericText {
  return { numeric: fenToYuanString(fen) };
}

/** Basis points as a percentage with two decimals: 1234 → 12.34. */
export function percentCell(bp: number): NumericText {
  return { numeric: fenToYuanString(bp) };
}

export function peopleCell(value: PeopleCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? csvField(String(value)) : '';
  if (typeof value === 'object')
    return NUMERIC.test(value.numeric) ? value.numeric : peopleCell(value.numeric);
  return csvField(FORMULA_START.test(value) ? `'${value}` : value);
}

/** One line, without its line end. */
export function peopleLine(cells: readonly PeopleCell[]): string {
  return cells.map(peopleCell).join(',');
}

export function peopleCsv(header: readonly string[], rows: Iterable<readonly PeopleCell[]>): string {
  const lines = [peopleLine(header)];
  for (const row of rows) lines.push(peopleLine(row));
  return BOM + lines.join(CRLF) + CRLF;
}

export { BOM, CRLF };
