import { encodeEvent, type EncodedEvent, type OutgoingEvent } from './envelope';
import type { SqlExecutor } from './sql-executor';

/**
 * The outbox insert as one member of a statement's WITH list (see `OutboxWriter.cte`).
 */
export interface OutboxCte {
  /** `outbox_rows AS (INSERT INTO messaging_outbox … RETURNING id)`. */
  readonly sql: string;
  /** Its parameters, numbered from the `firstParameter` it was built with. */
  readonly parameters: unknown[];
  /** The encoded events (with their ids), in publication order; some may not be written. */
  readonly encoded: EncodedEvent[];
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const INSERT_OUTBOX = `INSERT INTO messaging_outbox (event_id, topic, message_key, headers, payload)`;

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
      `${INSERT_OUTBOX}
       SELECT event_id, topic, message_key, headers, payload
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::text[])
         WITH ORDINALITY AS e(event_id, topic, message_key, headers, payload, n)
       ORDER BY n
       RETURNING id`,
      columnsOf(encoded),
    );
    return encoded;
  }

  /**
   * The same insert as a data-modifying CTE, for a state change and its events written by ONE
   * statement — atomic by itself, one round trip, no BEGIN/COMMIT — when the change is an
   * INSERT that may skip rows (`ON CONFLICT DO NOTHING`): only the events whose message key is
   * among `keysIn` (a column of an earlier CTE of the same statement, e.g. the ids its
   * `RETURNING id` gave, so the rows really inserted) are written. The statement must put this
   * member after that CTE; parameters are numbered from `firstParameter`. The caller runs the
   * statement (its repository owns the SQL of the state change); this owns the outbox's.
   */
  cte(
    events: readonly OutgoingEvent<unknown>[],
    options: { firstParameter: number; keysIn: { relation: string; column: string } },
  ): OutboxCte {
    const { relation, column } = options.keysIn;
    if (!IDENTIFIER.test(relation) || !IDENTIFIER.test(column)) {
      throw new Error(`keysIn must name a relation and a column: ${relation}.${column}`);
    }
    const encoded = events.map((event) => encodeEvent(event));
    const p = (offset: number) => `$${options.firstParameter + offset}`;
    return {
      sql: `outbox_rows AS (
         ${INSERT_OUTBOX}
         SELECT event_id, topic, message_key, headers, payload
         FROM unnest(${p(0)}::uuid[], ${p(1)}::text[], ${p(2)}::text[], ${p(3)}::jsonb[], ${p(4)}::text[])
           WITH ORDINALITY AS e(event_id, topic, message_key, headers, payload, n)
         WHERE e.message_key IN (SELECT ${column}::text FROM ${relation})
         ORDER BY n
         RETURNING id)`,
      parameters: columnsOf(encoded),
      encoded,
    };
  }
}

function columnsOf(encoded: readonly EncodedEvent[]): unknown[] {
  return [
    encoded.map((event) => event.id),
    encoded.map((event) => event.topic),
    encoded.map((event) => event.key),
    encoded.map((event) => JSON.stringify(event.headers)),
    encoded.map((event) => event.value),
  ];
}

/** Helper to keep `OutgoingEvent<T>` typed at the call site while passing a mixed list. */
export function outgoing<T>(event: OutgoingEvent<T>): OutgoingEvent<unknown> {
  return event;
}
