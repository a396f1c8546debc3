import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EVENTS, customsV1, type commonV1 } from '@cuakhau/contracts';
import { OutboxWriter, outgoing } from '@cuakhau/messaging';
import { CUSTOMS_SOURCE } from '../../cases/application/case-events';
import { riskRuleToProto } from '../../cases/application/proto-values.mapper';
import type { RiskRule } from '../../cases/domain/risk-rules';
import { RiskRuleRepository } from '../infrastructure/risk-rule.repository';

export interface RuleChange {
  readonly rule: RiskRule;
  readonly change: customsV1.RiskRuleChange;
  readonly previousVersion: number;
  readonly reason: string;
  readonly actor: commonV1.Actor;
  readonly at: string;
}

/**
 * Stores a new rule version, bumps the rule-set version and appends RiskRuleChanged (who,
 * what, why; key = rule id) — in the caller's transaction, with the rule set locked.
 */
@Injectable()
export class RiskRuleChangeWriter {
  constructor(
    private readonly rules: RiskRuleRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async save(manager: EntityManager, change: RuleChange): Promise<number> {
    await this.rules.saveVersion(
      manager,
      change.rule,
      { kind: change.actor.kind, id: change.actor.id, displayName: change.actor.displayName },
      change.reason,
      change.at,
    );
    const ruleSetVersion = await this.rules.bumpRuleSetVersion(manager, change.at);
    await this.outbox.append(manager, [
      outgoing({
        key: change.rule.id,
        source: CUSTOMS_SOURCE,
        time: new Date(change.at),
        contract: EVENTS.customsRiskRuleChanged,
        message: {
          rule: riskRuleToProto(change.rule),
          change: change.change,
          previousVersion: change.previousVersion,
          ruleSetVersion,
          reason: change.reason,
          actor: change.actor,
          changedAt: change.at,
        },
      }),
    ]);
    return ruleSetVersion;
  }
}
