/**
 * Tables of the transactional outbox and the idempotent inbox (ADR 0002). Each service's
 * migrations run {@link MESSAGING_SCHEMA_UP_SQL} in `up` and {@link MESSAGING_SCHEMA_DOWN_SQL}
 * in `down`; the statements are plain PostgreSQL, so TypeORM's `queryRunner.query` runs them.
 *
 * - `messaging_outbox`: one row per event not yet acknowledged by Kafka. `id` (bigserial)
 *   is the publication order; a row is DELETED once Kafka has acknowledged it (Kafka is the
 *   log, the audit service keeps the history), so the table stays small and the relay's scan
 *   stays an index range scan. `attempts`, `last_error` and `last_attempt_at` record failed
 *   publications for operators.
 * - A statement-level trigger issues `pg_notify('messaging_outbox', '')` for every INSERT,
 *   inside the writing transaction, so the relay wakes at commit — never before.
 * - `messaging_inbox`: one row per (consumer group, event id) that a consumer has finished
 *   with — `applied`, `skipped` (no handler for the type) or `dead-lettered`.
 */
export const OUTBOX_TABLE = 'messaging_outbox';
export const INBOX_TABLE = 'messaging_inbox';
export const OUTBOX_CHANNEL = 'messaging_outbox';

export const MESSAGING_SCHEMA_UP_SQL = `
CREATE TABLE messaging_outbox (
  id              bigserial PRIMARY KEY,
  event_id        uuid        NOT NULL UNIQUE,
  topic           text        NOT NULL,
  message_key     text        NOT NULL,
  headers         jsonb       NOT NULL,
  payload         text        NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  attempts        integer     NOT NULL DEFAULT 0,
  last_error      text,
  last_attempt_at timestamptz
);

CREATE FUNCTION messaging_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('messaging_outbox', '');
  RETURN NULL;
END;
$$;

CREATE TRIGGER messaging_outbox_notify
  AFTER INSERT ON messaging_outbox
  FOR EACH STATEMENT EXECUTE FUNCTION messaging_outbox_notify();

CREATE TABLE messaging_inbox (
  consumer_group text        NOT NULL,
  event_id       uuid        NOT NULL,
  event_type     text        NOT NULL,
  outcome        text        NOT NULL CHECK (outcome IN ('applied', 'skipped', 'dead-lettered')),
  processed_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer_group, event_id)
);
`;

export const MESSAGING_SCHEMA_DOWN_SQL = `
DROP TABLE IF EXISTS messaging_inbox;
DROP TRIGGER IF EXISTS messaging_outbox_notify ON messaging_outbox;
DROP FUNCTION IF EXISTS messaging_outbox_notify();
DROP TABLE IF EXISTS messaging_outbox;
`;
