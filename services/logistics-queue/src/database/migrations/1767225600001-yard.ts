import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The yard: the local read model of the registry's shipments, lanes (seeded with the demo
 * lanes of MONGCAI), queue entries (one per arrived shipment), calls (one per call to a
 * lane: the no-show timers are re-derived from the PENDING ones) and unmatched arrivals.
 *
 * - `queue_entries (gate_code, class_rank, queued_at, shipment_id) WHERE status = 'WAITING'`
 *   is the queue order (see domain/queue-order.ts) as an index: call-next walks it.
 * - A lane is busy while `busy_call_id` is set; the call row says which truck.
 */
export class Yard1767225600001 implements MigrationInterface {
  readonly name = 'Yard1767225600001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE shipments (
        id                    uuid PRIMARY KEY,
        gate_code             text        NOT NULL,
        direction             text        NOT NULL CHECK (direction IN ('EXPORT', 'IMPORT')),
        plate                 text        NOT NULL,
        planned_arrival       timestamptz,
        hs_codes              text[]      NOT NULL DEFAULT '{}',
        required_capabilities text[]      NOT NULL DEFAULT '{}',
        status                text        NOT NULL,
        cleared               boolean     NOT NULL DEFAULT false,
        version               integer     NOT NULL,
        updated_at            timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX shipments_gate_plate_idx ON shipments (gate_code, plate)`,
    );
    await queryRunner.query(`
      CREATE TABLE lanes (
        id           text PRIMARY KEY,
        gate_code    text    NOT NULL,
        name         text    NOT NULL,
        direction    text    NOT NULL CHECK (direction IN ('EXPORT', 'IMPORT', 'BOTH')),
        capabilities text[]  NOT NULL DEFAULT '{}',
        open         boolean NOT NULL DEFAULT true,
        busy_call_id uuid,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX lanes_gate_idx ON lanes (gate_code, id)`);
    await queryRunner.query(`
      INSERT INTO lanes (id, gate_code, name, direction, capabilities, open) VALUES
        ('MONGCAI-L1', 'MONGCAI', 'Làn 1 / Lane 1', 'EXPORT', '{}', true),
        ('MONGCAI-L2', 'MONGCAI', 'Làn 2 / Lane 2', 'EXPORT', '{COLD_CHAIN}', true),
        ('MONGCAI-L3', 'MONGCAI', 'Làn 3 / Lane 3', 'IMPORT', '{}', true),
        ('MONGCAI-L4', 'MONGCAI', 'Làn 4 / Lane 4', 'BOTH', '{COLD_CHAIN,OVERSIZE}', false)`);
    await queryRunner.query(`
      CREATE TABLE queue_entries (
        shipment_id       uuid PRIMARY KEY,
        gate_code         text        NOT NULL,
        plate             text        NOT NULL,
        status            text        NOT NULL CHECK (status IN ('WAITING', 'CALLED', 'DEPARTED', 'REMOVED')),
        priority_class    text        NOT NULL CHECK (priority_class IN ('PERISHABLE', 'ON_SLOT', 'REGULAR')),
        class_rank        smallint    NOT NULL,
        arrival_id        uuid        NOT NULL,
        source            text        NOT NULL,
        camera_id         text        NOT NULL DEFAULT '',
        confidence        double precision NOT NULL,
        arrived_at        timestamptz NOT NULL,
        queued_at         timestamptz NOT NULL,
        no_show_count     integer     NOT NULL DEFAULT 0,
        lane_id           text,
        current_call_id   uuid,
        eta_shown_minutes integer,
        departed_at       timestamptz,
        updated_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE INDEX queue_entries_order_idx
        ON queue_entries (gate_code, class_rank, queued_at, shipment_id) WHERE status = 'WAITING'`);
    await queryRunner.query(`
      CREATE TABLE calls (
        id                uuid PRIMARY KEY,
        shipment_id       uuid        NOT NULL REFERENCES queue_entries (shipment_id),
        lane_id           text        NOT NULL REFERENCES lanes (id),
        gate_code         text        NOT NULL,
        called_at         timestamptz NOT NULL,
        deadline          timestamptz NOT NULL,
        outcome           text        NOT NULL CHECK (outcome IN ('PENDING', 'CROSSED', 'NO_SHOW')),
        resolved_at       timestamptz,
        waited_minutes    double precision NOT NULL,
        eta_shown_minutes integer,
        actor             text        NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX calls_pending_idx ON calls (deadline) WHERE outcome = 'PENDING'`,
    );
    await queryRunner.query(
      `CREATE INDEX calls_lane_crossed_idx ON calls (lane_id, resolved_at DESC) WHERE outcome = 'CROSSED'`,
    );
    await queryRunner.query(`CREATE INDEX calls_gate_idx ON calls (gate_code, called_at DESC)`);
    await queryRunner.query(`
      CREATE TABLE unmatched_arrivals (
        id                     uuid PRIMARY KEY,
        gate_code              text        NOT NULL,
        plate_raw              text        NOT NULL,
        plate                  text        NOT NULL,
        source                 text        NOT NULL,
        camera_id              text        NOT NULL DEFAULT '',
        confidence             double precision NOT NULL,
        arrived_at             timestamptz NOT NULL,
        reason                 text        NOT NULL CHECK (reason IN ('LOW_CONFIDENCE', 'NO_SHIPMENT', 'AMBIGUOUS')),
        status                 text        NOT NULL CHECK (status IN ('OPEN', 'CONFIRMED', 'DISMISSED')),
        candidate_shipment_ids uuid[]      NOT NULL DEFAULT '{}',
        shipment_id            uuid,
        resolved_by            text,
        resolved_at            timestamptz
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX unmatched_open_plate_key
        ON unmatched_arrivals (gate_code, plate) WHERE status = 'OPEN'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS unmatched_arrivals`);
    await queryRunner.query(`DROP TABLE IF EXISTS calls`);
    await queryRunner.query(`DROP TABLE IF EXISTS queue_entries`);
    await queryRunner.query(`DROP TABLE IF EXISTS lanes`);
    await queryRunner.query(`DROP TABLE IF EXISTS shipments`);
  }
}
