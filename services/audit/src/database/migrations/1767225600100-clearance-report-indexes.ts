import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes of the supervisor's reports over shipment_fact: the report period (arrival, else
 * registration, per gate), and the slowest shipments (crossed ones by time in the yard,
 * those still in the yard by arrival), so that neither reads a whole period to find ten rows.
 */
export class ClearanceReportIndexes1767225600100 implements MigrationInterface {
  readonly name = 'ClearanceReportIndexes1767225600100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX shipment_fact_gate_period_idx
        ON shipment_fact (gate_code, (COALESCE(arrived_at, registered_at)));
      CREATE INDEX shipment_fact_gate_yard_idx
        ON shipment_fact (gate_code, (crossed_at - arrived_at) DESC)
        WHERE crossed_at IS NOT NULL;
      CREATE INDEX shipment_fact_in_yard_idx
        ON shipment_fact (gate_code, arrived_at) WHERE crossed_at IS NULL;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX shipment_fact_in_yard_idx;
      DROP INDEX shipment_fact_gate_yard_idx;
      DROP INDEX shipment_fact_gate_period_idx;
    `);
  }
}
