/**
 * Figures of the click benchmark: samples in milliseconds, their median and 95th percentile, and
 * the ratio of the product's median to its floor's (both measured in the same run, interleaved).
 */

/** One path of the table: the product's samples and the floor's. */
export interface PathResult {
  /** What was measured, as the table names it. */
  path: string;
  /** What the floor is (`executeUpdate`, a bare query…). */
  floor: string;
  product: number[];
  floorSamples: number[];
  /** The issue's goal for the ratio, when it sets one. */
  goal?: number;
  /** Anything the reader needs to read the row right (a cache in front, sizes). */
  note?: string;
}

/** The `q` quantile (0–1) of `xs` (ms), nearest rank; NaN when empty. */
export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** A row's figures: medians, p95s, counts and the ratio of the medians. */
export function summarize(r: PathResult) {
  const median = quantile(r.product, 0.5);
  const floorMedian = quantile(r.floorSamples, 0.5);
  return {
    path: r.path,
    floor: r.floor,
    median: round(median),
    p95: round(quantile(r.product, 0.95)),
    n: r.product.length,
    floorMedian: round(floorMedian),
    floorP95: round(quantile(r.floorSamples, 0.95)),
    floorN: r.floorSamples.length,
    ratio: Math.round((median / floorMedian) * 100) / 100,
    goal: r.goal,
    met: r.goal === undefined ? undefined : median / floorMedian <= r.goal,
    note: r.note,
  };
}

const round = (x: number) => (x >= 100 ? Math.round(x) : Math.round(x * 10) / 10);

/** Times `fn` in milliseconds (wall clock), returning the time and what it returned. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** The table as Markdown, one row per path; `unit` of every figure is ms unless the path says. */
export function markdownTable(rows: ReturnType<typeof summarize>[]): string {
  const lines = [
    '| path | sdp-review median (p95) | n | floor | floor median (p95) | ratio | goal |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    const goal = r.goal === undefined ? '—' : `≤ ${r.goal}× ${r.met ? 'met' : '**not met**'}`;
    lines.push(`| ${r.path}${r.note ? ` (${r.note})` : ''} | ${r.median} (${r.p95}) | ${r.n} | ${r.floor} | ${r.floorMedian} (${r.floorP95}) | ${r.ratio}× | ${goal} |`);
  }
  return lines.join('\n');
}
