import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hash chain (append-only: a trigger refuses UPDATE, DELETE and TRUNCATE), signature
 * checks, daily signed roots, the read log, clearance-time facts and SLA breaches.
 */
export class AuditLog1767225600001 implements MigrationInterface {
  readonly name = 'AuditLog1767225600001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_entry (
        seq           bigint PRIMARY KEY,
        event_id      text NOT NULL UNIQUE,
        event_type    text NOT NULL,
        subject       text NOT NULL,
        topic         text NOT NULL,
        kafka_partition integer NOT NULL,
        kafka_offset  bigint NOT NULL,
        event_time    timestamptz,
        appended_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
        message_key   text,
        headers       jsonb NOT NULL,
        payload       text,
        content_hash  char(64) NOT NULL,
        prev_hash     char(64) NOT NULL,
        hash          char(64) NOT NULL
      );
      CREATE INDEX audit_entry_subject_idx ON audit_entry (subject, seq);
      CREATE INDEX audit_entry_appended_idx ON audit_entry (appended_at);

      CREATE FUNCTION audit_entry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER audit_entry_append_only
        BEFORE UPDATE OR DELETE ON audit_entry
        FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse_change();
      CREATE TRIGGER audit_entry_no_truncate
        BEFORE TRUNCATE ON audit_entry
        FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change();

      CREATE TABLE signature_check (
        event_id    text PRIMARY KEY REFERENCES audit_entry (event_id),
        entry_seq   bigint NOT NULL,
        agency      text NOT NULL,
        status      text NOT NULL CHECK (status IN ('VALID', 'INVALID', 'UNVERIFIED')),
        problem     text,
        key_id      text,
        checked_at  timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE daily_root (
        day        date PRIMARY KEY,
        last_seq   bigint NOT NULL,
        root_hash  char(64) NOT NULL,
        key_id     text NOT NULL,
        algorithm  text NOT NULL,
        signature  text NOT NULL,
        signed_at  timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE audit_read (
        id          bigserial PRIMARY KEY,
        reader_kind text NOT NULL,
        reader_id   text NOT NULL,
        action      text NOT NULL,
        shipment_id text,
        read_at     timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX audit_read_at_idx ON audit_read (read_at);

      CREATE TABLE shipment_fact (
        shipment_id      text PRIMARY KEY,
        gate_code        text NOT NULL DEFAULT '',
        channel          text,
        registered_at    timestamptz,
        arrived_at       timestamptz,
        customs_opened_at      timestamptz,
        border_guard_opened_at timestamptz,
        quarantine_opened_at   timestamptz,
        customs_decided_at      timestamptz,
        border_guard_decided_at timestamptz,
        quarantine_decided_at   timestamptz,
        cleared_at       timestamptz,
        called_at        timestamptz,
        crossed_at       timestamptz,
        updated_at       timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX shipment_fact_gate_arrived_idx ON shipment_fact (gate_code, arrived_at);
      CREATE INDEX shipment_fact_open_idx ON shipment_fact (arrived_at) WHERE crossed_at IS NULL;

      CREATE TABLE sla_breach (
        shipment_id       text NOT NULL,
        rule              text NOT NULL,
        agency            text NOT NULL DEFAULT '',
        gate_code         text NOT NULL,
        threshold_minutes integer NOT NULL,
        observed_minutes  integer NOT NULL,
        started_at        timestamptz NOT NULL,
        detected_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (shipment_id, rule, agency)
      );
      CREATE INDEX sla_breach_gate_idx ON sla_breach (gate_code, detected_at DESC);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE sla_breach;
      DROP TABLE shipment_fact;
      DROP TABLE audit_read;
      DROP TABLE daily_root;
      DROP TABLE signature_check;
      DROP TABLE audit_entry;
      DROP FUNCTION audit_entry_refuse_change();
    `);
  }
}
