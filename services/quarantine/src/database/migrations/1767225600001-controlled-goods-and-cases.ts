import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The controlled-goods list (seeded with the chapters and headings quarantine controls at a
 * land gate) and the quarantine cases.
 *
 * - One entry per HS prefix; an expired entry stays (valid_until in the past) until removed.
 * - One case per shipment; what is filtered on (gate, status, opened_at) has its own
 *   column, the rest of the case (declaration, classification, samples, history) is jsonb,
 *   always read whole. `version` is the optimistic-concurrency guard.
 */
export class ControlledGoodsAndCases1767225600001 implements MigrationInterface {
  readonly name = 'ControlledGoodsAndCases1767225600001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE controlled_goods (
        hs_prefix   text PRIMARY KEY CHECK (hs_prefix ~ '^[0-9]{2,10}$'),
        kind        text        NOT NULL CHECK (kind IN ('PLANT', 'ANIMAL', 'FOOD_SAFETY')),
        description text        NOT NULL,
        valid_from  timestamptz NOT NULL,
        valid_until timestamptz,
        added_by    text        NOT NULL,
        reason      text        NOT NULL,
        CHECK (valid_until IS NULL OR valid_until > valid_from)
      )`);
    await queryRunner.query(`
      INSERT INTO controlled_goods (hs_prefix, kind, description, valid_from, added_by, reason)
      SELECT hs_prefix, kind, description, '2020-01-01T00:00:00Z', 'system', 'initial list (migration)'
      FROM (VALUES
        ('01', 'ANIMAL', 'Live animals'),
        ('02', 'ANIMAL', 'Meat and edible meat offal'),
        ('03', 'ANIMAL', 'Fish, crustaceans, molluscs and other aquatic invertebrates'),
        ('04', 'ANIMAL', 'Dairy produce; birds’ eggs; edible products of animal origin'),
        ('0409', 'FOOD_SAFETY', 'Natural honey'),
        ('05', 'ANIMAL', 'Products of animal origin not elsewhere specified'),
        ('06', 'PLANT', 'Live trees and other plants; bulbs, roots; cut flowers'),
        ('07', 'PLANT', 'Edible vegetables and certain roots and tubers'),
        ('08', 'PLANT', 'Edible fruit and nuts; peel of citrus fruit or melons'),
        ('09', 'PLANT', 'Coffee, tea, maté and spices'),
        ('10', 'PLANT', 'Cereals'),
        ('11', 'PLANT', 'Products of the milling industry; malt; starches'),
        ('12', 'PLANT', 'Oil seeds and oleaginous fruits; seeds for sowing; straw and fodder'),
        ('14', 'PLANT', 'Vegetable plaiting materials'),
        ('15', 'FOOD_SAFETY', 'Animal or vegetable fats and oils'),
        ('16', 'FOOD_SAFETY', 'Preparations of meat, fish or crustaceans'),
        ('17', 'FOOD_SAFETY', 'Sugars and sugar confectionery'),
        ('18', 'FOOD_SAFETY', 'Cocoa and cocoa preparations'),
        ('19', 'FOOD_SAFETY', 'Preparations of cereals, flour, starch or milk'),
        ('20', 'FOOD_SAFETY', 'Preparations of vegetables, fruit, nuts'),
        ('21', 'FOOD_SAFETY', 'Miscellaneous edible preparations'),
        ('23', 'PLANT', 'Residues of the food industries; prepared animal fodder'),
        ('2301', 'ANIMAL', 'Flours and meals of meat, offal or fish, unfit for human consumption'),
        ('4101', 'ANIMAL', 'Raw hides and skins of bovine or equine animals'),
        ('4401', 'PLANT', 'Fuel wood; wood in chips or particles; sawdust'),
        ('4403', 'PLANT', 'Wood in the rough'),
        ('5101', 'ANIMAL', 'Wool, not carded or combed')
      ) AS seed (hs_prefix, kind, description)`);
    await queryRunner.query(`
      CREATE TABLE quarantine_cases (
        shipment_id uuid PRIMARY KEY,
        case_id     uuid        NOT NULL UNIQUE,
        gate_code   text        NOT NULL,
        status      text        NOT NULL,
        version     integer     NOT NULL CHECK (version >= 1),
        body        jsonb       NOT NULL,
        opened_at   timestamptz NOT NULL,
        updated_at  timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX quarantine_cases_queue_idx ON quarantine_cases (gate_code, status, opened_at, shipment_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX quarantine_cases_status_idx ON quarantine_cases (status, opened_at, shipment_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS quarantine_cases`);
    await queryRunner.query(`DROP TABLE IF EXISTS controlled_goods`);
  }
}
