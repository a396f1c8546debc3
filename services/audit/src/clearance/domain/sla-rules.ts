import { AGENCIES, type AgencyName, type ShipmentTimes } from './clearance-steps';

/** Thresholds of one gate, in minutes. */
export interface SlaThresholds {
  readonly greenClearedMinutes: number;
  readonly yardMinutes: number;
  readonly officerCaseMinutes: number;
}

export const DEFAULT_SLA_THRESHOLDS: SlaThresholds = {
  greenClearedMinutes: 15,
  yardMinutes: 240,
  officerCaseMinutes: 120,
};

export type SlaRule = 'GREEN_CLEARED_AFTER_ARRIVAL' | 'TRUCK_IN_YARD' | 'OFFICER_CASE_OPEN';

export interface SlaBreach {
  readonly shipmentId: string;
  readonly gateCode: string;
  readonly rule: SlaRule;
  /** The agency of an OFFICER_CASE_OPEN breach. */
  readonly agency?: AgencyName;
  readonly thresholdMinutes: number;
  readonly observedMinutes: number;
  readonly startedAt: number;
}

/** The thresholds of a gate: its own line of the configuration, else the default line. */
export function thresholdsFor(
  rules: Readonly<Record<string, SlaThresholds>>,
  gateCode: string,
): SlaThresholds {
  return rules[gateCode] ?? rules['default'] ?? DEFAULT_SLA_THRESHOLDS;
}

function exceeded(
  startedAt: number | undefined,
  endedAt: number | undefined,
  now: number,
  thresholdMinutes: number,
): { startedAt: number; observedMinutes: number } | undefined {
  if (startedAt === undefined) return undefined;
  const minutes = ((endedAt ?? now) - startedAt) / 60_000;
  return minutes > thresholdMinutes
    ? { startedAt, observedMinutes: Math.floor(minutes) }
    : undefined;
}

/**
 * The rules a shipment breaks at `now`: an interval that ended too late, or one still open
 * for longer than allowed. `now` is the wall clock in the periodic check and the event's time
 * when an event is applied (so a replay of old events does not raise false alarms).
 */
export function evaluateSla(
  times: ShipmentTimes,
  thresholds: SlaThresholds,
  now: number,
): SlaBreach[] {
  const breaches: SlaBreach[] = [];
  const base = { shipmentId: times.shipmentId, gateCode: times.gateCode };
  if (times.channel === 'CHANNEL_GREEN') {
    const late = exceeded(times.arrivedAt, times.clearedAt, now, thresholds.greenClearedMinutes);
    if (late) {
      breaches.push({
        ...base,
        rule: 'GREEN_CLEARED_AFTER_ARRIVAL',
        thresholdMinutes: thresholds.greenClearedMinutes,
        ...late,
      });
    }
  }
  const yard = exceeded(times.arrivedAt, times.crossedAt, now, thresholds.yardMinutes);
  if (yard) {
    breaches.push({
      ...base,
      rule: 'TRUCK_IN_YARD',
      thresholdMinutes: thresholds.yardMinutes,
      ...yard,
    });
  }
  for (const agency of AGENCIES) {
    const open = exceeded(
      times.openedAt[agency],
      times.decidedAt[agency],
      now,
      thresholds.officerCaseMinutes,
    );
    if (open) {
      breaches.push({
        ...base,
        rule: 'OFFICER_CASE_OPEN',
        agency,
        thresholdMinutes: thresholds.officerCaseMinutes,
        ...open,
      });
    }
  }
  return breaches;
}
