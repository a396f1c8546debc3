import { encodeEvent, type EncodedEvent, type OutgoingEvent } from './envelope';
import type { SqlExecutor } from './sql-executor';

/**
 * Appends events to the outbox inside the caller's transaction: the state change and the
 * events that announce it commit together or not at all (never publish outside the
 * transaction). One multi-row INSERT … RETURNING per call; the table's trigger wakes the
 * relay at commit.
 */
export class OutboxWriter {
  /**
   * @returns the encoded events (with their ids), in the order given — which is also their
   * publication order.
   */
  async append(
    tx: SqlExecutor,
    events: readonly OutgoingEvent<unknown>[],
  ): Promise<EncodedEvent[]> {
    if (events.length === 0) return [];
    const encoded = events.map((event) => encodeEvent(event));
    await tx.query(
      `INSERT INTO messaging_outbox (event_id, topic, message_key, headers, payload)
       SELECT event_id, topic, message_key, headers, payload
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::text[])
         WITH ORDINALITY AS e(event_id, topic, message_key, headers, payload, n)
       ORDER BY n
       RETURNING id`,
      [
        encoded.map((event) => event.id),
        encoded.map((event) => event.topic),
        encoded.map((event) => event.key),
        encoded.map((event) => JSON.stringify(event.headers)),
        encoded.map((event) => event.value),
      ],
    );
    return encoded;
  }
}

/** Helper to keep `OutgoingEvent<T>` typed at the call site while passing a mixed list. */
export function outgoing<T>(event: OutgoingEvent<T>): OutgoingEvent<unknown> {
  return event;
}
