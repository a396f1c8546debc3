import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { GatewayConfig } from '../../gateway.config';
import { GATEWAY_CONFIG } from '../../gateway.tokens';

/** Seconds until a blocked counter frees up, or undefined when it is under its limit. */
export type RetryAfter = number | undefined;

/**
 * INCR, start the window if the key has none, answer `{count, ttl}`: one command and one
 * round trip per counted request (every request of the public API is counted).
 */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('TTL', KEYS[1])
if ttl < 0 then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

type HitCommand = (key: string, windowSeconds: number) => Promise<[number, number]>;

/** Fixed-window counters in Redis: failed logins, wrong pass codes, request rates. */
@Injectable()
export class AttemptLimiter {
  private readonly hitCommand: HitCommand;

  constructor(
    @Inject(Redis) private readonly redis: Redis,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    // ioredis sends EVALSHA and falls back to EVAL once when Redis does not know the script.
    const commands = redis as unknown as { gatewayAttemptHit?: HitCommand };
    if (commands.gatewayAttemptHit === undefined) {
      redis.defineCommand('gatewayAttemptHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    }
    const command = commands.gatewayAttemptHit;
    if (command === undefined) throw new TypeError('ioredis did not define gatewayAttemptHit');
    this.hitCommand = command.bind(redis);
  }

  /** Whether `key` already reached `limit` (seconds to wait), without counting. */
  async blocked(key: string, limit: number): Promise<RetryAfter> {
    const full = this.config.REDIS_KEY_PREFIX + key;
    // The common case (under the limit) costs one GET; the wait is read only when blocked.
    const count = await this.redis.get(full);
    if (Number(count ?? 0) < limit) return undefined;
    const ttl = await this.redis.ttl(full);
    return Math.max(1, ttl);
  }

  /** Counts one attempt; returns the seconds to wait when this one went over the limit. */
  async hit(key: string, limit: number, windowSeconds: number): Promise<RetryAfter> {
    const full = this.config.REDIS_KEY_PREFIX + key;
    const [count, ttl] = await this.hitCommand(full, windowSeconds);
    return Number(count) > limit ? Math.max(1, Number(ttl)) : undefined;
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.config.REDIS_KEY_PREFIX + key);
  }
}
