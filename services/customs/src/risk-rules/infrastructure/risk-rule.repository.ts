import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { rowsOf } from '@cuakhau/messaging';
import type { RiskRule, RuleSet, SamplingRates } from '../../cases/domain/risk-rules';

/** Who changed a rule, as stored with its version (common.v1.Actor in JSON form). */
export interface RuleAuthor {
  readonly kind: string;
  readonly id: string;
  readonly displayName?: string;
}

export interface RuleSetHeader {
  readonly version: number;
  readonly samplingRates: SamplingRates;
}

/**
 * The only code that touches SQL for risk rules: one row per rule version (the current one
 * flagged `is_current`), and the one-row rule set (version, sampling rates). A change locks
 * the rule-set row first, so rule edits are serialised and the rule-set version is exact.
 */
@Injectable()
export class RiskRuleRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The rules that may apply at `at` or later (current versions not yet ended) and the set. */
  async ruleSetAt(manager: EntityManager, at: string): Promise<RuleSet> {
    const header = await this.header(manager, false);
    const rows = rowsOf<{ rule: RiskRule }>(
      await manager.query(
        `SELECT rule FROM risk_rules
         WHERE is_current AND effective_from <= $1 AND (effective_to IS NULL OR effective_to > $1)
         ORDER BY id`,
        [at],
      ),
    );
    return { ...header, rules: rows.map((row) => row.rule) };
  }

  /** Current versions of every rule (ended ones only with `includeExpired`), by id. */
  async listCurrent(includeExpired: boolean, now: string): Promise<RiskRule[]> {
    const rows = rowsOf<{ rule: RiskRule }>(
      await this.dataSource.manager.query(
        `SELECT rule FROM risk_rules
         WHERE is_current AND ($1 OR effective_to IS NULL OR effective_to > $2)
         ORDER BY id`,
        [includeExpired, now],
      ),
    );
    return rows.map((row) => row.rule);
  }

  /** The rule set's version and rates; `lock` takes the row lock that serialises rule edits. */
  async header(
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<RuleSetHeader> {
    const rows = rowsOf<{ version: number; green: number; yellow: number }>(
      await manager.query(
        `SELECT version, sampling_rate_green AS green, sampling_rate_yellow AS yellow
         FROM risk_rule_set WHERE id = 1 ${lock ? 'FOR UPDATE' : ''}`,
      ),
    );
    const row = rows[0];
    if (row === undefined) throw new Error('risk_rule_set has no row: migrations did not run');
    return { version: row.version, samplingRates: { GREEN: row.green, YELLOW: row.yellow } };
  }

  async findCurrent(manager: EntityManager, id: string): Promise<RiskRule | null> {
    const rows = rowsOf<{ rule: RiskRule }>(
      await manager.query('SELECT rule FROM risk_rules WHERE id = $1 AND is_current', [id]),
    );
    return rows[0]?.rule ?? null;
  }

  /** Stores `rule` as the current version (the previous one, if any, stops being current). */
  async saveVersion(
    manager: EntityManager,
    rule: RiskRule,
    author: RuleAuthor,
    reason: string,
    at: string,
  ): Promise<void> {
    await manager.query('UPDATE risk_rules SET is_current = false WHERE id = $1 AND is_current', [
      rule.id,
    ]);
    await manager.query(
      `INSERT INTO risk_rules (id, version, is_current, rule, effective_from, effective_to,
                               changed_by, change_reason, changed_at)
       VALUES ($1, $2, true, $3, $4, $5, $6, $7, $8)`,
      [
        rule.id,
        rule.version,
        JSON.stringify(rule),
        rule.effectiveFrom,
        rule.effectiveTo ?? null,
        JSON.stringify(author),
        reason,
        at,
      ],
    );
  }

  /** +1 on the rule-set version (call with the row locked); returns the new version. */
  async bumpRuleSetVersion(manager: EntityManager, at: string): Promise<number> {
    const rows = rowsOf<{ version: number }>(
      await manager.query(
        'UPDATE risk_rule_set SET version = version + 1, updated_at = $1 WHERE id = 1 RETURNING version',
        [at],
      ),
    );
    const row = rows[0];
    if (row === undefined) throw new Error('risk_rule_set has no row: migrations did not run');
    return row.version;
  }
}
