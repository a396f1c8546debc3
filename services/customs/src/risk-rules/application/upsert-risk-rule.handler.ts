import { Injectable } from '@nestjs/common';
import { customsV1, type commonV1 } from '@cuakhau/contracts';
import { TypeOrmTransactionRunner } from '@cuakhau/platform';
import { codedErrorOf, fieldsInvalid } from '../../cases/application/customs-coded-errors';
import { MAX_REASON_LENGTH } from '../../cases/domain/case.state-machine';
import { validateRiskRule, type RiskRule } from '../../cases/domain/risk-rules';
import { RiskRuleRepository } from '../infrastructure/risk-rule.repository';
import { RiskRuleChangeWriter } from './risk-rule-change.writer';

export interface UpsertRiskRuleCommand {
  /** The rule as the supervisor wants it; its version is set here. */
  readonly rule: Omit<RiskRule, 'version'>;
  /** 0: a new rule; otherwise the version the supervisor edited. */
  readonly expectedVersion: number;
  readonly reason: string;
  readonly actor: commonV1.Actor;
}

export interface ChangedRule {
  readonly rule: RiskRule;
  readonly ruleSetVersion: number;
}

/** A customs supervisor creates a rule or replaces it by a new version (audited). */
@Injectable()
export class UpsertRiskRuleHandler {
  constructor(
    private readonly transactions: TypeOrmTransactionRunner,
    private readonly rules: RiskRuleRepository,
    private readonly writer: RiskRuleChangeWriter,
  ) {}

  execute(command: UpsertRiskRuleCommand): Promise<ChangedRule> {
    const reason = command.reason.trim();
    if (reason === '' || reason.length > MAX_REASON_LENGTH) {
      throw codedErrorOf('CUSTOMS.REASON_REQUIRED', 'a rule change needs a reason (audited)');
    }
    const rule: RiskRule = { ...command.rule, version: command.expectedVersion + 1 };
    const problems = validateRiskRule(rule);
    if (problems.length > 0) throw fieldsInvalid(problems);
    return this.transactions.inTransaction(async (manager) => {
      await this.rules.header(manager, true);
      const current = await this.rules.findCurrent(manager, rule.id);
      const currentVersion = current?.version ?? 0;
      if (currentVersion !== command.expectedVersion) {
        throw codedErrorOf(
          'CUSTOMS.RULE_VERSION_CONFLICT',
          current === null
            ? `there is no rule ${rule.id} at version ${command.expectedVersion}`
            : `rule ${rule.id} is at version ${currentVersion}, the change was made on version ${command.expectedVersion}`,
        );
      }
      const at = new Date().toISOString();
      const ruleSetVersion = await this.writer.save(manager, {
        rule,
        change:
          current === null
            ? customsV1.RiskRuleChange.RISK_RULE_CHANGE_CREATED
            : customsV1.RiskRuleChange.RISK_RULE_CHANGE_UPDATED,
        previousVersion: currentVersion,
        reason,
        actor: command.actor,
        at,
      });
      return { rule, ruleSetVersion };
    });
  }
}
