import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CodedError } from '@cuakhau/platform';
import type { AccessRule, ApiKeyScope, Principal, Role } from '../domain/access-rules';

export const ACCESS_RULE = Symbol('ACCESS_RULE');
export const PUBLIC_ROUTE = Symbol('PUBLIC_ROUTE');

/** A request the AuthGuard has looked at. */
export interface GatewayRequest extends FastifyRequest {
  principal?: Principal;
}

/** No token needed (login, refresh, the driver's view, docs). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/** Only these roles (ADMIN always), optionally also an API key with `apiKeyScope`. */
export const Allow = (
  roles: readonly Role[],
  apiKeyScope?: ApiKeyScope,
): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_RULE, { roles, ...(apiKeyScope === undefined ? {} : { apiKeyScope }) });

/** Any signed-in user. */
export const Authenticated = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_RULE, {
    roles: [
      'TRADER',
      'CUSTOMS_OFFICER',
      'BORDER_GUARD_OFFICER',
      'QUARANTINE_OFFICER',
      'YARD_OPERATOR',
      'SUPERVISOR',
      'ADMIN',
    ],
  } satisfies AccessRule);

/** The principal the guard authenticated (routes that are not public only). */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<GatewayRequest>().principal;
    if (principal === undefined) {
      throw new CodedError('AUTH.UNAUTHENTICATED', 'UNAUTHENTICATED', 'sign in first');
    }
    return principal;
  },
);
