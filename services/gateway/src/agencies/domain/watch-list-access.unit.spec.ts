import type { Principal, Role } from '../../auth/domain/access-rules';
import { assertWatchListAccess } from './watch-list-access';

function user(role: Role, gateCode: string | null = 'MONGCAI'): Principal {
  return {
    kind: 'user',
    userId: 'u1',
    username: 'u1',
    displayName: 'U',
    role,
    organisationId: undefined,
    gateCode: gateCode ?? undefined,
  };
}

describe('watch-list access (the border-guard service checks no roles)', () => {
  it.each<[string, Principal, 'read' | 'write', boolean]>([
    ['border-guard officer reads', user('BORDER_GUARD_OFFICER'), 'read', true],
    ['border-guard officer writes', user('BORDER_GUARD_OFFICER'), 'write', false],
    ['supervisor reads', user('SUPERVISOR'), 'read', true],
    ['supervisor writes', user('SUPERVISOR'), 'write', true],
    ['supervisor without a gate writes', user('SUPERVISOR', null), 'write', false],
    ['customs officer reads', user('CUSTOMS_OFFICER'), 'read', false],
    ['trader reads', user('TRADER'), 'read', false],
    ['ADMIN writes', user('ADMIN', null), 'write', true],
    [
      'camera key reads',
      { kind: 'api-key', keyId: 'k', name: 'cam', gateCode: 'MONGCAI', scopes: ['yard:arrivals'] },
      'read',
      false,
    ],
  ])('%s', (_name, principal, access, allowed) => {
    const check = (): void => assertWatchListAccess(principal, access);
    if (allowed) expect(check).not.toThrow();
    else expect(check).toThrow(expect.objectContaining({ code: 'AUTH.FORBIDDEN' }) as Error);
  });
});
