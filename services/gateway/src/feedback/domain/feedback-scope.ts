import { CodedError } from '@cuakhau/platform';
import { agencyOfRole, type Principal } from '../../auth/domain/access-rules';

/** The agencies a feedback item can be addressed to (the yard included). */
export const FEEDBACK_AGENCIES = ['customs', 'border-guard', 'quarantine', 'yard'] as const;
export type FeedbackAgencyName = (typeof FEEDBACK_AGENCIES)[number];

export const FEEDBACK_STATUSES = ['open', 'answered'] as const;
export type FeedbackStatusName = (typeof FEEDBACK_STATUSES)[number];

/** What a list request asked for (the request may narrow, never widen, the scope). */
export interface FeedbackQuery {
  readonly status: FeedbackStatusName | undefined;
  readonly agency: FeedbackAgencyName | undefined;
  readonly shipmentId: string | undefined;
  readonly gateCode: string | undefined;
}

/** The filter the audit service applies: the token's scope and the request's narrowing. */
export interface FeedbackFilter {
  readonly gateCode: string | undefined;
  readonly agency: FeedbackAgencyName | undefined;
  readonly organisationId: string | undefined;
  readonly status: FeedbackStatusName | undefined;
  readonly shipmentId: string | undefined;
}

/** The agency that answers for a role: the three officers and the yard operator. */
export function answeringAgencyOf(principal: Principal): FeedbackAgencyName | undefined {
  if (principal.kind !== 'user') return undefined;
  if (principal.role === 'YARD_OPERATOR') return 'yard';
  return agencyOfRole(principal.role);
}

function forbidden(message: string): CodedError {
  return new CodedError('AUTH.FORBIDDEN', 'FORBIDDEN', message);
}

function outOfScope(message: string): CodedError {
  return new CodedError('GATEWAY.GATE_OUT_OF_SCOPE', 'FORBIDDEN', message);
}

function requireGate(principal: Principal & { kind: 'user' }, requested: string | undefined) {
  const gate = principal.gateCode;
  if (gate === undefined) throw forbidden('your account is not bound to a gate');
  const wanted = requested?.trim().toUpperCase() ?? '';
  if (wanted !== '' && wanted !== gate) throw outOfScope(`you may only read gate ${gate}`);
  return gate;
}

/**
 * Who sees which items: a trader those of their organisation; an officer or yard operator
 * those addressed to their agency at their gate; a supervisor every item of their gate
 * (read-only); ADMIN everything. The scope comes from the token, never from the request.
 */
export function feedbackFilterOf(principal: Principal, query: FeedbackQuery): FeedbackFilter {
  if (principal.kind !== 'user') throw forbidden('an API key may not read feedback');
  const narrowing = { status: query.status, shipmentId: query.shipmentId };
  switch (principal.role) {
    case 'TRADER': {
      if (principal.organisationId === undefined) {
        throw forbidden('your account has no organisation');
      }
      return {
        ...narrowing,
        gateCode: query.gateCode?.trim().toUpperCase() || undefined,
        agency: query.agency,
        organisationId: principal.organisationId,
      };
    }
    case 'CUSTOMS_OFFICER':
    case 'BORDER_GUARD_OFFICER':
    case 'QUARANTINE_OFFICER':
    case 'YARD_OPERATOR': {
      const own = answeringAgencyOf(principal);
      if (query.agency !== undefined && query.agency !== own) {
        throw outOfScope(`you may only read feedback addressed to ${String(own)}`);
      }
      return {
        ...narrowing,
        gateCode: requireGate(principal, query.gateCode),
        agency: own,
        organisationId: undefined,
      };
    }
    case 'SUPERVISOR':
      return {
        ...narrowing,
        gateCode: requireGate(principal, query.gateCode),
        agency: query.agency,
        organisationId: undefined,
      };
    case 'ADMIN':
      return {
        ...narrowing,
        gateCode: query.gateCode?.trim().toUpperCase() || principal.gateCode,
        agency: query.agency,
        organisationId: undefined,
      };
    default: {
      const unknownRole: never = principal.role;
      throw new TypeError(`unknown role ${String(unknownRole)}`);
    }
  }
}

/** Whom an answer is scoped to: the officer's agency and gate (ADMIN: anything). */
export function answerScopeOf(principal: Principal): {
  agency: FeedbackAgencyName | undefined;
  gateCode: string | undefined;
} {
  if (principal.kind !== 'user') throw forbidden('an API key may not answer feedback');
  if (principal.role === 'ADMIN') return { agency: undefined, gateCode: undefined };
  const agency = answeringAgencyOf(principal);
  if (agency === undefined) throw forbidden('only the agency concerned answers feedback');
  if (principal.gateCode === undefined) throw forbidden('your account is not bound to a gate');
  return { agency, gateCode: principal.gateCode };
}
