import {
  classify,
  isInForce,
  validateControlledGoods,
  type ControlledGoodsEntry,
  type GoodsLine,
} from './controlled-goods';

const entry = (
  hsPrefix: string,
  kind: ControlledGoodsEntry['kind'],
  validUntil?: string,
  validFrom = '2020-01-01T00:00:00.000Z',
): ControlledGoodsEntry => ({
  hsPrefix,
  kind,
  description: hsPrefix,
  validFrom,
  ...(validUntil === undefined ? {} : { validUntil }),
  addedBy: 'system',
  reason: 'seed',
});

const LIST: ControlledGoodsEntry[] = [
  entry('08', 'PLANT'),
  entry('04', 'ANIMAL'),
  entry('0409', 'FOOD_SAFETY'),
  entry('23', 'PLANT'),
  entry('2301', 'ANIMAL'),
  entry('16', 'FOOD_SAFETY'),
  entry('10', 'PLANT', '2026-06-01T00:00:00.000Z'),
  entry('12', 'PLANT', undefined, '2027-01-01T00:00:00.000Z'),
];
const AT = '2026-12-01T08:30:00.000Z';

const line = (hsCode: string): GoodsLine => ({
  hsCode,
  description: hsCode,
  quantity: 1,
  unit: 'KGM',
  grossKg: 1,
  valueUsd: 1,
  origin: 'VN',
});

describe('classify', () => {
  it.each([
    ['fresh lychee, chapter 08', '08109010', '08', 'PLANT'],
    ['dotted HS code is normalised', '0810.90.10', '08', 'PLANT'],
    ['milk, chapter 04', '04011010', '04', 'ANIMAL'],
    ['honey: heading 0409 beats chapter 04', '04090000', '0409', 'FOOD_SAFETY'],
    ['fish meal: 2301 beats 23', '23012000', '2301', 'ANIMAL'],
    ['oil cake, chapter 23', '23040000', '23', 'PLANT'],
    ['sausages, chapter 16', '16010010', '16', 'FOOD_SAFETY'],
    ['rice: entry of 10 expired before', '10063040', undefined, undefined],
    ['soya: entry of 12 not yet in force', '12019000', undefined, undefined],
    ['laptops are not controlled', '84713020', undefined, undefined],
    ['a prefix only matches at the start', '84080810', undefined, undefined],
  ])('%s', (_name, hsCode, prefix, kind) => {
    const [classified] = classify([line(hsCode)], LIST, AT).lines;
    expect(classified?.control).toEqual(
      prefix === undefined ? undefined : { hsPrefix: prefix, kind },
    );
  });

  it('lists the controlled codes once each, in line order, and the kinds that apply', () => {
    const result = classify(
      [line('84713020'), line('08109010'), line('04090000'), line('08109010')],
      LIST,
      AT,
    );
    expect(result.controlledHsCodes).toEqual(['08109010', '04090000']);
    expect(result.kinds).toEqual(['PLANT', 'FOOD_SAFETY']);
  });

  it('finds nothing controlled in an empty list', () => {
    const result = classify([line('08109010')], [], AT);
    expect(result.controlledHsCodes).toEqual([]);
    expect(result.kinds).toEqual([]);
  });
});

describe('isInForce', () => {
  it.each([
    ['before validFrom', '2019-12-31T23:59:59.999Z', false],
    ['at validFrom', '2020-01-01T00:00:00.000Z', true],
    ['just before validUntil', '2026-05-31T23:59:59.999Z', true],
    ['at validUntil', '2026-06-01T00:00:00.000Z', false],
  ])('%s → %s', (_name, at, expected) => {
    expect(isInForce(entry('10', 'PLANT', '2026-06-01T00:00:00.000Z'), at)).toBe(expected);
  });
});

describe('validateControlledGoods', () => {
  const valid = {
    hsPrefix: '0810',
    kind: 'PLANT',
    description: 'Other fruit',
    validFrom: AT,
    addedBy: 'quarantine1',
    reason: 'alert',
  };

  it('accepts a valid entry', () => {
    expect(validateControlledGoods(valid)).toEqual({
      ok: true,
      value: { ...valid, kind: 'PLANT' },
    });
  });

  it.each([
    ['one digit', { hsPrefix: '8' }, 'hsPrefix', 'QUARANTINE.CONTROLLED_PREFIX_INVALID'],
    [
      'eleven digits',
      { hsPrefix: '08109010123' },
      'hsPrefix',
      'QUARANTINE.CONTROLLED_PREFIX_INVALID',
    ],
    ['letters', { hsPrefix: '08A' }, 'hsPrefix', 'QUARANTINE.CONTROLLED_PREFIX_INVALID'],
    ['unknown kind', { kind: 'UNKNOWN' }, 'kind', 'QUARANTINE.CONTROLLED_PREFIX_INVALID'],
    [
      'blank description',
      { description: ' ' },
      'description',
      'QUARANTINE.CONTROLLED_PREFIX_INVALID',
    ],
    [
      'end before start',
      { validUntil: '2020-01-01T00:00:00Z' },
      'validUntil',
      'QUARANTINE.CONTROLLED_PREFIX_INVALID',
    ],
    ['no reason', { reason: '' }, 'reason', 'QUARANTINE.REASON_REQUIRED'],
  ])('refuses %s', (_name, change, field, code) => {
    const result = validateControlledGoods({ ...valid, ...change });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toEqual([expect.objectContaining({ field, code })]);
  });
});
