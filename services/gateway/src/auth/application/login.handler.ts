import { Inject, Injectable } from '@nestjs/common';
import { CodedError } from '@cuakhau/platform';
import type { GatewayConfig } from '../../gateway.config';
import { GATEWAY_CONFIG } from '../../gateway.tokens';
import { HttpProblemError } from '../../http/http-problem.error';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../domain/password';
import { AccountRepository } from '../infrastructure/account.repository';
import { AttemptLimiter } from '../infrastructure/attempt-limiter';
import { SessionIssuer, type Session } from './session.issuer';

export interface LoginCommand {
  readonly username: string;
  readonly password: string;
  readonly clientIp: string;
}

/** Checks the password (throttled per user and per address) and opens a session. */
@Injectable()
export class LoginHandler {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly accounts: AccountRepository,
    private readonly limiter: AttemptLimiter,
    private readonly sessions: SessionIssuer,
  ) {}

  async execute(command: LoginCommand): Promise<Session> {
    const username = command.username.trim().toLowerCase();
    const userKey = `login-fail:user:${username}`;
    const ipKey = `login-fail:ip:${command.clientIp}`;
    const wait =
      (await this.limiter.blocked(userKey, this.config.LOGIN_MAX_FAILURES_PER_USER)) ??
      (await this.limiter.blocked(ipKey, this.config.LOGIN_MAX_FAILURES_PER_IP));
    if (wait !== undefined) throw tooManyAttempts(wait);

    const user = await this.accounts.findByUsername(username);
    const valid = await verifyPassword(command.password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
    if (user === undefined || !valid || user.disabled) {
      const window = this.config.LOGIN_FAILURE_WINDOW_SECONDS;
      await this.limiter.hit(userKey, this.config.LOGIN_MAX_FAILURES_PER_USER, window);
      await this.limiter.hit(ipKey, this.config.LOGIN_MAX_FAILURES_PER_IP, window);
      throw new CodedError(
        'AUTH.INVALID_CREDENTIALS',
        'UNAUTHENTICATED',
        'wrong username or password',
      );
    }
    await this.limiter.reset(userKey);
    return this.sessions.issue(user);
  }
}

function tooManyAttempts(retryAfterSeconds: number): HttpProblemError {
  return new HttpProblemError(
    429,
    'AUTH.TOO_MANY_ATTEMPTS',
    `too many failed logins; try again in ${retryAfterSeconds} s`,
    { retryAfterSeconds },
  );
}
