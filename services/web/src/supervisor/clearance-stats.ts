import type { Shipment } from '../api/types';

/** One group of durations (the audit service's ClearanceTimeRow, in seconds). */
export interface ClearanceRow {
  readonly group: string;
  readonly count: number;
  readonly p50Seconds: number;
  readonly p90Seconds: number;
  readonly maxSeconds: number;
}

export type GroupBy = 'agency' | 'step' | 'day';

function numberOf(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** Reads `/reports/clearance-times` answers tolerantly (`rows` of the proto JSON mapping). */
export function parseClearanceRows(body: unknown): ClearanceRow[] {
  if (typeof body !== 'object' || body === null) return [];
  const rows = (body as Record<string, unknown>)['rows'];
  if (!Array.isArray(rows)) return [];
  return rows
    .filter((row): row is Record<string, unknown> => typeof row === 'object' && row !== null)
    .map((row) => ({
      group: typeof row['group'] === 'string' ? row['group'] : '',
      count: numberOf(row['count']),
      p50Seconds: numberOf(row['p50Seconds']),
      p90Seconds: numberOf(row['p90Seconds']),
      maxSeconds: numberOf(row['maxSeconds']),
    }));
}

/** Nearest-rank percentile of sorted values (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? 0;
}

function rowOf(group: string, durations: number[]): ClearanceRow {
  const sorted = [...durations].sort((a, b) => a - b);
  return {
    group,
    count: sorted.length,
    p50Seconds: percentile(sorted, 50),
    p90Seconds: percentile(sorted, 90),
    maxSeconds: sorted[sorted.length - 1] ?? 0,
  };
}

function timeOf(at: string | null | undefined): number | undefined {
  if (at === null || at === undefined) return undefined;
  const time = Date.parse(at);
  return Number.isNaN(time) ? undefined : time;
}

/**
 * The same figures from the registry's timelines, while the audit report is not there:
 * per agency arrival → that agency's first decision; per step arrival → cleared → called →
 * departed; per day (UTC day of arrival) arrival → departed.
 */
export function clearanceRowsFromTimelines(
  shipments: readonly Shipment[],
  groupBy: GroupBy,
): ClearanceRow[] {
  const groups = new Map<string, number[]>();
  const add = (group: string, from: number | undefined, to: number | undefined): void => {
    if (from === undefined || to === undefined || to < from) return;
    const list = groups.get(group) ?? [];
    list.push((to - from) / 1000);
    groups.set(group, list);
  };
  for (const shipment of shipments) {
    const first = (step: string): number | undefined =>
      timeOf(shipment.timeline.find((entry) => entry.step === step)?.at);
    const arrived = first('ARRIVED');
    switch (groupBy) {
      case 'agency':
        for (const agency of ['customs', 'border-guard', 'quarantine']) {
          const decision = shipment.timeline.find(
            (entry) => entry.step === 'DECISION_RECORDED' && entry.agency === agency,
          );
          if (decision?.decision !== 'NOT_REQUIRED') add(agency, arrived, timeOf(decision?.at));
        }
        break;
      case 'step': {
        const cleared = first('CLEARED');
        const called = first('CALLED');
        add('REGISTERED→ARRIVED', first('REGISTERED'), arrived);
        add('ARRIVED→CLEARED', arrived, cleared);
        add('CLEARED→CALLED', cleared, called);
        add('CALLED→DEPARTED', called, first('DEPARTED'));
        break;
      }
      case 'day':
        if (arrived !== undefined) {
          add(new Date(arrived).toISOString().slice(0, 10), arrived, first('DEPARTED'));
        }
        break;
      default: {
        const unknown: never = groupBy;
        throw new TypeError(`unknown grouping ${String(unknown)}`);
      }
    }
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, durations]) => rowOf(group, durations));
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV (CRLF lines) of rows under a header. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function clearanceCsv(rows: readonly ClearanceRow[]): string {
  return toCsv(
    ['group', 'count', 'p50_minutes', 'p90_minutes', 'max_minutes'],
    rows.map((row) => [
      row.group,
      row.count,
      Math.round(row.p50Seconds / 6) / 10,
      Math.round(row.p90Seconds / 6) / 10,
      Math.round(row.maxSeconds / 6) / 10,
    ]),
  );
}

/**
 * The chart's unit: seconds while every p90 is under two minutes (a fast gate's bars would
 * all round to 0 minutes), minutes otherwise.
 */
export function chartScale(rows: readonly ClearanceRow[]): {
  readonly unit: 'seconds' | 'minutes';
  readonly divisor: number;
} {
  const longest = Math.max(0, ...rows.map((row) => row.p90Seconds));
  return longest < 120 ? { unit: 'seconds', divisor: 1 } : { unit: 'minutes', divisor: 60 };
}
