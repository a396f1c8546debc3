import { queueFieldInvalid } from '../application/queue-coded-errors';

/** The most shipments one GetPositions may ask for. */
export const MAX_POSITIONS_PER_CALL = 500;

/**
 * The shipment ids of a GetPositions request, trimmed: 1 to {@link MAX_POSITIONS_PER_CALL}
 * of them, none blank (QUEUE.VALIDATION_FAILED on `shipmentIds` otherwise).
 */
export function requestedShipmentIds(raw: readonly string[]): string[] {
  if (raw.length === 0) {
    throw queueFieldInvalid('shipmentIds', 'REQUIRED', 'at least one shipment id');
  }
  if (raw.length > MAX_POSITIONS_PER_CALL) {
    throw queueFieldInvalid(
      'shipmentIds',
      'TOO_MANY',
      `at most ${MAX_POSITIONS_PER_CALL} shipment ids, got ${raw.length}`,
    );
  }
  const ids = raw.map((id) => id.trim());
  const blank = ids.indexOf('');
  if (blank >= 0) throw queueFieldInvalid(`shipmentIds[${blank}]`, 'REQUIRED', 'is blank');
  return ids;
}
