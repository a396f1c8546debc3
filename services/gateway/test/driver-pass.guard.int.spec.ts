import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { CodedError } from '@cuakhau/platform';
import { AttemptLimiter } from '../src/auth/infrastructure/attempt-limiter';
import { DriverPassGuard } from '../src/driver/application/driver-pass.guard';
import type { GatewayConfig } from '../src/gateway.config';

jest.setTimeout(60_000);

/** The driver pass rule on real Redis: 404 for a wrong pair, 429 past the address's budget. */
describe('DriverPassGuard (real Redis)', () => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const config = {
    REDIS_KEY_PREFIX: `test:pass-guard:${randomUUID()}:`,
    PASS_LOOKUP_MAX_FAILURES_PER_IP: 2,
    PASS_LOOKUP_WINDOW_SECONDS: 60,
  } as unknown as GatewayConfig;
  const guard = new DriverPassGuard(new AttemptLimiter(redis, config), config);
  const noMatch = (): Promise<never> =>
    Promise.reject(new CodedError('REGISTRY.PASS_NOT_FOUND', 'NOT_FOUND', 'no match'));
  const found = (): Promise<{ shipmentId: string }> => Promise.resolve({ shipmentId: 's-1' });

  afterAll(async () => {
    const keys = await redis.keys(`${config.REDIS_KEY_PREFIX}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('answers a wrong pair like an unknown plate, and refuses an address past its budget', async () => {
    const refused: number[] = [];
    const onRefused = (seconds: number): void => {
      refused.push(seconds);
    };
    await expect(guard.match('10.0.0.1', found)).resolves.toEqual({ shipmentId: 's-1' });
    // No shipment in the answer is a 404 too (not a guess against the budget).
    await expect(guard.match('10.0.0.1', () => Promise.resolve(undefined))).rejects.toMatchObject({
      code: 'QUEUE.PASS_NOT_FOUND',
    });
    for (let guess = 1; guess <= 2; guess += 1) {
      await expect(guard.match('10.0.0.1', noMatch, onRefused)).rejects.toMatchObject({
        code: 'QUEUE.PASS_NOT_FOUND',
        kind: 'NOT_FOUND',
      });
    }
    // Two wrong guesses use the budget of 2: the address waits, the caller hears it.
    await expect(guard.match('10.0.0.1', noMatch, onRefused)).rejects.toMatchObject({
      status: 429,
      code: 'QUEUE.TOO_MANY_LOOKUPS',
    });
    // Blocked: even the right pair waits, and the caller hears every refusal.
    await expect(guard.match('10.0.0.1', found, onRefused)).rejects.toMatchObject({
      status: 429,
    });
    expect(refused).toHaveLength(2);
    expect(refused.every((seconds) => seconds > 0 && seconds <= 60)).toBe(true);
    // Another address keeps its own budget.
    await expect(guard.match('10.0.0.2', found)).resolves.toEqual({ shipmentId: 's-1' });
  });

  it('passes other failures on without counting them as guesses', async () => {
    const down = new CodedError('GATEWAY.UPSTREAM_UNAVAILABLE', 'UNAVAILABLE', 'registry down');
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await expect(guard.match('10.0.0.3', () => Promise.reject(down))).rejects.toBe(down);
    }
    await expect(guard.match('10.0.0.3', found)).resolves.toEqual({ shipmentId: 's-1' });
  });
});
