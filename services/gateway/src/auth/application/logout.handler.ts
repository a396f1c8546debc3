import { Injectable } from '@nestjs/common';
import { RefreshTokenRepository } from '../infrastructure/refresh-token.repository';
import { parseRefreshToken, secretMatches } from './session.issuer';

/** Revokes the session (the refresh token's family) of the caller. Idempotent. */
@Injectable()
export class LogoutHandler {
  constructor(private readonly refreshTokens: RefreshTokenRepository) {}

  async execute(command: { refreshToken: string; userId: string }): Promise<void> {
    const parsed = parseRefreshToken(command.refreshToken);
    if (parsed === undefined) return;
    const stored = await this.refreshTokens.findById(parsed.id);
    if (
      stored === undefined ||
      stored.userId !== command.userId ||
      !secretMatches(parsed.secret, stored.tokenHash)
    ) {
      return;
    }
    await this.refreshTokens.revokeFamily(stored.familyId);
  }
}
