import { CodedError } from '@cuakhau/platform';
import {
  agencyOfRole,
  isAgencyName,
  mayActForAgency,
  type AgencyName,
  type Principal,
} from '../../auth/domain/access-rules';

/** What an officer or supervisor may see of one agency: its cases at one gate (ADMIN: all). */
export interface AgencyScope {
  readonly agency: AgencyName;
  /** The gate the caller is bound to; undefined for ADMIN (every gate). */
  readonly gateCode: string | undefined;
}

/** The stable "not found" code of an agency's case (the services use the same). */
export function caseNotFoundCode(agency: AgencyName): string {
  switch (agency) {
    case 'customs':
      return 'CUSTOMS.CASE_NOT_FOUND';
    case 'border-guard':
      return 'BORDER_GUARD.CASE_NOT_FOUND';
    case 'quarantine':
      return 'QUARANTINE.CASE_NOT_FOUND';
    default: {
      const unknownAgency: never = agency;
      throw new TypeError(`unknown agency ${String(unknownAgency)}`);
    }
  }
}

/**
 * Who may touch `/agencies/{agency}/…`, from the token only: an officer of that agency at
 * their own gate (read and write), a supervisor of the gate (read only), ADMIN. An unknown
 * agency is 404; another agency's officer or a supervisor writing is 403.
 */
export function agencyScopeOf(
  principal: Principal,
  agency: string,
  access: 'read' | 'write',
): AgencyScope {
  if (!isAgencyName(agency)) {
    throw new CodedError('GATEWAY.AGENCY_NOT_FOUND', 'NOT_FOUND', `no agency ${agency}`);
  }
  const forbidden = new CodedError(
    'AUTH.FORBIDDEN',
    'FORBIDDEN',
    access === 'write'
      ? `only ${agency} officers of this gate may act on ${agency} cases`
      : `only ${agency} officers and supervisors of this gate may read ${agency} cases`,
  );
  if (principal.kind !== 'user') throw forbidden;
  if (principal.role === 'ADMIN') return { agency, gateCode: undefined };
  const gateCode = principal.gateCode;
  if (gateCode === undefined) throw forbidden;
  if (principal.role !== 'SUPERVISOR' && agencyOfRole(principal.role) !== agency) throw forbidden;
  if (!mayActForAgency(principal, agency, gateCode, access)) throw forbidden;
  return { agency, gateCode };
}

/** A case of another gate does not exist for this caller (404, never 403: no probing). */
export function assertCaseInScope(scope: AgencyScope, caseGateCode: string | undefined): void {
  if (
    caseGateCode === undefined ||
    (scope.gateCode !== undefined && caseGateCode !== scope.gateCode)
  ) {
    throw new CodedError(caseNotFoundCode(scope.agency), 'NOT_FOUND', 'no such case');
  }
}
