import { createHash, timingSafeEqual } from 'node:crypto';
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CodedError } from '@cuakhau/platform';
import type { GatewayConfig } from '../../gateway.config';
import { GATEWAY_CONFIG } from '../../gateway.tokens';
import { HttpProblemError } from '../../http/http-problem.error';
import { authorise, isRole, type AccessRule, type Principal } from '../domain/access-rules';
import { verifyJwt } from '../domain/jwt';
import { ApiKeyRepository } from '../infrastructure/api-key.repository';
import { AttemptLimiter } from '../infrastructure/attempt-limiter';
import { TokenKeys } from '../infrastructure/token-keys';
import { ACCESS_RULE, PUBLIC_ROUTE, type GatewayRequest } from './auth.decorators';

const API_KEY_PATTERN = /^ck_([0-9a-f-]{36})_([A-Za-z0-9_-]{43})$/;

/**
 * Global guard: authenticates the bearer token (or a camera's X-API-Key), rate-limits per
 * principal or address, and checks the route's AccessRule. No rule and not public → 403:
 * a route must say who may call it.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: TokenKeys,
    private readonly apiKeys: ApiKeyRepository,
    private readonly limiter: AttemptLimiter,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    // Only the public API is guarded; the platform's /health/* probes stay open.
    if (!(request.routeOptions.url ?? request.url).startsWith('/api/')) return true;
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, targets);
    const principal = await this.authenticate(request);
    if (principal !== undefined) request.principal = principal;
    await this.rateLimit(principal, request.ip);
    if (isPublic === true) return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, targets);
    const decision = authorise(principal, rule ?? { roles: [] });
    switch (decision) {
      case 'ALLOWED':
        return true;
      case 'UNAUTHENTICATED':
        throw new CodedError(
          'AUTH.UNAUTHENTICATED',
          'UNAUTHENTICATED',
          'a valid bearer token is required',
        );
      case 'FORBIDDEN':
        throw new CodedError('AUTH.FORBIDDEN', 'FORBIDDEN', 'your role may not call this');
      default: {
        const unknown: never = decision;
        throw new TypeError(`unknown decision ${String(unknown)}`);
      }
    }
  }

  private async authenticate(request: GatewayRequest): Promise<Principal | undefined> {
    const authorization = request.headers.authorization;
    const apiKey = request.headers['x-api-key'];
    if (typeof authorization === 'string' && authorization.length > 0) {
      return this.fromBearer(authorization);
    }
    if (typeof apiKey === 'string' && apiKey.length > 0) {
      return this.fromApiKey(apiKey);
    }
    return undefined;
  }

  private fromBearer(authorization: string): Principal {
    const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(authorization);
    const verification =
      match?.[1] === undefined
        ? undefined
        : verifyJwt(match[1], this.keys.publicKey, {
            issuer: this.config.JWT_ISSUER,
            audience: this.config.JWT_AUDIENCE,
            now: Math.floor(Date.now() / 1000),
          });
    const role = verification?.ok === true ? verification.claims.role : '';
    if (verification === undefined || !verification.ok || !isRole(role)) {
      throw new CodedError(
        verification?.ok === false && verification.reason === 'EXPIRED'
          ? 'AUTH.TOKEN_EXPIRED'
          : 'AUTH.INVALID_TOKEN',
        'UNAUTHENTICATED',
        'the bearer token is not valid',
      );
    }
    const { claims } = verification;
    return {
      kind: 'user',
      userId: claims.sub,
      username: claims.username,
      displayName: claims.name,
      role,
      organisationId: claims.org,
      gateCode: claims.gate,
    };
  }

  private async fromApiKey(presented: string): Promise<Principal> {
    const invalid = new CodedError('AUTH.INVALID_API_KEY', 'UNAUTHENTICATED', 'unknown API key');
    const match = API_KEY_PATTERN.exec(presented);
    if (match?.[1] === undefined || match[2] === undefined) throw invalid;
    const stored = await this.apiKeys.findById(match[1]);
    if (stored === undefined || stored.revoked) throw invalid;
    const actual = createHash('sha256').update(match[2]).digest();
    const expected = Buffer.from(stored.keyHash, 'hex');
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw invalid;
    return {
      kind: 'api-key',
      keyId: stored.id,
      name: stored.name,
      gateCode: stored.gateCode,
      scopes: stored.scopes,
    };
  }

  private async rateLimit(principal: Principal | undefined, ip: string): Promise<void> {
    const who =
      principal === undefined
        ? `ip:${ip}`
        : principal.kind === 'user'
          ? `user:${principal.userId}`
          : `key:${principal.keyId}`;
    const minute = Math.floor(Date.now() / 60_000);
    const wait = await this.limiter.hit(
      `rate:${who}:${minute}`,
      this.config.RATE_LIMIT_PER_MINUTE,
      60,
    );
    if (wait !== undefined) {
      throw new HttpProblemError(429, 'GATEWAY.RATE_LIMITED', 'too many requests', {
        retryAfterSeconds: wait,
      });
    }
  }
}
