import type { Assessment } from './assess';
import { customsError, type CustomsError, type CustomsErrorCode } from './customs.errors';
import {
  hasCurrentInspection,
  isAutoClearable,
  GREEN_CHANNEL_ACTOR,
  type Actor,
  type CaseDecision,
  type CaseHistoryEntry,
  type CaseStatus,
  type CustomsCase,
  type CustomsDecision,
  type HistoryStep,
  type Inspection,
  type PhotoReference,
} from './customs-case';
import type { Channel, Declaration } from './declaration';
import { err, ok, type Result } from './result';

/**
 * The customs case's life as pure functions (emmett style): `decide(state, command)`
 * answers with the one event the command causes and the state after it, or refuses with a
 * stable code; `evolve(state, event)` applies an event. Nothing here reads a clock, a
 * database or a random source: the assessment, time, actor and source id come in with
 * every command.
 *
 * Rules chosen where the issue left room (keep in step with the unit tests):
 *
 * 1. A case opens from ShipmentRegistered with its assessment, in the assessment's channel.
 *    A GREEN case is then cleared by `ClearAutomatically` (actor `customs.green-channel`),
 *    a separate command the application issues right after opening (`isAutoClearable`);
 *    YELLOW and RED cases wait in the officer queue.
 * 2. ShipmentAmended re-assesses (`ReassessCase`): the new declaration and assessment
 *    replace the old ones, the case goes back to OPEN in the new channel (an officer's
 *    override and the previous decision are dropped: they were about other data), the
 *    revision goes up, so a RED case needs a new inspection. Allowed from OPEN, HELD and
 *    CLEARED (the registry only amends before arrival); a REJECTED case stays rejected.
 * 3. ShipmentCancelled closes the case (`CancelCase` → CANCELLED) from OPEN, HELD and
 *    CLEARED. Registry events carry the shipment version; one not newer than the version
 *    the case reflects is refused as SHIPMENT_EVENT_STALE.
 * 4. Officers (inspection, channel change, decision) work OPEN and HELD cases, naming the
 *    case version they saw (`expectedVersion`). A HOLD may be followed by CLEARED,
 *    REJECTED or another HOLD (a new reason); CLEARED and REJECTED are final.
 * 5. HOLD, REJECTED and a channel change need a reason. Changing to the same channel is
 *    refused. After an officer's change the case is not cleared automatically, even in GREEN.
 * 6. A RED case is CLEARED only when an inspection of its current revision is recorded;
 *    an officer who moves it to YELLOW or GREEN (with a reason, audited) lifts that need.
 *    Inspections may be recorded in any channel; HOLD and REJECTED never need one.
 * 7. Checks run in this order: unknown / existing case, source id already applied, CLOSED
 *    (CANCELLED → CASE_CLOSED), already decided (CLEARED or REJECTED, and HELD for the
 *    automatic clearance → CASE_ALREADY_DECIDED), the version (VERSION_CONFLICT, or
 *    SHIPMENT_EVENT_STALE for registry events), then the command's own input and
 *    preconditions. Two officers deciding on the same version: the first one wins, the
 *    second gets VERSION_CONFLICT (or CASE_ALREADY_DECIDED), never a second decision.
 * 8. Every accepted command is one event, bumps `version` by one and appends one history
 *    entry carrying the version, status and channel after it.
 */

/** Who, when and which event or request: carried by every command into the history. */
export interface CommandMeta {
  /** ISO 8601 time of the fact (the source event's time, or the request's). */
  readonly at: string;
  readonly actor: Actor;
  /** The registry event id (Kafka `ce_id`) or the officer request's id; applied at most once. */
  readonly sourceEventId: string;
}

export interface OpenCase {
  readonly type: 'OpenCase';
  readonly meta: CommandMeta;
  readonly data: {
    readonly caseId: string;
    readonly declaration: Declaration;
    readonly shipmentVersion: number;
    readonly assessment: Assessment;
  };
}

export interface ReassessCase {
  readonly type: 'ReassessCase';
  readonly meta: CommandMeta;
  readonly data: {
    readonly declaration: Declaration;
    readonly shipmentVersion: number;
    readonly assessment: Assessment;
  };
}

export interface CancelCase {
  readonly type: 'CancelCase';
  readonly meta: CommandMeta;
  readonly data: { readonly shipmentVersion: number; readonly reason?: string };
}

/** The automatic GREEN-channel clearance; its actor is always `GREEN_CHANNEL_ACTOR`. */
export interface ClearAutomatically {
  readonly type: 'ClearAutomatically';
  readonly meta: Omit<CommandMeta, 'actor'>;
}

export interface RecordInspection {
  readonly type: 'RecordInspection';
  readonly meta: CommandMeta;
  readonly data: {
    readonly expectedVersion: number;
    readonly findings: string;
    readonly seals: readonly string[];
    readonly photos: readonly PhotoReference[];
  };
}

export interface ChangeChannel {
  readonly type: 'ChangeChannel';
  readonly meta: CommandMeta;
  readonly data: {
    readonly expectedVersion: number;
    readonly channel: Channel;
    readonly reason: string;
  };
}

export interface RecordDecision {
  readonly type: 'RecordDecision';
  readonly meta: CommandMeta;
  readonly data: {
    readonly expectedVersion: number;
    readonly decision: CustomsDecision;
    readonly reason?: string;
  };
}

export type CaseCommand =
  | OpenCase
  | ReassessCase
  | CancelCase
  | ClearAutomatically
  | RecordInspection
  | ChangeChannel
  | RecordDecision;

export type CaseEvent =
  | { readonly type: 'CaseOpened'; readonly meta: CommandMeta; readonly data: OpenCase['data'] }
  | {
      readonly type: 'CaseReassessed';
      readonly meta: CommandMeta;
      readonly data: ReassessCase['data'] & { readonly previousChannel: Channel };
    }
  | {
      readonly type: 'CaseCancelled';
      readonly meta: CommandMeta;
      readonly data: { readonly shipmentVersion: number; readonly reason?: string };
    }
  | {
      readonly type: 'InspectionRecorded';
      readonly meta: CommandMeta;
      readonly data: { readonly inspection: Inspection };
    }
  | {
      readonly type: 'ChannelChanged';
      readonly meta: CommandMeta;
      readonly data: { readonly from: Channel; readonly to: Channel; readonly reason: string };
    }
  | {
      readonly type: 'DecisionRecorded';
      readonly meta: CommandMeta;
      readonly data: CaseDecision;
    };

export interface Decided {
  readonly event: CaseEvent;
  readonly state: CustomsCase;
}

/** The reason written on (and signed with) an automatic GREEN-channel clearance. */
export const AUTO_CLEAR_REASON =
  'Luồng xanh: thông quan trên cơ sở dữ liệu khai báo / GREEN channel: released on data';

export const MAX_REASON_LENGTH = 1000;
export const MAX_FINDINGS_LENGTH = 4000;

export function decide(
  state: CustomsCase | null,
  command: CaseCommand,
): Result<Decided, CustomsError> {
  if (state === null) {
    if (command.type !== 'OpenCase') {
      return refuse('CUSTOMS.CASE_NOT_FOUND', 'there is no such customs case');
    }
    return accept(null, { type: 'CaseOpened', meta: command.meta, data: command.data });
  }
  if (state.history.some((entry) => entry.sourceEventId === command.meta.sourceEventId)) {
    return refuse(
      'CUSTOMS.EVENT_ALREADY_APPLIED',
      `${command.meta.sourceEventId} has already been applied to case ${state.id}`,
    );
  }
  switch (command.type) {
    case 'OpenCase':
      return refuse(
        'CUSTOMS.CASE_ALREADY_EXISTS',
        `shipment ${state.shipmentId} already has case ${state.id}`,
      );

    case 'ReassessCase': {
      const refused =
        closedOrRejected(state) ?? staleShipmentEvent(state, command.data.shipmentVersion);
      if (refused !== undefined) {
        return err(refused);
      }
      return accept(state, {
        type: 'CaseReassessed',
        meta: command.meta,
        data: { ...command.data, previousChannel: state.channel },
      });
    }

    case 'CancelCase': {
      const refused =
        closedOrRejected(state) ?? staleShipmentEvent(state, command.data.shipmentVersion);
      if (refused !== undefined) {
        return err(refused);
      }
      const reason = command.data.reason?.trim();
      return accept(state, {
        type: 'CaseCancelled',
        meta: command.meta,
        data:
          reason === undefined || reason === ''
            ? { shipmentVersion: command.data.shipmentVersion }
            : { shipmentVersion: command.data.shipmentVersion, reason },
      });
    }

    case 'ClearAutomatically': {
      const refused =
        notWorkable(state) ?? (state.status === 'HELD' ? alreadyDecided(state) : undefined);
      if (refused !== undefined) {
        return err(refused);
      }
      if (!isAutoClearable(state)) {
        return refuse(
          'CUSTOMS.AUTO_CLEAR_NOT_ALLOWED',
          `case ${state.id} is in the ${state.channel} channel (${state.channelSource === 'OFFICER' ? 'set by an officer' : 'assessed'}); only an assessed GREEN case is cleared automatically`,
        );
      }
      const meta: CommandMeta = { ...command.meta, actor: GREEN_CHANNEL_ACTOR };
      return accept(state, {
        type: 'DecisionRecorded',
        meta,
        data: decisionOf(state, meta, 'CLEARED', AUTO_CLEAR_REASON),
      });
    }

    case 'RecordInspection': {
      const refused = notWorkable(state) ?? versionConflict(state, command.data.expectedVersion);
      if (refused !== undefined) {
        return err(refused);
      }
      const { findings, seals, photos } = command.data;
      const invalid = inspectionProblem(findings, seals, photos);
      if (invalid !== undefined) {
        return refuse('CUSTOMS.INSPECTION_INVALID', invalid);
      }
      return accept(state, {
        type: 'InspectionRecorded',
        meta: command.meta,
        data: {
          inspection: {
            findings: findings.trim(),
            seals: seals.map((seal) => seal.trim()),
            photos,
            inspectedBy: command.meta.actor,
            inspectedAt: command.meta.at,
            revision: state.revision,
          },
        },
      });
    }

    case 'ChangeChannel': {
      const refused = notWorkable(state) ?? versionConflict(state, command.data.expectedVersion);
      if (refused !== undefined) {
        return err(refused);
      }
      const reason = command.data.reason.trim();
      if (reason === '' || reason.length > MAX_REASON_LENGTH) {
        return refuse(
          'CUSTOMS.REASON_REQUIRED',
          `changing the channel needs a reason of 1 to ${MAX_REASON_LENGTH} characters`,
        );
      }
      if (command.data.channel === state.channel) {
        return refuse('CUSTOMS.CHANNEL_UNCHANGED', `case ${state.id} is already ${state.channel}`);
      }
      return accept(state, {
        type: 'ChannelChanged',
        meta: command.meta,
        data: { from: state.channel, to: command.data.channel, reason },
      });
    }

    case 'RecordDecision':
      return decideDecision(state, command);

    default: {
      const unknown: never = command;
      throw new TypeError(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

function decideDecision(
  state: CustomsCase,
  command: RecordDecision,
): Result<Decided, CustomsError> {
  const refused = notWorkable(state) ?? versionConflict(state, command.data.expectedVersion);
  if (refused !== undefined) {
    return err(refused);
  }
  const { decision } = command.data;
  const reason = command.data.reason?.trim();
  if (reason !== undefined && reason.length > MAX_REASON_LENGTH) {
    return refuse(
      'CUSTOMS.REASON_REQUIRED',
      `a reason has at most ${MAX_REASON_LENGTH} characters`,
    );
  }
  if ((decision === 'HOLD' || decision === 'REJECTED') && (reason === undefined || reason === '')) {
    return refuse('CUSTOMS.REASON_REQUIRED', `a ${decision} decision needs a reason`);
  }
  if (decision === 'CLEARED' && state.channel === 'RED' && !hasCurrentInspection(state)) {
    return refuse(
      'CUSTOMS.INSPECTION_REQUIRED',
      `case ${state.id} is in the RED channel: record the physical inspection before clearing it`,
    );
  }
  return accept(state, {
    type: 'DecisionRecorded',
    meta: command.meta,
    data: decisionOf(state, command.meta, decision, reason === '' ? undefined : reason),
  });
}

/** The state after `event`. Only `CaseOpened` starts from nothing. */
export function evolve(state: CustomsCase | null, event: CaseEvent): CustomsCase {
  if (event.type === 'CaseOpened') {
    const { caseId, declaration, shipmentVersion, assessment } = event.data;
    const opened: CustomsCase = {
      id: caseId,
      shipmentId: declaration.shipmentId,
      declaration,
      shipmentVersion,
      revision: 1,
      status: 'OPEN',
      channel: assessment.channel,
      channelSource: 'ASSESSMENT',
      assessment,
      inspections: [],
      version: 1,
      history: [],
      createdAt: event.meta.at,
      updatedAt: event.meta.at,
    };
    return { ...opened, history: [entry(opened, 'OPENED', event.meta)] };
  }
  if (state === null) {
    throw new TypeError(`${event.type} cannot apply to a case that does not exist`);
  }
  const next = applyTo(state, event);
  const after: CustomsCase = {
    ...next.state,
    version: state.version + 1,
    updatedAt: event.meta.at,
  };
  return {
    ...after,
    history: [...state.history, { ...entry(after, next.step, event.meta), ...next.details }],
  };
}

interface Applied {
  readonly state: CustomsCase;
  readonly step: HistoryStep;
  readonly details?: Pick<CaseHistoryEntry, 'fromChannel' | 'decision' | 'reason'>;
}

function applyTo(state: CustomsCase, event: Exclude<CaseEvent, { type: 'CaseOpened' }>): Applied {
  switch (event.type) {
    case 'CaseReassessed': {
      const { decision: _dropped, ...rest } = state;
      const { declaration, shipmentVersion, assessment, previousChannel } = event.data;
      return {
        state: {
          ...rest,
          declaration,
          shipmentVersion,
          assessment,
          revision: state.revision + 1,
          status: 'OPEN',
          channel: assessment.channel,
          channelSource: 'ASSESSMENT',
        },
        step: 'REASSESSED',
        details: { fromChannel: previousChannel },
      };
    }
    case 'CaseCancelled':
      return {
        state: { ...state, status: 'CANCELLED', shipmentVersion: event.data.shipmentVersion },
        step: 'CANCELLED',
        ...(event.data.reason === undefined ? {} : { details: { reason: event.data.reason } }),
      };
    case 'InspectionRecorded':
      return {
        state: { ...state, inspections: [...state.inspections, event.data.inspection] },
        step: 'INSPECTION_RECORDED',
      };
    case 'ChannelChanged':
      return {
        state: { ...state, channel: event.data.to, channelSource: 'OFFICER' },
        step: 'CHANNEL_CHANGED',
        details: { fromChannel: event.data.from, reason: event.data.reason },
      };
    case 'DecisionRecorded':
      return {
        state: { ...state, status: STATUS_AFTER[event.data.decision], decision: event.data },
        step: 'DECISION_RECORDED',
        details: {
          decision: event.data.decision,
          ...(event.data.reason === undefined ? {} : { reason: event.data.reason }),
        },
      };
    default: {
      const unknown: never = event;
      throw new TypeError(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}

const STATUS_AFTER: Readonly<Record<CustomsDecision, CaseStatus>> = {
  CLEARED: 'CLEARED',
  HOLD: 'HELD',
  REJECTED: 'REJECTED',
};

function decisionOf(
  state: CustomsCase,
  meta: CommandMeta,
  decision: CustomsDecision,
  reason: string | undefined,
): CaseDecision {
  return {
    decision,
    ...(reason === undefined ? {} : { reason }),
    actor: meta.actor,
    decidedAt: meta.at,
    channel: state.channel,
    caseVersion: state.version + 1,
  };
}

function entry(state: CustomsCase, step: HistoryStep, meta: CommandMeta): CaseHistoryEntry {
  return {
    step,
    at: meta.at,
    actor: meta.actor,
    sourceEventId: meta.sourceEventId,
    version: state.version,
    status: state.status,
    channel: state.channel,
  };
}

function accept(state: CustomsCase | null, event: CaseEvent): Result<Decided, CustomsError> {
  return ok({ event, state: evolve(state, event) });
}

function refuse(code: CustomsErrorCode, message: string): Result<Decided, CustomsError> {
  return err(customsError(code, message));
}

function closed(state: CustomsCase): CustomsError | undefined {
  return state.status === 'CANCELLED'
    ? customsError('CUSTOMS.CASE_CLOSED', `case ${state.id} is closed: the shipment was cancelled`)
    : undefined;
}

function alreadyDecided(state: CustomsCase): CustomsError {
  return customsError(
    'CUSTOMS.CASE_ALREADY_DECIDED',
    `case ${state.id} has already been decided ${state.decision?.decision ?? state.status}`,
  );
}

/** CANCELLED → CASE_CLOSED; CLEARED / REJECTED → CASE_ALREADY_DECIDED (officer commands). */
function notWorkable(state: CustomsCase): CustomsError | undefined {
  return (
    closed(state) ??
    (state.status === 'CLEARED' || state.status === 'REJECTED' ? alreadyDecided(state) : undefined)
  );
}

/** CANCELLED → CASE_CLOSED; REJECTED → CASE_ALREADY_DECIDED (registry events, rules 2–3). */
function closedOrRejected(state: CustomsCase): CustomsError | undefined {
  return closed(state) ?? (state.status === 'REJECTED' ? alreadyDecided(state) : undefined);
}

function versionConflict(state: CustomsCase, expectedVersion: number): CustomsError | undefined {
  if (expectedVersion === state.version) {
    return undefined;
  }
  return customsError(
    'CUSTOMS.VERSION_CONFLICT',
    `case ${state.id} is at version ${state.version}, the request was made on version ${expectedVersion}`,
  );
}

function staleShipmentEvent(state: CustomsCase, shipmentVersion: number): CustomsError | undefined {
  if (shipmentVersion > state.shipmentVersion) {
    return undefined;
  }
  return customsError(
    'CUSTOMS.SHIPMENT_EVENT_STALE',
    `case ${state.id} already reflects shipment version ${state.shipmentVersion}; version ${shipmentVersion} is not newer`,
  );
}

function inspectionProblem(
  findings: string,
  seals: readonly string[],
  photos: readonly PhotoReference[],
): string | undefined {
  const text = findings.trim();
  if (text === '' || text.length > MAX_FINDINGS_LENGTH) {
    return `an inspection records its findings in 1 to ${MAX_FINDINGS_LENGTH} characters`;
  }
  if (seals.some((seal) => seal.trim() === '')) {
    return 'a seal number cannot be blank';
  }
  if (photos.some((photo) => photo.documentId.trim() === '')) {
    return 'a photo reference names its document';
  }
  return undefined;
}
