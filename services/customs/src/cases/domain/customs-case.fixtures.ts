import { assess, NO_HISTORY, type Assessment } from './assess';
import type { Channel, Declaration, GoodsLine } from './declaration';
import type { RiskRule, RuleSet } from './risk-rules';

/** Test data shared by the unit specs of this folder (not used by production code). */

export const AT = '2026-12-01T01:30:00.000Z';

export function goodsLine(overrides: Partial<GoodsLine> = {}): GoodsLine {
  return {
    hsCode: '39241090',
    description: 'Đồ gia dụng bằng nhựa / plastic household articles',
    quantity: 5000,
    unit: 'KGM',
    grossKg: 5200,
    valueUsd: 9000,
    origin: 'VN',
    ...overrides,
  };
}

/** A plain declaration that no demo rule matches (plastic household goods, Vietnamese origin). */
export function declaration(overrides: Partial<Declaration> = {}): Declaration {
  return {
    shipmentId: 'shipment-1',
    organisationId: 'org-1',
    gateCode: 'MONGCAI',
    direction: 'EXPORT',
    declarationNumber: '305123456780',
    plannedArrival: '2026-12-01T08:30:00+07:00',
    vehicle: { plate: '14C-123.45', trailerPlate: '14R-006.78', country: 'VN' },
    normalisedPlate: '14C12345',
    driver: {
      name: 'Nguyễn Văn An',
      documentNumber: 'C1234567',
      nationality: 'VN',
      phone: '+84912345678',
    },
    goods: [goodsLine()],
    documents: [{ type: 'INVOICE', number: 'INV-2026-0001' }],
    ...overrides,
  };
}

/** A rule in force from 2026-01-01 with the given criteria and channel. */
export function rule(
  criteria: RiskRule['criteria'],
  channel: Channel,
  overrides: Partial<RiskRule> = {},
): RiskRule {
  return {
    id: `rule-${criteria.kind.toLowerCase().replaceAll('_', '-')}-${channel.toLowerCase()}`,
    version: 1,
    effectiveFrom: '2026-01-01T00:00:00Z',
    channel,
    title: { vi: 'Quy tắc thử', en: 'Test rule' },
    criteria,
    ...overrides,
  };
}

/** A rule set without sampling. */
export function ruleSet(rules: readonly RiskRule[], version = 7): RuleSet {
  return { version, rules, samplingRates: { GREEN: 0, YELLOW: 0 } };
}

/** An assessment that puts a declaration in `channel` (one rule, no sampling). */
export function assessmentIn(channel: Channel, subject: Declaration = declaration()): Assessment {
  const rules =
    channel === 'GREEN'
      ? []
      : [rule({ kind: 'TRADER', organisationId: subject.organisationId }, channel)];
  return assess(subject, ruleSet(rules), NO_HISTORY, { seed: 'fixture' }, AT);
}

/** Freezes `value` and everything in it, so a test fails if code under test mutates it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) {
      deepFreeze(inner);
    }
  }
  return value;
}
