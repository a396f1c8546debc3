/** Roles of DESIGN.md §5. Scope comes from the token only, never from request fields. */
export const ROLES = [
  'TRADER',
  'CUSTOMS_OFFICER',
  'BORDER_GUARD_OFFICER',
  'QUARANTINE_OFFICER',
  'YARD_OPERATOR',
  'SUPERVISOR',
  'ADMIN',
] as const;
export type Role = (typeof ROLES)[number];

export const AGENCIES = ['customs', 'border-guard', 'quarantine'] as const;
export type AgencyName = (typeof AGENCIES)[number];

/** An API key's only permission (ANPR cameras posting arrivals). */
export const API_KEY_SCOPES = ['yard:arrivals'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export type Principal =
  | {
      readonly kind: 'user';
      readonly userId: string;
      readonly username: string;
      readonly displayName: string;
      readonly role: Role;
      readonly organisationId: string | undefined;
      readonly gateCode: string | undefined;
    }
  | {
      readonly kind: 'api-key';
      readonly keyId: string;
      readonly name: string;
      readonly gateCode: string;
      readonly scopes: readonly ApiKeyScope[];
    };

/** Who may call a route: roles, and optionally an API key with a scope. */
export interface AccessRule {
  readonly roles: readonly Role[];
  readonly apiKeyScope?: ApiKeyScope;
}

export type AccessDecision = 'ALLOWED' | 'UNAUTHENTICATED' | 'FORBIDDEN';

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isAgencyName(value: string): value is AgencyName {
  return (AGENCIES as readonly string[]).includes(value);
}

/** The agency an officer role works for (undefined for the other roles). */
export function agencyOfRole(role: Role): AgencyName | undefined {
  switch (role) {
    case 'CUSTOMS_OFFICER':
      return 'customs';
    case 'BORDER_GUARD_OFFICER':
      return 'border-guard';
    case 'QUARANTINE_OFFICER':
      return 'quarantine';
    case 'TRADER':
    case 'YARD_OPERATOR':
    case 'SUPERVISOR':
    case 'ADMIN':
      return undefined;
    default: {
      const unknownRole: never = role;
      throw new TypeError(`unknown role ${String(unknownRole)}`);
    }
  }
}

/** Whether `principal` may call a route guarded by `rule` (ADMIN may call every role route). */
export function authorise(principal: Principal | undefined, rule: AccessRule): AccessDecision {
  if (principal === undefined) return 'UNAUTHENTICATED';
  switch (principal.kind) {
    case 'user':
      return principal.role === 'ADMIN' || rule.roles.includes(principal.role)
        ? 'ALLOWED'
        : 'FORBIDDEN';
    case 'api-key':
      return rule.apiKeyScope !== undefined && principal.scopes.includes(rule.apiKeyScope)
        ? 'ALLOWED'
        : 'FORBIDDEN';
    default: {
      const unknown: never = principal;
      throw new TypeError(`unknown principal ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * Whether an officer may act on `agency`'s cases at `gateCode`: own agency, own gate.
 * Supervisors read every agency of their gate; ADMIN everything.
 */
export function mayActForAgency(
  principal: Principal,
  agency: AgencyName,
  gateCode: string,
  access: 'read' | 'write',
): boolean {
  if (principal.kind !== 'user') return false;
  if (principal.role === 'ADMIN') return true;
  if (principal.gateCode !== gateCode) return false;
  if (principal.role === 'SUPERVISOR') return access === 'read';
  return agencyOfRole(principal.role) === agency;
}

/** The gate a principal is bound to (undefined: ADMIN or a trader, who are not gate-bound). */
export function gateOf(principal: Principal): string | undefined {
  return principal.gateCode;
}
