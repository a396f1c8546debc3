import { generatePassCode, hashPassCode, verifyPassCode } from './pass-code';
import type { RegistryErrorCode } from './registry.errors';
import {
  AGENCY_DECISIONS,
  AGENCY_STATUSES,
  SHIPMENT_STATUSES,
  type Agency,
  type AgencyDecision,
  type AgencyStatus,
  type AgencyStatuses,
  type Shipment,
  type ShipmentStatus,
} from './shipment';
import { deepFreeze, validRegistration } from './shipment.fixtures';
import {
  agencyTransition,
  decide,
  evolve,
  overallStatus,
  type CommandMeta,
  type RegisterShipment,
  type ShipmentCommand,
} from './state-machine';

// ------------------------------------------------------------------ given / when / then

const PEPPER = 'a-test-pepper-of-at-least-32-bytes!!';
let clock = Date.parse('2026-12-01T00:00:00Z');
let eventCounter = 0;

function meta(actor = 'system'): CommandMeta {
  clock += 60_000;
  eventCounter += 1;
  return { at: new Date(clock).toISOString(), actor, sourceEventId: `event-${eventCounter}` };
}

const when = {
  register: (): RegisterShipment => ({
    type: 'RegisterShipment',
    meta: meta('trader-1'),
    data: {
      shipmentId: 'shipment-1',
      organisationId: 'org-1',
      registration: validRegistration(),
      passCodeHash: hashPassCode('AAAA-AAAA-AAAA', PEPPER),
    },
  }),
  amend: (state: Shipment | null, expectedVersion = state?.version ?? 1): ShipmentCommand => ({
    type: 'AmendShipment',
    meta: meta('trader-1'),
    data: {
      expectedVersion,
      registration: validRegistration({ declarationNumber: '305123456799' }),
    },
  }),
  cancel: (state: Shipment | null, expectedVersion = state?.version ?? 1): ShipmentCommand => ({
    type: 'CancelShipment',
    meta: meta('trader-1'),
    data: { expectedVersion, reason: 'order withdrawn' },
  }),
  reissue: (passCodeHash = hashPassCode('BBBB-BBBB-BBBB', PEPPER)): ShipmentCommand => ({
    type: 'ReissuePassCode',
    meta: meta('trader-1'),
    data: { passCodeHash },
  }),
  arrival: (): ShipmentCommand => ({ type: 'RecordArrival', meta: meta('camera-7') }),
  decision: (
    agency: Agency,
    decision: AgencyDecision,
    extra: { reason?: string; decidedOnRevision?: number } = {},
  ): ShipmentCommand => ({
    type: 'RecordAgencyDecision',
    meta: meta(`officer-${agency}`),
    data: {
      agency,
      decision,
      ...(decision === 'HOLD' || decision === 'REJECTED'
        ? { reason: `${decision} by ${agency}` }
        : {}),
      ...extra,
    },
  }),
  call: (laneId = 'lane-1'): ShipmentCommand => ({
    type: 'RecordCall',
    meta: meta('yard-1'),
    data: { laneId },
  }),
  noShow: (): ShipmentCommand => ({ type: 'RecordNoShow', meta: meta() }),
  crossing: (): ShipmentCommand => ({ type: 'RecordCrossing', meta: meta('borderguard-1') }),
};

/** Applies `commands` in order from nothing; every one must be accepted. */
function given(...commands: ((state: Shipment | null) => ShipmentCommand)[]): Shipment {
  let state: Shipment | null = null;
  for (const command of commands) {
    const outcome = decide(state, command(state));
    if (!outcome.ok) {
      throw new Error(`given: ${outcome.error.code} ${outcome.error.message}`);
    }
    state = outcome.value.state;
  }
  if (state === null) {
    throw new Error('given: no command');
  }
  return deepFreeze(state);
}

const register = () => when.register();
const arrive = () => when.arrival();
const cleared = (agency: Agency) => () => when.decision(agency, 'CLEARED');
const notRequired = (agency: Agency) => () => when.decision(agency, 'NOT_REQUIRED');
const held = (agency: Agency) => () => when.decision(agency, 'HOLD');
const rejected = (agency: Agency) => () => when.decision(agency, 'REJECTED');
const call = () => when.call();

const allCleared = [
  register,
  notRequired('quarantine'),
  cleared('customs'),
  cleared('borderGuard'),
  arrive,
];

/** A shipment in each status, reached through legal commands only. */
const SHIPMENT_IN: Record<ShipmentStatus, () => Shipment> = {
  REGISTERED: () => given(register),
  ARRIVED: () => given(register, arrive),
  IN_REVIEW: () => given(register, arrive, cleared('customs')),
  HELD: () => given(register, arrive, held('customs')),
  CLEARED: () => given(...allCleared),
  CALLED: () => given(...allCleared, call),
  NO_SHOW: () => given(...allCleared, call, () => when.noShow()),
  DEPARTED: () => given(...allCleared, call, () => when.crossing()),
  REJECTED: () => given(register, rejected('customs')),
  CANCELLED: () => given(register, (state) => when.cancel(state)),
};

const COMMANDS = {
  register: () => when.register(),
  amend: (state: Shipment | null) => when.amend(state),
  cancel: (state: Shipment | null) => when.cancel(state),
  reissue: () => when.reissue(),
  arrival: () => when.arrival(),
  decision: () => when.decision('borderGuard', 'CLEARED'),
  call: () => when.call(),
  noShow: () => when.noShow(),
  crossing: () => when.crossing(),
} satisfies Record<string, (state: Shipment | null) => ShipmentCommand>;
type CommandName = keyof typeof COMMANDS;

type Expected = ShipmentStatus | RegistryErrorCode;

const ILLEGAL = 'REGISTRY.ILLEGAL_TRANSITION';
const EXISTS = 'REGISTRY.SHIPMENT_ALREADY_EXISTS';
const NO_AMEND = 'REGISTRY.AMEND_NOT_ALLOWED';
const NO_CANCEL = 'REGISTRY.CANCEL_NOT_ALLOWED';
const NO_REISSUE = 'REGISTRY.PASS_CODE_REISSUE_NOT_ALLOWED';

/** Every status × every command: the status after it, or the code it is refused with. */
const TRANSITIONS: Record<ShipmentStatus, Record<CommandName, Expected>> = {
  // prettier-ignore
  REGISTERED: { register: EXISTS, amend: 'REGISTERED', cancel: 'CANCELLED', reissue: 'REGISTERED', arrival: 'ARRIVED', decision: 'REGISTERED', call: ILLEGAL, noShow: ILLEGAL, crossing: ILLEGAL },
  // prettier-ignore
  ARRIVED: { register: EXISTS, amend: NO_AMEND, cancel: 'CANCELLED', reissue: 'ARRIVED', arrival: ILLEGAL, decision: 'IN_REVIEW', call: ILLEGAL, noShow: ILLEGAL, crossing: ILLEGAL },
  // prettier-ignore
  IN_REVIEW: { register: EXISTS, amend: NO_AMEND, cancel: 'CANCELLED', reissue: 'IN_REVIEW', arrival: ILLEGAL, decision: 'IN_REVIEW', call: ILLEGAL, noShow: ILLEGAL, crossing: ILLEGAL },
  // prettier-ignore
  HELD: { register: EXISTS, amend: NO_AMEND, cancel: 'CANCELLED', reissue: 'HELD', arrival: ILLEGAL, decision: 'HELD', call: ILLEGAL, noShow: ILLEGAL, crossing: ILLEGAL },
  // prettier-ignore
  CLEARED: { register: EXISTS, amend: NO_AMEND, cancel: 'CANCELLED', reissue: 'CLEARED', arrival: ILLEGAL, decision: 'REGISTRY.DECISION_ALREADY_RECORDED', call: 'CALLED', noShow: ILLEGAL, crossing: ILLEGAL },
  // prettier-ignore
  CALLED: { register: EXISTS, amend: NO_AMEND, cancel: NO_CANCEL, reissue: 'CALLED', arrival: ILLEGAL, decision: ILLEGAL, call: ILLEGAL, noShow: 'NO_SHOW', crossing: 'DEPARTED' },
  // prettier-ignore
  NO_SHOW: { register: EXISTS, amend: NO_AMEND, cancel: 'CANCELLED', reissue: 'NO_SHOW', arrival: ILLEGAL, decision: ILLEGAL, call: 'CALLED', noShow: ILLEGAL, crossing: ILLEGAL },
  // prettier-ignore
  DEPARTED: { register: EXISTS, amend: NO_AMEND, cancel: NO_CANCEL, reissue: NO_REISSUE, arrival: ILLEGAL, decision: ILLEGAL, call: ILLEGAL, noShow: ILLEGAL, crossing: ILLEGAL },
  // prettier-ignore
  REJECTED: { register: EXISTS, amend: NO_AMEND, cancel: NO_CANCEL, reissue: NO_REISSUE, arrival: ILLEGAL, decision: 'REGISTRY.SHIPMENT_ALREADY_REJECTED', call: ILLEGAL, noShow: ILLEGAL, crossing: ILLEGAL },
  // prettier-ignore
  CANCELLED: { register: EXISTS, amend: NO_AMEND, cancel: NO_CANCEL, reissue: NO_REISSUE, arrival: ILLEGAL, decision: ILLEGAL, call: ILLEGAL, noShow: ILLEGAL, crossing: ILLEGAL },
};

const EVENT_OF: Record<CommandName, string> = {
  register: 'ShipmentRegistered',
  amend: 'ShipmentAmended',
  cancel: 'ShipmentCancelled',
  reissue: 'PassCodeReissued',
  arrival: 'ArrivalRecorded',
  decision: 'AgencyDecisionRecorded',
  call: 'CallRecorded',
  noShow: 'NoShowRecorded',
  crossing: 'CrossingRecorded',
};

function isStatus(expected: Expected): expected is ShipmentStatus {
  return (SHIPMENT_STATUSES as readonly string[]).includes(expected);
}

function expectRefused(
  state: Shipment | null,
  command: ShipmentCommand,
  code: RegistryErrorCode,
): void {
  const before = structuredClone(state);
  const outcome = decide(state, command);
  expect(outcome.ok ? `accepted (${outcome.value.state.status})` : outcome.error.code).toBe(code);
  if (!outcome.ok) {
    expect(outcome.error.message.length).toBeGreaterThan(0);
  }
  expect(state).toEqual(before);
}

function accepted(state: Shipment | null, command: ShipmentCommand): Shipment {
  const outcome = decide(state, command);
  if (!outcome.ok) {
    throw new Error(`refused: ${outcome.error.code} ${outcome.error.message}`);
  }
  return deepFreeze(outcome.value.state);
}

// ------------------------------------------------------------------ the table

describe('decide: every status × every command', () => {
  it('the table covers every status and every command', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...SHIPMENT_STATUSES].sort());
    for (const row of Object.values(TRANSITIONS)) {
      expect(Object.keys(row).sort()).toEqual(Object.keys(COMMANDS).sort());
    }
  });

  it.each(SHIPMENT_STATUSES)('the fixture for %s is in that status', (status) => {
    expect(SHIPMENT_IN[status]().status).toBe(status);
  });

  const cases = SHIPMENT_STATUSES.flatMap((status) =>
    (Object.keys(COMMANDS) as CommandName[]).map(
      (command) => [status, command, TRANSITIONS[status][command]] as const,
    ),
  );

  it.each(cases)('given %s, when %s, then %s', (status, name, expected) => {
    const state = SHIPMENT_IN[status]();
    const command = COMMANDS[name](state);
    if (!isStatus(expected)) {
      expectRefused(state, command, expected);
      return;
    }
    const outcome = decide(state, command);
    expect(outcome.ok ? outcome.value.state.status : outcome.error.code).toBe(expected);
    if (!outcome.ok) {
      return;
    }
    const { event, state: after } = outcome.value;
    expect(event.type).toBe(EVENT_OF[name]);
    expect(event.meta).toBe(command.meta);
    expect(after.version).toBe(state.version + 1);
    expect(after.updatedAt).toBe(command.meta.at);
    expect(after.timeline).toHaveLength(state.timeline.length + 1);
    expect(after.timeline.slice(0, -1)).toEqual(state.timeline);
    expect(after.timeline.at(-1)).toMatchObject({
      at: command.meta.at,
      actor: command.meta.actor,
      sourceEventId: command.meta.sourceEventId,
      status: expected,
    });
    expect(evolve(state, event)).toEqual(after);
  });

  describe('given no shipment', () => {
    it('when registered, then it is REGISTERED at version 1 with every agency PENDING', () => {
      const command = when.register();
      const outcome = decide(null, command);
      if (!outcome.ok) {
        throw new Error(outcome.error.code);
      }
      expect(outcome.value.event).toEqual({
        type: 'ShipmentRegistered',
        meta: command.meta,
        data: command.data,
      });
      expect(outcome.value.state).toEqual({
        ...validRegistration(),
        id: 'shipment-1',
        organisationId: 'org-1',
        status: 'REGISTERED',
        agencies: { customs: 'PENDING', borderGuard: 'PENDING', quarantine: 'PENDING' },
        passCodeHash: hashPassCode('AAAA-AAAA-AAAA', PEPPER),
        version: 1,
        revision: 1,
        timeline: [
          {
            step: 'REGISTERED',
            at: command.meta.at,
            actor: 'trader-1',
            sourceEventId: command.meta.sourceEventId,
            status: 'REGISTERED',
          },
        ],
        noShowCount: 0,
        createdAt: command.meta.at,
        updatedAt: command.meta.at,
      });
    });

    it.each((Object.keys(COMMANDS) as CommandName[]).filter((name) => name !== 'register'))(
      'when %s, then REGISTRY.SHIPMENT_NOT_FOUND',
      (name) => {
        expectRefused(null, COMMANDS[name](null), 'REGISTRY.SHIPMENT_NOT_FOUND');
      },
    );
  });
});

// ------------------------------------------------------------------ idempotency and versions

describe('decide: a source event is applied at most once', () => {
  it.each(Object.keys(COMMANDS) as CommandName[])(
    '%s with an already applied event id is refused',
    (name) => {
      const state = SHIPMENT_IN.REGISTERED();
      const first = state.timeline[0];
      const command = COMMANDS[name](state);
      const replay = {
        ...command,
        meta: { ...command.meta, sourceEventId: first?.sourceEventId ?? '' },
      } as ShipmentCommand;
      expectRefused(state, replay, 'REGISTRY.EVENT_ALREADY_APPLIED');
    },
  );

  it('a redelivered decision is refused, not applied twice', () => {
    const state = given(register, arrive);
    const decision = when.decision('customs', 'HOLD');
    const once = accepted(state, decision);
    expectRefused(once, decision, 'REGISTRY.EVENT_ALREADY_APPLIED');
  });
});

describe('decide: optimistic concurrency on amend and cancel', () => {
  it.each([
    ['amend', 0],
    ['amend', 2],
    ['cancel', 0],
    ['cancel', 5],
  ] as const)(
    '%s with version %i when the shipment is at version 1: VERSION_CONFLICT',
    (name, version) => {
      const state = SHIPMENT_IN.REGISTERED();
      expect(state.version).toBe(1);
      expectRefused(state, when[name](state, version), 'REGISTRY.VERSION_CONFLICT');
    },
  );

  it('the version the trader saw goes stale as soon as anything else happens', () => {
    const seen = SHIPMENT_IN.REGISTERED();
    const moved = accepted(seen, when.decision('quarantine', 'NOT_REQUIRED'));
    expectRefused(moved, when.amend(moved, seen.version), 'REGISTRY.VERSION_CONFLICT');
    expectRefused(moved, when.cancel(moved, seen.version), 'REGISTRY.VERSION_CONFLICT');
    expect(accepted(moved, when.cancel(moved, moved.version)).status).toBe('CANCELLED');
  });

  it('a stale amend on a shipment that has arrived says why: AMEND_NOT_ALLOWED', () => {
    const arrived = SHIPMENT_IN.ARRIVED();
    expectRefused(arrived, when.amend(arrived, 1), 'REGISTRY.AMEND_NOT_ALLOWED');
  });
});

// ------------------------------------------------------------------ amend

describe('decide: amend', () => {
  it('replaces the registration, resets every agency to PENDING and bumps the revision', () => {
    const state = given(register, notRequired('quarantine'), held('customs'));
    expect(state.agencies).toEqual({
      customs: 'HOLD',
      borderGuard: 'PENDING',
      quarantine: 'NOT_REQUIRED',
    });
    const amended = accepted(state, when.amend(state));
    expect(amended.declarationNumber).toBe('305123456799');
    expect(amended.agencies).toEqual({
      customs: 'PENDING',
      borderGuard: 'PENDING',
      quarantine: 'PENDING',
    });
    expect(amended.revision).toBe(2);
    expect(amended.status).toBe('REGISTERED');
    expect(amended.timeline.at(-1)).toMatchObject({ step: 'AMENDED', status: 'REGISTERED' });
    expect(amended.id).toBe(state.id);
    expect(amended.passCodeHash).toBe(state.passCodeHash);
  });

  it('cannot move the shipment to another gate', () => {
    const state = SHIPMENT_IN.REGISTERED();
    const command: ShipmentCommand = {
      type: 'AmendShipment',
      meta: meta('trader-1'),
      data: { expectedVersion: 1, registration: validRegistration({ gateCode: 'HUUNGHI' }) },
    };
    expectRefused(state, command, 'REGISTRY.GATE_NOT_AMENDABLE');
  });

  it('makes decisions taken on the older revision stale', () => {
    const amended = accepted(SHIPMENT_IN.REGISTERED(), when.amend(SHIPMENT_IN.REGISTERED()));
    expectRefused(
      amended,
      when.decision('customs', 'CLEARED', { decidedOnRevision: 1 }),
      'REGISTRY.DECISION_STALE',
    );
    expect(
      accepted(amended, when.decision('customs', 'CLEARED', { decidedOnRevision: 2 })).agencies
        .customs,
    ).toBe('CLEARED');
  });
});

// ------------------------------------------------------------------ agencies and overall status

describe('agencyTransition: every agency status × every decision', () => {
  const table: Record<AgencyStatus, Record<AgencyDecision, AgencyStatus | RegistryErrorCode>> = {
    PENDING: {
      CLEARED: 'CLEARED',
      HOLD: 'HOLD',
      REJECTED: 'REJECTED',
      NOT_REQUIRED: 'NOT_REQUIRED',
    },
    HOLD: {
      CLEARED: 'CLEARED',
      HOLD: 'HOLD',
      REJECTED: 'REJECTED',
      NOT_REQUIRED: 'REGISTRY.DECISION_CONTRADICTS',
    },
    CLEARED: {
      CLEARED: 'REGISTRY.DECISION_ALREADY_RECORDED',
      HOLD: 'REGISTRY.DECISION_CONTRADICTS',
      REJECTED: 'REGISTRY.DECISION_CONTRADICTS',
      NOT_REQUIRED: 'REGISTRY.DECISION_CONTRADICTS',
    },
    NOT_REQUIRED: {
      CLEARED: 'REGISTRY.DECISION_CONTRADICTS',
      HOLD: 'REGISTRY.DECISION_CONTRADICTS',
      REJECTED: 'REGISTRY.DECISION_CONTRADICTS',
      NOT_REQUIRED: 'REGISTRY.DECISION_ALREADY_RECORDED',
    },
    REJECTED: {
      CLEARED: 'REGISTRY.DECISION_CONTRADICTS',
      HOLD: 'REGISTRY.DECISION_CONTRADICTS',
      REJECTED: 'REGISTRY.DECISION_ALREADY_RECORDED',
      NOT_REQUIRED: 'REGISTRY.DECISION_CONTRADICTS',
    },
  };
  const cases = AGENCY_STATUSES.flatMap((current) =>
    AGENCY_DECISIONS.map((decision) => [current, decision, table[current][decision]] as const),
  );

  it.each(cases)('given %s, when %s, then %s', (current, decision, expected) => {
    const outcome = agencyTransition('customs', current, decision);
    expect(outcome.ok ? outcome.value : outcome.error.code).toBe(expected);
  });
});

describe('overallStatus', () => {
  const P = 'PENDING';
  const C = 'CLEARED';
  const H = 'HOLD';
  const R = 'REJECTED';
  const N = 'NOT_REQUIRED';
  const agencies = (
    customs: AgencyStatus,
    borderGuard: AgencyStatus,
    quarantine: AgencyStatus,
  ): AgencyStatuses => ({
    customs,
    borderGuard,
    quarantine,
  });

  it.each([
    // before arrival: only a rejection shows
    [agencies(P, P, P), false, 'REGISTERED'],
    [agencies(C, P, N), false, 'REGISTERED'],
    [agencies(H, P, P), false, 'REGISTERED'],
    [agencies(C, C, N), false, 'REGISTERED'],
    [agencies(P, R, P), false, 'REJECTED'],
    // after arrival
    [agencies(P, P, P), true, 'ARRIVED'],
    [agencies(C, P, P), true, 'IN_REVIEW'],
    [agencies(P, P, N), true, 'IN_REVIEW'],
    [agencies(H, P, P), true, 'HELD'],
    [agencies(H, C, N), true, 'HELD'],
    [agencies(H, R, P), true, 'REJECTED'],
    [agencies(C, C, R), true, 'REJECTED'],
    [agencies(C, C, C), true, 'CLEARED'],
    [agencies(C, C, N), true, 'CLEARED'],
    [agencies(N, N, N), true, 'CLEARED'],
  ] as const)('given %j and arrived=%p, then %s', (given, arrived, expected) => {
    expect(overallStatus(given, arrived)).toBe(expected);
  });
});

describe('decide: agency decisions', () => {
  it('before arrival are recorded per agency; the shipment stays REGISTERED, then clears on arrival', () => {
    const state = given(
      register,
      notRequired('quarantine'),
      cleared('customs'),
      cleared('borderGuard'),
    );
    expect(state.status).toBe('REGISTERED');
    expect(state.agencies).toEqual({
      customs: 'CLEARED',
      borderGuard: 'CLEARED',
      quarantine: 'NOT_REQUIRED',
    });
    expect(accepted(state, when.arrival()).status).toBe('CLEARED');
  });

  it('a hold before arrival shows as HELD on arrival', () => {
    expect(given(register, held('quarantine'), arrive).status).toBe('HELD');
  });

  it('a rejection is final at once, arrived or not', () => {
    expect(given(register, rejected('quarantine')).status).toBe('REJECTED');
    expect(given(register, arrive, held('customs'), rejected('customs')).status).toBe('REJECTED');
  });

  it('HOLD → CLEARED: HELD becomes IN_REVIEW, then CLEARED when the last agency clears', () => {
    const heldShipment = given(register, notRequired('quarantine'), arrive, held('customs'));
    expect(heldShipment.status).toBe('HELD');
    const released = accepted(heldShipment, when.decision('customs', 'CLEARED'));
    expect(released.status).toBe('IN_REVIEW');
    expect(accepted(released, when.decision('borderGuard', 'CLEARED')).status).toBe('CLEARED');
  });

  it('stays HELD while any agency holds', () => {
    const state = given(register, arrive, held('customs'), held('borderGuard'));
    expect(accepted(state, when.decision('customs', 'CLEARED')).status).toBe('HELD');
  });

  it.each(['HOLD', 'REJECTED'] as const)('%s without a reason is refused', (decision) => {
    const state = SHIPMENT_IN.ARRIVED();
    expectRefused(
      state,
      when.decision('customs', decision, { reason: ' ' }),
      'REGISTRY.DECISION_REASON_REQUIRED',
    );
  });

  it('a contradicting decision is refused, a repeated one too, and nothing changes', () => {
    const state = given(register, arrive, cleared('customs'));
    expectRefused(state, when.decision('customs', 'HOLD'), 'REGISTRY.DECISION_CONTRADICTS');
    expectRefused(state, when.decision('customs', 'CLEARED'), 'REGISTRY.DECISION_ALREADY_RECORDED');
  });

  it('any decision after a rejection is ignored with SHIPMENT_ALREADY_REJECTED', () => {
    const state = SHIPMENT_IN.REJECTED();
    for (const agency of ['customs', 'borderGuard', 'quarantine'] as const) {
      for (const decision of AGENCY_DECISIONS) {
        expectRefused(state, when.decision(agency, decision), 'REGISTRY.SHIPMENT_ALREADY_REJECTED');
      }
    }
  });
});

// ------------------------------------------------------------------ queue, pass code, timeline

describe('decide: call, no-show and crossing', () => {
  it('a no-show counts, frees the lane, and may be called again', () => {
    const noShow = SHIPMENT_IN.NO_SHOW();
    expect(noShow.noShowCount).toBe(1);
    expect(noShow.calledLaneId).toBeUndefined();
    expect(noShow.timeline.at(-1)).toMatchObject({ step: 'NO_SHOW', laneId: 'lane-1' });
    const recalled = accepted(noShow, when.call('lane-2'));
    expect(recalled).toMatchObject({ status: 'CALLED', calledLaneId: 'lane-2' });
    const again = accepted(recalled, when.noShow());
    expect(again.noShowCount).toBe(2);
    expect(accepted(accepted(again, when.call('lane-3')), when.crossing()).status).toBe('DEPARTED');
  });
});

describe('decide: pass code re-issue', () => {
  it('replaces the hash: the new code works, the old one no longer does', () => {
    const oldCode = generatePassCode(() => new Uint8Array(12).fill(7));
    const newCode = generatePassCode(() => new Uint8Array(12).fill(9));
    const state = accepted(SHIPMENT_IN.REGISTERED(), when.reissue(hashPassCode(oldCode, PEPPER)));
    expect(verifyPassCode(oldCode, state.passCodeHash, PEPPER)).toBe(true);

    const reissued = accepted(state, when.reissue(hashPassCode(newCode, PEPPER)));
    expect(verifyPassCode(newCode, reissued.passCodeHash, PEPPER)).toBe(true);
    expect(verifyPassCode(oldCode, reissued.passCodeHash, PEPPER)).toBe(false);
    expect(reissued.timeline.at(-1)).toMatchObject({
      step: 'PASS_CODE_REISSUED',
      actor: 'trader-1',
    });
    expect(JSON.stringify(reissued.timeline)).not.toContain(reissued.passCodeHash);
  });
});

describe('the unified timeline', () => {
  it('tells the whole story: who, when, which event, and the status after each step', () => {
    const state = given(
      register,
      notRequired('quarantine'),
      arrive,
      held('customs'),
      cleared('customs'),
      cleared('borderGuard'),
      () => when.call('lane-4'),
      () => when.crossing(),
    );
    expect(
      state.timeline.map(({ step, actor, status, agency, decision, reason, laneId }) => ({
        step,
        actor,
        status,
        ...(agency === undefined ? {} : { agency }),
        ...(decision === undefined ? {} : { decision }),
        ...(reason === undefined ? {} : { reason }),
        ...(laneId === undefined ? {} : { laneId }),
      })),
    ).toEqual([
      { step: 'REGISTERED', actor: 'trader-1', status: 'REGISTERED' },
      {
        step: 'AGENCY_DECISION',
        actor: 'officer-quarantine',
        status: 'REGISTERED',
        agency: 'quarantine',
        decision: 'NOT_REQUIRED',
      },
      { step: 'ARRIVED', actor: 'camera-7', status: 'IN_REVIEW' },
      {
        step: 'AGENCY_DECISION',
        actor: 'officer-customs',
        status: 'HELD',
        agency: 'customs',
        decision: 'HOLD',
        reason: 'HOLD by customs',
      },
      {
        step: 'AGENCY_DECISION',
        actor: 'officer-customs',
        status: 'IN_REVIEW',
        agency: 'customs',
        decision: 'CLEARED',
      },
      {
        step: 'AGENCY_DECISION',
        actor: 'officer-borderGuard',
        status: 'CLEARED',
        agency: 'borderGuard',
        decision: 'CLEARED',
      },
      { step: 'CALLED', actor: 'yard-1', status: 'CALLED', laneId: 'lane-4' },
      { step: 'DEPARTED', actor: 'borderguard-1', status: 'DEPARTED' },
    ]);
    expect(new Set(state.timeline.map((entry) => entry.sourceEventId)).size).toBe(
      state.timeline.length,
    );
    const times = state.timeline.map((entry) => entry.at);
    expect([...times].sort()).toEqual(times);
    expect(state.arrivedAt).toBe(state.timeline[2]?.at);
    expect(state.version).toBe(state.timeline.length);
  });

  it('keeps the cancel reason', () => {
    expect(SHIPMENT_IN.CANCELLED().timeline.at(-1)).toMatchObject({
      step: 'CANCELLED',
      reason: 'order withdrawn',
    });
  });
});

describe('evolve', () => {
  it('refuses to apply anything but a registration to no shipment', () => {
    expect(() => evolve(null, { type: 'ArrivalRecorded', meta: meta() })).toThrow(TypeError);
  });
});
