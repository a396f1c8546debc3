import { CodedError } from '@cuakhau/platform';
import type { Principal, Role } from '../../auth/domain/access-rules';
import { yardGateOf } from '../../yard/domain/yard-scope';
import { agencyScopeOf, assertCaseInScope } from './agency-scope';

/** `null`: an account bound to no gate. */
function user(role: Role, gateCode: string | null = 'MONGCAI'): Principal {
  return {
    kind: 'user',
    userId: 'u',
    username: 'u',
    displayName: 'U',
    role,
    organisationId: role === 'TRADER' ? 'org' : undefined,
    gateCode: role === 'TRADER' || role === 'ADMIN' ? undefined : (gateCode ?? undefined),
  };
}

const camera: Principal = {
  kind: 'api-key',
  keyId: 'k',
  name: 'cam',
  gateCode: 'MONGCAI',
  scopes: ['yard:arrivals'],
};

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return error instanceof CodedError ? `${error.kind} ${error.code}` : 'OTHER';
  }
  return 'ALLOWED';
}

describe('agencyScopeOf', () => {
  it.each<[Role, string, 'read' | 'write', string]>([
    ['CUSTOMS_OFFICER', 'customs', 'write', 'ALLOWED'],
    ['CUSTOMS_OFFICER', 'customs', 'read', 'ALLOWED'],
    ['CUSTOMS_OFFICER', 'quarantine', 'read', 'FORBIDDEN AUTH.FORBIDDEN'],
    ['CUSTOMS_OFFICER', 'border-guard', 'write', 'FORBIDDEN AUTH.FORBIDDEN'],
    ['BORDER_GUARD_OFFICER', 'border-guard', 'write', 'ALLOWED'],
    ['QUARANTINE_OFFICER', 'quarantine', 'write', 'ALLOWED'],
    ['QUARANTINE_OFFICER', 'customs', 'write', 'FORBIDDEN AUTH.FORBIDDEN'],
    ['SUPERVISOR', 'customs', 'read', 'ALLOWED'],
    ['SUPERVISOR', 'quarantine', 'read', 'ALLOWED'],
    ['SUPERVISOR', 'customs', 'write', 'FORBIDDEN AUTH.FORBIDDEN'],
    ['YARD_OPERATOR', 'customs', 'read', 'FORBIDDEN AUTH.FORBIDDEN'],
    ['TRADER', 'customs', 'read', 'FORBIDDEN AUTH.FORBIDDEN'],
    ['ADMIN', 'border-guard', 'write', 'ALLOWED'],
    ['CUSTOMS_OFFICER', 'police', 'read', 'NOT_FOUND GATEWAY.AGENCY_NOT_FOUND'],
  ])('%s on %s (%s) → %s', (role, agency, access, expected) => {
    expect(codeOf(() => agencyScopeOf(user(role), agency, access))).toBe(expected);
  });

  it('scopes an officer to the gate of the token, ADMIN to every gate', () => {
    expect(agencyScopeOf(user('CUSTOMS_OFFICER'), 'customs', 'read')).toEqual({
      agency: 'customs',
      gateCode: 'MONGCAI',
    });
    expect(agencyScopeOf(user('ADMIN'), 'customs', 'read').gateCode).toBeUndefined();
  });

  it('refuses an officer without a gate and an API key', () => {
    expect(codeOf(() => agencyScopeOf(user('CUSTOMS_OFFICER', null), 'customs', 'read'))).toBe(
      'FORBIDDEN AUTH.FORBIDDEN',
    );
    expect(codeOf(() => agencyScopeOf(camera, 'customs', 'read'))).toBe('FORBIDDEN AUTH.FORBIDDEN');
  });
});

describe('assertCaseInScope', () => {
  it.each<[string | undefined, string | undefined, string]>([
    ['MONGCAI', 'MONGCAI', 'ALLOWED'],
    ['MONGCAI', 'LAOCAI', 'NOT_FOUND QUARANTINE.CASE_NOT_FOUND'],
    ['MONGCAI', undefined, 'NOT_FOUND QUARANTINE.CASE_NOT_FOUND'],
    [undefined, 'LAOCAI', 'ALLOWED'],
  ])('scope gate %s, case gate %s → %s', (scopeGate, caseGate, expected) => {
    expect(
      codeOf(() => assertCaseInScope({ agency: 'quarantine', gateCode: scopeGate }, caseGate)),
    ).toBe(expected);
  });
});

describe('yardGateOf', () => {
  it.each<[string, Principal, string | undefined, string]>([
    ['operator, no gate named', user('YARD_OPERATOR'), undefined, 'MONGCAI'],
    ['operator, own gate', user('YARD_OPERATOR'), 'MONGCAI', 'MONGCAI'],
    [
      'operator, other gate',
      user('YARD_OPERATOR'),
      'LAOCAI',
      'FORBIDDEN GATEWAY.GATE_OUT_OF_SCOPE',
    ],
    ['camera key, own gate', camera, 'MONGCAI', 'MONGCAI'],
    ['camera key, other gate', camera, 'LAOCAI', 'FORBIDDEN GATEWAY.GATE_OUT_OF_SCOPE'],
    ['operator without a gate', user('YARD_OPERATOR', null), undefined, 'FORBIDDEN AUTH.FORBIDDEN'],
    ['ADMIN names the gate', user('ADMIN'), 'LAOCAI', 'LAOCAI'],
    ['ADMIN without a gate', user('ADMIN'), undefined, 'INVALID GATEWAY.VALIDATION_FAILED'],
  ])('%s → %s', (_label, principal, requested, expected) => {
    let answer = '';
    const outcome = codeOf(() => {
      answer = yardGateOf(principal, requested);
    });
    expect(outcome === 'ALLOWED' ? answer : outcome).toBe(expected);
  });
});
