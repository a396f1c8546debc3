/** count, nearest-rank percentiles and max of a set of durations (seconds). */
export interface DurationSummary {
  readonly count: number;
  readonly p50: number;
  readonly p90: number;
  readonly p95: number;
  readonly max: number;
}

/**
 * Nearest-rank percentile of ascending `sorted` values: the value at rank ⌈p/100 · n⌉
 * (so p50 of [1,2,3,4] is 2, p90 of ten values is the ninth). 0 for an empty list.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? 0;
}

export function summarise(durations: readonly number[]): DurationSummary {
  const sorted = [...durations].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p95: percentile(sorted, 95),
    max: sorted[sorted.length - 1] ?? 0,
  };
}

/** Groups labelled durations and summarises each group, groups in the order first seen. */
export function summariseGroups(
  samples: readonly { readonly group: string; readonly seconds: number }[],
): (DurationSummary & { readonly group: string })[] {
  const groups = new Map<string, number[]>();
  for (const sample of samples) {
    const list = groups.get(sample.group) ?? [];
    list.push(sample.seconds);
    groups.set(sample.group, list);
  }
  return [...groups.entries()].map(([group, seconds]) => ({ group, ...summarise(seconds) }));
}
