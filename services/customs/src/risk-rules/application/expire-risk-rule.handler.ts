import { Injectable } from '@nestjs/common';
import { customsV1, type commonV1 } from '@cuakhau/contracts';
import { TypeOrmTransactionRunner } from '@cuakhau/platform';
import { codedErrorOf, fieldsInvalid } from '../../cases/application/customs-coded-errors';
import { MAX_REASON_LENGTH } from '../../cases/domain/case.state-machine';
import { validateRiskRule, type RiskRule } from '../../cases/domain/risk-rules';
import { RiskRuleRepository } from '../infrastructure/risk-rule.repository';
import { RiskRuleChangeWriter } from './risk-rule-change.writer';
import type { ChangedRule } from './upsert-risk-rule.handler';

export interface ExpireRiskRuleCommand {
  readonly ruleId: string;
  readonly expectedVersion: number;
  /** ISO 8601; undefined: now. */
  readonly effectiveTo?: string;
  readonly reason: string;
  readonly actor: commonV1.Actor;
}

/** A customs supervisor ends a rule's effective period (a new version, audited). */
@Injectable()
export class ExpireRiskRuleHandler {
  constructor(
    private readonly transactions: TypeOrmTransactionRunner,
    private readonly rules: RiskRuleRepository,
    private readonly writer: RiskRuleChangeWriter,
  ) {}

  execute(command: ExpireRiskRuleCommand): Promise<ChangedRule> {
    const reason = command.reason.trim();
    if (reason === '' || reason.length > MAX_REASON_LENGTH) {
      throw codedErrorOf('CUSTOMS.REASON_REQUIRED', 'expiring a rule needs a reason (audited)');
    }
    return this.transactions.inTransaction(async (manager) => {
      await this.rules.header(manager, true);
      const current = await this.rules.findCurrent(manager, command.ruleId);
      if (current === null) {
        throw codedErrorOf('CUSTOMS.RULE_NOT_FOUND', `there is no rule ${command.ruleId}`);
      }
      if (current.version !== command.expectedVersion) {
        throw codedErrorOf(
          'CUSTOMS.RULE_VERSION_CONFLICT',
          `rule ${current.id} is at version ${current.version}, the change was made on version ${command.expectedVersion}`,
        );
      }
      const at = new Date().toISOString();
      const rule: RiskRule = {
        ...current,
        version: current.version + 1,
        effectiveTo: command.effectiveTo ?? at,
      };
      const problems = validateRiskRule(rule);
      if (problems.length > 0) throw fieldsInvalid(problems);
      const ruleSetVersion = await this.writer.save(manager, {
        rule,
        change: customsV1.RiskRuleChange.RISK_RULE_CHANGE_EXPIRED,
        previousVersion: current.version,
        reason,
        actor: command.actor,
        at,
      });
      return { rule, ruleSetVersion };
    });
  }
}
