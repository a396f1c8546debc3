import { assess, NO_HISTORY, valuePerKg, type TraderHistory } from './assess';
import { AT, declaration, deepFreeze, goodsLine, rule, ruleSet } from './customs-case.fixtures';
import type { Declaration } from './declaration';
import {
  DEMO_RULE_SET,
  DEMO_WATCHED_ORGANISATION_ID,
  type RiskRule,
  type RuleSet,
} from './risk-rules';
import { samplingDraw, samplingSeed } from './sampling';

const NO_SAMPLING = { seed: 'no-sampling' };

function channelOf(
  subject: Declaration,
  rules: readonly RiskRule[],
  history: TraderHistory = NO_HISTORY,
  at = AT,
) {
  return assess(deepFreeze(subject), ruleSet(rules), history, NO_SAMPLING, at);
}

function violations(...daysAgo: number[]): TraderHistory {
  return {
    violations: daysAgo.map((days, index) => ({
      shipmentId: `old-${index}`,
      at: new Date(Date.parse(AT) - days * 24 * 60 * 60 * 1000).toISOString(),
    })),
  };
}

const fruit = goodsLine({
  hsCode: '08109010',
  description: 'Vải tươi / fresh lychee',
  grossKg: 21000,
  valueUsd: 18000,
});
const phones = goodsLine({
  hsCode: '85171300',
  description: 'Điện thoại / phones',
  grossKg: 1000,
  valueUsd: 3000,
});

// ------------------------------------------------------------------ every kind matches and does not

describe('assess: every rule kind, matching and not', () => {
  const cases: [string, RiskRule, Declaration, TraderHistory, boolean, number[]][] = [
    // HS code prefix
    [
      'HS prefix 08 on lychee',
      rule({ kind: 'HS_CODE_PREFIX', hsPrefix: '08' }, 'YELLOW'),
      declaration({ goods: [fruit] }),
      NO_HISTORY,
      true,
      [1],
    ],
    [
      'HS prefix 0810 on the 2nd line',
      rule({ kind: 'HS_CODE_PREFIX', hsPrefix: '0810' }, 'YELLOW'),
      declaration({ goods: [goodsLine(), fruit] }),
      NO_HISTORY,
      true,
      [2],
    ],
    [
      'HS prefix 02 on plastics',
      rule({ kind: 'HS_CODE_PREFIX', hsPrefix: '02' }, 'RED'),
      declaration(),
      NO_HISTORY,
      false,
      [],
    ],
    // origin country
    [
      'origin KP on a KP line',
      rule({ kind: 'ORIGIN_COUNTRY', country: 'KP' }, 'RED'),
      declaration({ goods: [goodsLine(), goodsLine({ origin: 'KP' })] }),
      NO_HISTORY,
      true,
      [2],
    ],
    [
      'origin KP on VN goods',
      rule({ kind: 'ORIGIN_COUNTRY', country: 'KP' }, 'RED'),
      declaration(),
      NO_HISTORY,
      false,
      [],
    ],
    // trader
    [
      'trader org-1 declaring',
      rule({ kind: 'TRADER', organisationId: 'org-1' }, 'YELLOW'),
      declaration(),
      NO_HISTORY,
      true,
      [],
    ],
    [
      'trader org-2, org-1 declaring',
      rule({ kind: 'TRADER', organisationId: 'org-2' }, 'YELLOW'),
      declaration(),
      NO_HISTORY,
      false,
      [],
    ],
    // value per kg band
    [
      'phones at 3 USD/kg, band 25–5000',
      rule(
        { kind: 'VALUE_PER_KG_OUTSIDE_BAND', hsPrefix: '8517', minUsdPerKg: 25, maxUsdPerKg: 5000 },
        'RED',
      ),
      declaration({ goods: [phones] }),
      NO_HISTORY,
      true,
      [1],
    ],
    [
      'phones at 6000 USD/kg, band 25–5000',
      rule(
        { kind: 'VALUE_PER_KG_OUTSIDE_BAND', hsPrefix: '8517', minUsdPerKg: 25, maxUsdPerKg: 5000 },
        'RED',
      ),
      declaration({ goods: [{ ...phones, valueUsd: 6_000_000 }] }),
      NO_HISTORY,
      true,
      [1],
    ],
    [
      'phones at exactly 25 USD/kg (inside)',
      rule(
        { kind: 'VALUE_PER_KG_OUTSIDE_BAND', hsPrefix: '8517', minUsdPerKg: 25, maxUsdPerKg: 5000 },
        'RED',
      ),
      declaration({ goods: [{ ...phones, valueUsd: 25_000 }] }),
      NO_HISTORY,
      false,
      [],
    ],
    [
      'phones at exactly 5000 USD/kg (inside)',
      rule(
        { kind: 'VALUE_PER_KG_OUTSIDE_BAND', hsPrefix: '8517', minUsdPerKg: 25, maxUsdPerKg: 5000 },
        'RED',
      ),
      declaration({ goods: [{ ...phones, valueUsd: 5_000_000 }] }),
      NO_HISTORY,
      false,
      [],
    ],
    [
      'phones without weight',
      rule(
        { kind: 'VALUE_PER_KG_OUTSIDE_BAND', hsPrefix: '8517', minUsdPerKg: 25, maxUsdPerKg: 5000 },
        'RED',
      ),
      declaration({ goods: [{ ...phones, grossKg: 0 }] }),
      NO_HISTORY,
      true,
      [1],
    ],
    [
      'cheap plastics, band for 8517',
      rule(
        { kind: 'VALUE_PER_KG_OUTSIDE_BAND', hsPrefix: '8517', minUsdPerKg: 25, maxUsdPerKg: 5000 },
        'RED',
      ),
      declaration({ goods: [goodsLine({ valueUsd: 1 })] }),
      NO_HISTORY,
      false,
      [],
    ],
    // documents missing
    [
      'lychee without PHYTO_CERT',
      rule(
        {
          kind: 'DOCUMENTS_MISSING',
          hsPrefixes: ['06', '08', '14'],
          documentTypes: ['PHYTO_CERT'],
        },
        'YELLOW',
      ),
      declaration({ goods: [goodsLine(), fruit] }),
      NO_HISTORY,
      true,
      [2],
    ],
    [
      'lychee with PHYTO_CERT',
      rule(
        {
          kind: 'DOCUMENTS_MISSING',
          hsPrefixes: ['06', '08', '14'],
          documentTypes: ['PHYTO_CERT'],
        },
        'YELLOW',
      ),
      declaration({ goods: [fruit], documents: [{ type: 'PHYTO_CERT', number: 'KD-1' }] }),
      NO_HISTORY,
      false,
      [],
    ],
    [
      'lychee with PHYTO_CERT, CO also required',
      rule(
        { kind: 'DOCUMENTS_MISSING', hsPrefixes: ['08'], documentTypes: ['PHYTO_CERT', 'CO'] },
        'YELLOW',
      ),
      declaration({ goods: [fruit], documents: [{ type: 'PHYTO_CERT', number: 'KD-1' }] }),
      NO_HISTORY,
      true,
      [1],
    ],
    [
      'plastics without PHYTO_CERT',
      rule(
        {
          kind: 'DOCUMENTS_MISSING',
          hsPrefixes: ['06', '08', '14'],
          documentTypes: ['PHYTO_CERT'],
        },
        'YELLOW',
      ),
      declaration(),
      NO_HISTORY,
      false,
      [],
    ],
    // trader violations
    [
      '3 violations in 365 days, threshold 3',
      rule({ kind: 'TRADER_VIOLATIONS', minViolations: 3, withinDays: 365 }, 'RED'),
      declaration(),
      violations(1, 100, 364),
      true,
      [],
    ],
    [
      '2 violations in 365 days, threshold 3',
      rule({ kind: 'TRADER_VIOLATIONS', minViolations: 3, withinDays: 365 }, 'RED'),
      declaration(),
      violations(1, 100),
      false,
      [],
    ],
    [
      '3 violations, one exactly 365 days ago (outside)',
      rule({ kind: 'TRADER_VIOLATIONS', minViolations: 3, withinDays: 365 }, 'RED'),
      declaration(),
      violations(1, 100, 365),
      false,
      [],
    ],
    [
      '3 violations, one in the future (ignored)',
      rule({ kind: 'TRADER_VIOLATIONS', minViolations: 3, withinDays: 365 }, 'RED'),
      declaration(),
      violations(1, 100, -1),
      false,
      [],
    ],
    [
      '1 violation today, threshold 1 in 90 days',
      rule({ kind: 'TRADER_VIOLATIONS', minViolations: 1, withinDays: 90 }, 'YELLOW'),
      declaration(),
      violations(0),
      true,
      [],
    ],
    [
      'no history, threshold 1',
      rule({ kind: 'TRADER_VIOLATIONS', minViolations: 1, withinDays: 90 }, 'YELLOW'),
      declaration(),
      NO_HISTORY,
      false,
      [],
    ],
  ];

  it.each(cases)('%s: matches = %p', (_name, given, subject, history, matches, lines) => {
    const outcome = channelOf(subject, [given], history);
    if (!matches) {
      expect(outcome.channel).toBe('GREEN');
      expect(outcome.reasons.map((reason) => reason.source)).toEqual(['NO_RULE']);
      return;
    }
    expect(outcome.channel).toBe(given.channel);
    expect(outcome.ruleChannel).toBe(given.channel);
    expect(outcome.reasons).toHaveLength(1);
    const [reason] = outcome.reasons;
    expect(reason).toMatchObject({
      source: 'RULE',
      ruleId: given.id,
      ruleVersion: given.version,
      kind: given.criteria.kind,
      channel: given.channel,
      goodsLineNumbers: lines,
    });
    expect(reason?.text.vi).toContain(given.title.vi);
    expect(reason?.text.en).toContain(given.title.en);
  });

  it('the reason tells the facts, in both languages', () => {
    const band = rule(
      { kind: 'VALUE_PER_KG_OUTSIDE_BAND', hsPrefix: '8517', minUsdPerKg: 25, maxUsdPerKg: 5000 },
      'RED',
    );
    const [reason] = channelOf(
      declaration({ goods: [goodsLine(), { ...phones, valueUsd: 2500 }] }),
      [band],
    ).reasons;
    expect(reason?.text.en).toBe(
      'Test rule — declared value outside 25–5000 USD/kg for HS 8517 (line 2: 2.5 USD/kg) → RED channel.',
    );
    expect(reason?.text.vi).toBe(
      'Quy tắc thử — trị giá khai báo ngoài khoảng 25–5000 USD/kg cho mã HS 8517 (dòng 2: 2,5 USD/kg) → luồng đỏ.',
    );

    const docs = rule(
      { kind: 'DOCUMENTS_MISSING', hsPrefixes: ['08'], documentTypes: ['PHYTO_CERT', 'CO'] },
      'YELLOW',
    );
    const [missing] = channelOf(declaration({ goods: [fruit] }), [docs]).reasons;
    expect(missing?.text.en).toBe(
      'Test rule — goods line 1 without PHYTO_CERT, CO → YELLOW channel.',
    );

    const repeat = rule({ kind: 'TRADER_VIOLATIONS', minViolations: 2, withinDays: 30 }, 'RED');
    const [offender] = channelOf(declaration(), [repeat], violations(1, 2, 3)).reasons;
    expect(offender?.text.en).toContain(
      'trader has 3 violations in the last 30 days (threshold 2)',
    );
    expect(offender?.text.vi).toContain('doanh nghiệp có 3 vi phạm trong 30 ngày qua');
  });

  it('valuePerKg is USD per gross kg, undefined without weight', () => {
    expect(valuePerKg(goodsLine({ valueUsd: 300, grossKg: 100 }))).toBe(3);
    expect(valuePerKg(goodsLine({ valueUsd: 300, grossKg: 0 }))).toBeUndefined();
  });
});

// ------------------------------------------------------------------ strictest wins, reasons listed

describe('assess: the strictest channel wins and every match is a reason', () => {
  const green = rule({ kind: 'TRADER', organisationId: 'org-1' }, 'GREEN', {
    id: 'a-trusted-trader',
  });
  const yellow = rule({ kind: 'HS_CODE_PREFIX', hsPrefix: '08' }, 'YELLOW', { id: 'b-fruit' });
  const yellow2 = rule(
    { kind: 'DOCUMENTS_MISSING', hsPrefixes: ['08'], documentTypes: ['PHYTO_CERT'] },
    'YELLOW',
    { id: 'a-phyto' },
  );
  const red = rule({ kind: 'ORIGIN_COUNTRY', country: 'CN' }, 'RED', { id: 'z-origin-cn' });
  const subject = declaration({ goods: [fruit, goodsLine({ origin: 'CN' })] });

  it.each<[string, RiskRule[], string, string[]]>([
    ['no rules', [], 'GREEN', ['no-rule']],
    ['only a GREEN rule', [green], 'GREEN', ['a-trusted-trader']],
    ['GREEN and YELLOW', [green, yellow], 'YELLOW', ['b-fruit', 'a-trusted-trader']],
    ['two YELLOW: both listed, by id', [yellow, yellow2], 'YELLOW', ['a-phyto', 'b-fruit']],
    [
      'GREEN, YELLOW, RED in any order',
      [yellow, red, green, yellow2],
      'RED',
      ['z-origin-cn', 'a-phyto', 'b-fruit', 'a-trusted-trader'],
    ],
    ['RED first, then others', [red, green], 'RED', ['z-origin-cn', 'a-trusted-trader']],
  ])('given %s, the channel is %s with reasons %j', (_name, rules, channel, reasonIds) => {
    const outcome = channelOf(subject, rules);
    expect(outcome.channel).toBe(channel);
    expect(outcome.reasons.map((reason) => reason.ruleId)).toEqual(reasonIds);
    expect(outcome.ruleSetVersion).toBe(7);
    expect(outcome.assessedAt).toBe(AT);
  });

  it('a rule narrowed to another direction or gate is ignored', () => {
    const importOnly = { ...yellow, direction: 'IMPORT' as const };
    const otherGate = { ...red, gateCode: 'HUUNGHI' };
    expect(channelOf(subject, [importOnly, otherGate]).channel).toBe('GREEN');
    expect(channelOf({ ...subject, direction: 'IMPORT' }, [importOnly, otherGate]).channel).toBe(
      'YELLOW',
    );
    expect(channelOf({ ...subject, gateCode: 'HUUNGHI' }, [importOnly, otherGate]).channel).toBe(
      'RED',
    );
  });
});

// ------------------------------------------------------------------ effective dates

describe('assess: only rules in force at the assessment time count', () => {
  const base = rule({ kind: 'HS_CODE_PREFIX', hsPrefix: '08' }, 'RED');
  it.each<[string, Partial<RiskRule>, boolean]>([
    ['in force since January', {}, true],
    ['not yet in force (starts tomorrow)', { effectiveFrom: '2026-12-02T00:00:00Z' }, false],
    ['starting exactly now', { effectiveFrom: AT }, true],
    ['expired yesterday', { effectiveTo: '2026-11-30T00:00:00Z' }, false],
    ['expiring exactly now', { effectiveTo: AT }, false],
    ['expiring in a second', { effectiveTo: '2026-12-01T01:30:01Z' }, true],
  ])('a rule %s: counted = %p', (_name, overrides, counted) => {
    const outcome = channelOf(declaration({ goods: [fruit] }), [{ ...base, ...overrides }]);
    expect(outcome.channel).toBe(counted ? 'RED' : 'GREEN');
  });

  it('a newer version of a rule replaces the old one on its date', () => {
    const v1 = { ...base, channel: 'YELLOW' as const, effectiveTo: '2026-12-01T00:00:00Z' };
    const v2 = { ...base, version: 2, effectiveFrom: '2026-12-01T00:00:00Z' };
    const before = channelOf(
      declaration({ goods: [fruit] }),
      [v1, v2],
      NO_HISTORY,
      '2026-11-30T12:00:00Z',
    );
    const after = channelOf(declaration({ goods: [fruit] }), [v1, v2]);
    expect([before.channel, before.reasons[0]?.ruleVersion]).toEqual(['YELLOW', 1]);
    expect([after.channel, after.reasons[0]?.ruleVersion]).toEqual(['RED', 2]);
  });
});

// ------------------------------------------------------------------ sampling

describe('assess: random sampling from a recorded seed', () => {
  const yellowRule = rule({ kind: 'HS_CODE_PREFIX', hsPrefix: '08' }, 'YELLOW');
  const redRule = rule({ kind: 'HS_CODE_PREFIX', hsPrefix: '08' }, 'RED');
  const sampled = (rules: RiskRule[], rates: RuleSet['samplingRates']): RuleSet => ({
    version: 3,
    rules,
    samplingRates: rates,
  });
  // Deterministic seeds chosen by their draw (pinned in sampling.unit.spec.ts's algorithm).
  const seedWithDraw = (test: (draw: number) => boolean): string => {
    for (let index = 0; ; index += 1) {
      const seed = samplingSeed(`shipment-${index}`, 3);
      if (test(samplingDraw(seed))) {
        return seed;
      }
    }
  };
  const low = seedWithDraw((draw) => draw < 0.01);
  const high = seedWithDraw((draw) => draw > 0.99);

  it.each<[string, RiskRule[], string, string, string, boolean]>([
    ['GREEN, low draw', [], low, 'GREEN', 'YELLOW', true],
    ['GREEN, high draw', [], high, 'GREEN', 'GREEN', false],
    ['YELLOW, low draw', [yellowRule], low, 'YELLOW', 'RED', true],
    ['YELLOW, high draw', [yellowRule], high, 'YELLOW', 'YELLOW', false],
    ['RED, low draw: cannot go higher', [redRule], low, 'RED', 'RED', false],
  ])(
    '%s: rule channel %s … %s → %s, selected %p',
    (_name, rules, seed, ruleChannel, channel, selected) => {
      const outcome = assess(
        declaration({ goods: [fruit] }),
        sampled(rules, { GREEN: 0.05, YELLOW: 0.02 }),
        NO_HISTORY,
        { seed },
        AT,
      );
      expect(outcome.ruleChannel).toBe(ruleChannel);
      expect(outcome.channel).toBe(channel);
      expect(outcome.sampling).toEqual({
        algorithm: 'cyrb128-sfc32-v1',
        seed,
        draw: samplingDraw(seed),
        rate: ruleChannel === 'GREEN' ? 0.05 : ruleChannel === 'YELLOW' ? 0.02 : 0,
        selected,
      });
      const last = outcome.reasons.at(-1);
      if (selected) {
        expect(last).toMatchObject({
          source: 'SAMPLING',
          ruleId: 'sampling',
          ruleVersion: 3,
          channel,
        });
        expect(last?.text.en).toContain(`of ${ruleChannel} declarations`);
      } else {
        expect(last?.source).not.toBe('SAMPLING');
      }
    },
  );

  it('rate 0 never samples, rate 1 always does', () => {
    for (const seed of [low, high, 'x', 'y']) {
      expect(
        assess(declaration(), sampled([], { GREEN: 0, YELLOW: 0 }), NO_HISTORY, { seed }, AT)
          .channel,
      ).toBe('GREEN');
      expect(
        assess(declaration(), sampled([], { GREEN: 1, YELLOW: 1 }), NO_HISTORY, { seed }, AT)
          .channel,
      ).toBe('YELLOW');
    }
  });

  it('the same inputs and seed always re-derive the same outcome', () => {
    const subject = deepFreeze(declaration({ goods: [fruit, phones] }));
    const seed = { seed: samplingSeed(subject.shipmentId, DEMO_RULE_SET.version) };
    const first = assess(subject, DEMO_RULE_SET, violations(3), seed, AT);
    const again = assess(
      structuredClone(subject),
      structuredClone(DEMO_RULE_SET),
      violations(3),
      { ...seed },
      AT,
    );
    expect(again).toEqual(first);
  });

  it('over 10,000 GREEN declarations about 5 % go YELLOW; over 10,000 YELLOW about 2 % go RED', () => {
    const rates = { GREEN: 0.05, YELLOW: 0.02 };
    const greens = sampled([], rates);
    const yellows = sampled([yellowRule], rates);
    let promotedGreen = 0;
    let promotedYellow = 0;
    for (let index = 0; index < 10_000; index += 1) {
      const seed = { seed: samplingSeed(`shipment-${index}`, 3) };
      if (
        assess(declaration({ goods: [goodsLine()] }), greens, NO_HISTORY, seed, AT).channel ===
        'YELLOW'
      ) {
        promotedGreen += 1;
      }
      if (
        assess(declaration({ goods: [fruit] }), yellows, NO_HISTORY, seed, AT).channel === 'RED'
      ) {
        promotedYellow += 1;
      }
    }
    expect(promotedGreen).toBeGreaterThanOrEqual(400);
    expect(promotedGreen).toBeLessThanOrEqual(600);
    expect(promotedYellow).toBeGreaterThanOrEqual(140);
    expect(promotedYellow).toBeLessThanOrEqual(260);
  });
});

// ------------------------------------------------------------------ the demo rules on Móng Cái traffic

describe('assess with the demo rule set (sampling off)', () => {
  const demo: RuleSet = { ...DEMO_RULE_SET, samplingRates: { GREEN: 0, YELLOW: 0 } };
  it.each<[string, Partial<Declaration>, TraderHistory, string, string[]]>([
    ['plastic household goods', {}, NO_HISTORY, 'GREEN', ['no-rule']],
    [
      'fresh lychee with PHYTO_CERT',
      { goods: [fruit], documents: [{ type: 'PHYTO_CERT', number: 'KD-1' }] },
      NO_HISTORY,
      'YELLOW',
      ['hs-08-fresh-fruit-doc-check'],
    ],
    [
      'fresh lychee without PHYTO_CERT',
      { goods: [fruit] },
      NO_HISTORY,
      'YELLOW',
      ['hs-08-fresh-fruit-doc-check', 'phyto-cert-ch06-14'],
    ],
    [
      'frozen pork with VET_CERT',
      {
        direction: 'IMPORT',
        goods: [goodsLine({ hsCode: '02032900', origin: 'BR' })],
        documents: [{ type: 'VET_CERT', number: 'TY-1' }],
      },
      NO_HISTORY,
      'RED',
      ['hs-02-meat-red'],
    ],
    [
      'frozen pork without VET_CERT',
      { direction: 'IMPORT', goods: [goodsLine({ hsCode: '02032900', origin: 'BR' })] },
      NO_HISTORY,
      'RED',
      ['hs-02-meat-red', 'vet-cert-ch01-05'],
    ],
    [
      'phones at 3 USD/kg',
      { goods: [phones] },
      NO_HISTORY,
      'RED',
      ['hs-8517-phones-value-band', 'hs-85-value-band'],
    ],
    [
      'phones at 300 USD/kg',
      { goods: [{ ...phones, valueUsd: 300_000 }] },
      NO_HISTORY,
      'GREEN',
      ['no-rule'],
    ],
    [
      'TVs at 2 USD/kg',
      { goods: [goodsLine({ hsCode: '85287200', grossKg: 1000, valueUsd: 2000 })] },
      NO_HISTORY,
      'YELLOW',
      ['hs-85-value-band'],
    ],
    [
      'cigarettes',
      { goods: [goodsLine({ hsCode: '24022090' })] },
      NO_HISTORY,
      'RED',
      ['hs-2402-cigarettes-red'],
    ],
    [
      'imported sugar',
      { direction: 'IMPORT', goods: [goodsLine({ hsCode: '17019910', origin: 'TH' })] },
      NO_HISTORY,
      'YELLOW',
      ['hs-1701-sugar-import'],
    ],
    [
      'exported sugar',
      { goods: [goodsLine({ hsCode: '17019910' })] },
      NO_HISTORY,
      'GREEN',
      ['no-rule'],
    ],
    [
      'goods of KP origin',
      { goods: [goodsLine({ origin: 'KP' })] },
      NO_HISTORY,
      'RED',
      ['origin-kp-sanctions'],
    ],
    [
      'the watched trader',
      { organisationId: DEMO_WATCHED_ORGANISATION_ID },
      NO_HISTORY,
      'YELLOW',
      ['trader-watch-list'],
    ],
    [
      'a trader with one violation last month',
      {},
      violations(30),
      'YELLOW',
      ['trader-violations-1-in-90d'],
    ],
    [
      'a repeat offender',
      {},
      violations(30, 150, 300),
      'RED',
      ['trader-violations-3-in-365d', 'trader-violations-1-in-90d'],
    ],
  ])('%s → %s', (_name, overrides, history, channel, reasonIds) => {
    const outcome = assess(declaration(overrides), demo, history, { seed: 'demo' }, AT);
    expect(outcome.channel).toBe(channel);
    expect(outcome.reasons.map((reason) => reason.ruleId)).toEqual(reasonIds);
  });

  it('before the demo rules take effect, everything is GREEN', () => {
    const outcome = assess(
      declaration({ goods: [goodsLine({ hsCode: '24022090' })] }),
      demo,
      NO_HISTORY,
      { seed: 'demo' },
      '2025-12-31T00:00:00Z',
    );
    expect(outcome.channel).toBe('GREEN');
  });
});
