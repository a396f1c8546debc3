import {
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import type { GatewayRequest } from '../../auth/transport/auth.decorators';
import type { GatewayConfig } from '../../gateway.config';
import { GATEWAY_CONFIG } from '../../gateway.tokens';
import { HttpProblemError } from '../../http/http-problem.error';
import {
  decideIdempotency,
  isValidIdempotencyKey,
  requestFingerprint,
} from '../domain/fingerprint';
import { IdempotencyRepository } from '../infrastructure/idempotency.repository';

/** Routes that never store their answer (sessions hold tokens; they must not be replayed). */
const NOT_STORED = ['/api/v1/auth/'];

/**
 * `Idempotency-Key` on every POST: the first answer (status and body) is stored for
 * IDEMPOTENCY_TTL_HOURS per caller and key; the same key with the same body replays it,
 * with another body answers 422; a failed first attempt frees the key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly records: IdempotencyRepository,
    private readonly reflector: Reflector,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const header = request.headers['idempotency-key'];
    const path = request.routeOptions.url ?? request.url;
    if (
      request.method !== 'POST' ||
      header === undefined ||
      NOT_STORED.some((prefix) => path.startsWith(prefix))
    ) {
      return next.handle();
    }
    const status =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      HttpStatus.CREATED;
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return from(this.run(request, reply, String(header), status, next));
  }

  private async run(
    request: GatewayRequest,
    reply: FastifyReply,
    key: string,
    status: number,
    next: CallHandler,
  ): Promise<unknown> {
    if (!isValidIdempotencyKey(key)) {
      throw new HttpProblemError(400, 'IDEMPOTENCY.INVALID_KEY', 'Idempotency-Key is malformed', {
        fields: [
          { field: 'Idempotency-Key', code: 'INVALID', message: '1 to 255 visible characters' },
        ],
      });
    }
    const principal = request.principal;
    const scope =
      principal === undefined
        ? `ip:${request.ip}`
        : principal.kind === 'user'
          ? `user:${principal.userId}`
          : `key:${principal.keyId}`;
    const fingerprint = requestFingerprint(request.method, request.url, request.body);
    const claimed = await this.records.claim(
      scope,
      key,
      fingerprint,
      this.config.IDEMPOTENCY_TTL_HOURS,
    );
    if (!claimed) {
      const outcome = decideIdempotency(await this.records.find(scope, key), fingerprint);
      switch (outcome.kind) {
        case 'REPLAY':
          void reply.header('idempotent-replayed', 'true');
          return outcome.body;
        case 'MISMATCH':
          throw new HttpProblemError(
            422,
            'IDEMPOTENCY.KEY_REUSED',
            'this Idempotency-Key was used with a different request',
          );
        case 'IN_PROGRESS':
          throw new HttpProblemError(
            409,
            'IDEMPOTENCY.IN_PROGRESS',
            'a request with this Idempotency-Key is still being processed',
            { retryAfterSeconds: 1 },
          );
        case 'FIRST':
          // Expired between claim and find: handle it as new, without storing.
          return lastValueFrom(next.handle(), { defaultValue: undefined });
        default: {
          const unknown: never = outcome;
          throw new TypeError(`unknown outcome ${JSON.stringify(unknown)}`);
        }
      }
    }
    try {
      const body: unknown = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.records.complete(scope, key, status, body);
      return body;
    } catch (error) {
      await this.records.release(scope, key);
      throw error;
    }
  }
}
