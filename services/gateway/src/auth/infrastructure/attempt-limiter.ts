import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { GatewayConfig } from '../../gateway.config';
import { GATEWAY_CONFIG } from '../../gateway.tokens';

/** Seconds until a blocked counter frees up, or undefined when it is under its limit. */
export type RetryAfter = number | undefined;

/** Fixed-window counters in Redis: failed logins, wrong pass codes, request rates. */
@Injectable()
export class AttemptLimiter {
  constructor(
    @Inject(Redis) private readonly redis: Redis,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Whether `key` already reached `limit` (seconds to wait), without counting. */
  async blocked(key: string, limit: number): Promise<RetryAfter> {
    const full = this.config.REDIS_KEY_PREFIX + key;
    const [count, ttl] = await this.redis.multi().get(full).ttl(full).exec().then(valuesOf);
    return Number(count ?? 0) >= limit ? Math.max(1, Number(ttl)) : undefined;
  }

  /** Counts one attempt; returns the seconds to wait when this one went over the limit. */
  async hit(key: string, limit: number, windowSeconds: number): Promise<RetryAfter> {
    const full = this.config.REDIS_KEY_PREFIX + key;
    const [count, , ttl] = await this.redis
      .multi()
      .incr(full)
      .expire(full, windowSeconds, 'NX')
      .ttl(full)
      .exec()
      .then(valuesOf);
    return Number(count) > limit ? Math.max(1, Number(ttl)) : undefined;
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.config.REDIS_KEY_PREFIX + key);
  }
}

function valuesOf(results: [Error | null, unknown][] | null): unknown[] {
  if (results === null) throw new Error('redis transaction aborted');
  return results.map(([error, value]) => {
    if (error !== null) throw error;
    return value;
  });
}
