/** Small integer helpers shared by the analyses. */

/** part ÷ whole in basis points (10000 = 100 %), rounded half up; 0 when whole is 0. */
export function ratioBp(part: number, whole: number): number {
  if (whole === 0) return 0;
  return Math.round((part * 10000) / whole);
}

/** Median of integers; the mean of the two middle values (rounded half up) for an even count. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length % 2 === 1) return sorted[mid] ?? null;
  return Math.round(((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2);
}
