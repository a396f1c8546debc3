import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEMO_RULE_SET } from '../../cases/domain/risk-rules';

/** Who seeded the demo rules (stored as the author of their version 1). */
const SEED_ACTOR = { kind: 'SYSTEM', id: 'customs.seed', displayName: 'Demo rule set' };

/**
 * Customs cases (one per shipment, the whole case as JSON plus the columns the queue and
 * the trader history filter on), the risk rules (one row per version, the current one
 * flagged) and the rule set (its version and sampling rates), seeded with DEMO_RULE_SET.
 */
export class CasesAndRiskRules1767225600001 implements MigrationInterface {
  readonly name = 'CasesAndRiskRules1767225600001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE customs_cases (
        id uuid PRIMARY KEY,
        shipment_id text NOT NULL,
        organisation_id text NOT NULL,
        gate_code text NOT NULL,
        status text NOT NULL,
        channel text NOT NULL,
        version integer NOT NULL,
        state jsonb NOT NULL,
        decision_signature jsonb,
        decided_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT customs_cases_shipment_key UNIQUE (shipment_id)
      );
      CREATE INDEX customs_cases_queue ON customs_cases (gate_code, status, channel, id);
      CREATE INDEX customs_cases_trader ON customs_cases (organisation_id, status);

      CREATE TABLE risk_rule_set (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        version integer NOT NULL,
        sampling_rate_green double precision NOT NULL,
        sampling_rate_yellow double precision NOT NULL,
        updated_at timestamptz NOT NULL
      );

      CREATE TABLE risk_rules (
        id text NOT NULL,
        version integer NOT NULL,
        is_current boolean NOT NULL,
        rule jsonb NOT NULL,
        effective_from timestamptz NOT NULL,
        effective_to timestamptz,
        changed_by jsonb NOT NULL,
        change_reason text NOT NULL,
        changed_at timestamptz NOT NULL,
        PRIMARY KEY (id, version)
      );
      CREATE UNIQUE INDEX risk_rules_current ON risk_rules (id) WHERE is_current;
    `);
    await queryRunner.query(
      `INSERT INTO risk_rule_set (version, sampling_rate_green, sampling_rate_yellow, updated_at)
       VALUES ($1, $2, $3, now())`,
      [
        DEMO_RULE_SET.version,
        DEMO_RULE_SET.samplingRates.GREEN,
        DEMO_RULE_SET.samplingRates.YELLOW,
      ],
    );
    for (const rule of DEMO_RULE_SET.rules) {
      await queryRunner.query(
        `INSERT INTO risk_rules (id, version, is_current, rule, effective_from, effective_to,
                                 changed_by, change_reason, changed_at)
         VALUES ($1, $2, true, $3, $4, $5, $6, 'demo rule set', now())`,
        [
          rule.id,
          rule.version,
          JSON.stringify(rule),
          rule.effectiveFrom,
          rule.effectiveTo ?? null,
          JSON.stringify(SEED_ACTOR),
        ],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE IF EXISTS risk_rules;
      DROP TABLE IF EXISTS risk_rule_set;
      DROP TABLE IF EXISTS customs_cases;
    `);
  }
}
