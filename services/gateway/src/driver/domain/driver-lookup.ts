import { createHash } from 'node:crypto';

/**
 * Pure rules of the driver's lookup cache: which key a plate + pass code gives, and which
 * status the driver sees when the queue already knows more than the registry.
 */

/** `14c 123.45`, `14C-123.45` and `14C12345` are one plate (upper case, letters and digits). */
export function lookupPlate(plate: string): string {
  return plate.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/**
 * The pass code as the registry reads it: upper case, no spaces or dashes, I/L read as 1
 * and O as 0 (what a driver reads off a paper pass is what is checked).
 */
export function lookupPassCode(passCode: string): string {
  return passCode.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
}

/**
 * The cache key of a plate + pass code the registry confirmed: the normalised plate and a
 * SHA-256 of the normalised pass code (the clear code is never kept in memory as a key).
 */
export function lookupKeyOf(plate: string, passCode: string): string {
  const passHash = createHash('sha256').update(lookupPassCode(passCode), 'utf8').digest('hex');
  return `${lookupPlate(plate)}:${passHash}`;
}

/** The queue's own state of the truck (QueueEntryStatus without its prefix). */
export type QueueEntryState = 'WAITING' | 'CALLED' | 'DEPARTED' | 'REMOVED' | 'UNKNOWN';

/**
 * The status the driver sees. The registry owns the shipment's status but learns of an
 * arrival, a call and a crossing from the queue's events, a moment after the queue itself:
 * where the queue is ahead, its word is shown (a truck with a lane is CALLED, never CLEARED
 * with a lane). The registry's decisions (HELD, REJECTED, CANCELLED) always stand.
 */
export function displayedStatus(registryStatus: string, queue: QueueEntryState): string {
  switch (queue) {
    case 'WAITING':
      return registryStatus === 'REGISTERED' ? 'ARRIVED' : registryStatus;
    case 'CALLED':
      return ['CLEARED', 'NO_SHOW'].includes(registryStatus) ? 'CALLED' : registryStatus;
    case 'DEPARTED':
      return ['CLEARED', 'CALLED'].includes(registryStatus) ? 'DEPARTED' : registryStatus;
    case 'REMOVED':
    case 'UNKNOWN':
      return registryStatus;
    default: {
      const unknown: never = queue;
      throw new TypeError(`unknown queue state ${String(unknown)}`);
    }
  }
}
