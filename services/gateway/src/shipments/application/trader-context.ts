import { commonV1 } from '@cuakhau/contracts';
import { CodedError } from '@cuakhau/platform';
import type { Principal } from '../../auth/domain/access-rules';

/** Who acts, and for which organisation (from the token, never from the request). */
export interface TraderContext {
  readonly organisationId: string;
  readonly actor: commonV1.Actor;
}

export function traderContextOf(principal: Principal): TraderContext {
  if (principal.kind !== 'user') {
    throw new CodedError('AUTH.FORBIDDEN', 'FORBIDDEN', 'an API key may not manage shipments');
  }
  return {
    // ADMIN has no organisation: the registry then scopes nothing.
    organisationId: principal.organisationId ?? '',
    actor: {
      kind: commonV1.ActorKind.ACTOR_KIND_TRADER,
      id: principal.userId,
      displayName: principal.displayName,
    },
  };
}
