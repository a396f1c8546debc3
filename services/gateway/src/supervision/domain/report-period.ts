import { z } from 'zod';

export const GROUP_BY = ['agency', 'step', 'day', 'hour'] as const;
export type ReportGroupBy = (typeof GROUP_BY)[number];

/** Reports cover the last 7 days when `from` is not given. */
export const DEFAULT_PERIOD_MS = 7 * 86_400_000;

const DATE_OR_TIME =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** `2026-02-30` is no date (Date.parse would roll it over to March). */
function isCalendarDate(day: string): boolean {
  const [year = 0, month = 0, date = 0] = day.split('-').map(Number);
  const utc = new Date(Date.UTC(year, month - 1, date));
  return (
    utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === date
  );
}

/** A calendar date (UTC midnight) or an ISO 8601 date-time with its offset. */
const instant = z
  .string()
  .trim()
  .regex(DATE_OR_TIME, 'must be YYYY-MM-DD or an ISO 8601 date-time with offset')
  .transform((text, context) => {
    const ms = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
    if (Number.isNaN(ms) || !isCalendarDate(text.slice(0, 10))) {
      context.addIssue({ code: z.ZodIssueCode.custom, message: 'is not a real date' });
      return z.NEVER;
    }
    return ms;
  });

export interface ReportPeriod {
  readonly from: Date;
  readonly to: Date;
}

/**
 * `from`/`to` of a report: `to` defaults to now, `from` to 7 days before `to`;
 * `from` must be before `to` (else a field problem on `from`).
 */
export function periodQuery(now: () => number = Date.now) {
  return z
    .object({ from: instant.optional(), to: instant.optional() })
    .transform((query, context): ReportPeriod => {
      const to = query.to ?? now();
      const from = query.from ?? to - DEFAULT_PERIOD_MS;
      if (from >= to) {
        context.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['from'],
          message: 'must be before to',
        });
        return z.NEVER;
      }
      return { from: new Date(from), to: new Date(to) };
    });
}

/** One row of the clearance-time report (seconds). */
export interface ClearanceTimeRow {
  readonly group: string;
  readonly count: number;
  readonly p50Seconds: number;
  readonly p90Seconds: number;
  readonly p95Seconds: number;
  readonly maxSeconds: number;
}

const CSV_COLUMNS = [
  'group',
  'count',
  'p50Seconds',
  'p90Seconds',
  'p95Seconds',
  'maxSeconds',
] as const satisfies readonly (keyof ClearanceTimeRow)[];

/** RFC 4180 field: quoted when it holds a comma, quote, CR or LF (quotes doubled). */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The report as CSV: a header line, then one line per row, CRLF line ends. */
export function clearanceTimesCsv(rows: readonly ClearanceTimeRow[]): string {
  const lines = [
    CSV_COLUMNS.join(','),
    ...rows.map((row) => CSV_COLUMNS.map((column) => csvField(row[column])).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** `2026-01-05T08:00:00.000Z` → `20260105T080000Z` (safe in a file name). */
function compactInstant(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll(/[-:]/g, '');
}

/** `clearance-times-<gate>-<from>-<to>.csv`, only letters, digits and `-` in the gate. */
export function clearanceTimesFileName(gateCode: string, period: ReportPeriod): string {
  const gate = gateCode.replaceAll(/[^A-Za-z0-9-]/g, '_');
  return `clearance-times-${gate}-${compactInstant(period.from)}-${compactInstant(period.to)}.csv`;
}
