// Records of the `backup-export` and `restore` scenarios (bench/backup-bench.ts gives the raw figures).

/** @param {string} size @param {Record<string, number>} s @param {(x: number, d?: number) => number} round */
export function backupRecords(size, s, round) {
  const perSec = (rows, ms) => (ms > 0 ? Math.round(rows / (ms / 1000)) : null);
  const rowsPerSec = perSec(s.rows, s.restoreMs);
  const baselineRowsPerSec = perSec(s.rows, s.baselineMs);
  const one = (ms) => ({ n: 1, p50: round(ms), p95: round(ms), max: round(ms) });
  return [
    {
      name: 'backup-export',
      size,
      ...one(s.backupMs),
      unit: 'ms',
      rows: s.rows,
      rowsPerSec: perSec(s.rows, s.backupMs),
      zipMB: round(s.zipBytes / 1e6, 1),
      csvMB: round(s.csvBytes / 1e6, 1),
      mainThreadMaxTaskMs: round(s.mainThreadMaxTaskMs),
    },
    {
      name: 'restore',
      size,
      ...one(s.restoreMs),
      unit: 'ms',
      rows: s.rows,
      rowsPerSec,
      inspectMs: round(s.inspectMs, 0),
      writeMs: round(s.writeMs, 0),
      verifyMs: round(s.verifyMs, 0),
      writeRowsPerSec: perSec(s.rows, s.writeMs),
      baseline: round(s.baselineMs, 0),
      baselineParseMs: round(s.baselineParseMs, 0),
      baselineWriteMs: round(s.baselineWriteMs, 0),
      baselineWrittenRows: s.baselineWrittenRows,
      baselineRowsPerSec,
      ratio: rowsPerSec && baselineRowsPerSec ? round(rowsPerSec / baselineRowsPerSec) : null,
      writeRatio: s.writeMs > 0 ? round(s.baselineMs / s.writeMs) : null,
      mainThreadMaxTaskMs: round(s.mainThreadMaxTaskMs),
      longTasks: s.longTasks,
    },
    {
      name: 'merge-compare',
      size,
      ...one(s.mergeInspectMs + s.mergeCompareMs),
      unit: 'ms',
      rows: s.rows,
      inspectMs: round(s.mergeInspectMs, 0),
      compareMs: round(s.mergeCompareMs, 0),
      compareRowsPerSec: perSec(s.rows, s.mergeCompareMs),
    },
  ];
}

/** The table's notes column. */
export function backupNote(r, fmt) {
  if (r.name === 'merge-compare')
    return `the shop's own backup merged back (nothing to write): check ${fmt(r.inspectMs / 1000)} s + compare ${fmt(r.compareMs / 1000)} s (${fmt(r.compareRowsPerSec)} rows/s)`;
  if (r.name === 'backup-export')
    return `${fmt(r.rows)} rows → ${fmt(r.zipMB)} MB zip (${fmt(r.csvMB)} MB CSV), ${fmt(r.rowsPerSec)} rows/s; page's longest task ${fmt(r.mainThreadMaxTaskMs)} ms`;
  return `check ${fmt(r.inspectMs / 1000)} s + write ${fmt(r.writeMs / 1000)} s + verify ${fmt(r.verifyMs / 1000)} s = ${fmt(r.rowsPerSec)} rows/s; raw parse+bulkAdd ${fmt(r.baseline / 1000)} s (${fmt(r.baselineRowsPerSec)} rows/s) → ${fmt(r.ratio)}× raw (write alone ${fmt(r.writeRatio)}×); page's longest task ${fmt(r.mainThreadMaxTaskMs)} ms`;
}
