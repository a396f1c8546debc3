import { err, ok, type Result } from './result';
import { registryError, type RegistryError, type RegistryErrorCode } from './registry.errors';
import {
  AGENCIES,
  ALL_PENDING,
  FINAL_STATUSES,
  type Agency,
  type AgencyDecision,
  type AgencyStatus,
  type AgencyStatuses,
  type Registration,
  type Shipment,
  type ShipmentStatus,
  type TimelineEntry,
  type TimelineStep,
} from './shipment';

/**
 * The shipment's life as pure functions (emmett style): `decide(state, command)` answers
 * with the one event the command causes and the state after it, or refuses with a stable
 * code; `evolve(state, event)` applies an event. Nothing here reads a clock, a database or
 * a random source: time, actor and source event id come in with every command.
 *
 * Rules chosen where the issue left room (keep in step with the unit tests):
 *
 * 1. Agencies may decide before the truck arrives. Until arrival the overall status stays
 *    REGISTERED (a HOLD or a CLEARED is visible per agency only), except REJECTED, which
 *    is final and shows at once so that the trader cannot amend a rejection away.
 * 2. From arrival on, the overall status is derived from the agencies (`overallStatus`):
 *    any REJECTED → REJECTED; else any HOLD → HELD; else all CLEARED / NOT_REQUIRED →
 *    CLEARED; else nobody has decided yet (all PENDING) → ARRIVED; else → IN_REVIEW.
 *    So ARRIVED is "in the yard, no agency has spoken", IN_REVIEW "some have, not all".
 * 3. Per agency: PENDING → any decision; HOLD → CLEARED, REJECTED or HOLD again (a new
 *    reason); CLEARED, NOT_REQUIRED and REJECTED are final for that agency: the same
 *    decision again is DECISION_ALREADY_RECORDED, another one DECISION_CONTRADICTS.
 *    Any decision on a REJECTED shipment is SHIPMENT_ALREADY_REJECTED (consumers ack and
 *    drop it); on a CALLED / NO_SHOW / DEPARTED / CANCELLED one it is ILLEGAL_TRANSITION.
 *    HOLD and REJECTED need a reason (DECISION_REASON_REQUIRED).
 * 4. Amend only while REGISTERED, with the version the trader saw; the gate cannot change.
 *    An amendment resets every agency to PENDING and bumps `revision`: decisions were
 *    taken on the old data, agencies decide again on ShipmentAmended. A decision that
 *    names an older revision (`decidedOnRevision`) is refused as DECISION_STALE.
 * 5. Cancel before the truck is called: from REGISTERED, ARRIVED, IN_REVIEW, HELD, CLEARED
 *    and NO_SHOW (the truck missed its call and is not at a lane); never from CALLED,
 *    DEPARTED, REJECTED or CANCELLED. Carries the version the trader saw.
 * 6. The queue calls a CLEARED shipment (CLEARED → CALLED); a called truck that does not
 *    come is a NO_SHOW (`noShowCount` + 1) which the queue may call again
 *    (NO_SHOW → CALLED). The crossing closes it (CALLED → DEPARTED).
 * 7. The pass code can be re-issued until the shipment is final (DEPARTED, REJECTED,
 *    CANCELLED); the new hash replaces the old one, so the old code stops working.
 * 8. Checks run in this order: unknown shipment, source event already applied (any
 *    command), state legality, then the version. A stale request on a shipment that has
 *    moved on is told why (AMEND_NOT_ALLOWED) rather than just VERSION_CONFLICT.
 * 9. Every accepted command is one event, bumps `version` by one and appends one timeline
 *    entry carrying the overall status after it.
 */

/** Who, when and which event or request: carried by every command into the timeline. */
export interface CommandMeta {
  /** ISO 8601 time of the fact (the source event's time, or the request's). */
  readonly at: string;
  /** A trader's user id, an officer's, a camera's, or `system`. */
  readonly actor: string;
  /** The source event id (Kafka `ce_id`) or the request's id; applied at most once. */
  readonly sourceEventId: string;
}

export interface RegisterShipment {
  readonly type: 'RegisterShipment';
  readonly meta: CommandMeta;
  readonly data: {
    readonly shipmentId: string;
    readonly organisationId: string;
    readonly registration: Registration;
    readonly passCodeHash: string;
  };
}

export interface AmendShipment {
  readonly type: 'AmendShipment';
  readonly meta: CommandMeta;
  /** The whole new registration (the stored one with the trader's changes, validated). */
  readonly data: { readonly expectedVersion: number; readonly registration: Registration };
}

export interface CancelShipment {
  readonly type: 'CancelShipment';
  readonly meta: CommandMeta;
  readonly data: { readonly expectedVersion: number; readonly reason?: string };
}

export interface ReissuePassCode {
  readonly type: 'ReissuePassCode';
  readonly meta: CommandMeta;
  readonly data: { readonly passCodeHash: string };
}

export interface RecordArrival {
  readonly type: 'RecordArrival';
  readonly meta: CommandMeta;
}

export interface RecordAgencyDecision {
  readonly type: 'RecordAgencyDecision';
  readonly meta: CommandMeta;
  readonly data: {
    readonly agency: Agency;
    readonly decision: AgencyDecision;
    readonly reason?: string;
    /** The registration revision the agency decided on, when it knows it. */
    readonly decidedOnRevision?: number;
  };
}

export interface RecordCall {
  readonly type: 'RecordCall';
  readonly meta: CommandMeta;
  readonly data: { readonly laneId: string };
}

export interface RecordNoShow {
  readonly type: 'RecordNoShow';
  readonly meta: CommandMeta;
}

export interface RecordCrossing {
  readonly type: 'RecordCrossing';
  readonly meta: CommandMeta;
}

export type ShipmentCommand =
  | RegisterShipment
  | AmendShipment
  | CancelShipment
  | ReissuePassCode
  | RecordArrival
  | RecordAgencyDecision
  | RecordCall
  | RecordNoShow
  | RecordCrossing;

export type ShipmentEvent =
  | {
      readonly type: 'ShipmentRegistered';
      readonly meta: CommandMeta;
      readonly data: RegisterShipment['data'];
    }
  | {
      readonly type: 'ShipmentAmended';
      readonly meta: CommandMeta;
      readonly data: { readonly registration: Registration };
    }
  | {
      readonly type: 'ShipmentCancelled';
      readonly meta: CommandMeta;
      readonly data: { readonly reason?: string };
    }
  | {
      readonly type: 'PassCodeReissued';
      readonly meta: CommandMeta;
      readonly data: { readonly passCodeHash: string };
    }
  | { readonly type: 'ArrivalRecorded'; readonly meta: CommandMeta }
  | {
      readonly type: 'AgencyDecisionRecorded';
      readonly meta: CommandMeta;
      readonly data: {
        readonly agency: Agency;
        readonly decision: AgencyDecision;
        readonly reason?: string;
      };
    }
  | {
      readonly type: 'CallRecorded';
      readonly meta: CommandMeta;
      readonly data: { readonly laneId: string };
    }
  | { readonly type: 'NoShowRecorded'; readonly meta: CommandMeta }
  | { readonly type: 'CrossingRecorded'; readonly meta: CommandMeta };

export interface Decided {
  readonly event: ShipmentEvent;
  readonly state: Shipment;
}

/** Statuses from which the trader may cancel (rule 5). */
export const CANCELLABLE_STATUSES: ReadonlySet<ShipmentStatus> = new Set([
  'REGISTERED',
  'ARRIVED',
  'IN_REVIEW',
  'HELD',
  'CLEARED',
  'NO_SHOW',
]);

/** Statuses in which the overall status is still derived from the agencies (rules 1–2). */
export const CLEARANCE_STATUSES: ReadonlySet<ShipmentStatus> = new Set([
  'REGISTERED',
  'ARRIVED',
  'IN_REVIEW',
  'HELD',
  'CLEARED',
]);

export function decide(
  state: Shipment | null,
  command: ShipmentCommand,
): Result<Decided, RegistryError> {
  if (state === null) {
    if (command.type !== 'RegisterShipment') {
      return err(registryError('REGISTRY.SHIPMENT_NOT_FOUND', 'there is no such shipment'));
    }
    return accept(null, { type: 'ShipmentRegistered', meta: command.meta, data: command.data });
  }
  if (state.timeline.some((entry) => entry.sourceEventId === command.meta.sourceEventId)) {
    return refuse(
      'REGISTRY.EVENT_ALREADY_APPLIED',
      `event ${command.meta.sourceEventId} has already been applied to shipment ${state.id}`,
    );
  }
  switch (command.type) {
    case 'RegisterShipment':
      return refuse('REGISTRY.SHIPMENT_ALREADY_EXISTS', `shipment ${state.id} already exists`);

    case 'AmendShipment': {
      if (state.status !== 'REGISTERED') {
        return refuse(
          'REGISTRY.AMEND_NOT_ALLOWED',
          `a ${state.status} shipment can no longer be amended`,
        );
      }
      const stale = versionConflict(state, command.data.expectedVersion);
      if (stale !== undefined) {
        return err(stale);
      }
      if (command.data.registration.gateCode !== state.gateCode) {
        return refuse(
          'REGISTRY.GATE_NOT_AMENDABLE',
          'the gate of a shipment cannot be changed; cancel and register again',
        );
      }
      return accept(state, {
        type: 'ShipmentAmended',
        meta: command.meta,
        data: { registration: command.data.registration },
      });
    }

    case 'CancelShipment': {
      if (!CANCELLABLE_STATUSES.has(state.status)) {
        return refuse(
          'REGISTRY.CANCEL_NOT_ALLOWED',
          `a ${state.status} shipment can no longer be cancelled`,
        );
      }
      const stale = versionConflict(state, command.data.expectedVersion);
      if (stale !== undefined) {
        return err(stale);
      }
      const data = command.data.reason === undefined ? {} : { reason: command.data.reason };
      return accept(state, { type: 'ShipmentCancelled', meta: command.meta, data });
    }

    case 'ReissuePassCode':
      if (FINAL_STATUSES.has(state.status)) {
        return refuse(
          'REGISTRY.PASS_CODE_REISSUE_NOT_ALLOWED',
          `a ${state.status} shipment needs no pass code any more`,
        );
      }
      return accept(state, { type: 'PassCodeReissued', meta: command.meta, data: command.data });

    case 'RecordArrival':
      if (state.status !== 'REGISTERED') {
        return illegal(state.status, 'record an arrival');
      }
      return accept(state, { type: 'ArrivalRecorded', meta: command.meta });

    case 'RecordAgencyDecision':
      return decideAgencyDecision(state, command);

    case 'RecordCall':
      if (state.status !== 'CLEARED' && state.status !== 'NO_SHOW') {
        return illegal(state.status, 'call the truck');
      }
      return accept(state, { type: 'CallRecorded', meta: command.meta, data: command.data });

    case 'RecordNoShow':
      if (state.status !== 'CALLED') {
        return illegal(state.status, 'record a no-show');
      }
      return accept(state, { type: 'NoShowRecorded', meta: command.meta });

    case 'RecordCrossing':
      if (state.status !== 'CALLED') {
        return illegal(state.status, 'record the crossing');
      }
      return accept(state, { type: 'CrossingRecorded', meta: command.meta });

    default: {
      const unknown: never = command;
      throw new TypeError(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

function decideAgencyDecision(
  state: Shipment,
  command: RecordAgencyDecision,
): Result<Decided, RegistryError> {
  const { agency, decision, reason, decidedOnRevision } = command.data;
  if (state.status === 'REJECTED') {
    return refuse(
      'REGISTRY.SHIPMENT_ALREADY_REJECTED',
      `shipment ${state.id} is rejected; ${agency}'s ${decision} is ignored`,
    );
  }
  if (!CLEARANCE_STATUSES.has(state.status)) {
    return illegal(state.status, `record a ${agency} decision`);
  }
  if (
    (decision === 'HOLD' || decision === 'REJECTED') &&
    (reason === undefined || reason.trim() === '')
  ) {
    return refuse('REGISTRY.DECISION_REASON_REQUIRED', `a ${decision} decision needs a reason`);
  }
  if (decidedOnRevision !== undefined && decidedOnRevision < state.revision) {
    return refuse(
      'REGISTRY.DECISION_STALE',
      `${agency} decided on revision ${decidedOnRevision}; the shipment was amended since (revision ${state.revision})`,
    );
  }
  const next = agencyTransition(agency, state.agencies[agency], decision);
  if (!next.ok) {
    return err(next.error);
  }
  const data = reason === undefined ? { agency, decision } : { agency, decision, reason };
  return accept(state, { type: 'AgencyDecisionRecorded', meta: command.meta, data });
}

/** One agency's status after its decision (rule 3), or why the decision is refused. */
export function agencyTransition(
  agency: Agency,
  current: AgencyStatus,
  decision: AgencyDecision,
): Result<AgencyStatus, RegistryError> {
  switch (current) {
    case 'PENDING':
      return ok(decision);
    case 'HOLD':
      if (decision === 'NOT_REQUIRED') {
        return err(contradicts(agency, current, decision));
      }
      return ok(decision);
    case 'CLEARED':
    case 'NOT_REQUIRED':
    case 'REJECTED':
      if (decision === current) {
        return err(
          registryError(
            'REGISTRY.DECISION_ALREADY_RECORDED',
            `${agency} has already decided ${current}`,
          ),
        );
      }
      return err(contradicts(agency, current, decision));
    default: {
      const unknown: never = current;
      throw new TypeError(`unknown agency status ${String(unknown)}`);
    }
  }
}

/** The overall status the agencies' statuses give, before or after arrival (rules 1–2). */
export function overallStatus(
  agencies: AgencyStatuses,
  arrived: boolean,
): 'REGISTERED' | 'ARRIVED' | 'IN_REVIEW' | 'HELD' | 'CLEARED' | 'REJECTED' {
  const statuses = AGENCIES.map((agency) => agencies[agency]);
  if (statuses.includes('REJECTED')) {
    return 'REJECTED';
  }
  if (!arrived) {
    return 'REGISTERED';
  }
  if (statuses.includes('HOLD')) {
    return 'HELD';
  }
  if (statuses.every((status) => status === 'CLEARED' || status === 'NOT_REQUIRED')) {
    return 'CLEARED';
  }
  if (statuses.every((status) => status === 'PENDING')) {
    return 'ARRIVED';
  }
  return 'IN_REVIEW';
}

/** The state after `event`. Only `ShipmentRegistered` starts from nothing. */
export function evolve(state: Shipment | null, event: ShipmentEvent): Shipment {
  if (event.type === 'ShipmentRegistered') {
    const { shipmentId, organisationId, registration, passCodeHash } = event.data;
    return {
      ...registration,
      id: shipmentId,
      organisationId,
      status: 'REGISTERED',
      agencies: ALL_PENDING,
      passCodeHash,
      version: 1,
      revision: 1,
      timeline: [entry('REGISTERED', event.meta, 'REGISTERED')],
      noShowCount: 0,
      createdAt: event.meta.at,
      updatedAt: event.meta.at,
    };
  }
  if (state === null) {
    throw new TypeError(`${event.type} cannot apply to a shipment that does not exist`);
  }
  const next = applyTo(state, event);
  return {
    ...next.state,
    version: state.version + 1,
    updatedAt: event.meta.at,
    timeline: [
      ...state.timeline,
      { ...entry(next.step, event.meta, next.state.status), ...next.details },
    ],
  };
}

interface Applied {
  readonly state: Shipment;
  readonly step: TimelineStep;
  readonly details?: Pick<TimelineEntry, 'agency' | 'decision' | 'reason' | 'laneId'>;
}

function applyTo(
  state: Shipment,
  event: Exclude<ShipmentEvent, { type: 'ShipmentRegistered' }>,
): Applied {
  switch (event.type) {
    case 'ShipmentAmended':
      return {
        state: {
          ...state,
          ...event.data.registration,
          agencies: ALL_PENDING,
          revision: state.revision + 1,
          status: overallStatus(ALL_PENDING, state.arrivedAt !== undefined),
        },
        step: 'AMENDED',
      };
    case 'ShipmentCancelled':
      return {
        state: { ...state, status: 'CANCELLED' },
        step: 'CANCELLED',
        ...(event.data.reason === undefined ? {} : { details: { reason: event.data.reason } }),
      };
    case 'PassCodeReissued':
      return {
        state: { ...state, passCodeHash: event.data.passCodeHash },
        step: 'PASS_CODE_REISSUED',
      };
    case 'ArrivalRecorded':
      return {
        state: { ...state, arrivedAt: event.meta.at, status: overallStatus(state.agencies, true) },
        step: 'ARRIVED',
      };
    case 'AgencyDecisionRecorded': {
      const agencies = { ...state.agencies, [event.data.agency]: event.data.decision };
      const status = CLEARANCE_STATUSES.has(state.status)
        ? overallStatus(agencies, state.arrivedAt !== undefined)
        : state.status;
      return {
        state: { ...state, agencies, status },
        step: 'AGENCY_DECISION',
        details: {
          agency: event.data.agency,
          decision: event.data.decision,
          ...(event.data.reason === undefined ? {} : { reason: event.data.reason }),
        },
      };
    }
    case 'CallRecorded':
      return {
        state: { ...state, status: 'CALLED', calledLaneId: event.data.laneId },
        step: 'CALLED',
        details: { laneId: event.data.laneId },
      };
    case 'NoShowRecorded': {
      const { calledLaneId, ...rest } = state;
      return {
        state: { ...rest, status: 'NO_SHOW', noShowCount: state.noShowCount + 1 },
        step: 'NO_SHOW',
        ...(calledLaneId === undefined ? {} : { details: { laneId: calledLaneId } }),
      };
    }
    case 'CrossingRecorded':
      return { state: { ...state, status: 'DEPARTED' }, step: 'DEPARTED' };
    default: {
      const unknown: never = event;
      throw new TypeError(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}

function entry(step: TimelineStep, meta: CommandMeta, status: ShipmentStatus): TimelineEntry {
  return { step, at: meta.at, actor: meta.actor, sourceEventId: meta.sourceEventId, status };
}

function accept(state: Shipment | null, event: ShipmentEvent): Result<Decided, RegistryError> {
  return ok({ event, state: evolve(state, event) });
}

function refuse(code: RegistryErrorCode, message: string): Result<Decided, RegistryError> {
  return err(registryError(code, message));
}

function illegal(status: ShipmentStatus, what: string): Result<Decided, RegistryError> {
  return refuse('REGISTRY.ILLEGAL_TRANSITION', `cannot ${what}: the shipment is ${status}`);
}

function versionConflict(state: Shipment, expectedVersion: number): RegistryError | undefined {
  if (expectedVersion === state.version) {
    return undefined;
  }
  return registryError(
    'REGISTRY.VERSION_CONFLICT',
    `the shipment is at version ${state.version}, the request was made on version ${expectedVersion}`,
  );
}

function contradicts(
  agency: Agency,
  current: AgencyStatus,
  decision: AgencyDecision,
): RegistryError {
  return registryError(
    'REGISTRY.DECISION_CONTRADICTS',
    `${agency} has decided ${current}; a later ${decision} contradicts it`,
  );
}
