import { CodedError } from '@cuakhau/platform';
import type { Principal } from '../../auth/domain/access-rules';

/**
 * The gate a yard operator (or a camera key) works at. A yard operator or supervisor
 * without a gate may do nothing; ADMIN names the gate in the request.
 */
export function yardGateOf(principal: Principal, requestedGate: string | undefined): string {
  const gate = principal.gateCode;
  if (principal.kind === 'user' && principal.role === 'ADMIN' && gate === undefined) {
    if (requestedGate === undefined || requestedGate === '') {
      throw new CodedError('GATEWAY.VALIDATION_FAILED', 'INVALID', 'name the gate', {
        fields: [{ field: 'gateCode', code: 'REQUIRED', message: 'is required for ADMIN' }],
      });
    }
    return requestedGate;
  }
  if (gate === undefined) {
    throw new CodedError('AUTH.FORBIDDEN', 'FORBIDDEN', 'your account is not bound to a gate');
  }
  if (requestedGate !== undefined && requestedGate !== '' && requestedGate !== gate) {
    throw new CodedError(
      'GATEWAY.GATE_OUT_OF_SCOPE',
      'FORBIDDEN',
      `you may only act at gate ${gate}`,
    );
  }
  return gate;
}
