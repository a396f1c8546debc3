import type { Assessment } from './assess';
import {
  AUTO_CLEAR_REASON,
  decide,
  evolve,
  type CaseCommand,
  type CommandMeta,
} from './case.state-machine';
import type { CustomsErrorCode } from './customs.errors';
import { AT, assessmentIn, declaration, deepFreeze, goodsLine } from './customs-case.fixtures';
import {
  CASE_STATUSES,
  GREEN_CHANNEL_ACTOR,
  hasCurrentInspection,
  isAutoClearable,
  isInOfficerQueue,
  type Actor,
  type CaseStatus,
  type CustomsCase,
  type CustomsDecision,
} from './customs-case';
import type { Channel } from './declaration';

// ------------------------------------------------------------------ given / when / then

const OFFICER: Actor = { kind: 'OFFICER', id: 'customs1', displayName: 'Trần Thị Bình' };
const REGISTRY: Actor = { kind: 'SYSTEM', id: 'registry' };
let clock = Date.parse(AT);
let counter = 0;

function meta(actor: Actor = OFFICER): CommandMeta {
  clock += 60_000;
  counter += 1;
  return { at: new Date(clock).toISOString(), actor, sourceEventId: `source-${counter}` };
}

let shipmentVersion = 1;

const when = {
  open: (channel: Channel = 'YELLOW'): CaseCommand => {
    shipmentVersion = 1;
    return {
      type: 'OpenCase',
      meta: meta(REGISTRY),
      data: {
        caseId: 'case-1',
        declaration: declaration(),
        shipmentVersion: 1,
        assessment: assessmentIn(channel),
      },
    };
  },
  reassess: (channel: Channel = 'YELLOW', version = (shipmentVersion += 1)): CaseCommand => {
    const amended = declaration({ goods: [goodsLine({ quantity: 6000 })] });
    return {
      type: 'ReassessCase',
      meta: meta(REGISTRY),
      data: {
        declaration: amended,
        shipmentVersion: version,
        assessment: assessmentIn(channel, amended),
      },
    };
  },
  cancel: (version = (shipmentVersion += 1)): CaseCommand => ({
    type: 'CancelCase',
    meta: meta(REGISTRY),
    data: { shipmentVersion: version, reason: 'order withdrawn' },
  }),
  autoClear: (): CaseCommand => {
    const { actor: _actor, ...rest } = meta();
    return { type: 'ClearAutomatically', meta: rest };
  },
  inspect: (state: CustomsCase | null, expectedVersion = state?.version ?? 1): CaseCommand => ({
    type: 'RecordInspection',
    meta: meta(),
    data: {
      expectedVersion,
      findings: 'Hàng đúng khai báo / goods as declared',
      seals: ['VN-SEAL-000123'],
      photos: [{ documentId: 'doc-photo-1', caption: 'rear doors' }],
    },
  }),
  channel: (
    state: CustomsCase | null,
    channel: Channel,
    reason = 'intelligence tip',
    expectedVersion = state?.version ?? 1,
  ): CaseCommand => ({
    type: 'ChangeChannel',
    meta: meta(),
    data: { expectedVersion, channel, reason },
  }),
  decide: (
    state: CustomsCase | null,
    decision: CustomsDecision,
    extra: { reason?: string; expectedVersion?: number } = {},
  ): CaseCommand => ({
    type: 'RecordDecision',
    meta: meta(),
    data: {
      expectedVersion: state?.version ?? 1,
      decision,
      ...(decision === 'CLEARED' ? {} : { reason: `${decision} by the officer` }),
      ...extra,
    },
  }),
};

/** Applies `commands` in order from nothing; every one must be accepted. */
function given(...commands: ((state: CustomsCase | null) => CaseCommand)[]): CustomsCase {
  let state: CustomsCase | null = null;
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

function accepted(state: CustomsCase | null, command: CaseCommand): CustomsCase {
  const outcome = decide(state, command);
  if (!outcome.ok) {
    throw new Error(`refused: ${outcome.error.code} ${outcome.error.message}`);
  }
  return deepFreeze(outcome.value.state);
}

function expectRefused(
  state: CustomsCase | null,
  command: CaseCommand,
  code: CustomsErrorCode,
): void {
  const before = structuredClone(state);
  const outcome = decide(state, command);
  expect(outcome.ok ? `accepted (${outcome.value.state.status})` : outcome.error.code).toBe(code);
  if (!outcome.ok) {
    expect(outcome.error.message.length).toBeGreaterThan(0);
  }
  expect(state).toEqual(before);
}

const open = (channel: Channel) => () => when.open(channel);
const decided = (decision: CustomsDecision) => (state: CustomsCase | null) =>
  when.decide(state, decision);
const inspected = (state: CustomsCase | null) => when.inspect(state);

/** A case in each status, reached through legal commands only (YELLOW channel). */
const CASE_IN: Record<CaseStatus, () => CustomsCase> = {
  OPEN: () => given(open('YELLOW')),
  HELD: () => given(open('YELLOW'), decided('HOLD')),
  CLEARED: () => given(open('YELLOW'), decided('CLEARED')),
  REJECTED: () => given(open('YELLOW'), decided('REJECTED')),
  CANCELLED: () => given(open('YELLOW'), () => when.cancel()),
};

const COMMANDS = {
  open: () => when.open(),
  reassess: () => when.reassess(),
  cancel: () => when.cancel(),
  autoClear: () => when.autoClear(),
  inspect: (state: CustomsCase | null) => when.inspect(state),
  changeChannel: (state: CustomsCase | null) => when.channel(state, 'RED'),
  clear: (state: CustomsCase | null) => when.decide(state, 'CLEARED'),
  hold: (state: CustomsCase | null) => when.decide(state, 'HOLD'),
  reject: (state: CustomsCase | null) => when.decide(state, 'REJECTED'),
} satisfies Record<string, (state: CustomsCase | null) => CaseCommand>;
type CommandName = keyof typeof COMMANDS;

type Expected = CaseStatus | CustomsErrorCode;
const EXISTS = 'CUSTOMS.CASE_ALREADY_EXISTS';
const CLOSED = 'CUSTOMS.CASE_CLOSED';
const DECIDED = 'CUSTOMS.CASE_ALREADY_DECIDED';
const NO_AUTO = 'CUSTOMS.AUTO_CLEAR_NOT_ALLOWED';

/** Every status × every command (YELLOW case): the status after it, or the refusal. */
const TRANSITIONS: Record<CaseStatus, Record<CommandName, Expected>> = {
  // prettier-ignore
  OPEN: { open: EXISTS, reassess: 'OPEN', cancel: 'CANCELLED', autoClear: NO_AUTO, inspect: 'OPEN', changeChannel: 'OPEN', clear: 'CLEARED', hold: 'HELD', reject: 'REJECTED' },
  // prettier-ignore
  HELD: { open: EXISTS, reassess: 'OPEN', cancel: 'CANCELLED', autoClear: DECIDED, inspect: 'HELD', changeChannel: 'HELD', clear: 'CLEARED', hold: 'HELD', reject: 'REJECTED' },
  // prettier-ignore
  CLEARED: { open: EXISTS, reassess: 'OPEN', cancel: 'CANCELLED', autoClear: DECIDED, inspect: DECIDED, changeChannel: DECIDED, clear: DECIDED, hold: DECIDED, reject: DECIDED },
  // prettier-ignore
  REJECTED: { open: EXISTS, reassess: DECIDED, cancel: DECIDED, autoClear: DECIDED, inspect: DECIDED, changeChannel: DECIDED, clear: DECIDED, hold: DECIDED, reject: DECIDED },
  // prettier-ignore
  CANCELLED: { open: EXISTS, reassess: CLOSED, cancel: CLOSED, autoClear: CLOSED, inspect: CLOSED, changeChannel: CLOSED, clear: CLOSED, hold: CLOSED, reject: CLOSED },
};

const EVENT_OF: Record<CommandName, string> = {
  open: 'CaseOpened',
  reassess: 'CaseReassessed',
  cancel: 'CaseCancelled',
  autoClear: 'DecisionRecorded',
  inspect: 'InspectionRecorded',
  changeChannel: 'ChannelChanged',
  clear: 'DecisionRecorded',
  hold: 'DecisionRecorded',
  reject: 'DecisionRecorded',
};

function isStatus(expected: Expected): expected is CaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(expected);
}

// ------------------------------------------------------------------ the table

describe('decide: every case status × every command', () => {
  it('the table covers every status and every command', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...CASE_STATUSES].sort());
    for (const row of Object.values(TRANSITIONS)) {
      expect(Object.keys(row).sort()).toEqual(Object.keys(COMMANDS).sort());
    }
  });

  it.each(CASE_STATUSES)('the fixture for %s is in that status', (status) => {
    expect(CASE_IN[status]().status).toBe(status);
  });

  const cases = CASE_STATUSES.flatMap((status) =>
    (Object.keys(COMMANDS) as CommandName[]).map(
      (command) => [status, command, TRANSITIONS[status][command]] as const,
    ),
  );

  it.each(cases)('given %s, when %s, then %s', (status, name, expected) => {
    const state = CASE_IN[status]();
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
    expect(after.version).toBe(state.version + 1);
    expect(after.updatedAt).toBe(command.meta.at);
    expect(after.history).toHaveLength(state.history.length + 1);
    expect(after.history.slice(0, -1)).toEqual(state.history);
    expect(after.history.at(-1)).toMatchObject({
      at: command.meta.at,
      sourceEventId: command.meta.sourceEventId,
      version: after.version,
      status: expected,
      channel: after.channel,
    });
    expect(evolve(state, event)).toEqual(after);
  });

  describe('given no case', () => {
    it('when opened, then it is OPEN at version 1 in the assessed channel', () => {
      const command = when.open('RED');
      const outcome = decide(null, command);
      if (!outcome.ok) {
        throw new Error(outcome.error.code);
      }
      expect(outcome.value.event).toEqual({
        type: 'CaseOpened',
        meta: command.meta,
        data: command.type === 'OpenCase' ? command.data : undefined,
      });
      expect(outcome.value.state).toMatchObject({
        id: 'case-1',
        shipmentId: 'shipment-1',
        shipmentVersion: 1,
        revision: 1,
        status: 'OPEN',
        channel: 'RED',
        channelSource: 'ASSESSMENT',
        inspections: [],
        version: 1,
        createdAt: command.meta.at,
        updatedAt: command.meta.at,
        history: [
          {
            step: 'OPENED',
            actor: REGISTRY,
            version: 1,
            status: 'OPEN',
            channel: 'RED',
            sourceEventId: command.meta.sourceEventId,
          },
        ],
      });
      expect(outcome.value.state.decision).toBeUndefined();
    });

    it.each((Object.keys(COMMANDS) as CommandName[]).filter((name) => name !== 'open'))(
      'when %s, then CUSTOMS.CASE_NOT_FOUND',
      (name) => {
        expectRefused(null, COMMANDS[name](null), 'CUSTOMS.CASE_NOT_FOUND');
      },
    );
  });
});

// ------------------------------------------------------------------ decisions per channel

describe('decide: decisions per channel', () => {
  type Row = [Channel, boolean, CustomsDecision, Expected];
  const DECISIONS: Row[] = [
    ['GREEN', false, 'CLEARED', 'CLEARED'],
    ['GREEN', false, 'HOLD', 'HELD'],
    ['GREEN', false, 'REJECTED', 'REJECTED'],
    ['YELLOW', false, 'CLEARED', 'CLEARED'],
    ['YELLOW', false, 'HOLD', 'HELD'],
    ['YELLOW', false, 'REJECTED', 'REJECTED'],
    ['YELLOW', true, 'CLEARED', 'CLEARED'],
    ['RED', false, 'CLEARED', 'CUSTOMS.INSPECTION_REQUIRED'],
    ['RED', false, 'HOLD', 'HELD'],
    ['RED', false, 'REJECTED', 'REJECTED'],
    ['RED', true, 'CLEARED', 'CLEARED'],
    ['RED', true, 'HOLD', 'HELD'],
    ['RED', true, 'REJECTED', 'REJECTED'],
  ];

  it.each(DECISIONS)(
    'given an OPEN %s case (inspected: %p), when %s, then %s',
    (channel, inspectedFirst, decision, expected) => {
      const state = inspectedFirst ? given(open(channel), inspected) : given(open(channel));
      const command = when.decide(state, decision);
      if (!isStatus(expected)) {
        expectRefused(state, command, expected);
        return;
      }
      const after = accepted(state, command);
      expect(after.status).toBe(expected);
      expect(after.decision).toEqual({
        decision,
        ...(decision === 'CLEARED' ? {} : { reason: `${decision} by the officer` }),
        actor: OFFICER,
        decidedAt: command.meta.at,
        channel,
        caseVersion: after.version,
      });
    },
  );

  it('a RED case held, then inspected, may be cleared', () => {
    const held = given(open('RED'), decided('HOLD'));
    expectRefused(held, when.decide(held, 'CLEARED'), 'CUSTOMS.INSPECTION_REQUIRED');
    const inspectedHeld = accepted(held, when.inspect(held));
    expect(accepted(inspectedHeld, when.decide(inspectedHeld, 'CLEARED')).status).toBe('CLEARED');
  });

  it.each(['HOLD', 'REJECTED'] as const)('%s without a reason (blank) is refused', (decision) => {
    const state = CASE_IN.OPEN();
    expectRefused(state, when.decide(state, decision, { reason: '  ' }), 'CUSTOMS.REASON_REQUIRED');
  });

  it('a reason longer than 1000 characters is refused', () => {
    const state = CASE_IN.OPEN();
    expectRefused(
      state,
      when.decide(state, 'CLEARED', { reason: 'x'.repeat(1001) }),
      'CUSTOMS.REASON_REQUIRED',
    );
  });

  it('a reason is stored trimmed; a CLEARED with a blank reason has none', () => {
    const state = CASE_IN.OPEN();
    expect(
      accepted(state, when.decide(state, 'HOLD', { reason: '  missing invoice  ' })).decision
        ?.reason,
    ).toBe('missing invoice');
    expect(
      accepted(state, when.decide(state, 'CLEARED', { reason: ' ' })).decision,
    ).not.toHaveProperty('reason');
  });

  it('a hold may be followed by another hold with a new reason, then a rejection', () => {
    const held = CASE_IN.HELD();
    const again = accepted(held, when.decide(held, 'HOLD', { reason: 'waiting for the CO' }));
    expect(again).toMatchObject({
      status: 'HELD',
      decision: { decision: 'HOLD', reason: 'waiting for the CO' },
    });
    expect(accepted(again, when.decide(again, 'REJECTED')).status).toBe('REJECTED');
  });
});

// ------------------------------------------------------------------ the automatic GREEN clearance

describe('decide: GREEN is cleared automatically by the system', () => {
  it('an assessed GREEN case is auto-clearable, cleared by customs.green-channel with a signed-ready decision', () => {
    const state = given(open('GREEN'));
    expect(isAutoClearable(state)).toBe(true);
    expect(isInOfficerQueue(state)).toBe(false);
    const command = when.autoClear();
    const outcome = decide(state, command);
    if (!outcome.ok) {
      throw new Error(outcome.error.code);
    }
    expect(outcome.value.event.meta.actor).toEqual(GREEN_CHANNEL_ACTOR);
    expect(outcome.value.state.decision).toEqual({
      decision: 'CLEARED',
      reason: AUTO_CLEAR_REASON,
      actor: GREEN_CHANNEL_ACTOR,
      decidedAt: command.meta.at,
      channel: 'GREEN',
      caseVersion: 2,
    });
    expect(outcome.value.state.history.at(-1)).toMatchObject({
      step: 'DECISION_RECORDED',
      actor: GREEN_CHANNEL_ACTOR,
      decision: 'CLEARED',
    });
  });

  it.each<[string, () => CustomsCase, CustomsErrorCode]>([
    ['YELLOW', () => given(open('YELLOW')), NO_AUTO],
    ['RED', () => given(open('RED')), NO_AUTO],
    [
      'GREEN set by an officer',
      () => given(open('YELLOW'), (state) => when.channel(state, 'GREEN')),
      NO_AUTO,
    ],
    [
      'GREEN moved to YELLOW by an officer',
      () => given(open('GREEN'), (state) => when.channel(state, 'YELLOW')),
      NO_AUTO,
    ],
    ['GREEN already cleared', () => given(open('GREEN'), () => when.autoClear()), DECIDED],
    ['GREEN held by an officer', () => given(open('GREEN'), decided('HOLD')), DECIDED],
    ['GREEN cancelled', () => given(open('GREEN'), () => when.cancel()), CLOSED],
  ])('a %s case is not', (_name, state, code) => {
    const subject = state();
    expect(isAutoClearable(subject)).toBe(false);
    expectRefused(subject, when.autoClear(), code);
  });

  it('YELLOW and RED cases, open or held, wait in the officer queue', () => {
    expect(isInOfficerQueue(given(open('YELLOW')))).toBe(true);
    expect(isInOfficerQueue(given(open('RED'), decided('HOLD')))).toBe(true);
    expect(isInOfficerQueue(CASE_IN.CLEARED())).toBe(false);
    expect(isInOfficerQueue(CASE_IN.CANCELLED())).toBe(false);
  });
});

// ------------------------------------------------------------------ officer overrides the channel

describe('decide: an officer changes the channel with a reason', () => {
  it('is audited in the history and marks the channel as the officer’s', () => {
    const state = given(open('YELLOW'));
    const after = accepted(state, when.channel(state, 'RED', '  X-ray anomaly  '));
    expect(after).toMatchObject({ channel: 'RED', channelSource: 'OFFICER', status: 'OPEN' });
    expect(after.assessment.channel).toBe('YELLOW');
    expect(after.history.at(-1)).toMatchObject({
      step: 'CHANNEL_CHANGED',
      actor: OFFICER,
      fromChannel: 'YELLOW',
      channel: 'RED',
      reason: 'X-ray anomaly',
    });
  });

  it('to RED makes an inspection necessary; back to YELLOW lifts it', () => {
    const red = given(open('YELLOW'), (state) => when.channel(state, 'RED'));
    expectRefused(red, when.decide(red, 'CLEARED'), 'CUSTOMS.INSPECTION_REQUIRED');
    const yellow = accepted(red, when.channel(red, 'YELLOW', 'inspection not needed after all'));
    expect(accepted(yellow, when.decide(yellow, 'CLEARED')).decision?.channel).toBe('YELLOW');
  });

  it('the decision records the channel worked in, after the override', () => {
    const state = given(open('RED'), (s) =>
      when.channel(s, 'GREEN', 'trusted trader, documents verified'),
    );
    expect(accepted(state, when.decide(state, 'CLEARED')).decision?.channel).toBe('GREEN');
  });

  it.each<[string, string, Channel, CustomsErrorCode]>([
    ['blank reason', ' ', 'RED', 'CUSTOMS.REASON_REQUIRED'],
    ['reason too long', 'x'.repeat(1001), 'RED', 'CUSTOMS.REASON_REQUIRED'],
    ['same channel', 'why not', 'YELLOW', 'CUSTOMS.CHANNEL_UNCHANGED'],
  ])('%s is refused', (_name, reason, channel, code) => {
    const state = given(open('YELLOW'));
    expectRefused(state, when.channel(state, channel, reason), code);
  });
});

// ------------------------------------------------------------------ inspections

describe('decide: inspection records', () => {
  it('keeps findings, seals, photos, the officer and the revision inspected', () => {
    const state = given(open('RED'));
    const command = when.inspect(state);
    const after = accepted(state, command);
    expect(after.inspections).toEqual([
      {
        findings: 'Hàng đúng khai báo / goods as declared',
        seals: ['VN-SEAL-000123'],
        photos: [{ documentId: 'doc-photo-1', caption: 'rear doors' }],
        inspectedBy: OFFICER,
        inspectedAt: command.meta.at,
        revision: 1,
      },
    ]);
    expect(hasCurrentInspection(after)).toBe(true);
    expect(after.history.at(-1)).toMatchObject({ step: 'INSPECTION_RECORDED', status: 'OPEN' });
  });

  it.each<
    [string, Partial<{ findings: string; seals: string[]; photos: { documentId: string }[] }>]
  >([
    ['blank findings', { findings: ' ' }],
    ['findings too long', { findings: 'x'.repeat(4001) }],
    ['a blank seal', { seals: ['VN-1', ' '] }],
    ['a photo without document', { photos: [{ documentId: '' }] }],
  ])('%s is refused as INSPECTION_INVALID', (_name, overrides) => {
    const state = given(open('RED'));
    const command = when.inspect(state);
    if (command.type !== 'RecordInspection') {
      throw new Error('not an inspection');
    }
    expectRefused(
      state,
      { ...command, data: { ...command.data, ...overrides } },
      'CUSTOMS.INSPECTION_INVALID',
    );
  });

  it('an amendment calls for a new inspection of a RED case', () => {
    const inspectedRed = given(open('RED'), inspected);
    const amended = accepted(inspectedRed, when.reassess('RED'));
    expect(amended.revision).toBe(2);
    expect(amended.inspections).toHaveLength(1);
    expect(hasCurrentInspection(amended)).toBe(false);
    expectRefused(amended, when.decide(amended, 'CLEARED'), 'CUSTOMS.INSPECTION_REQUIRED');
    const again = accepted(amended, when.inspect(amended));
    expect(accepted(again, when.decide(again, 'CLEARED')).status).toBe('CLEARED');
  });
});

// ------------------------------------------------------------------ amend and cancel

describe('decide: registry events (amend, cancel)', () => {
  it('an amendment re-assesses: new declaration and channel, back to OPEN, override and decision dropped', () => {
    const state = given(
      open('YELLOW'),
      (s) => when.channel(s, 'RED'),
      inspected,
      decided('CLEARED'),
    );
    expect(state.status).toBe('CLEARED');
    const command = when.reassess('GREEN');
    const after = accepted(state, command);
    expect(after).toMatchObject({
      status: 'OPEN',
      channel: 'GREEN',
      channelSource: 'ASSESSMENT',
      revision: 2,
      shipmentVersion: shipmentVersion,
    });
    expect(after.decision).toBeUndefined();
    expect(after.declaration.goods[0]?.quantity).toBe(6000);
    expect(after.assessment).toEqual(
      command.type === 'ReassessCase' ? command.data.assessment : undefined,
    );
    expect(after.history.at(-1)).toMatchObject({
      step: 'REASSESSED',
      fromChannel: 'RED',
      channel: 'GREEN',
    });
    expect(isAutoClearable(after)).toBe(true);
  });

  it.each<[string, (state: CustomsCase) => CaseCommand]>([
    [
      'an amendment of the same shipment version',
      (state) => when.reassess('RED', state.shipmentVersion),
    ],
    ['an older amendment', (state) => when.reassess('RED', state.shipmentVersion - 1)],
    ['a cancel of an older shipment version', (state) => when.cancel(state.shipmentVersion)],
  ])('%s is refused as SHIPMENT_EVENT_STALE', (_name, command) => {
    const state = given(open('YELLOW'), () => when.reassess());
    expect(state.shipmentVersion).toBe(2);
    expectRefused(state, command(state), 'CUSTOMS.SHIPMENT_EVENT_STALE');
  });

  it('a cancel keeps its reason in the history and closes the case', () => {
    const state = CASE_IN.CANCELLED();
    expect(state.history.at(-1)).toMatchObject({
      step: 'CANCELLED',
      reason: 'order withdrawn',
      actor: REGISTRY,
    });
    expect(isInOfficerQueue(state)).toBe(false);
  });
});

// ------------------------------------------------------------------ idempotency and versions

describe('decide: a source event or request is applied at most once', () => {
  it.each(Object.keys(COMMANDS) as CommandName[])(
    '%s with an already applied id is refused',
    (name) => {
      const state = CASE_IN.OPEN();
      const command = COMMANDS[name](state);
      const replay = {
        ...command,
        meta: { ...command.meta, sourceEventId: state.history[0]?.sourceEventId ?? '' },
      } as CaseCommand;
      expectRefused(state, replay, 'CUSTOMS.EVENT_ALREADY_APPLIED');
    },
  );

  it('a redelivered decision is refused, not applied twice', () => {
    const state = CASE_IN.OPEN();
    const decision = when.decide(state, 'HOLD');
    const once = accepted(state, decision);
    expectRefused(once, decision, 'CUSTOMS.EVENT_ALREADY_APPLIED');
  });
});

describe('decide: officers name the case version they saw', () => {
  const stale: [string, (state: CustomsCase, version: number) => CaseCommand][] = [
    ['inspect', (state, version) => when.inspect(state, version)],
    ['changeChannel', (state, version) => when.channel(state, 'RED', 'tip', version)],
    ['decide', (state, version) => when.decide(state, 'CLEARED', { expectedVersion: version })],
  ];

  it.each(
    stale.flatMap(([name, command]) =>
      [0, 2, 9].map((version) => [name, version, command] as const),
    ),
  )(
    '%s on version %i when the case is at version 1: VERSION_CONFLICT',
    (_name, version, command) => {
      const state = CASE_IN.OPEN();
      expect(state.version).toBe(1);
      expectRefused(state, command(state, version), 'CUSTOMS.VERSION_CONFLICT');
    },
  );

  it('two officers decide on the same version: one wins, the other is refused, never a double decision', () => {
    const seen = given(open('YELLOW'));
    const first = when.decide(seen, 'HOLD');
    const second = when.decide(seen, 'CLEARED');
    const afterFirst = accepted(seen, first);
    expectRefused(afterFirst, second, 'CUSTOMS.VERSION_CONFLICT');
    const bothClear = accepted(seen, when.decide(seen, 'CLEARED'));
    expectRefused(bothClear, when.decide(seen, 'CLEARED'), DECIDED);
    expect(bothClear.history.filter((entry) => entry.step === 'DECISION_RECORDED')).toHaveLength(1);
  });
});

// ------------------------------------------------------------------ history and evolve

describe('the audited history', () => {
  it('tells the whole story: who, what, the version, status and channel after each step', () => {
    const state = given(
      open('YELLOW'),
      (s) => when.channel(s, 'RED', 'seal broken'),
      decided('HOLD'),
      inspected,
      decided('CLEARED'),
    );
    expect(
      state.history.map(
        ({ step, actor, version, status, channel, fromChannel, decision, reason }) => ({
          step,
          actor: actor.id,
          version,
          status,
          channel,
          fromChannel,
          decision,
          reason,
        }),
      ),
    ).toEqual([
      {
        step: 'OPENED',
        actor: 'registry',
        version: 1,
        status: 'OPEN',
        channel: 'YELLOW',
        fromChannel: undefined,
        decision: undefined,
        reason: undefined,
      },
      {
        step: 'CHANNEL_CHANGED',
        actor: 'customs1',
        version: 2,
        status: 'OPEN',
        channel: 'RED',
        fromChannel: 'YELLOW',
        decision: undefined,
        reason: 'seal broken',
      },
      {
        step: 'DECISION_RECORDED',
        actor: 'customs1',
        version: 3,
        status: 'HELD',
        channel: 'RED',
        fromChannel: undefined,
        decision: 'HOLD',
        reason: 'HOLD by the officer',
      },
      {
        step: 'INSPECTION_RECORDED',
        actor: 'customs1',
        version: 4,
        status: 'HELD',
        channel: 'RED',
        fromChannel: undefined,
        decision: undefined,
        reason: undefined,
      },
      {
        step: 'DECISION_RECORDED',
        actor: 'customs1',
        version: 5,
        status: 'CLEARED',
        channel: 'RED',
        fromChannel: undefined,
        decision: 'CLEARED',
        reason: undefined,
      },
    ]);
    expect(state.version).toBe(state.history.length);
    expect(state.decision?.caseVersion).toBe(5);
  });

  it('evolve refuses to apply anything but an opening to no case', () => {
    const assessment: Assessment = assessmentIn('GREEN');
    expect(() =>
      evolve(null, {
        type: 'CaseReassessed',
        meta: meta(),
        data: {
          declaration: declaration(),
          shipmentVersion: 2,
          assessment,
          previousChannel: 'GREEN',
        },
      }),
    ).toThrow(TypeError);
  });
});
