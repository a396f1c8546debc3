import {
  cyrb128,
  randomSequence,
  SAMPLING_ALGORITHM,
  samplingDraw,
  samplingSeed,
} from './sampling';

describe('sampling: a deterministic draw per seed', () => {
  it.each([
    // Pinned: changing the generator changes these, and must change SAMPLING_ALGORITHM too.
    ['shipment-1/rule-set-1', 0.810734927887097],
    ['seed-0', 0.20414490019902587],
    ['a', 0.8553963203448802],
    ['', 0.5636194369290024],
  ])('given seed %j, the draw is always %d', (seed, expected) => {
    expect(SAMPLING_ALGORITHM).toBe('cyrb128-sfc32-v1');
    expect(samplingDraw(seed)).toBe(expected);
    expect(samplingDraw(seed)).toBe(samplingDraw(seed));
  });

  it('the default seed is the shipment id and the rule-set version', () => {
    expect(samplingSeed('shipment-1', 1)).toBe('shipment-1/rule-set-1');
    expect(samplingSeed('shipment-1', 2)).not.toBe(samplingSeed('shipment-1', 1));
  });

  it('similar seeds give unrelated draws', () => {
    const draws = ['s-1', 's-2', 's-3', 's-4', 's-5'].map(samplingDraw);
    expect(new Set(draws).size).toBe(draws.length);
    expect(Math.max(...draws) - Math.min(...draws)).toBeGreaterThan(0.3);
  });

  it('the hash gives four 32-bit words and the sequence stays in [0, 1)', () => {
    const words = cyrb128('MONGCAI');
    expect(words).toHaveLength(4);
    for (const word of words) {
      expect(Number.isInteger(word) && word >= 0 && word < 2 ** 32).toBe(true);
    }
    const next = randomSequence('MONGCAI');
    const again = randomSequence('MONGCAI');
    for (let index = 0; index < 1000; index += 1) {
      const value = next();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      expect(again()).toBe(value);
    }
  });

  describe('over 10,000 shipments, the share of draws below a rate is close to the rate', () => {
    const draws = Array.from({ length: 10_000 }, (_, index) =>
      samplingDraw(samplingSeed(`shipment-${index}`, 1)),
    );

    it.each([
      [0.05, 0.04, 0.06],
      [0.02, 0.014, 0.026],
      [0.5, 0.48, 0.52],
    ])('rate %d: between %d and %d', (rate, low, high) => {
      const share = draws.filter((draw) => draw < rate).length / draws.length;
      expect(share).toBeGreaterThanOrEqual(low);
      expect(share).toBeLessThanOrEqual(high);
    });

    it('every tenth of [0, 1) gets about a tenth of the draws', () => {
      const buckets = new Array<number>(10).fill(0);
      for (const draw of draws) {
        const bucket = Math.floor(draw * 10);
        buckets[bucket] = (buckets[bucket] ?? 0) + 1;
      }
      for (const count of buckets) {
        expect(count).toBeGreaterThan(900);
        expect(count).toBeLessThan(1100);
      }
    });
  });
});
