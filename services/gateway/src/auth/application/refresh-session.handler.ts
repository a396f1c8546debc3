import { Injectable } from '@nestjs/common';
import { CodedError } from '@cuakhau/platform';
import { AccountRepository } from '../infrastructure/account.repository';
import { RefreshTokenRepository } from '../infrastructure/refresh-token.repository';
import { parseRefreshToken, secretMatches, SessionIssuer, type Session } from './session.issuer';

const INVALID = (): CodedError =>
  new CodedError('AUTH.INVALID_REFRESH_TOKEN', 'UNAUTHENTICATED', 'the refresh token is not valid');

/**
 * Rotates a refresh token: the presented one is used up and a new one of the same family
 * is issued. Presenting a used (or revoked) token again revokes the whole family: someone
 * else holds a copy.
 */
@Injectable()
export class RefreshSessionHandler {
  constructor(
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly accounts: AccountRepository,
    private readonly sessions: SessionIssuer,
  ) {}

  async execute(refreshToken: string): Promise<Session> {
    const parsed = parseRefreshToken(refreshToken);
    if (parsed === undefined) throw INVALID();
    const stored = await this.refreshTokens.findById(parsed.id);
    if (stored === undefined || !secretMatches(parsed.secret, stored.tokenHash)) throw INVALID();
    if (stored.used || stored.revoked) {
      await this.refreshTokens.revokeFamily(stored.familyId);
      throw new CodedError(
        'AUTH.REFRESH_TOKEN_REUSED',
        'UNAUTHENTICATED',
        'this refresh token was already used; the session is revoked, log in again',
      );
    }
    if (!(await this.refreshTokens.markUsed(stored.id))) {
      // Expired, or a concurrent refresh used it a moment ago.
      await this.refreshTokens.revokeFamily(stored.familyId);
      throw INVALID();
    }
    const user = await this.accounts.findById(stored.userId);
    if (user === undefined || user.disabled) throw INVALID();
    return this.sessions.issue(user, stored.familyId);
  }
}
