import { Injectable } from '@nestjs/common';
import type { RiskRule, SamplingRates } from '../../cases/domain/risk-rules';
import { RiskRuleRepository } from '../infrastructure/risk-rule.repository';

export interface RiskRuleList {
  readonly rules: readonly RiskRule[];
  readonly ruleSetVersion: number;
  readonly samplingRates: SamplingRates;
}

/** The current version of every rule (ended ones on request) and the rule set's header. */
@Injectable()
export class ListRiskRulesHandler {
  constructor(private readonly rules: RiskRuleRepository) {}

  async execute(includeExpired: boolean): Promise<RiskRuleList> {
    const header = await this.rules.header();
    const rules = await this.rules.listCurrent(includeExpired, new Date().toISOString());
    return { rules, ruleSetVersion: header.version, samplingRates: header.samplingRates };
  }
}
