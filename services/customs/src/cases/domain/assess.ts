import {
  channelSeverity,
  stricterChannel,
  type Channel,
  type Declaration,
  type GoodsLine,
} from './declaration';
import {
  hsCodeUnder,
  type LocalisedText,
  type RiskCriteria,
  type RiskCriteriaKind,
  type RiskRule,
  type RuleSet,
} from './risk-rules';
import { candidateRules, isEffectiveAt, ruleIndexOf, type IndexedRule } from './rule-index';
import { SAMPLING_ALGORITHM, samplingDraw } from './sampling';

/**
 * Risk selectivity as one pure function: `assess(declaration, ruleSet, traderHistory,
 * sampler, at)`. No clock, no database, no `Math.random`: everything comes in, so the same
 * inputs always give the same channel, and a recorded assessment can be re-derived.
 *
 * 1. Rules that are not in force at `at`, or are narrowed to another direction or gate,
 *    are ignored (silently: they are not reasons).
 * 2. Every rule that matches gives a reason (rule id, rule version, the goods lines it
 *    concerns, and a sentence in Vietnamese and English). The rule channel is the
 *    strictest channel among them (RED > YELLOW > GREEN); with no match it is GREEN, with
 *    a `NO_RULE` reason, so every channel has at least one reason.
 * 3. Sampling: the draw of the sampler's seed (`samplingDraw`, in [0, 1)) is compared with
 *    the rule set's rate for the rule channel; `draw < rate` promotes GREEN to YELLOW or
 *    YELLOW to RED (RED has rate 0) and adds a `SAMPLING` reason. The draw is made and
 *    recorded for every assessment, selected or not.
 * 4. Reasons are ordered strictest first, then by rule id; the sampling reason comes last.
 */

/** One recorded violation of a trader (e.g. a customs REJECTED decision on its shipment). */
export interface TraderViolation {
  readonly shipmentId: string;
  /** ISO 8601. */
  readonly at: string;
}

/** What customs knows of the declaring trader's past. */
export interface TraderHistory {
  readonly violations: readonly TraderViolation[];
}

export const NO_HISTORY: TraderHistory = { violations: [] };

/** Where sampling takes its randomness from: a seed that is recorded with the result. */
export interface Sampler {
  readonly seed: string;
}

/** A rule matched. */
export interface RuleReason {
  readonly source: 'RULE';
  readonly ruleId: string;
  readonly ruleVersion: number;
  readonly kind: RiskCriteriaKind;
  readonly channel: Channel;
  /** 1-based numbers of the goods lines that matched; empty for rules about the trader. */
  readonly goodsLineNumbers: readonly number[];
  readonly text: LocalisedText;
}

/** Random sampling promoted the declaration one channel up. */
export interface SamplingReason {
  readonly source: 'SAMPLING';
  readonly ruleId: 'sampling';
  /** The rule-set version whose sampling rate applied. */
  readonly ruleVersion: number;
  readonly channel: Channel;
  readonly goodsLineNumbers: readonly number[];
  readonly text: LocalisedText;
}

/** No rule matched: GREEN on data. */
export interface NoRuleReason {
  readonly source: 'NO_RULE';
  readonly ruleId: 'no-rule';
  /** The rule-set version that was checked. */
  readonly ruleVersion: number;
  readonly channel: 'GREEN';
  readonly goodsLineNumbers: readonly number[];
  readonly text: LocalisedText;
}

export type Reason = RuleReason | SamplingReason | NoRuleReason;

export interface SamplingOutcome {
  readonly algorithm: typeof SAMPLING_ALGORITHM;
  readonly seed: string;
  /** In [0, 1): `samplingDraw(seed)`. */
  readonly draw: number;
  /** The rate for the rule channel (0 for RED). */
  readonly rate: number;
  /** `draw < rate`: the declaration was promoted one channel up. */
  readonly selected: boolean;
}

export interface Assessment {
  /** The channel the declaration goes to: the rule channel, promoted if sampled. */
  readonly channel: Channel;
  /** The strictest channel of the matching rules (GREEN when none matched). */
  readonly ruleChannel: Channel;
  /** At least one; every matching rule, then the sampling promotion if any. */
  readonly reasons: readonly Reason[];
  readonly ruleSetVersion: number;
  /** ISO 8601: the instant rules' effective periods were checked against. */
  readonly assessedAt: string;
  readonly sampling: SamplingOutcome;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function assess(
  declaration: Declaration,
  ruleSet: RuleSet,
  traderHistory: TraderHistory,
  sampler: Sampler,
  at: string,
): Assessment {
  const reasons: RuleReason[] = [];
  const atMs = Date.parse(at);
  // Only the rules that can match (by HS prefix, origin, trader) are checked; see rule-index.ts.
  for (const indexed of candidateRules(ruleIndexOf(ruleSet.rules), declaration)) {
    if (!applies(indexed, declaration, atMs)) {
      continue;
    }
    const reason = matchRule(indexed.rule, declaration, traderHistory, at);
    if (reason !== undefined) {
      reasons.push(reason);
    }
  }
  reasons.sort(
    (a, b) =>
      channelSeverity(b.channel) - channelSeverity(a.channel) ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
  const ruleChannel = reasons.reduce<Channel>(
    (channel, reason) => stricterChannel(channel, reason.channel),
    'GREEN',
  );

  const draw = samplingDraw(sampler.seed);
  const rate = samplingRate(ruleSet, ruleChannel);
  const selected = draw < rate;
  const promoted = selected ? promote(ruleChannel) : ruleChannel;
  const sampling: SamplingOutcome = {
    algorithm: SAMPLING_ALGORITHM,
    seed: sampler.seed,
    draw,
    rate,
    selected,
  };

  const all: Reason[] = reasons.length > 0 ? [...reasons] : [noRuleReason(ruleSet.version)];
  if (selected) {
    all.push(samplingReason(ruleSet.version, ruleChannel, promoted, rate));
  }
  return {
    channel: promoted,
    ruleChannel,
    reasons: all,
    ruleSetVersion: ruleSet.version,
    assessedAt: at,
    sampling,
  };
}

/** The sampling rate that applies to a rule channel (RED cannot be promoted: 0). */
export function samplingRate(ruleSet: RuleSet, ruleChannel: Channel): number {
  switch (ruleChannel) {
    case 'GREEN':
      return ruleSet.samplingRates.GREEN;
    case 'YELLOW':
      return ruleSet.samplingRates.YELLOW;
    case 'RED':
      return 0;
    default: {
      const unknown: never = ruleChannel;
      throw new TypeError(`unknown channel ${String(unknown)}`);
    }
  }
}

function promote(channel: Channel): Channel {
  switch (channel) {
    case 'GREEN':
      return 'YELLOW';
    case 'YELLOW':
    case 'RED':
      return 'RED';
    default: {
      const unknown: never = channel;
      throw new TypeError(`unknown channel ${String(unknown)}`);
    }
  }
}

/** Rule 1: in force at `at`, and for this direction and gate. */
function applies(indexed: IndexedRule, declaration: Declaration, atMs: number): boolean {
  const { rule } = indexed;
  return (
    isEffectiveAt(indexed, atMs) &&
    (rule.direction === undefined || rule.direction === declaration.direction) &&
    (rule.gateCode === undefined || rule.gateCode === declaration.gateCode)
  );
}

interface Match {
  readonly goodsLineNumbers: readonly number[];
  readonly detail: LocalisedText;
}

function matchRule(
  rule: RiskRule,
  declaration: Declaration,
  history: TraderHistory,
  at: string,
): RuleReason | undefined {
  const match = matchCriteria(rule.criteria, declaration, history, at);
  if (match === undefined) {
    return undefined;
  }
  return {
    source: 'RULE',
    ruleId: rule.id,
    ruleVersion: rule.version,
    kind: rule.criteria.kind,
    channel: rule.channel,
    goodsLineNumbers: match.goodsLineNumbers,
    text: {
      vi: `${rule.title.vi} — ${match.detail.vi} → luồng ${CHANNEL_VI[rule.channel]}.`,
      en: `${rule.title.en} — ${match.detail.en} → ${rule.channel} channel.`,
    },
  };
}

function matchCriteria(
  criteria: RiskCriteria,
  declaration: Declaration,
  history: TraderHistory,
  at: string,
): Match | undefined {
  switch (criteria.kind) {
    case 'HS_CODE_PREFIX': {
      const lines = linesWhere(declaration, (line) => hsCodeUnder(line.hsCode, criteria.hsPrefix));
      return lines.length === 0
        ? undefined
        : {
            goodsLineNumbers: lines,
            detail: {
              vi: `${linesVi(lines)} có mã HS bắt đầu bằng ${criteria.hsPrefix}`,
              en: `${linesEn(lines)} HS code starts with ${criteria.hsPrefix}`,
            },
          };
    }
    case 'ORIGIN_COUNTRY': {
      const lines = linesWhere(declaration, (line) => line.origin === criteria.country);
      return lines.length === 0
        ? undefined
        : {
            goodsLineNumbers: lines,
            detail: {
              vi: `${linesVi(lines)} có xuất xứ ${criteria.country}`,
              en: `${linesEn(lines)} of origin ${criteria.country}`,
            },
          };
    }
    case 'TRADER':
      return declaration.organisationId !== criteria.organisationId
        ? undefined
        : {
            goodsLineNumbers: [],
            detail: {
              vi: `doanh nghiệp khai báo ${criteria.organisationId}`,
              en: `declared by trader ${criteria.organisationId}`,
            },
          };
    case 'VALUE_PER_KG_OUTSIDE_BAND': {
      const { hsPrefix, minUsdPerKg: min, maxUsdPerKg: max } = criteria;
      const outside = declaration.goods
        .map((line, index) => ({ line, number: index + 1, perKg: valuePerKg(line) }))
        .filter(
          ({ line, perKg }) =>
            hsCodeUnder(line.hsCode, hsPrefix) &&
            (perKg === undefined || perKg < min || perKg > max),
        );
      if (outside.length === 0) {
        return undefined;
      }
      const values = outside.map(({ number, perKg }) => ({
        vi: `dòng ${number}: ${perKg === undefined ? 'không có trọng lượng' : `${formatVi(perKg)} USD/kg`}`,
        en: `line ${number}: ${perKg === undefined ? 'no weight' : `${formatEn(perKg)} USD/kg`}`,
      }));
      return {
        goodsLineNumbers: outside.map(({ number }) => number),
        detail: {
          vi: `trị giá khai báo ngoài khoảng ${formatVi(min)}–${formatVi(max)} USD/kg cho mã HS ${hsPrefix} (${values.map((value) => value.vi).join('; ')})`,
          en: `declared value outside ${formatEn(min)}–${formatEn(max)} USD/kg for HS ${hsPrefix} (${values.map((value) => value.en).join('; ')})`,
        },
      };
    }
    case 'DOCUMENTS_MISSING': {
      const lines = linesWhere(declaration, (line) =>
        criteria.hsPrefixes.some((prefix) => hsCodeUnder(line.hsCode, prefix)),
      );
      const attached = new Set(declaration.documents.map((document) => document.type));
      const missing = criteria.documentTypes.filter((type) => !attached.has(type));
      return lines.length === 0 || missing.length === 0
        ? undefined
        : {
            goodsLineNumbers: lines,
            detail: {
              vi: `${linesVi(lines)} thiếu chứng từ ${missing.join(', ')}`,
              en: `${linesEn(lines)} without ${missing.join(', ')}`,
            },
          };
    }
    case 'TRADER_VIOLATIONS': {
      const end = Date.parse(at);
      const start = end - criteria.withinDays * DAY_MS;
      const count = history.violations.filter((violation) => {
        const time = Date.parse(violation.at);
        return time > start && time <= end;
      }).length;
      return count < criteria.minViolations
        ? undefined
        : {
            goodsLineNumbers: [],
            detail: {
              vi: `doanh nghiệp có ${count} vi phạm trong ${criteria.withinDays} ngày qua (ngưỡng ${criteria.minViolations})`,
              en: `trader has ${count} violation${count === 1 ? '' : 's'} in the last ${criteria.withinDays} days (threshold ${criteria.minViolations})`,
            },
          };
    }
    default: {
      const unknown: never = criteria;
      throw new TypeError(`unknown criteria ${JSON.stringify(unknown)}`);
    }
  }
}

/** USD per gross kg, or undefined when the line has no positive weight. */
export function valuePerKg(line: GoodsLine): number | undefined {
  return line.grossKg > 0 ? line.valueUsd / line.grossKg : undefined;
}

function linesWhere(declaration: Declaration, test: (line: GoodsLine) => boolean): number[] {
  return declaration.goods.flatMap((line, index) => (test(line) ? [index + 1] : []));
}

const CHANNEL_VI: Readonly<Record<Channel, string>> = { GREEN: 'xanh', YELLOW: 'vàng', RED: 'đỏ' };

function linesVi(lines: readonly number[]): string {
  return `dòng hàng ${lines.join(', ')}`;
}

function linesEn(lines: readonly number[]): string {
  return `goods line${lines.length === 1 ? '' : 's'} ${lines.join(', ')}`;
}

function formatEn(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function formatVi(value: number): string {
  return formatEn(value).replace('.', ',');
}

function noRuleReason(ruleSetVersion: number): NoRuleReason {
  return {
    source: 'NO_RULE',
    ruleId: 'no-rule',
    ruleVersion: ruleSetVersion,
    channel: 'GREEN',
    goodsLineNumbers: [],
    text: {
      vi: 'Không có tiêu chí rủi ro nào phù hợp → luồng xanh, thông quan trên cơ sở dữ liệu khai báo.',
      en: 'No risk rule matched → GREEN channel, release on data.',
    },
  };
}

function samplingReason(
  ruleSetVersion: number,
  from: Channel,
  to: Channel,
  rate: number,
): SamplingReason {
  const percent = formatEn(rate * 100);
  return {
    source: 'SAMPLING',
    ruleId: 'sampling',
    ruleVersion: ruleSetVersion,
    channel: to,
    goodsLineNumbers: [],
    text: {
      vi: `Chọn mẫu ngẫu nhiên (${percent.replace('.', ',')} % tờ khai luồng ${CHANNEL_VI[from]}) → luồng ${CHANNEL_VI[to]}.`,
      en: `Random sampling (${percent} % of ${from} declarations) → ${to} channel.`,
    },
  };
}
