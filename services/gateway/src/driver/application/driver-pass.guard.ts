import { Inject, Injectable } from '@nestjs/common';
import { CodedError } from '@cuakhau/platform';
import { AttemptLimiter } from '../../auth/infrastructure/attempt-limiter';
import type { GatewayConfig } from '../../gateway.config';
import { GATEWAY_CONFIG } from '../../gateway.tokens';
import { HttpProblemError } from '../../http/http-problem.error';

/**
 * The one rule for a driver's plate + pass code (queue position, driver feedback): a wrong
 * pass code answers exactly like an unknown plate (404), and wrong guesses count against a
 * per-address budget in Redis (429 with Retry-After past it), so plates cannot be enumerated.
 */
@Injectable()
export class DriverPassGuard {
  constructor(
    private readonly limiter: AttemptLimiter,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /**
   * Runs the registry `lookup` within the address's budget: its match, or 404 / 429.
   * `onRefused` hears every 429 (the position handler remembers the address).
   */
  async match<T>(
    clientIp: string,
    lookup: () => Promise<T | undefined>,
    onRefused: (retryAfterSeconds: number) => void = () => undefined,
  ): Promise<T> {
    const failures = `pass-fail:ip:${clientIp}`;
    const limit = this.config.PASS_LOOKUP_MAX_FAILURES_PER_IP;
    const refuse = (retryAfterSeconds: number): HttpProblemError => {
      onRefused(retryAfterSeconds);
      return tooManyGuesses(retryAfterSeconds);
    };
    const wait = await this.limiter.blocked(failures, limit);
    if (wait !== undefined) throw refuse(wait);
    let found: T | undefined;
    try {
      found = await lookup();
    } catch (error) {
      if (!isNoMatch(error)) throw error;
      const over = await this.limiter.hit(failures, limit, this.config.PASS_LOOKUP_WINDOW_SECONDS);
      if (over !== undefined) throw refuse(over);
      throw passNotFound();
    }
    if (found === undefined) throw passNotFound();
    return found;
  }
}

/** What the registry answers for a pair it does not match. */
export function isNoMatch(error: unknown): boolean {
  return error instanceof CodedError && (error.kind === 'NOT_FOUND' || error.kind === 'INVALID');
}

export function passNotFound(): CodedError {
  return new CodedError(
    'QUEUE.PASS_NOT_FOUND',
    'NOT_FOUND',
    'no shipment matches this plate and pass code',
  );
}

export function tooManyGuesses(retryAfterSeconds: number): HttpProblemError {
  return new HttpProblemError(
    429,
    'QUEUE.TOO_MANY_LOOKUPS',
    `too many wrong plate/pass-code lookups; try again in ${retryAfterSeconds} s`,
    { retryAfterSeconds },
  );
}
