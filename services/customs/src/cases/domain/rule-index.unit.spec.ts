import { assess, NO_HISTORY, type RuleReason } from './assess';
import { AT, declaration, goodsLine, rule, ruleSet } from './customs-case.fixtures';
import type { Declaration } from './declaration';
import { DEMO_RULE_SET, isEffective, type RiskRule } from './risk-rules';
import { buildRuleIndex, candidateRules, isEffectiveAt, ruleIndexOf } from './rule-index';

const NO_SAMPLING = { seed: 'no-sampling' };

const meat = rule({ kind: 'HS_CODE_PREFIX', hsPrefix: '02' }, 'RED', { id: 'meat' });
const phones = rule(
  { kind: 'VALUE_PER_KG_OUTSIDE_BAND', hsPrefix: '8517', minUsdPerKg: 25, maxUsdPerKg: 5000 },
  'RED',
  { id: 'phones' },
);
const plants = rule(
  { kind: 'DOCUMENTS_MISSING', hsPrefixes: ['07', '08', '0810'], documentTypes: ['PHYTO_CERT'] },
  'YELLOW',
  { id: 'plants' },
);
const korea = rule({ kind: 'ORIGIN_COUNTRY', country: 'KP' }, 'RED', { id: 'korea' });
const watched = rule({ kind: 'TRADER', organisationId: 'org-9' }, 'YELLOW', { id: 'watched' });
const repeat = rule({ kind: 'TRADER_VIOLATIONS', minViolations: 1, withinDays: 90 }, 'YELLOW', {
  id: 'repeat',
});
const RULES: readonly RiskRule[] = [repeat, meat, phones, plants, korea, watched];

const ids = (subject: Declaration): string[] =>
  candidateRules(buildRuleIndex(RULES), subject).map((indexed) => indexed.rule.id);

describe('candidateRules', () => {
  it.each<[string, Declaration, string[]]>([
    ['plastics of VN by org-1: only the rules about every declaration', declaration(), ['repeat']],
    [
      'lychee: the plant rule once although two of its prefixes match',
      declaration({ goods: [goodsLine({ hsCode: '08109010' })] }),
      ['repeat', 'plants'],
    ],
    [
      'beef and phones of KP by org-9: every matching kind, in rule-set order',
      declaration({
        organisationId: 'org-9',
        goods: [goodsLine({ hsCode: '85171300', origin: 'KP' }), goodsLine({ hsCode: '02013000' })],
      }),
      ['repeat', 'meat', 'phones', 'korea', 'watched'],
    ],
    [
      'a heading the prefix is longer than: not a candidate',
      declaration({ goods: [goodsLine({ hsCode: '85' })] }),
      ['repeat'],
    ],
  ])('%s', (_, subject, expected) => {
    expect(ids(subject)).toEqual(expected);
  });

  it('builds the index of a rule list once', () => {
    expect(ruleIndexOf(RULES)).toBe(ruleIndexOf(RULES));
    expect(ruleIndexOf(RULES)).not.toBe(ruleIndexOf([...RULES]));
  });
});

describe('isEffectiveAt', () => {
  it.each<[string, Partial<RiskRule>, string]>([
    ['before its start', { effectiveFrom: '2026-12-02T00:00:00Z' }, AT],
    ['at its start', { effectiveFrom: AT }, AT],
    ['at its end', { effectiveTo: AT }, AT],
    ['just before its end', { effectiveTo: '2026-12-01T01:30:00.001Z' }, AT],
    ['with an unparseable start', { effectiveFrom: 'soon' }, AT],
    ['with an unparseable end', { effectiveTo: 'later' }, AT],
  ])('agrees with isEffective %s', (_, overrides, at) => {
    const subject = { ...meat, ...overrides };
    const [indexed] = buildRuleIndex([subject]).byHsPrefix.get('02') ?? [];
    expect(indexed).toBeDefined();
    if (indexed !== undefined) {
      expect(isEffectiveAt(indexed, Date.parse(at))).toBe(isEffective(subject, at));
    }
  });
});

describe('assess through the index', () => {
  /** Many generated rules: every reason is the one the rule gives when checked alone. */
  it('gives exactly the reasons of checking every rule in turn', () => {
    const generated: RiskRule[] = [...DEMO_RULE_SET.rules];
    for (let n = 0; n < 300; n += 1) {
      const prefix = ['02', '08', '0810', '85', '8517', '39', '3924', '94', '17'][n % 9] ?? '02';
      generated.push(
        n % 4 === 0
          ? rule({ kind: 'HS_CODE_PREFIX', hsPrefix: prefix }, 'YELLOW', {
              id: `g-${n}`,
              ...(n % 8 === 0 ? { effectiveTo: '2026-06-01T00:00:00Z' } : {}),
            })
          : n % 4 === 1
            ? rule({ kind: 'ORIGIN_COUNTRY', country: n % 3 === 0 ? 'CN' : 'TH' }, 'RED', {
                id: `g-${n}`,
                direction: 'IMPORT',
              })
            : n % 4 === 2
              ? rule(
                  {
                    kind: 'VALUE_PER_KG_OUTSIDE_BAND',
                    hsPrefix: prefix,
                    minUsdPerKg: n % 5,
                    maxUsdPerKg: 50,
                  },
                  'RED',
                  { id: `g-${n}` },
                )
              : rule({ kind: 'TRADER', organisationId: `org-${n % 5}` }, 'YELLOW', {
                  id: `g-${n}`,
                  gateCode: n % 2 === 0 ? 'MONGCAI' : 'HUUNGHI',
                }),
      );
    }
    const subjects = ['08109010', '85171300', '02013000', '39241090', '17019910'].map(
      (hsCode, index) =>
        declaration({
          organisationId: `org-${index}`,
          direction: index % 2 === 0 ? 'IMPORT' : 'EXPORT',
          goods: [
            goodsLine({ hsCode, origin: index % 2 === 0 ? 'CN' : 'TH' }),
            goodsLine({ hsCode: '94036090', valueUsd: 100 }),
          ],
        }),
    );
    for (const subject of subjects) {
      const whole = assess(subject, ruleSet(generated), NO_HISTORY, NO_SAMPLING, AT);
      const oneByOne = generated.flatMap((alone) =>
        assess(subject, ruleSet([alone]), NO_HISTORY, NO_SAMPLING, AT).reasons.filter(
          (reason): reason is RuleReason => reason.source === 'RULE',
        ),
      );
      const rules = whole.reasons.filter((reason) => reason.source === 'RULE');
      expect(rules.length).toBeGreaterThan(0);
      expect(new Set(rules)).toEqual(new Set(oneByOne));
      expect(rules).toHaveLength(oneByOne.length);
    }
  });
});
