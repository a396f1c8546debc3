import { summariseGroups, type DurationSummary } from './percentiles';

export const AGENCIES = ['customs', 'border-guard', 'quarantine'] as const;
export type AgencyName = (typeof AGENCIES)[number];

/** When each step of one shipment happened (epoch ms), as far as the audit has seen. */
export interface ShipmentTimes {
  readonly shipmentId: string;
  readonly gateCode: string;
  /** Customs channel name, e.g. "CHANNEL_GREEN". */
  readonly channel?: string;
  readonly registeredAt?: number;
  readonly arrivedAt?: number;
  /** When each agency's case was opened (customs CaseOpened; others their first HOLD). */
  readonly openedAt: Partial<Record<AgencyName, number>>;
  /** Each agency's latest final decision (CLEARED, REJECTED, NOT_REQUIRED). */
  readonly decidedAt: Partial<Record<AgencyName, number>>;
  readonly clearedAt?: number;
  readonly calledAt?: number;
  readonly crossedAt?: number;
}

export const STEPS = [
  'registered→arrived',
  'arrived→customs',
  'arrived→border-guard',
  'arrived→quarantine',
  'last-decision→called',
  'called→crossed',
  'arrived→crossed',
  'registered→crossed',
] as const;
export type Step = (typeof STEPS)[number];

export type GroupBy = 'agency' | 'step' | 'day' | 'hour';

function between(from: number | undefined, to: number | undefined): number | undefined {
  if (from === undefined || to === undefined) return undefined;
  return Math.max(0, (to - from) / 1000);
}

/** The durations (seconds) of the steps this shipment has completed. */
export function stepDurations(times: ShipmentTimes): Partial<Record<Step, number>> {
  const decisions = AGENCIES.map((agency) => times.decidedAt[agency]).filter(
    (at): at is number => at !== undefined,
  );
  const lastDecision = decisions.length === 0 ? undefined : Math.max(...decisions);
  const durations: Partial<Record<Step, number>> = {
    'registered→arrived': between(times.registeredAt, times.arrivedAt),
    'arrived→customs': between(times.arrivedAt, times.decidedAt.customs),
    'arrived→border-guard': between(times.arrivedAt, times.decidedAt['border-guard']),
    'arrived→quarantine': between(times.arrivedAt, times.decidedAt.quarantine),
    'last-decision→called': between(lastDecision, times.calledAt),
    'called→crossed': between(times.calledAt, times.crossedAt),
    'arrived→crossed': between(times.arrivedAt, times.crossedAt),
    'registered→crossed': between(times.registeredAt, times.crossedAt),
  };
  for (const step of STEPS) if (durations[step] === undefined) delete durations[step];
  return durations;
}

/** The longest of the partial steps (not the arrived→crossed / total spans). */
export function bottleneckOf(
  durations: Partial<Record<Step, number>>,
): { step: Step; seconds: number } | undefined {
  let worst: { step: Step; seconds: number } | undefined;
  for (const step of STEPS) {
    if (step === 'arrived→crossed' || step === 'registered→crossed') continue;
    const seconds = durations[step];
    if (seconds !== undefined && (worst === undefined || seconds > worst.seconds)) {
      worst = { step, seconds };
    }
  }
  return worst;
}

export type ClearanceTimeRow = DurationSummary & { readonly group: string };

/** Report rows: one per agency, step, day or hour (of arrival, UTC), with percentiles. */
export function clearanceTimeRows(
  shipments: readonly ShipmentTimes[],
  groupBy: GroupBy,
): ClearanceTimeRow[] {
  const samples: { group: string; seconds: number }[] = [];
  for (const times of shipments) {
    const durations = stepDurations(times);
    switch (groupBy) {
      case 'agency':
        for (const agency of AGENCIES) {
          const seconds = durations[`arrived→${agency}`];
          if (seconds !== undefined) samples.push({ group: agency, seconds });
        }
        break;
      case 'step':
        for (const step of STEPS) {
          const seconds = durations[step];
          if (seconds !== undefined) samples.push({ group: step, seconds });
        }
        break;
      case 'day':
      case 'hour': {
        const seconds = durations['arrived→crossed'];
        if (seconds === undefined || times.arrivedAt === undefined) break;
        const iso = new Date(times.arrivedAt).toISOString();
        const group = groupBy === 'day' ? iso.slice(0, 10) : `${iso.slice(0, 13)}:00Z`;
        samples.push({ group, seconds });
        break;
      }
      default: {
        const unknown: never = groupBy;
        throw new TypeError(`unknown groupBy ${String(unknown)}`);
      }
    }
  }
  const rows = summariseGroups(samples);
  const order = (group: string): number => {
    const index = (STEPS as readonly string[]).indexOf(group);
    if (index >= 0) return index;
    const agency = (AGENCIES as readonly string[]).indexOf(group);
    return agency >= 0 ? agency : 0;
  };
  return groupBy === 'day' || groupBy === 'hour'
    ? rows.sort((a, b) => a.group.localeCompare(b.group))
    : rows.sort((a, b) => order(a.group) - order(b.group));
}

/** The step whose p90 is the highest among the partial steps (the gate's bottleneck). */
export function bottleneckStep(shipments: readonly ShipmentTimes[]): string {
  return bottleneckOfStepRows(clearanceTimeRows(shipments, 'step'));
}

/** The bottleneck among report rows grouped by step (first of equal p90s in step order). */
export function bottleneckOfStepRows(stepRows: readonly ClearanceTimeRow[]): string {
  const rows = stepRows.filter(
    (row) => row.group !== 'arrived→crossed' && row.group !== 'registered→crossed',
  );
  let worst: ClearanceTimeRow | undefined;
  for (const row of rows) if (worst === undefined || row.p90 > worst.p90) worst = row;
  return worst?.group ?? '';
}

/**
 * The report grouped by agency from the report grouped by step: an agency's time is its
 * arrived→agency step (the same samples), in AGENCIES order.
 */
export function agencyRowsOfStepRows(stepRows: readonly ClearanceTimeRow[]): ClearanceTimeRow[] {
  return AGENCIES.flatMap((agency) => {
    const row = stepRows.find((candidate) => candidate.group === `arrived→${agency}`);
    return row === undefined ? [] : [{ ...row, group: agency }];
  });
}
