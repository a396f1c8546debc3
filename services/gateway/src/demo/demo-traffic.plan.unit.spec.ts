import {
  CARGO,
  parseTrafficArgs,
  registrationOffsetMs,
  shipmentRequest,
  truckPlates,
} from './demo-traffic.plan';

const defaults = { url: 'http://127.0.0.1:8080', keyFile: '/repo/.run/demo-camera-key' };

/** A repeatable stand-in for Math.random. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe('demo:traffic options', () => {
  it('has defaults and takes --count, --duration, --url, --key', () => {
    expect(parseTrafficArgs([], defaults)).toEqual({
      count: 12,
      durationSeconds: 120,
      url: 'http://127.0.0.1:8080',
      key: undefined,
      keyFile: '/repo/.run/demo-camera-key',
      journeyTimeoutSeconds: 300,
    });
    expect(
      parseTrafficArgs(
        ['--count', '3', '--duration', '5', '--url', 'http://gw:1/', '--key', 'ck_x'],
        defaults,
      ),
    ).toMatchObject({ count: 3, durationSeconds: 5, url: 'http://gw:1', key: 'ck_x' });
  });

  it('refuses unknown arguments, missing values and bad numbers with the usage', () => {
    expect(() => parseTrafficArgs(['--speed', '2'], defaults)).toThrow(
      /usage: npm run demo:traffic/,
    );
    expect(() => parseTrafficArgs(['--count'], defaults)).toThrow(/bad argument --count/);
    expect(() => parseTrafficArgs(['--count', '0'], defaults)).toThrow(/at least 1/);
    expect(() => parseTrafficArgs(['--count', '2.5'], defaults)).toThrow(/integer/);
  });
});

describe('demo:traffic trucks', () => {
  it('gives distinct plates in the 14C-123.45 shape', () => {
    const plates = truckPlates(50, seeded(7));
    expect(new Set(plates).size).toBe(50);
    for (const plate of plates) expect(plate).toMatch(/^14C-\d{3}\.\d{2}$/);
  });

  it('spreads the registrations evenly over the duration', () => {
    expect([0, 1, 2, 3].map((index) => registrationOffsetMs(index, 4, 60))).toEqual([
      0, 15_000, 30_000, 45_000,
    ]);
    expect(registrationOffsetMs(0, 1, 60)).toBe(0);
  });

  it('registers a complete export with a goods line of the catalogue and its document', () => {
    const now = new Date('2026-12-03T08:00:00Z');
    const { body, cargo } = shipmentRequest(4, '14C-482.13', seeded(3), now);
    expect(CARGO).toContain(cargo);
    expect(body).toMatchObject({
      gateCode: 'MONGCAI',
      direction: 'EXPORT',
      plannedArrival: '2026-12-03T08:20:00.000Z',
      vehicle: { plate: '14C-482.13', country: 'VN' },
      goods: [{ hsCode: cargo.goods.hsCode, origin: 'VN' }],
      documents: [{ type: cargo.documents[0]?.type }],
    });
    const [line] = body['goods'] as { grossKg: number; valueUsd: number }[];
    expect(line?.grossKg).toBeGreaterThanOrEqual(cargo.grossKg[0]);
    expect(line?.grossKg).toBeLessThanOrEqual(cargo.grossKg[1]);
    expect(line?.valueUsd).toBeGreaterThan(0);
    expect(String(body['declarationNumber'])).toMatch(/^\d{12}$/);
  });

  it('varies the goods across trucks', () => {
    const random = seeded(11);
    const kinds = new Set(
      Array.from(
        { length: 40 },
        (_, index) => shipmentRequest(index, 'P', random, new Date()).cargo,
      ),
    );
    expect(kinds.size).toBeGreaterThanOrEqual(5);
  });
});
