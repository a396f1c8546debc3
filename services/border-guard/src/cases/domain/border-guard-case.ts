import type { WatchListHit } from '../../watch-list/domain/watch-list';
import { borderGuardError, type BorderGuardError } from './border-guard.errors';
import { err, ok, type Result } from './result';

export type CaseStatus = 'HOLD' | 'CLEARED' | 'REJECTED' | 'CANCELLED';
export type Decision = 'CLEARED' | 'HOLD' | 'REJECTED';
export type Direction = 'EXPORT' | 'IMPORT';

export type FindingCode =
  | 'DOCUMENT_FORMAT_INVALID'
  | 'DOCUMENT_EXPIRED'
  | 'VEHICLE_PERMIT_MISSING'
  | 'VEHICLE_PERMIT_EXPIRED'
  | 'WATCH_LIST_MATCH';

/** One problem the automatic checks found. */
export interface Finding {
  readonly code: FindingCode;
  readonly message: string;
  readonly match?: WatchListHit;
}

export interface Actor {
  readonly kind: 'OFFICER' | 'SYSTEM';
  readonly id: string;
  readonly displayName: string;
}

export const SYSTEM_ACTOR: Actor = { kind: 'SYSTEM', id: 'border-guard.checks', displayName: '' };

/** What the border guard holds of the shipment (from the registry's events). */
export interface ShipmentData {
  readonly shipmentId: string;
  readonly shipmentVersion: number;
  readonly gateCode: string;
  readonly direction: Direction;
  readonly plannedArrival: string;
  readonly driver: {
    readonly name: string;
    readonly documentNumber: string;
    readonly nationality: string;
    readonly phone: string;
    /** Not in the registration yet; checked when present. */
    readonly documentExpiry?: string;
  };
  readonly vehicle: {
    readonly plate: string;
    readonly trailerPlate: string;
    readonly country: string;
  };
  readonly normalisedPlate: string;
}

/** A border-guard case: one per shipment. */
export interface BorderGuardCase extends ShipmentData {
  readonly caseId: string;
  readonly status: CaseStatus;
  readonly reason: string;
  readonly findings: readonly Finding[];
  /** Fingerprint of the findings an officer cleared the case with (re-checks keep that clearance). */
  readonly acceptedFindings: string | null;
  readonly version: number;
  readonly decidedBy: Actor;
  readonly decidedAt: string;
  readonly crossedAt: string | null;
  readonly crossedLaneId: string | null;
  readonly checkedAt: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A decision to publish (signed DecisionRecorded). */
export interface DecisionFact {
  readonly decision: Decision;
  readonly reason: string;
  readonly actor: Actor;
  readonly at: string;
}

export interface Decided {
  readonly state: BorderGuardCase;
  /** Null: nothing to publish (e.g. a re-check that changed nothing). */
  readonly decision: DecisionFact | null;
  /** True when the state differs from what was loaded (must be saved). */
  readonly changed: boolean;
}

/** The same findings give the same text, whatever their order. */
export function findingsFingerprint(findings: readonly Finding[]): string {
  return findings
    .map((finding) =>
      finding.match === undefined
        ? finding.code
        : `${finding.code}:${finding.match.screened}:${finding.match.entry.id}`,
    )
    .sort()
    .join('|');
}

export function holdReason(findings: readonly Finding[]): string {
  return findings.map((finding) => finding.message).join('; ');
}

function isClosed(state: BorderGuardCase): boolean {
  return state.status === 'REJECTED' || state.status === 'CANCELLED' || state.crossedAt !== null;
}

/**
 * The outcome of an automatic check (registration, amendment, arrival):
 * - a new case: CLEARED by system when nothing was found, else HOLD with the findings;
 * - an existing case: a closed case or a stale shipment version is left alone; an officer's
 *   HOLD stays (findings refreshed); an officer's clearance stays while the findings are the
 *   ones the officer accepted; otherwise the system's decision follows the findings.
 */
export function applyCheck(
  before: BorderGuardCase | null,
  shipment: ShipmentData,
  findings: readonly Finding[],
  at: string,
  caseId: string,
): Decided {
  const target: Decision = findings.length === 0 ? 'CLEARED' : 'HOLD';
  const reason = target === 'HOLD' ? holdReason(findings) : '';
  if (before === null) {
    const state: BorderGuardCase = {
      ...shipment,
      caseId,
      status: target,
      reason,
      findings,
      acceptedFindings: null,
      version: 1,
      decidedBy: SYSTEM_ACTOR,
      decidedAt: at,
      crossedAt: null,
      crossedLaneId: null,
      checkedAt: at,
      createdAt: at,
      updatedAt: at,
    };
    return {
      state,
      decision: { decision: target, reason, actor: SYSTEM_ACTOR, at },
      changed: true,
    };
  }
  if (isClosed(before) || shipment.shipmentVersion < before.shipmentVersion) {
    return { state: before, decision: null, changed: false };
  }
  const refreshed: BorderGuardCase = {
    ...before,
    ...shipment,
    findings,
    checkedAt: at,
    updatedAt: at,
  };
  const officerKeeps =
    before.decidedBy.kind === 'OFFICER' &&
    (before.status === 'HOLD' ||
      (before.status === 'CLEARED' && findingsFingerprint(findings) === before.acceptedFindings));
  const unchanged =
    before.status === target &&
    (target === 'CLEARED' ||
      findingsFingerprint(findings) === findingsFingerprint(before.findings));
  if (officerKeeps || unchanged) {
    return { state: { ...refreshed, version: before.version + 1 }, decision: null, changed: true };
  }
  const state: BorderGuardCase = {
    ...refreshed,
    status: target,
    reason,
    acceptedFindings: null,
    decidedBy: SYSTEM_ACTOR,
    decidedAt: at,
    version: before.version + 1,
  };
  return { state, decision: { decision: target, reason, actor: SYSTEM_ACTOR, at }, changed: true };
}

export interface OfficerDecision {
  readonly decision: string;
  readonly reason: string;
  readonly expectedVersion: number;
  readonly actor: Actor;
  readonly at: string;
}

/** An officer's decision: CLEARED, HOLD or REJECTED, on the version the officer saw. */
export function decideByOfficer(
  before: BorderGuardCase,
  command: OfficerDecision,
): Result<Decided, BorderGuardError> {
  const decision = command.decision;
  if (decision !== 'CLEARED' && decision !== 'HOLD' && decision !== 'REJECTED') {
    return err(
      borderGuardError(
        'BORDER_GUARD.DECISION_INVALID',
        `the border guard decides CLEARED, HOLD or REJECTED, not ${decision || 'nothing'}`,
      ),
    );
  }
  const reason = command.reason.trim();
  if (decision !== 'CLEARED' && reason === '') {
    return err(borderGuardError('BORDER_GUARD.REASON_REQUIRED', `${decision} needs a reason`));
  }
  if (isClosed(before)) {
    return err(
      borderGuardError(
        'BORDER_GUARD.CASE_CLOSED',
        `the case of shipment ${before.shipmentId} is closed (${before.crossedAt === null ? before.status : 'CROSSED'})`,
      ),
    );
  }
  if (command.expectedVersion !== before.version) {
    return err(
      borderGuardError(
        'BORDER_GUARD.VERSION_CONFLICT',
        `the case is at version ${before.version}, not ${command.expectedVersion}`,
      ),
    );
  }
  if (before.status === decision) {
    return err(
      borderGuardError('BORDER_GUARD.CASE_ALREADY_DECIDED', `the case is already ${decision}`),
    );
  }
  const state: BorderGuardCase = {
    ...before,
    status: decision,
    reason,
    acceptedFindings: decision === 'CLEARED' ? findingsFingerprint(before.findings) : null,
    decidedBy: command.actor,
    decidedAt: command.at,
    version: before.version + 1,
    updatedAt: command.at,
  };
  return ok({
    state,
    decision: { decision, reason, actor: command.actor, at: command.at },
    changed: true,
  });
}

/** What the border guard knows of the queue's call (TruckCalled / the registry's CALLED). */
export interface CallState {
  readonly calledLaneId: string | null;
  readonly registryStatus: string | null;
}

/** The officer at the barrier records the crossing: only once, only after the call. */
export function recordCrossing(
  before: BorderGuardCase,
  call: CallState | null,
  at: string,
): Result<BorderGuardCase, BorderGuardError> {
  if (before.crossedAt !== null) {
    return err(
      borderGuardError(
        'BORDER_GUARD.ALREADY_CROSSED',
        `shipment ${before.shipmentId} crossed at ${before.crossedAt}`,
      ),
    );
  }
  if (before.status === 'REJECTED' || before.status === 'CANCELLED') {
    return err(borderGuardError('BORDER_GUARD.CASE_CLOSED', `the case is ${before.status}`));
  }
  const called = call !== null && (call.calledLaneId !== null || call.registryStatus === 'CALLED');
  if (!called) {
    return err(
      borderGuardError(
        'BORDER_GUARD.NOT_CALLED',
        `shipment ${before.shipmentId} has not been called to a lane`,
      ),
    );
  }
  if (before.status !== 'CLEARED') {
    return err(borderGuardError('BORDER_GUARD.CASE_NOT_CLEARED', `the case is ${before.status}`));
  }
  return ok({
    ...before,
    crossedAt: at,
    crossedLaneId: call.calledLaneId,
    version: before.version + 1,
    updatedAt: at,
  });
}

/** The shipment was cancelled: the case closes (nothing is published). */
export function cancelCase(before: BorderGuardCase, at: string): Decided {
  if (isClosed(before)) return { state: before, decision: null, changed: false };
  return {
    state: {
      ...before,
      status: 'CANCELLED',
      reason: 'shipment cancelled',
      version: before.version + 1,
      updatedAt: at,
    },
    decision: null,
    changed: true,
  };
}
