import { menuFor, mayOpen } from '../auth/roles';
import { parseRoute, driverPageUrl } from '../router';
import { chartScale, clearanceCsv, percentile } from '../supervisor/clearance-stats';
import { nextStreamState } from '../driver/position-stream';
import {
  canAmend,
  canCancel,
  emptyShipmentForm,
  parseDecimal,
  requestBodyOf,
  toGateLocal,
  validateShipmentForm,
} from './shipment-form';

describe('shipment form', () => {
  it('flags missing fields with the API paths and codes', () => {
    const problems = validateShipmentForm(emptyShipmentForm());
    const fields = problems.map((problem) => `${problem.field}:${problem.code}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        'declarationNumber:REQUIRED',
        'vehicle.plate:REQUIRED',
        'goods[0].hsCode:REQUIRED',
      ]),
    );
  });

  it('builds the POST body with numbers and the gate offset', () => {
    const form = emptyShipmentForm();
    form.plannedArrival = '2026-12-01T08:30';
    form.goods[0] = { ...form.goods[0]!, quantity: '20.000', grossKg: '21000,5', valueUsd: '0' };
    const body = requestBodyOf(form);
    expect(body['plannedArrival']).toBe('2026-12-01T08:30:00+07:00');
    expect(body['goods']).toEqual([expect.objectContaining({ grossKg: 21000.5, valueUsd: 0 })]);
    expect(body['vehicle']).toEqual({ plate: '', country: 'VN' });
  });

  it('parses decimals in either convention', () => {
    expect(parseDecimal('21000')).toBe(21000);
    expect(parseDecimal('1,5')).toBe(1.5);
    expect(parseDecimal('abc')).toBeNaN();
  });

  it('shows instants on the gate clock', () => {
    expect(toGateLocal('2026-12-01T01:30:00Z')).toBe('2026-12-01T08:30');
  });

  it('amends before arrival and cancels before the call only', () => {
    expect(canAmend('REGISTERED')).toBe(true);
    expect(canAmend('ARRIVED')).toBe(false);
    expect(canCancel('CLEARED')).toBe(true);
    expect(canCancel('CALLED')).toBe(false);
  });
});

describe('roles, routes and the driver link', () => {
  it('shows each role only its own screens', () => {
    expect(menuFor('TRADER').map((item) => item.path)).toEqual([
      '/shipments',
      '/shipments/new',
      '/feedback',
    ]);
    expect(menuFor('QUARANTINE_OFFICER').map((item) => item.path)).toEqual([
      '/cases/quarantine',
      '/feedback',
    ]);
    expect(mayOpen('CUSTOMS_OFFICER', '/cases/quarantine')).toBe(false);
    expect(mayOpen('CUSTOMS_OFFICER', '/cases/customs/abc')).toBe(true);
    expect(mayOpen(undefined, '/driver')).toBe(true);
  });

  it('parses routes', () => {
    expect(parseRoute('/shipments/abc/pass', '')).toEqual({ name: 'shipment-pass', id: 'abc' });
    expect(parseRoute('/driver', '?plate=14C-123.45&passCode=K7')).toEqual({
      name: 'driver',
      plate: '14C-123.45',
      passCode: 'K7',
    });
    expect(parseRoute('/cases/unknown', '')).toEqual({ name: 'not-found' });
  });

  it('puts plate and pass code in the QR link', () => {
    expect(driverPageUrl('http://127.0.0.1:8080', '14C-123.45', 'K7 X')).toBe(
      'http://127.0.0.1:8080/driver?plate=14C-123.45&passCode=K7+X',
    );
  });

  it('reports the SSE link state', () => {
    expect(nextStreamState('connected', { kind: 'error', closed: false })).toBe('reconnecting');
    expect(nextStreamState('reconnecting', { kind: 'position' })).toBe('connected');
    expect(nextStreamState('gone', { kind: 'open' })).toBe('gone');
  });

  it('computes percentiles and CSV', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(
      clearanceCsv([{ group: 'a,b', count: 2, p50Seconds: 60, p90Seconds: 120, maxSeconds: 180 }]),
    ).toBe('group,count,p50_minutes,p90_minutes,max_minutes\r\n"a,b",2,1,2,3\r\n');
  });
});

describe('the clearance chart scale', () => {
  const row = (p90Seconds: number) => ({
    group: 'customs',
    count: 1,
    p50Seconds: p90Seconds / 2,
    p90Seconds,
    maxSeconds: p90Seconds,
  });

  it('draws seconds while every p90 is under two minutes, minutes otherwise', () => {
    expect(chartScale([row(5), row(90)])).toEqual({ unit: 'seconds', divisor: 1 });
    expect(chartScale([row(5), row(120)])).toEqual({ unit: 'minutes', divisor: 60 });
    expect(chartScale([])).toEqual({ unit: 'seconds', divisor: 1 });
  });
});
