import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CustomsConfig } from '../../customs.config';
import { CUSTOMS_CONFIG } from '../../customs.tokens';
import { RiskRuleRepository } from '../../risk-rules/infrastructure/risk-rule.repository';
import { assess, type Assessment } from '../domain/assess';
import type { Actor } from '../domain/customs-case';
import type { Declaration } from '../domain/declaration';
import { samplingSeed } from '../domain/sampling';
import { CaseRepository } from '../infrastructure/case.repository';

/** The actor of channels set by risk selectivity (ChannelAssigned with source ASSESSMENT). */
export const CUSTOMS_RISK_ACTOR: Actor = Object.freeze({
  kind: 'SYSTEM',
  id: 'customs.risk-selectivity',
  displayName: 'Quản lý rủi ro / risk selectivity',
});

/**
 * The sampling seed of one assessment: HMAC-SHA256 under CUSTOMS_SAMPLING_SECRET of
 * `<shipment id>/rule-set-<version>/revision-<revision>`, in hex. Keyed, so a trader cannot
 * compute from its shipment id whether it will be sampled; deterministic, so customs (who
 * holds the secret) can re-derive the seed, and anyone can re-derive the draw from the seed
 * recorded with the assessment (`samplingDraw(seed)`, algorithm `cyrb128-sfc32-v1`).
 */
export function keyedSamplingSeed(
  secret: string,
  shipmentId: string,
  ruleSetVersion: number,
  revision: number,
): string {
  return createHmac('sha256', secret)
    .update(`${samplingSeed(shipmentId, ruleSetVersion)}/revision-${revision}`)
    .digest('hex');
}

/**
 * Loads what `assess` needs — the rules in force (from the database, per assessment), the
 * trader's history (its REJECTED customs decisions) and the keyed seed — and runs it.
 */
@Injectable()
export class RiskAssessor {
  constructor(
    private readonly rules: RiskRuleRepository,
    private readonly cases: CaseRepository,
    @Inject(CUSTOMS_CONFIG) private readonly config: CustomsConfig,
  ) {}

  async assess(
    manager: EntityManager,
    declaration: Declaration,
    revision: number,
    at: string,
  ): Promise<Assessment> {
    const ruleSet = await this.rules.ruleSetAt(manager, at);
    const history = await this.cases.traderHistory(manager, declaration.organisationId);
    const seed = keyedSamplingSeed(
      this.config.CUSTOMS_SAMPLING_SECRET,
      declaration.shipmentId,
      ruleSet.version,
      revision,
    );
    return assess(declaration, ruleSet, history, { seed }, at);
  }
}
