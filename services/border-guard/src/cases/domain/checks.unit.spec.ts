import {
  applyCheck,
  decideByOfficer,
  recordCrossing,
  type BorderGuardCase,
  type Finding,
  type ShipmentData,
} from './border-guard-case';
import { checkTravelDocument, documentKind } from './travel-document';
import { checkVehiclePermit } from './vehicle-permit';

const CROSSING = new Date('2026-12-01T08:30:00Z');

describe('travel documents', () => {
  it.each([
    ['VN', 'C1234567', 'passport'],
    ['VN', 'GT1234567', 'border pass'],
    ['VN', 'C123456', undefined],
    ['CN', 'E12345678', 'passport'],
    ['CN', 'EA1234567', 'passport'],
    ['CN', 'G12345678', 'passport'],
    ['CN', 'T12345678', 'border pass'],
    ['CN', 'C1234567', undefined],
    ['LA', 'P1234567', 'passport'],
  ])('%s %s → %s', (nationality, number, kind) => {
    expect(documentKind(nationality, number)).toBe(kind);
  });

  it('refuses a document expiring before the crossing; accepts an unknown expiry', () => {
    const document = { nationality: 'VN', documentNumber: 'C1234567' };
    expect(checkTravelDocument(document, CROSSING)).toEqual([]);
    expect(
      checkTravelDocument({ ...document, documentExpiry: '2026-11-30' }, CROSSING).map(
        (f) => f.code,
      ),
    ).toEqual(['DOCUMENT_EXPIRED']);
    expect(checkTravelDocument({ ...document, documentExpiry: '2026-12-01' }, CROSSING)).toEqual(
      [],
    );
  });
});

describe('vehicle permits', () => {
  const permit = {
    permitNumber: 'P1',
    plate: '14C12345',
    validFrom: '2026-01-01T00:00:00Z',
    validUntil: '2026-12-31T00:00:00Z',
  };
  it.each([
    [[], ['VEHICLE_PERMIT_MISSING']],
    [[permit], []],
    [[{ ...permit, validUntil: '2026-11-30T00:00:00Z' }], ['VEHICLE_PERMIT_EXPIRED']],
  ])('%j → %j', (permits, codes) => {
    expect(checkVehiclePermit('14C12345', permits, CROSSING).map((f) => f.code)).toEqual(codes);
  });
});

const SHIPMENT: ShipmentData = {
  shipmentId: '00000000-0000-4000-8000-000000000001',
  shipmentVersion: 1,
  gateCode: 'MONGCAI',
  direction: 'EXPORT',
  plannedArrival: CROSSING.toISOString(),
  driver: { name: 'Lê Thị Hoa', documentNumber: 'C1234567', nationality: 'VN', phone: '' },
  vehicle: { plate: '14C-123.45', trailerPlate: '', country: 'VN' },
  normalisedPlate: '14C12345',
};
const AT = '2026-11-20T00:00:00.000Z';
const PERMIT_MISSING: Finding = { code: 'VEHICLE_PERMIT_MISSING', message: 'no permit' };
const OFFICER = { kind: 'OFFICER', id: 'bg1', displayName: '' } as const;

function held(): BorderGuardCase {
  return applyCheck(null, SHIPMENT, [PERMIT_MISSING], AT, 'case-1').state;
}

describe('the case', () => {
  it('clears a clean first check automatically and holds one with findings', () => {
    expect(applyCheck(null, SHIPMENT, [], AT, 'c').decision).toMatchObject({
      decision: 'CLEARED',
      actor: { kind: 'SYSTEM' },
    });
    expect(applyCheck(null, SHIPMENT, [PERMIT_MISSING], AT, 'c').decision).toMatchObject({
      decision: 'HOLD',
      reason: 'no permit',
    });
  });

  it('keeps an officer clearance on a re-check with the same findings, holds again on new ones', () => {
    const cleared = decideByOfficer(held(), {
      decision: 'CLEARED',
      reason: '',
      expectedVersion: 1,
      actor: OFFICER,
      at: AT,
    });
    if (!cleared.ok) throw new Error(cleared.error.code);
    expect(
      applyCheck(cleared.value.state, SHIPMENT, [PERMIT_MISSING], AT, 'x').decision,
    ).toBeNull();
    const watch: Finding = { code: 'WATCH_LIST_MATCH', message: 'hit' };
    expect(
      applyCheck(cleared.value.state, SHIPMENT, [PERMIT_MISSING, watch], AT, 'x').decision
        ?.decision,
    ).toBe('HOLD');
  });

  it.each([
    [{ decision: 'NOT_REQUIRED', reason: '', expectedVersion: 1 }, 'BORDER_GUARD.DECISION_INVALID'],
    [{ decision: 'REJECTED', reason: ' ', expectedVersion: 1 }, 'BORDER_GUARD.REASON_REQUIRED'],
    [{ decision: 'CLEARED', reason: '', expectedVersion: 7 }, 'BORDER_GUARD.VERSION_CONFLICT'],
    [
      { decision: 'HOLD', reason: 'again', expectedVersion: 1 },
      'BORDER_GUARD.CASE_ALREADY_DECIDED',
    ],
  ])('refuses %j with %s', (command, code) => {
    const result = decideByOfficer(held(), { ...command, actor: OFFICER, at: AT });
    expect(result.ok ? undefined : result.error.code).toBe(code);
  });

  it('refuses any decision on a rejected case', () => {
    const rejected = decideByOfficer(held(), {
      decision: 'REJECTED',
      reason: 'forged',
      expectedVersion: 1,
      actor: OFFICER,
      at: AT,
    });
    if (!rejected.ok) throw new Error(rejected.error.code);
    const again = decideByOfficer(rejected.value.state, {
      decision: 'CLEARED',
      reason: '',
      expectedVersion: 2,
      actor: OFFICER,
      at: AT,
    });
    expect(again.ok ? undefined : again.error.code).toBe('BORDER_GUARD.CASE_CLOSED');
  });

  it('records a crossing only when called and cleared, and only once', () => {
    const clear = applyCheck(null, SHIPMENT, [], AT, 'c').state;
    const code = (result: ReturnType<typeof recordCrossing>) =>
      result.ok ? 'OK' : result.error.code;
    expect(code(recordCrossing(clear, null, AT))).toBe('BORDER_GUARD.NOT_CALLED');
    expect(code(recordCrossing(held(), { calledLaneId: 'L1', registryStatus: null }, AT))).toBe(
      'BORDER_GUARD.CASE_NOT_CLEARED',
    );
    const crossed = recordCrossing(clear, { calledLaneId: null, registryStatus: 'CALLED' }, AT);
    if (!crossed.ok) throw new Error(crossed.error.code);
    expect(
      code(recordCrossing(crossed.value, { calledLaneId: 'L1', registryStatus: null }, AT)),
    ).toBe('BORDER_GUARD.ALREADY_CROSSED');
  });
});
