import type { LocalizedText } from './yard';

export interface LaneThroughput {
  readonly laneId: string;
  readonly open: boolean;
  /** Recent call → crossing times of this lane in minutes, newest first. */
  readonly recentServiceMinutes: readonly number[];
}

export interface EtaPolicy {
  /** Service time of a lane with no measured crossing yet. */
  readonly defaultServiceMinutes: number;
  /** How many recent crossings per lane the moving average uses. */
  readonly sampleSize: number;
}

export type Eta =
  | { readonly known: false; readonly basis: LocalizedText }
  | {
      readonly known: true;
      readonly minutes: number;
      readonly lowMinutes: number;
      readonly highMinutes: number;
      readonly basis: LocalizedText;
    };

/** Smallest relative spread shown, so that a range is never a false point estimate. */
export const MIN_SPREAD = 0.25;

/**
 * How fast a gate calls trucks, from its lanes (what every waiting truck's ETA is built on):
 * unknown with no open lane, else the open lanes' combined call rate, the spread of the
 * samples used and how many there were.
 */
export type GateRate =
  | { readonly known: false }
  | {
      readonly known: true;
      readonly openLanes: number;
      /** λ: trucks called per minute by the open lanes together. */
      readonly perMinute: number;
      /** Relative half-width of the range (at least {@link MIN_SPREAD}). */
      readonly spread: number;
      /** How many measured crossings the rate is built on (0: the default service time). */
      readonly measured: number;
    };

/**
 * The call rate of a gate. Each open lane l serves one truck every s_l minutes, s_l the
 * moving average of its last `sampleSize` call → crossing times (the default when
 * unmeasured). Together the open lanes call λ = Σ 1/s_l trucks per minute. The spread is the
 * coefficient of variation of the samples used (at least 25 %). No open lane: unknown.
 */
export function gateRate(lanes: readonly LaneThroughput[], policy: EtaPolicy): GateRate {
  const open = lanes.filter((lane) => lane.open);
  if (open.length === 0) return { known: false };
  const samples: number[] = [];
  let perMinute = 0;
  for (const lane of open) {
    const recent = lane.recentServiceMinutes.slice(0, policy.sampleSize).filter((m) => m > 0);
    samples.push(...recent);
    const average =
      recent.length === 0
        ? policy.defaultServiceMinutes
        : recent.reduce((sum, m) => sum + m, 0) / recent.length;
    perMinute += 1 / Math.max(average, 0.1);
  }
  return {
    known: true,
    openLanes: open.length,
    perMinute,
    spread: Math.max(MIN_SPREAD, coefficientOfVariation(samples)),
    measured: samples.length,
  };
}

/**
 * The wait until the call of a truck with `ahead` trucks before it: it is called after the
 * `ahead + 1`-th lane frees, ETA = (ahead + 1) / λ, shown as the range ETA × (1 ± spread)
 * with its basis.
 */
export function waitFor(ahead: number, rate: GateRate): Eta {
  if (!rate.known) {
    return {
      known: false,
      basis: { vi: 'Không có làn nào đang mở', en: 'No lane is open', zh: '没有开放的车道' },
    };
  }
  const minutes = (ahead + 1) / rate.perMinute;
  const perTruck = (1 / rate.perMinute).toFixed(1);
  const lanes = rate.openLanes;
  const measured = rate.measured;
  return {
    known: true,
    minutes: Math.round(minutes),
    lowMinutes: Math.max(0, Math.floor(minutes * (1 - rate.spread))),
    highMinutes: Math.ceil(minutes * (1 + rate.spread)),
    basis: {
      en: `${lanes} open lane${lanes === 1 ? '' : 's'}, one truck called every ${perTruck} min (${measured === 0 ? 'no crossing measured yet, default' : `${measured} recent crossings`}), ${ahead} ahead`,
      vi: `${lanes} làn đang mở, cứ ${perTruck} phút gọi một xe (${measured === 0 ? 'chưa đo được, dùng mặc định' : `${measured} lượt qua gần đây`}), ${ahead} xe phía trước`,
      zh: `${lanes}条车道开放，每${perTruck}分钟叫号一辆车（${measured === 0 ? '尚无实测通关记录，使用默认值' : `基于最近${measured}次通关`}），前面有${ahead}辆车`,
    },
  };
}

/** The wait of a truck with `ahead` trucks before it at a gate with these lanes. */
export function estimateWait(
  ahead: number,
  lanes: readonly LaneThroughput[],
  policy: EtaPolicy,
): Eta {
  return waitFor(ahead, gateRate(lanes, policy));
}

function coefficientOfVariation(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  if (mean <= 0) return 0;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1);
  return Math.sqrt(variance) / mean;
}

/** Nearest-rank percentile of a list (p in 0..100); 0 for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? 0;
}

/** How honest the shown ETAs were: p50 / p90 of |real − shown| and the signed mean. */
export function etaAccuracy(pairs: readonly { readonly shown: number; readonly real: number }[]): {
  samples: number;
  p50: number;
  p90: number;
  bias: number;
} {
  const errors = pairs.map((pair) => Math.abs(pair.real - pair.shown));
  const bias =
    pairs.length === 0
      ? 0
      : pairs.reduce((sum, pair) => sum + (pair.real - pair.shown), 0) / pairs.length;
  return { samples: pairs.length, p50: percentile(errors, 50), p90: percentile(errors, 90), bias };
}
