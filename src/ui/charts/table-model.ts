/**
 * The data behind a chart: columns with a kind, rows of raw values (money in fen, rates in basis
 * points, dates as 'YYYY-MM-DD'). The same model renders the on-screen table and the CSV, so the two
 * can never disagree.
 */
import { percentCell, yuanCell, type PeopleCell } from '../../lib/io/csv/people';
import { date, i18n, money, number } from '../../lib/i18n/i18n.svelte';

export type ColumnKind = 'text' | 'int' | 'money' | 'pct' | 'date' | 'month' | 'decimal';

export interface Column {
  label: string;
  kind: ColumnKind;
}

export type Cell = string | number | null;

export interface TableModel {
  columns: Column[];
  rows: Cell[][];
}

const percentFormats = new Map<string, Intl.NumberFormat>();

/** Basis points as a percentage in the current language: 1234 → "12.3%". */
export function percent(bp: number): string {
  const locale = i18n.locale;
  let f = percentFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    percentFormats.set(locale, f);
  }
  return f.format(bp / 10000);
}

/** '2026-03' → "2026年3月" / "Mar 2026". */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(i18n.locale, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    Date.UTC(y ?? 1970, (m ?? 1) - 1, 1),
  );
}

/** '2026-03-02' → "3/2" / "Mar 2": short labels for chart axes. */
export function shortDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  // "10/24" in Chinese (shorter than 10月24日 on a crowded axis), "Oct 24" in English.
  const month = i18n.locale === 'zh-CN' ? 'numeric' : 'short';
  return new Intl.DateTimeFormat(i18n.locale, { month, day: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1),
  );
}

export function display(kind: ColumnKind, value: Cell): string {
  if (value === null || value === '') return '—';
  if (typeof value === 'string') {
    if (kind === 'date') return date(value);
    if (kind === 'month') return monthLabel(value);
    return value;
  }
  switch (kind) {
    case 'money':
      return money(value);
    case 'pct':
      return percent(value);
    case 'decimal':
      return new Intl.NumberFormat(i18n.locale, { maximumFractionDigits: 1 }).format(value);
    default:
      return number(value);
  }
}

export function isNumeric(kind: ColumnKind): boolean {
  return kind === 'int' || kind === 'money' || kind === 'pct' || kind === 'decimal';
}

/** A cell as the CSV holds it: yuan with 2 decimals, percentages as numbers, dates as ISO text. */
export function csvValue(kind: ColumnKind, value: Cell): PeopleCell {
  if (value === null) return null;
  if (typeof value === 'number') {
    if (kind === 'money') return yuanCell(value);
    if (kind === 'pct') return percentCell(value);
    return value;
  }
  return value;
}

/** CSV header: percentage columns say so, since their cells are plain numbers. */
export function csvHeader(columns: readonly Column[]): string[] {
  return columns.map((c) => (c.kind === 'pct' ? `${c.label} (%)` : c.label));
}
