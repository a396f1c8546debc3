import { CodedError } from '@cuakhau/platform';
import type { Principal } from '../../auth/domain/access-rules';

/**
 * The gate a supervisor's reports and audit reads cover: the token's gate, never the
 * request's. ADMIN without a gate names it with `gateCode`; anyone else naming another gate
 * is refused (403), an account without a gate may read nothing.
 */
export function supervisedGateOf(principal: Principal, requestedGate: string | undefined): string {
  if (principal.kind !== 'user') {
    throw new CodedError('AUTH.FORBIDDEN', 'FORBIDDEN', 'an API key may not read reports');
  }
  const requested = requestedGate?.trim().toUpperCase() ?? '';
  const gate = principal.gateCode;
  if (principal.role === 'ADMIN' && gate === undefined) {
    if (requested === '') {
      throw new CodedError('GATEWAY.VALIDATION_FAILED', 'INVALID', 'name the gate', {
        fields: [{ field: 'gateCode', code: 'REQUIRED', message: 'is required for ADMIN' }],
      });
    }
    return requested;
  }
  if (gate === undefined) {
    throw new CodedError('AUTH.FORBIDDEN', 'FORBIDDEN', 'your account is not bound to a gate');
  }
  if (requested !== '' && requested !== gate) {
    throw new CodedError(
      'GATEWAY.GATE_OUT_OF_SCOPE',
      'FORBIDDEN',
      `you may only read gate ${gate}`,
    );
  }
  return gate;
}

/** A gRPC int64 (decimal string) as a JSON number when it fits, else kept as the string. */
export function int64Json(value: string): number | string {
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : value;
}
