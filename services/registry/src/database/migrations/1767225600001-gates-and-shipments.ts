import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Gates (seeded with the demo border gates) and shipments.
 *
 * - The trader's data that is only ever read whole (vehicle, driver, goods, documents) and
 *   the unified timeline are jsonb; what is filtered or matched on has its own column.
 * - One declaration number per gate among the shipments that are not cancelled: a partial
 *   unique index, so that a cancelled shipment can be registered again.
 * - `plate_normalised` is indexed for the driver's lookup (plate + pass code).
 * - `version` is the optimistic-concurrency guard (UPDATE … WHERE version = $n).
 */
export class GatesAndShipments1767225600001 implements MigrationInterface {
  readonly name = 'GatesAndShipments1767225600001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE gates (
        code       text PRIMARY KEY CHECK (code ~ '^[A-Z0-9_-]{2,32}$'),
        name       text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      INSERT INTO gates (code, name) VALUES
        ('MONGCAI', 'Móng Cái – Bắc Luân II'),
        ('HUUNGHI', 'Hữu Nghị'),
        ('TANTHANH', 'Tân Thanh'),
        ('BACLUAN', 'Bắc Luân')`);
    await queryRunner.query(`
      CREATE TABLE shipments (
        id                 uuid PRIMARY KEY,
        organisation_id    text        NOT NULL,
        gate_code          text        NOT NULL REFERENCES gates (code),
        direction          text        NOT NULL CHECK (direction IN ('EXPORT', 'IMPORT')),
        declaration_number text        NOT NULL,
        planned_arrival    timestamptz NOT NULL,
        plate_normalised   text        NOT NULL,
        vehicle            jsonb       NOT NULL,
        driver             jsonb       NOT NULL,
        goods              jsonb       NOT NULL,
        documents          jsonb       NOT NULL,
        status             text        NOT NULL,
        agencies           jsonb       NOT NULL,
        pass_code_hash     text        NOT NULL,
        version            integer     NOT NULL CHECK (version >= 1),
        revision           integer     NOT NULL CHECK (revision >= 1),
        timeline           jsonb       NOT NULL,
        arrived_at         timestamptz,
        called_lane_id     text,
        no_show_count      integer     NOT NULL DEFAULT 0,
        created_at         timestamptz NOT NULL,
        updated_at         timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX shipments_gate_declaration_key
        ON shipments (gate_code, declaration_number) WHERE status <> 'CANCELLED'`);
    await queryRunner.query(
      `CREATE INDEX shipments_plate_normalised_idx ON shipments (plate_normalised)`,
    );
    await queryRunner.query(
      `CREATE INDEX shipments_list_idx ON shipments (planned_arrival DESC, id DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX shipments_organisation_list_idx
         ON shipments (organisation_id, planned_arrival DESC, id DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS shipments`);
    await queryRunner.query(`DROP TABLE IF EXISTS gates`);
  }
}
