import type { Classification } from '../../controlled-goods/domain/controlled-goods';
import {
  quarantineError,
  type QuarantineError,
  type QuarantineErrorCode,
} from '../../common/domain/quarantine.errors';
import { err, ok, type Result } from '../../common/domain/result';
import { checkCertificates, missingCertificates, type CertificateCheck } from './certificates';
import {
  SYSTEM_ACTOR,
  type Actor,
  type CaseDecision,
  type CaseStatus,
  type Declaration,
  type HistoryEntry,
  type HistoryStep,
  type LabResult,
  type QuarantineCase,
  type QuarantineDecision,
} from './quarantine-case';

/**
 * The quarantine case's life as one pure function: `decide(state, command)` answers with
 * the state after the command and the decision to publish (if any), or refuses with a
 * stable code. Time, actor, classification and source ids come in with the command.
 *
 * Rules (keep in step with the unit tests):
 *
 * 1. OpenCase (ShipmentRegistered) classifies the goods: no controlled line → NOT_REQUIRED
 *    by `system`, published at once; a required certificate missing → HELD, a HOLD by
 *    `system` naming the missing certificates is published; else OPEN in the officer queue
 *    (nothing published until the officer decides).
 * 2. ReclassifyCase (ShipmentAmended) replaces the declaration and classification, drops
 *    the samples and the decision (they were about other data) and applies rule 1 again.
 *    Allowed from OPEN, HELD, CLEARED and NOT_REQUIRED; REJECTED stays rejected.
 * 3. CancelCase (ShipmentCancelled) closes the case from any status but CANCELLED.
 *    Registry events not newer than the shipment version the case reflects are stale.
 * 4. Officers work OPEN and HELD cases naming the version they saw (`expectedVersion`).
 *    RecordSample holds the case until the lab result is recorded (a HOLD is published);
 *    RecordLabResult records PASS or FAIL once per sample.
 * 5. RecordDecision: CLEARED, HOLD (reason) or REJECTED (reason). CLEARED needs every
 *    required certificate, no sample waiting for its result and no failed sample.
 *    CLEARED and REJECTED are final.
 * 6. Checks run in this order: case exists, CLOSED (CANCELLED, NOT_REQUIRED →
 *    CASE_CLOSED), final (CLEARED, REJECTED → CASE_ALREADY_DECIDED), version
 *    (VERSION_CONFLICT / SHIPMENT_EVENT_STALE), then the command's own input and
 *    preconditions. Two officers on the same version: the first wins, the second gets
 *    VERSION_CONFLICT (or CASE_ALREADY_DECIDED).
 * 7. Every accepted command bumps `version` by one and appends one history entry.
 */

export interface CommandMeta {
  /** ISO 8601 time of the fact. */
  readonly at: string;
  readonly actor: Actor;
  /** The registry event's ce_id; absent for an officer's request. */
  readonly sourceEventId?: string;
}

export interface OpenCase {
  readonly type: 'OpenCase';
  readonly meta: CommandMeta;
  readonly data: {
    readonly caseId: string;
    readonly shipmentId: string;
    readonly declaration: Declaration;
    readonly classification: Classification;
  };
}

export interface ReclassifyCase {
  readonly type: 'ReclassifyCase';
  readonly meta: CommandMeta;
  readonly data: { readonly declaration: Declaration; readonly classification: Classification };
}

export interface CancelCase {
  readonly type: 'CancelCase';
  readonly meta: CommandMeta;
  readonly data: { readonly shipmentVersion: number; readonly reason: string };
}

export interface RecordSample {
  readonly type: 'RecordSample';
  readonly meta: CommandMeta;
  readonly data: {
    readonly expectedVersion: number;
    readonly sampleId: string;
    readonly labReference: string;
  };
}

export interface RecordLabResult {
  readonly type: 'RecordLabResult';
  readonly meta: CommandMeta;
  readonly data: {
    readonly expectedVersion: number;
    readonly sampleId: string;
    readonly result: string;
    readonly notes: string;
  };
}

export interface RecordDecision {
  readonly type: 'RecordDecision';
  readonly meta: CommandMeta;
  readonly data: {
    readonly expectedVersion: number;
    readonly decision: string;
    readonly reason: string;
  };
}

export type CaseCommand =
  OpenCase | ReclassifyCase | CancelCase | RecordSample | RecordLabResult | RecordDecision;

/** The state after an accepted command and the decision it publishes, if any. */
export interface Decided {
  readonly state: QuarantineCase;
  readonly published?: CaseDecision;
}

type Decision = Result<Decided, QuarantineError>;

function refuse(code: QuarantineErrorCode, message: string): Decision {
  return err(quarantineError(code, message));
}

export function decide(state: QuarantineCase | null, command: CaseCommand): Decision {
  if (command.type === 'OpenCase') return openCase(state, command);
  if (state === null) {
    return refuse('QUARANTINE.CASE_NOT_FOUND', 'no quarantine case for this shipment');
  }
  switch (command.type) {
    case 'ReclassifyCase':
      return reclassify(state, command);
    case 'CancelCase':
      return cancel(state, command);
    case 'RecordSample':
      return recordSample(state, command);
    case 'RecordLabResult':
      return recordLabResult(state, command);
    case 'RecordDecision':
      return recordDecision(state, command);
    default: {
      const unknown: never = command;
      throw new TypeError(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

/** What the automatic rules make of a classification: status and the decision to publish. */
export function automaticOutcome(
  classification: Classification,
  certificates: readonly CertificateCheck[],
): { status: CaseStatus; decision?: { decision: QuarantineDecision; reason: string } } {
  if (classification.controlledHsCodes.length === 0) {
    return { status: 'NOT_REQUIRED', decision: { decision: 'NOT_REQUIRED', reason: '' } };
  }
  const missing = missingCertificates(certificates);
  if (missing.length > 0) {
    return {
      status: 'HELD',
      decision: {
        decision: 'HOLD',
        reason: `missing ${missing.join(', ')} for controlled goods ${classification.controlledHsCodes.join(', ')}`,
      },
    };
  }
  return { status: 'OPEN' };
}

function classified(
  declaration: Declaration,
  classification: Classification,
  meta: CommandMeta,
): Pick<QuarantineCase, 'certificates' | 'status'> & { published?: CaseDecision } {
  const certificates = checkCertificates(classification.kinds, declaration.documents);
  const outcome = automaticOutcome(classification, certificates);
  return {
    certificates,
    status: outcome.status,
    ...(outcome.decision === undefined
      ? {}
      : { published: { ...outcome.decision, actor: SYSTEM_ACTOR, at: meta.at } }),
  };
}

function history(
  step: HistoryStep,
  meta: CommandMeta,
  status: CaseStatus,
  version: number,
  extra: { decision?: QuarantineDecision; reason?: string } = {},
): HistoryEntry {
  return {
    step,
    at: meta.at,
    actor: meta.actor,
    status,
    version,
    ...(extra.decision === undefined ? {} : { decision: extra.decision }),
    ...(extra.reason === undefined || extra.reason === '' ? {} : { reason: extra.reason }),
    ...(meta.sourceEventId === undefined ? {} : { sourceEventId: meta.sourceEventId }),
  };
}

function openCase(state: QuarantineCase | null, command: OpenCase): Decision {
  if (state !== null) {
    return refuse('QUARANTINE.CASE_ALREADY_EXISTS', 'the shipment already has a quarantine case');
  }
  const { meta, data } = command;
  const { certificates, status, published } = classified(
    data.declaration,
    data.classification,
    meta,
  );
  const entries = [history('OPENED', meta, status, 1)];
  if (published !== undefined) {
    entries.push(
      history('DECISION_RECORDED', { ...meta, actor: published.actor }, status, 1, published),
    );
  }
  return ok({
    state: {
      caseId: data.caseId,
      shipmentId: data.shipmentId,
      declaration: data.declaration,
      classification: data.classification,
      certificates,
      status,
      version: 1,
      ...(published === undefined ? {} : { decision: published }),
      samples: [],
      history: entries,
      openedAt: meta.at,
      updatedAt: meta.at,
    },
    ...(published === undefined ? {} : { published }),
  });
}

function staleEvent(state: QuarantineCase, shipmentVersion: number): Decision | undefined {
  if (shipmentVersion <= state.declaration.shipmentVersion) {
    return refuse(
      'QUARANTINE.SHIPMENT_EVENT_STALE',
      `shipment version ${shipmentVersion} is not newer than ${state.declaration.shipmentVersion}`,
    );
  }
  return undefined;
}

function reclassify(state: QuarantineCase, command: ReclassifyCase): Decision {
  if (state.status === 'CANCELLED') return closed(state);
  if (state.status === 'REJECTED') return alreadyDecided(state);
  const stale = staleEvent(state, command.data.declaration.shipmentVersion);
  if (stale !== undefined) return stale;
  const { meta, data } = command;
  const version = state.version + 1;
  const { certificates, status, published } = classified(
    data.declaration,
    data.classification,
    meta,
  );
  const entries = [...state.history, history('RECLASSIFIED', meta, status, version)];
  if (published !== undefined) {
    entries.push(
      history('DECISION_RECORDED', { ...meta, actor: published.actor }, status, version, published),
    );
  }
  const { decision: _previous, ...rest } = state;
  return ok({
    state: {
      ...rest,
      declaration: data.declaration,
      classification: data.classification,
      certificates,
      status,
      version,
      ...(published === undefined ? {} : { decision: published }),
      samples: [],
      history: entries,
      updatedAt: meta.at,
    },
    ...(published === undefined ? {} : { published }),
  });
}

function cancel(state: QuarantineCase, command: CancelCase): Decision {
  if (state.status === 'CANCELLED') return closed(state);
  const stale = staleEvent(state, command.data.shipmentVersion);
  if (stale !== undefined) return stale;
  const version = state.version + 1;
  return ok({
    state: {
      ...state,
      declaration: { ...state.declaration, shipmentVersion: command.data.shipmentVersion },
      status: 'CANCELLED',
      version,
      history: [
        ...state.history,
        history('CANCELLED', command.meta, 'CANCELLED', version, { reason: command.data.reason }),
      ],
      updatedAt: command.meta.at,
    },
  });
}

function closed(state: QuarantineCase): Decision {
  return refuse('QUARANTINE.CASE_CLOSED', `the case is ${state.status}: nothing more is recorded`);
}

function alreadyDecided(state: QuarantineCase): Decision {
  return refuse('QUARANTINE.CASE_ALREADY_DECIDED', `the case is already ${state.status}`);
}

/** Rule 6 for officers' commands: closed, final, version. */
function officerPreconditions(
  state: QuarantineCase,
  expectedVersion: number,
): Decision | undefined {
  if (state.status === 'CANCELLED' || state.status === 'NOT_REQUIRED') return closed(state);
  if (state.status === 'CLEARED' || state.status === 'REJECTED') return alreadyDecided(state);
  if (expectedVersion !== state.version) {
    return refuse(
      'QUARANTINE.VERSION_CONFLICT',
      `the case is at version ${state.version}, not ${expectedVersion}`,
    );
  }
  return undefined;
}

function recordSample(state: QuarantineCase, command: RecordSample): Decision {
  const refused = officerPreconditions(state, command.data.expectedVersion);
  if (refused !== undefined) return refused;
  const { meta } = command;
  const sampleId = command.data.sampleId.trim();
  const labReference = command.data.labReference.trim();
  if (sampleId === '' || labReference === '') {
    return refuse('QUARANTINE.SAMPLE_INVALID', 'a sample needs an id and a lab reference');
  }
  if (state.samples.some((sample) => sample.sampleId === sampleId)) {
    return refuse('QUARANTINE.SAMPLE_ALREADY_RECORDED', `sample ${sampleId} is already recorded`);
  }
  const version = state.version + 1;
  const published: CaseDecision = {
    decision: 'HOLD',
    reason: `sample ${sampleId} taken, awaiting lab result (${labReference})`,
    actor: meta.actor,
    at: meta.at,
  };
  return ok({
    state: {
      ...state,
      status: 'HELD',
      version,
      decision: published,
      samples: [
        ...state.samples,
        { sampleId, takenBy: meta.actor, takenAt: meta.at, labReference },
      ],
      history: [...state.history, history('SAMPLE_RECORDED', meta, 'HELD', version, published)],
      updatedAt: meta.at,
    },
    published,
  });
}

function isLabResult(value: string): value is LabResult {
  return value === 'PASS' || value === 'FAIL';
}

function recordLabResult(state: QuarantineCase, command: RecordLabResult): Decision {
  const refused = officerPreconditions(state, command.data.expectedVersion);
  if (refused !== undefined) return refused;
  const { meta } = command;
  const result = command.data.result.trim().toUpperCase();
  if (!isLabResult(result))
    return refuse('QUARANTINE.SAMPLE_INVALID', 'the result is PASS or FAIL');
  const sampleId = command.data.sampleId.trim();
  const sample = state.samples.find((candidate) => candidate.sampleId === sampleId);
  if (sample === undefined) {
    return refuse('QUARANTINE.SAMPLE_NOT_FOUND', `no sample ${sampleId} on this case`);
  }
  if (sample.result !== undefined) {
    return refuse(
      'QUARANTINE.SAMPLE_ALREADY_RECORDED',
      `sample ${sampleId} already has its result (${sample.result})`,
    );
  }
  const version = state.version + 1;
  const notes = command.data.notes.trim();
  return ok({
    state: {
      ...state,
      version,
      samples: state.samples.map((candidate) =>
        candidate === sample
          ? {
              ...candidate,
              result,
              resultAt: meta.at,
              ...(notes === '' ? {} : { resultNotes: notes }),
            }
          : candidate,
      ),
      history: [
        ...state.history,
        history('LAB_RESULT_RECORDED', meta, state.status, version, {
          reason: `sample ${sampleId}: ${result}${notes === '' ? '' : ` (${notes})`}`,
        }),
      ],
      updatedAt: meta.at,
    },
  });
}

function officerDecision(value: string): 'CLEARED' | 'HOLD' | 'REJECTED' | undefined {
  return value === 'CLEARED' || value === 'HOLD' || value === 'REJECTED' ? value : undefined;
}

function recordDecision(state: QuarantineCase, command: RecordDecision): Decision {
  const refused = officerPreconditions(state, command.data.expectedVersion);
  if (refused !== undefined) return refused;
  const { meta } = command;
  const decision = officerDecision(command.data.decision);
  if (decision === undefined) {
    return refuse('QUARANTINE.DECISION_INVALID', 'an officer decides CLEARED, HOLD or REJECTED');
  }
  const reason = command.data.reason.trim();
  if (decision !== 'CLEARED' && reason === '') {
    return refuse('QUARANTINE.REASON_REQUIRED', `${decision} needs a reason`);
  }
  if (decision === 'CLEARED') {
    const missing = missingCertificates(state.certificates);
    if (missing.length > 0) {
      return refuse('QUARANTINE.CERTIFICATE_MISSING', `missing ${missing.join(', ')}`);
    }
    const pending = state.samples.filter((sample) => sample.result === undefined);
    if (pending.length > 0) {
      return refuse(
        'QUARANTINE.LAB_RESULT_PENDING',
        `waiting for the lab result of ${pending.map((sample) => sample.sampleId).join(', ')}`,
      );
    }
    const failed = state.samples.filter((sample) => sample.result === 'FAIL');
    if (failed.length > 0) {
      return refuse(
        'QUARANTINE.SAMPLE_FAILED',
        `sample ${failed.map((sample) => sample.sampleId).join(', ')} failed at the lab`,
      );
    }
  }
  const status: CaseStatus =
    decision === 'CLEARED' ? 'CLEARED' : decision === 'HOLD' ? 'HELD' : 'REJECTED';
  const version = state.version + 1;
  const published: CaseDecision = { decision, reason, actor: meta.actor, at: meta.at };
  return ok({
    state: {
      ...state,
      status,
      version,
      decision: published,
      history: [...state.history, history('DECISION_RECORDED', meta, status, version, published)],
      updatedAt: meta.at,
    },
    published,
  });
}
