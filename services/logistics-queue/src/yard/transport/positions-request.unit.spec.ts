import { CodedError } from '@cuakhau/platform';
import { MAX_POSITIONS_PER_CALL, requestedShipmentIds } from './positions-request';

function refusal(raw: readonly string[]): CodedError {
  try {
    requestedShipmentIds(raw);
  } catch (error) {
    if (error instanceof CodedError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('requestedShipmentIds', () => {
  it('trims the ids and keeps their order (repeats included)', () => {
    expect(requestedShipmentIds([' a ', 'b', '\tc\n', 'b'])).toEqual(['a', 'b', 'c', 'b']);
  });

  it(`accepts exactly ${MAX_POSITIONS_PER_CALL} ids`, () => {
    const ids = Array.from({ length: MAX_POSITIONS_PER_CALL }, (_, index) => `id-${index}`);
    expect(requestedShipmentIds(ids)).toHaveLength(MAX_POSITIONS_PER_CALL);
  });

  it('refuses an empty list with the field shipmentIds', () => {
    const error = refusal([]);
    expect(error).toMatchObject({ code: 'QUEUE.VALIDATION_FAILED', kind: 'INVALID' });
    expect(error.fields).toEqual([
      { field: 'shipmentIds', code: 'REQUIRED', message: 'at least one shipment id' },
    ]);
  });

  it(`refuses ${MAX_POSITIONS_PER_CALL + 1} ids with the field shipmentIds`, () => {
    const ids = Array.from({ length: MAX_POSITIONS_PER_CALL + 1 }, (_, index) => `id-${index}`);
    const error = refusal(ids);
    expect(error).toMatchObject({ code: 'QUEUE.VALIDATION_FAILED', kind: 'INVALID' });
    expect(error.fields).toEqual([
      { field: 'shipmentIds', code: 'TOO_MANY', message: 'at most 500 shipment ids, got 501' },
    ]);
  });

  it('refuses a blank id, naming its place', () => {
    const error = refusal(['a', '  ']);
    expect(error).toMatchObject({ code: 'QUEUE.VALIDATION_FAILED', kind: 'INVALID' });
    expect(error.fields).toEqual([
      { field: 'shipmentIds[1]', code: 'REQUIRED', message: 'is blank' },
    ]);
  });
});
