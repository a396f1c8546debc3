import { rule } from './customs-case.fixtures';
import {
  DEMO_RISK_RULES,
  DEMO_RULE_SET,
  hsCodeUnder,
  isEffective,
  RISK_CRITERIA_KINDS,
  validateRiskRule,
  validateSamplingRates,
  type RiskRule,
} from './risk-rules';

describe('isEffective: effectiveFrom <= at < effectiveTo', () => {
  const bounded = rule({ kind: 'HS_CODE_PREFIX', hsPrefix: '08' }, 'YELLOW', {
    effectiveFrom: '2026-06-01T00:00:00+07:00',
    effectiveTo: '2026-07-01T00:00:00+07:00',
  });
  const open = rule({ kind: 'HS_CODE_PREFIX', hsPrefix: '08' }, 'YELLOW', {
    effectiveFrom: '2026-06-01T00:00:00Z',
  });

  const rules = { bounded, open };
  it.each([
    ['bounded', '2026-05-31T16:59:59.999Z', false],
    ['bounded', '2026-05-31T17:00:00.000Z', true],
    ['bounded', '2026-06-15T00:00:00+07:00', true],
    ['bounded', '2026-06-30T16:59:59.999Z', true],
    ['bounded', '2026-06-30T17:00:00.000Z', false],
    ['bounded', '2027-01-01T00:00:00Z', false],
    ['open', '2026-05-31T23:59:59Z', false],
    ['open', '2026-06-01T00:00:00Z', true],
    ['open', '2099-01-01T00:00:00Z', true],
  ] as const)('given the %s rule, at %s, effective = %p', (name, at, expected) => {
    expect(isEffective(rules[name], at)).toBe(expected);
  });
});

describe('hsCodeUnder', () => {
  it.each([
    ['08109010', '08', true],
    ['08109010', '0810', true],
    ['08109010', '08109010', true],
    ['08109010', '081091', false],
    ['02023000', '08', false],
    ['85171300', '8517', true],
    ['85171300', '85171', true],
    ['85281000', '8517', false],
  ])('%s under %s: %p', (hsCode, prefix, expected) => {
    expect(hsCodeUnder(hsCode, prefix)).toBe(expected);
  });
});

describe('validateRiskRule', () => {
  const valid = rule({ kind: 'HS_CODE_PREFIX', hsPrefix: '08' }, 'YELLOW');

  it('accepts a sound rule of every kind', () => {
    const rules: RiskRule[] = [
      valid,
      rule({ kind: 'ORIGIN_COUNTRY', country: 'KP' }, 'RED'),
      rule({ kind: 'TRADER', organisationId: 'org-1' }, 'YELLOW'),
      rule(
        { kind: 'VALUE_PER_KG_OUTSIDE_BAND', hsPrefix: '85', minUsdPerKg: 0, maxUsdPerKg: 10 },
        'RED',
      ),
      rule(
        { kind: 'DOCUMENTS_MISSING', hsPrefixes: ['06', '14'], documentTypes: ['PHYTO_CERT'] },
        'RED',
      ),
      rule({ kind: 'TRADER_VIOLATIONS', minViolations: 1, withinDays: 90 }, 'YELLOW'),
    ];
    expect(rules.map((each) => each.criteria.kind).sort()).toEqual([...RISK_CRITERIA_KINDS].sort());
    for (const each of rules) {
      expect(validateRiskRule(each)).toEqual([]);
    }
  });

  it.each<[string, RiskRule, string]>([
    ['id with capitals', { ...valid, id: 'Rule-1' }, 'id'],
    ['version 0', { ...valid, version: 0 }, 'version'],
    ['version 1.5', { ...valid, version: 1.5 }, 'version'],
    ['effectiveFrom not a date', { ...valid, effectiveFrom: 'soon' }, 'effectiveFrom'],
    ['effectiveTo not a date', { ...valid, effectiveTo: 'later' }, 'effectiveTo'],
    ['effectiveTo before from', { ...valid, effectiveTo: '2025-12-31T00:00:00Z' }, 'effectiveTo'],
    ['effectiveTo equal to from', { ...valid, effectiveTo: valid.effectiveFrom }, 'effectiveTo'],
    ['blank vi title', { ...valid, title: { vi: ' ', en: 'x' } }, 'title.vi'],
    ['blank en title', { ...valid, title: { vi: 'x', en: '' } }, 'title.en'],
    ['lower-case gate', { ...valid, gateCode: 'mongcai' }, 'gateCode'],
    [
      'HS prefix of 1 digit',
      rule({ kind: 'HS_CODE_PREFIX', hsPrefix: '8' }, 'RED'),
      'criteria.hsPrefix',
    ],
    [
      'HS prefix with a dot',
      rule({ kind: 'HS_CODE_PREFIX', hsPrefix: '85.17' }, 'RED'),
      'criteria.hsPrefix',
    ],
    [
      'country in lower case',
      rule({ kind: 'ORIGIN_COUNTRY', country: 'kp' }, 'RED'),
      'criteria.country',
    ],
    [
      'blank organisation',
      rule({ kind: 'TRADER', organisationId: ' ' }, 'RED'),
      'criteria.organisationId',
    ],
    [
      'negative lower bound',
      rule(
        { kind: 'VALUE_PER_KG_OUTSIDE_BAND', hsPrefix: '85', minUsdPerKg: -1, maxUsdPerKg: 10 },
        'RED',
      ),
      'criteria.minUsdPerKg',
    ],
    [
      'upper bound below lower',
      rule(
        { kind: 'VALUE_PER_KG_OUTSIDE_BAND', hsPrefix: '85', minUsdPerKg: 20, maxUsdPerKg: 10 },
        'RED',
      ),
      'criteria.maxUsdPerKg',
    ],
    [
      'upper bound not finite',
      rule(
        {
          kind: 'VALUE_PER_KG_OUTSIDE_BAND',
          hsPrefix: '85',
          minUsdPerKg: 1,
          maxUsdPerKg: Infinity,
        },
        'RED',
      ),
      'criteria.maxUsdPerKg',
    ],
    [
      'no HS prefixes',
      rule({ kind: 'DOCUMENTS_MISSING', hsPrefixes: [], documentTypes: ['PHYTO_CERT'] }, 'RED'),
      'criteria.hsPrefixes',
    ],
    [
      'a bad HS prefix in the list',
      rule(
        { kind: 'DOCUMENTS_MISSING', hsPrefixes: ['06', 'x'], documentTypes: ['PHYTO_CERT'] },
        'RED',
      ),
      'criteria.hsPrefixes[1]',
    ],
    [
      'no document types',
      rule({ kind: 'DOCUMENTS_MISSING', hsPrefixes: ['06'], documentTypes: [] }, 'RED'),
      'criteria.documentTypes',
    ],
    [
      'a lower-case document type',
      rule({ kind: 'DOCUMENTS_MISSING', hsPrefixes: ['06'], documentTypes: ['phyto'] }, 'RED'),
      'criteria.documentTypes[0]',
    ],
    [
      'threshold 0',
      rule({ kind: 'TRADER_VIOLATIONS', minViolations: 0, withinDays: 90 }, 'RED'),
      'criteria.minViolations',
    ],
    [
      'window 0 days',
      rule({ kind: 'TRADER_VIOLATIONS', minViolations: 1, withinDays: 0 }, 'RED'),
      'criteria.withinDays',
    ],
  ])('refuses %s (field %#)', (_name, given, field) => {
    const errors = validateRiskRule(given);
    expect(errors.map((error) => error.field)).toEqual([field]);
    expect(errors[0]?.code).toBe('CUSTOMS.RULE_INVALID');
  });

  it.each([
    [{ GREEN: 0.05, YELLOW: 0.02 }, []],
    [{ GREEN: 0, YELLOW: 1 }, []],
    [{ GREEN: -0.1, YELLOW: 0.02 }, ['samplingRates.GREEN']],
    [{ GREEN: 0.05, YELLOW: 1.5 }, ['samplingRates.YELLOW']],
    [{ GREEN: Number.NaN, YELLOW: Number.NaN }, ['samplingRates.GREEN', 'samplingRates.YELLOW']],
  ])('sampling rates %j: problems with %j', (rates, fields) => {
    expect(validateSamplingRates(rates).map((error) => error.field)).toEqual(fields);
  });
});

describe('the demo rule set', () => {
  it('is valid, with unique ids, and covers every rule kind', () => {
    for (const each of DEMO_RISK_RULES) {
      expect([each.id, validateRiskRule(each)]).toEqual([each.id, []]);
    }
    expect(validateSamplingRates(DEMO_RULE_SET.samplingRates)).toEqual([]);
    const ids = DEMO_RISK_RULES.map((each) => each.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(DEMO_RISK_RULES.map((each) => each.criteria.kind))).toEqual(
      new Set(RISK_CRITERIA_KINDS),
    );
  });
});
