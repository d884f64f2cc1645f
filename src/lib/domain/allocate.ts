import type { Fen } from './money';

/**
 * Share `total` across `weights` in proportion, in whole fen, so that the parts add up to `total`
 * exactly (largest remainder; ties go to the earlier line). Weights of zero get nothing.
 */
export function allocate(total: Fen, weights: readonly number[]): Fen[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (total === 0 || sum <= 0) return weights.map(() => 0);
  const sign = total < 0 ? -1 : 1;
  const abs = Math.abs(total);
  const exact = weights.map((w) => (BigInt(abs) * BigInt(w)));
  const parts = exact.map((e) => Number(e / BigInt(sum)));
  let left = abs - parts.reduce((s, p) => s + p, 0);
  const order = exact
    .map((e, i) => ({ i, rem: Number(e % BigInt(sum)) }))
    .sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    if ((weights[i] ?? 0) > 0) {
      parts[i] = (parts[i] ?? 0) + 1;
      left -= 1;
    }
  }
  return parts.map((p) => sign * p);
}
