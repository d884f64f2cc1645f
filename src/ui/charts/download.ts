import { recordExport } from '../../lib/db/commands/backup';
import { db } from '../../lib/db/instance';
import { BOM, CRLF, peopleLine } from '../../lib/io/csv/people';
import { uiContext } from '../../lib/state/app.svelte';
import { csvHeader, csvValue, type Cell, type Column } from './table-model';

const CHUNK = 2_000;

/**
 * Build a CSV from a table model and hand it to the browser as a download (a Blob URL: nothing leaves
 * the device). Long lists are built in chunks with a yield between them, so the page never freezes.
 * Only the owner may take data out, and each time is on the audit log.
 */
export async function downloadCsv(filename: string, columns: readonly Column[], rows: readonly Cell[][]): Promise<void> {
  await recordExport(db, 'export', filename, uiContext());
  const parts: string[] = [BOM + peopleLine(csvHeader(columns)) + CRLF];
  for (let i = 0; i < rows.length; i += CHUNK) {
    let chunk = '';
    for (const row of rows.slice(i, i + CHUNK))
      chunk += peopleLine(row.map((v, c) => csvValue(columns[c]?.kind ?? 'text', v))) + CRLF;
    parts.push(chunk);
    if (i + CHUNK < rows.length) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const url = URL.createObjectURL(new Blob(parts, { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** 'huiyuanbao-sales-trend-2026-03-01_2026-03-31.csv' (ASCII, safe on every system). */
export function csvName(name: string, range?: { from: string; to: string }): string {
  return `huiyuanbao-${name}${range ? `-${range.from}_${range.to}` : ''}.csv`;
}
