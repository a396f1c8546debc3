import {
  authorise,
  mayActForAgency,
  ROLES,
  type AccessRule,
  type Principal,
  type Role,
} from './access-rules';

function user(role: Role, gateCode: string | undefined = 'MONGCAI'): Principal {
  return {
    kind: 'user',
    userId: 'u',
    username: 'u',
    displayName: 'U',
    role,
    organisationId: role === 'TRADER' ? 'org' : undefined,
    gateCode: role === 'TRADER' || role === 'ADMIN' ? undefined : gateCode,
  };
}

const camera: Principal = {
  kind: 'api-key',
  keyId: 'k',
  name: 'cam',
  gateCode: 'MONGCAI',
  scopes: ['yard:arrivals'],
};

describe('authorise', () => {
  const traderOnly: AccessRule = { roles: ['TRADER'] };
  const arrivals: AccessRule = { roles: ['YARD_OPERATOR'], apiKeyScope: 'yard:arrivals' };

  it('refuses a missing principal as unauthenticated', () => {
    expect(authorise(undefined, traderOnly)).toBe('UNAUTHENTICATED');
  });

  it.each(ROLES)('trader-only route for %s', (role) => {
    expect(authorise(user(role), traderOnly)).toBe(
      role === 'TRADER' || role === 'ADMIN' ? 'ALLOWED' : 'FORBIDDEN',
    );
  });

  it('lets a camera key post arrivals and nothing else', () => {
    expect(authorise(camera, arrivals)).toBe('ALLOWED');
    expect(authorise(camera, traderOnly)).toBe('FORBIDDEN');
    expect(authorise(camera, { roles: ['YARD_OPERATOR'] })).toBe('FORBIDDEN');
  });

  it('refuses a route with no roles to everyone but ADMIN', () => {
    expect(authorise(user('SUPERVISOR'), { roles: [] })).toBe('FORBIDDEN');
    expect(authorise(user('ADMIN'), { roles: [] })).toBe('ALLOWED');
  });
});

describe('mayActForAgency', () => {
  it.each([
    ['CUSTOMS_OFFICER', 'customs', 'MONGCAI', 'write', true],
    ['CUSTOMS_OFFICER', 'quarantine', 'MONGCAI', 'read', false],
    ['CUSTOMS_OFFICER', 'customs', 'HUUNGHI', 'read', false],
    ['BORDER_GUARD_OFFICER', 'border-guard', 'MONGCAI', 'write', true],
    ['QUARANTINE_OFFICER', 'quarantine', 'MONGCAI', 'write', true],
    ['SUPERVISOR', 'customs', 'MONGCAI', 'read', true],
    ['SUPERVISOR', 'customs', 'MONGCAI', 'write', false],
    ['TRADER', 'customs', 'MONGCAI', 'read', false],
    ['YARD_OPERATOR', 'customs', 'MONGCAI', 'read', false],
    ['ADMIN', 'customs', 'HUUNGHI', 'write', true],
  ] as const)('%s on %s at %s (%s): %p', (role, agency, gate, access, allowed) => {
    expect(mayActForAgency(user(role), agency, gate, access)).toBe(allowed);
  });

  it('never lets an API key act for an agency', () => {
    expect(mayActForAgency(camera, 'customs', 'MONGCAI', 'read')).toBe(false);
  });
});
