/** What a chart shows, independent of chart.js (the component turns it into a chart.js config). */
export type ChartFormat = 'money' | 'int' | 'pct' | 'decimal';
export type Tone = 'brand' | 'muted' | 'ok' | 'danger';

export interface ChartSpec {
  type: 'bar' | 'line';
  /** Bars left to right, or (horizontal) top to bottom. */
  horizontal?: boolean;
  labels: string[];
  /** Values in the format's unit: fen for money, basis points for pct. */
  datasets: { label: string; data: (number | null)[]; tone: Tone; dashed?: boolean }[];
  format: ChartFormat;
}
