import { uuidv7 } from '@cuakhau/messaging';
import type { CommandMeta } from '../domain/state-machine';
import { COMMAND_ID_PREFIX } from './shipment-events';

/** Meta of a command the registry receives itself (gRPC): now, the caller, a fresh id. */
export function commandMeta(actor: string, now: Date = new Date()): CommandMeta {
  return { at: now.toISOString(), actor, sourceEventId: `${COMMAND_ID_PREFIX}${uuidv7()}` };
}
