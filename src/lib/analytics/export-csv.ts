/**
 * CSV for Excel and WPS: UTF-8 with a byte-order mark (so Excel reads Chinese correctly), CRLF line
 * ends, RFC 4180 quoting, and formula-injection escaping — a TEXT cell starting with = + - @, a tab or
 * a line break gets a leading apostrophe, so a spreadsheet shows it instead of running it. Numbers
 * stay numbers (a negative amount is a number, not a formula). Pure: no DOM.
 */
import { fenToYuanString, type Fen } from '../domain/money';

/** A number written exactly as given (e.g. "19.90"), never escaped. */
export interface CsvNumber {
  num: string;
}

export type CsvCell = string | number | null | undefined | CsvNumber;

export const CSV_BOM = '\uFEFF';
export const CSV_EOL = '\r\n';

/** An amount in fen as yuan with two decimals: 1990 → 19.90. */
export function csvMoney(fen: Fen): CsvNumber {
  return { num: fenToYuanString(fen) };
}

/** Basis points as a percentage with two decimals: 1234 → 12.34. */
export function csvPercent(bp: number): CsvNumber {
  return { num: fenToYuanString(bp) };
}

export function csvCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'object') return /^-?\d+(\.\d+)?$/.test(cell.num) ? cell.num : csvCell(cell.num);
  const text = /^[=+\-@\t\r\n]/.test(cell) ? `'${cell}` : cell;
  return quote(text);
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line (without its line end). */
export function csvLine(cells: readonly CsvCell[]): string {
  return cells.map(csvCell).join(',');
}

/** A whole file: BOM, header, rows, each line ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  let out = CSV_BOM + csvLine(header) + CSV_EOL;
  for (const row of rows) out += csvLine(row) + CSV_EOL;
  return out;
}
