import {
  classify,
  type ControlledGoodsEntry,
} from '../../controlled-goods/domain/controlled-goods';
import { decide, type CaseCommand, type CommandMeta } from './case.state-machine';
import type { CaseStatus, Declaration, QuarantineCase } from './quarantine-case';

const LIST: ControlledGoodsEntry[] = [
  {
    hsPrefix: '08',
    kind: 'PLANT',
    description: 'fruit',
    validFrom: '2020-01-01T00:00:00.000Z',
    addedBy: 'system',
    reason: 'seed',
  },
];
const AT = '2026-12-01T08:30:00.000Z';
const officerMeta: CommandMeta = {
  at: AT,
  actor: { kind: 'OFFICER', id: 'quarantine1', displayName: 'Officer' },
};
const eventMeta: CommandMeta = { ...officerMeta, sourceEventId: 'evt-1' };

function declaration(
  hsCode: string,
  documents: Declaration['documents'],
  shipmentVersion = 1,
): Declaration {
  return {
    gateCode: 'MONGCAI',
    direction: 'EXPORT',
    declarationNumber: '305123456780',
    goods: [
      {
        hsCode,
        description: hsCode,
        quantity: 1,
        unit: 'KGM',
        grossKg: 1,
        valueUsd: 1,
        origin: 'VN',
      },
    ],
    documents,
    shipmentVersion,
  };
}

const LYCHEE_WITH_CERT = declaration('08109010', [{ type: 'PHYTO_CERT', number: 'KD-1' }]);
const LYCHEE_NO_CERT = declaration('08109010', []);
const LAPTOPS = declaration('84713020', []);

function opened(decl: Declaration): QuarantineCase {
  const result = decide(null, {
    type: 'OpenCase',
    meta: eventMeta,
    data: {
      caseId: 'case-1',
      shipmentId: 'ship-1',
      declaration: decl,
      classification: classify(decl.goods, LIST, AT),
    },
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.state;
}

/** A case in each status, at version 3. */
function inStatus(status: CaseStatus): QuarantineCase {
  const base = opened(status === 'NOT_REQUIRED' ? LAPTOPS : LYCHEE_WITH_CERT);
  return { ...base, status, version: 3 };
}

const sample = (expectedVersion = 3): CaseCommand => ({
  type: 'RecordSample',
  meta: officerMeta,
  data: { expectedVersion, sampleId: 'S-1', labReference: 'LAB-1' },
});
const labResult = (result = 'PASS', expectedVersion = 3): CaseCommand => ({
  type: 'RecordLabResult',
  meta: officerMeta,
  data: { expectedVersion, sampleId: 'S-1', result, notes: '' },
});
const decision = (value: string, reason = '', expectedVersion = 3): CaseCommand => ({
  type: 'RecordDecision',
  meta: officerMeta,
  data: { expectedVersion, decision: value, reason },
});
const reclassify = (decl = { ...LYCHEE_WITH_CERT, shipmentVersion: 2 }): CaseCommand => ({
  type: 'ReclassifyCase',
  meta: eventMeta,
  data: { declaration: decl, classification: classify(decl.goods, LIST, AT) },
});
const cancel = (shipmentVersion = 2): CaseCommand => ({
  type: 'CancelCase',
  meta: eventMeta,
  data: { shipmentVersion, reason: 'cancelled by trader' },
});

describe('opening a case', () => {
  it.each([
    ['no controlled goods', LAPTOPS, 'NOT_REQUIRED', 'NOT_REQUIRED', ''],
    ['fruit with its PHYTO_CERT', LYCHEE_WITH_CERT, 'OPEN', undefined, undefined],
    [
      'fruit without PHYTO_CERT',
      LYCHEE_NO_CERT,
      'HELD',
      'HOLD',
      'missing PHYTO_CERT for controlled goods 08109010',
    ],
  ])('%s → %s', (_name, decl, status, published, reason) => {
    const result = decide(null, {
      type: 'OpenCase',
      meta: eventMeta,
      data: {
        caseId: 'case-1',
        shipmentId: 'ship-1',
        declaration: decl,
        classification: classify(decl.goods, LIST, AT),
      },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.state.status).toBe(status);
    expect(result.value.state.version).toBe(1);
    expect(result.value.published?.decision).toBe(published);
    expect(result.value.published?.reason).toBe(reason);
    if (published !== undefined) expect(result.value.published?.actor.id).toBe('system');
  });

  it('refuses a second case for the same shipment', () => {
    const result = decide(opened(LAPTOPS), {
      type: 'OpenCase',
      meta: eventMeta,
      data: {
        caseId: 'case-2',
        shipmentId: 'ship-1',
        declaration: LAPTOPS,
        classification: classify(LAPTOPS.goods, LIST, AT),
      },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'QUARANTINE.CASE_ALREADY_EXISTS' } });
  });

  it('refuses commands on a case that does not exist', () => {
    expect(decide(null, sample())).toMatchObject({
      ok: false,
      error: { code: 'QUARANTINE.CASE_NOT_FOUND' },
    });
  });
});

type Expected = CaseStatus | `QUARANTINE.${string}`;

/** Every status × command: the status after it, or the refusal's code. */
const TABLE: [CaseStatus, string, () => CaseCommand, Expected][] = [
  ['OPEN', 'sample', () => sample(), 'HELD'],
  ['OPEN', 'lab result (no sample)', () => labResult(), 'QUARANTINE.SAMPLE_NOT_FOUND'],
  ['OPEN', 'CLEARED', () => decision('CLEARED'), 'CLEARED'],
  ['OPEN', 'HOLD', () => decision('HOLD', 'paperwork'), 'HELD'],
  ['OPEN', 'REJECTED', () => decision('REJECTED', 'pests'), 'REJECTED'],
  ['OPEN', 'reclassify', () => reclassify(), 'OPEN'],
  ['OPEN', 'cancel', () => cancel(), 'CANCELLED'],
  ['HELD', 'sample', () => sample(), 'HELD'],
  ['HELD', 'CLEARED', () => decision('CLEARED'), 'CLEARED'],
  ['HELD', 'HOLD', () => decision('HOLD', 'again'), 'HELD'],
  ['HELD', 'REJECTED', () => decision('REJECTED', 'pests'), 'REJECTED'],
  ['HELD', 'reclassify', () => reclassify(), 'OPEN'],
  ['HELD', 'cancel', () => cancel(), 'CANCELLED'],
  ['CLEARED', 'sample', () => sample(), 'QUARANTINE.CASE_ALREADY_DECIDED'],
  ['CLEARED', 'lab result', () => labResult(), 'QUARANTINE.CASE_ALREADY_DECIDED'],
  ['CLEARED', 'REJECTED', () => decision('REJECTED', 'late'), 'QUARANTINE.CASE_ALREADY_DECIDED'],
  ['CLEARED', 'reclassify', () => reclassify(), 'OPEN'],
  ['CLEARED', 'cancel', () => cancel(), 'CANCELLED'],
  ['REJECTED', 'sample', () => sample(), 'QUARANTINE.CASE_ALREADY_DECIDED'],
  ['REJECTED', 'CLEARED', () => decision('CLEARED'), 'QUARANTINE.CASE_ALREADY_DECIDED'],
  ['REJECTED', 'reclassify', () => reclassify(), 'QUARANTINE.CASE_ALREADY_DECIDED'],
  ['REJECTED', 'cancel', () => cancel(), 'CANCELLED'],
  ['NOT_REQUIRED', 'sample', () => sample(), 'QUARANTINE.CASE_CLOSED'],
  ['NOT_REQUIRED', 'CLEARED', () => decision('CLEARED'), 'QUARANTINE.CASE_CLOSED'],
  ['NOT_REQUIRED', 'reclassify to fruit', () => reclassify(), 'OPEN'],
  [
    'NOT_REQUIRED',
    'reclassify, still laptops',
    () => reclassify({ ...LAPTOPS, shipmentVersion: 2 }),
    'NOT_REQUIRED',
  ],
  ['NOT_REQUIRED', 'cancel', () => cancel(), 'CANCELLED'],
  ['CANCELLED', 'sample', () => sample(), 'QUARANTINE.CASE_CLOSED'],
  ['CANCELLED', 'lab result', () => labResult(), 'QUARANTINE.CASE_CLOSED'],
  ['CANCELLED', 'CLEARED', () => decision('CLEARED'), 'QUARANTINE.CASE_CLOSED'],
  ['CANCELLED', 'reclassify', () => reclassify(), 'QUARANTINE.CASE_CLOSED'],
  ['CANCELLED', 'cancel again', () => cancel(), 'QUARANTINE.CASE_CLOSED'],
];

describe('status × command', () => {
  it.each(TABLE)('%s + %s → %s', (status, _name, command, expected) => {
    const before = inStatus(status);
    const result = decide(before, command());
    if (expected.startsWith('QUARANTINE.')) {
      expect(result).toMatchObject({ ok: false, error: { code: expected } });
      return;
    }
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.state.status).toBe(expected);
    expect(result.value.state.version).toBe(before.version + 1);
    const added = result.value.state.history.slice(before.history.length);
    expect(added.length).toBeGreaterThanOrEqual(1);
    expect(added.every((entry) => entry.version === before.version + 1)).toBe(true);
  });
});

describe('officer commands', () => {
  it.each([
    ['a stale version', decision('CLEARED', '', 2), 'QUARANTINE.VERSION_CONFLICT'],
    ['a newer version', decision('CLEARED', '', 4), 'QUARANTINE.VERSION_CONFLICT'],
    ['HOLD without reason', decision('HOLD', ' '), 'QUARANTINE.REASON_REQUIRED'],
    ['REJECTED without reason', decision('REJECTED'), 'QUARANTINE.REASON_REQUIRED'],
    ['NOT_REQUIRED by an officer', decision('NOT_REQUIRED'), 'QUARANTINE.DECISION_INVALID'],
    ['an unknown decision', decision('AGENCY_DECISION_UNSPECIFIED'), 'QUARANTINE.DECISION_INVALID'],
    [
      'a sample without lab reference',
      { ...sample(), data: { expectedVersion: 3, sampleId: 'S-1', labReference: '' } },
      'QUARANTINE.SAMPLE_INVALID',
    ],
  ] as [string, CaseCommand, string][])('refuses %s', (_name, command, code) => {
    expect(decide(inStatus('OPEN'), command)).toMatchObject({ ok: false, error: { code } });
  });

  it('refuses CLEARED while the certificate is missing', () => {
    const held = { ...opened(LYCHEE_NO_CERT), version: 3 };
    expect(decide(held, decision('CLEARED'))).toMatchObject({
      ok: false,
      error: { code: 'QUARANTINE.CERTIFICATE_MISSING' },
    });
  });

  it('holds the case while a sample waits for the lab, clears it after PASS, refuses after FAIL', () => {
    const sampled = decide(inStatus('OPEN'), sample());
    if (!sampled.ok) throw new Error(sampled.error.message);
    expect(sampled.value.published).toMatchObject({ decision: 'HOLD' });
    expect(sampled.value.state.samples[0]).toMatchObject({
      sampleId: 'S-1',
      labReference: 'LAB-1',
    });
    expect(decide(sampled.value.state, decision('CLEARED', '', 4))).toMatchObject({
      ok: false,
      error: { code: 'QUARANTINE.LAB_RESULT_PENDING' },
    });
    expect(decide(sampled.value.state, sample(4))).toMatchObject({
      ok: false,
      error: { code: 'QUARANTINE.SAMPLE_ALREADY_RECORDED' },
    });
    expect(decide(sampled.value.state, labResult('MAYBE', 4))).toMatchObject({
      ok: false,
      error: { code: 'QUARANTINE.SAMPLE_INVALID' },
    });

    const passed = decide(sampled.value.state, labResult('PASS', 4));
    if (!passed.ok) throw new Error(passed.error.message);
    expect(passed.value.published).toBeUndefined();
    expect(passed.value.state.status).toBe('HELD');
    expect(decide(passed.value.state, labResult('FAIL', 5))).toMatchObject({
      ok: false,
      error: { code: 'QUARANTINE.SAMPLE_ALREADY_RECORDED' },
    });
    const cleared = decide(passed.value.state, decision('CLEARED', '', 5));
    expect(cleared).toMatchObject({
      ok: true,
      value: { state: { status: 'CLEARED', version: 6 } },
    });

    const failed = decide(sampled.value.state, labResult('fail', 4));
    if (!failed.ok) throw new Error(failed.error.message);
    expect(decide(failed.value.state, decision('CLEARED', '', 5))).toMatchObject({
      ok: false,
      error: { code: 'QUARANTINE.SAMPLE_FAILED' },
    });
    expect(decide(failed.value.state, decision('REJECTED', 'pests', 5))).toMatchObject({
      ok: true,
      value: {
        state: { status: 'REJECTED' },
        published: { decision: 'REJECTED', reason: 'pests' },
      },
    });
  });
});

describe('registry events', () => {
  it.each([
    [
      'an amendment of the same shipment version',
      reclassify({ ...LYCHEE_WITH_CERT, shipmentVersion: 1 }),
    ],
    ['a cancellation of an older version', cancel(1)],
  ])('refuses %s as stale', (_name, command) => {
    expect(decide(opened(LYCHEE_WITH_CERT), command)).toMatchObject({
      ok: false,
      error: { code: 'QUARANTINE.SHIPMENT_EVENT_STALE' },
    });
  });

  it('an amendment that drops the certificate holds the case again, by system, and drops the samples', () => {
    const sampled = decide(inStatus('OPEN'), sample());
    if (!sampled.ok) throw new Error(sampled.error.message);
    const result = decide(
      sampled.value.state,
      reclassify({ ...LYCHEE_NO_CERT, shipmentVersion: 2 }),
    );
    expect(result).toMatchObject({
      ok: true,
      value: {
        state: { status: 'HELD', samples: [] },
        published: { decision: 'HOLD', actor: { id: 'system' } },
      },
    });
  });

  it('an amendment to goods that are not controlled publishes NOT_REQUIRED', () => {
    const result = decide(inStatus('OPEN'), reclassify({ ...LAPTOPS, shipmentVersion: 2 }));
    expect(result).toMatchObject({
      ok: true,
      value: { state: { status: 'NOT_REQUIRED' }, published: { decision: 'NOT_REQUIRED' } },
    });
  });
});
