import { handleEvent, UnappliableEventError, type EventHandlerRegistration } from '../../src';
import { probeContract } from '../fixtures/probe.contract';

/** The test handler: records the applied event (in the inbox transaction). */
export function applyProbe(
  topic: string,
  failWhen?: (seq: number, key: string) => boolean,
  unappliableWhen?: (seq: number, key: string) => boolean,
): EventHandlerRegistration {
  return handleEvent(probeContract(topic), async (event, tx) => {
    if (failWhen?.(event.data.seq, event.data.key)) {
      throw new Error(`probe ${event.data.key}#${event.data.seq} refused by the test handler`);
    }
    if (unappliableWhen?.(event.data.seq, event.data.key)) {
      throw new UnappliableEventError(
        'PROBE.UNAPPLIABLE',
        `probe ${event.data.key}#${event.data.seq} can never be applied`,
      );
    }
    await tx.query(
      'INSERT INTO applied_probe (event_id, message_key, seq, note) VALUES ($1, $2, $3, $4)',
      [event.id, event.data.key, event.data.seq, event.data.note],
    );
  });
}
