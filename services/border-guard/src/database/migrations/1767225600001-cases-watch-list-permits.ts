import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cases, what the border guard knows of the queue's calls, vehicle permits (seeded with demo
 * permits) and the watch list.
 *
 * - A case is read and written whole: jsonb `data`, with the columns it is filtered on;
 *   `version` guards concurrent officers (UPDATE … WHERE version = $n).
 * - The watch list's `name_key` (folded, tokens sorted) carries a pg_trgm GIN index: the
 *   repository pre-selects name candidates with `%` in SQL, the domain scores them — no
 *   table scan in JavaScript as the list grows.
 */
export class CasesWatchListPermits1767225600001 implements MigrationInterface {
  readonly name = 'CasesWatchListPermits1767225600001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`
      CREATE TABLE cases (
        shipment_id uuid PRIMARY KEY,
        case_id     uuid        NOT NULL UNIQUE,
        gate_code   text        NOT NULL,
        status      text        NOT NULL CHECK (status IN ('HOLD', 'CLEARED', 'REJECTED', 'CANCELLED')),
        version     integer     NOT NULL CHECK (version >= 1),
        data        jsonb       NOT NULL,
        created_at  timestamptz NOT NULL,
        updated_at  timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX cases_list_idx ON cases (status, gate_code, updated_at DESC, shipment_id DESC)`,
    );
    await queryRunner.query(`
      CREATE TABLE shipment_calls (
        shipment_id     uuid PRIMARY KEY,
        called_lane_id  text,
        registry_status text,
        updated_at      timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE vehicle_permits (
        permit_number text PRIMARY KEY,
        plate         text        NOT NULL CHECK (plate ~ '^[A-Z0-9]{4,12}$'),
        country       text        NOT NULL,
        valid_from    timestamptz NOT NULL,
        valid_until   timestamptz NOT NULL CHECK (valid_until > valid_from)
      )`);
    await queryRunner.query(`CREATE INDEX vehicle_permits_plate_idx ON vehicle_permits (plate)`);
    await queryRunner.query(`
      INSERT INTO vehicle_permits (permit_number, plate, country, valid_from, valid_until) VALUES
        ('LV-VN-2026-0001', '14C12345', 'VN', '2026-01-01', '2028-12-31'),
        ('LV-VN-2026-0002', '14C22222', 'VN', '2026-01-01', '2028-12-31'),
        ('LV-VN-2026-0003', '29C12345', 'VN', '2026-01-01', '2028-12-31'),
        ('LV-VN-2026-0004', '51D67890', 'VN', '2026-01-01', '2028-12-31'),
        ('LV-VN-2026-0005', '14C33333', 'VN', '2026-01-01', '2028-12-31'),
        ('LV-VN-2024-0099', '14C99999', 'VN', '2024-01-01', '2025-12-31'),
        ('LV-CN-2026-0001', 'GXA12345', 'CN', '2026-01-01', '2028-12-31'),
        ('LV-CN-2026-0002', 'GXB67890', 'CN', '2026-01-01', '2028-12-31')`);
    await queryRunner.query(`
      CREATE TABLE watch_list_entries (
        id              uuid PRIMARY KEY,
        subject         text        NOT NULL CHECK (subject IN ('PERSON', 'VEHICLE')),
        full_name       text        NOT NULL,
        name_key        text        NOT NULL,
        document_number text        NOT NULL,
        nationality     text        NOT NULL,
        date_of_birth   text        NOT NULL,
        plate           text        NOT NULL,
        reason          text        NOT NULL,
        expires_at      timestamptz,
        state           text        NOT NULL CHECK (state IN ('ACTIVE', 'EXPIRED', 'REMOVED')),
        added_by        jsonb       NOT NULL,
        added_at        timestamptz NOT NULL,
        end_reason      text        NOT NULL DEFAULT '',
        ended_by        jsonb,
        ended_at        timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX watch_list_name_trgm_idx ON watch_list_entries
         USING gin (name_key gin_trgm_ops) WHERE state = 'ACTIVE' AND subject = 'PERSON'`,
    );
    await queryRunner.query(
      `CREATE INDEX watch_list_document_idx ON watch_list_entries (document_number)
         WHERE state = 'ACTIVE' AND document_number <> ''`,
    );
    await queryRunner.query(
      `CREATE INDEX watch_list_plate_idx ON watch_list_entries (plate)
         WHERE state = 'ACTIVE' AND plate <> ''`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS watch_list_entries`);
    await queryRunner.query(`DROP TABLE IF EXISTS vehicle_permits`);
    await queryRunner.query(`DROP TABLE IF EXISTS shipment_calls`);
    await queryRunner.query(`DROP TABLE IF EXISTS cases`);
  }
}
