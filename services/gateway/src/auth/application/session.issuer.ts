import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { GatewayConfig } from '../../gateway.config';
import { GATEWAY_CONFIG } from '../../gateway.tokens';
import { signJwt } from '../domain/jwt';
import type { UserRecord } from '../infrastructure/account.repository';
import { RefreshTokenRepository } from '../infrastructure/refresh-token.repository';
import { TokenKeys } from '../infrastructure/token-keys';

/** What `POST /auth/login` and `POST /auth/refresh` answer. */
export interface Session {
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  readonly expiresIn: number;
  readonly refreshToken: string;
}

/** A refresh token is `<id>.<secret>`; only the SHA-256 of the secret is stored. */
export function parseRefreshToken(token: string): { id: string; secret: string } | undefined {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
  return match?.[1] === undefined || match[2] === undefined
    ? undefined
    : { id: match[1], secret: match[2] };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const actual = Buffer.from(hashSecret(secret), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Signs access tokens and stores the next refresh token of a family. */
@Injectable()
export class SessionIssuer {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly keys: TokenKeys,
    private readonly refreshTokens: RefreshTokenRepository,
  ) {}

  async issue(user: UserRecord, familyId: string = randomUUID()): Promise<Session> {
    const now = Math.floor(Date.now() / 1000);
    const accessToken = signJwt(
      {
        sub: user.id,
        username: user.username,
        name: user.displayName,
        role: user.role,
        ...(user.organisationId === undefined ? {} : { org: user.organisationId }),
        ...(user.gateCode === undefined ? {} : { gate: user.gateCode }),
        iss: this.config.JWT_ISSUER,
        aud: this.config.JWT_AUDIENCE,
        iat: now,
        exp: now + this.config.ACCESS_TOKEN_TTL_SECONDS,
        jti: randomUUID(),
      },
      this.keys.privateKey,
      this.keys.keyId,
    );
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    await this.refreshTokens.insert({
      id,
      familyId,
      userId: user.id,
      tokenHash: hashSecret(secret),
      expiresAt: new Date((now + this.config.REFRESH_TOKEN_TTL_SECONDS) * 1000),
    });
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
      refreshToken: `${id}.${secret}`,
    };
  }
}
