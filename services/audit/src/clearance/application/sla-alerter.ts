import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { commonV1, EVENTS } from '@cuakhau/contracts';
import { OutboxWriter } from '@cuakhau/messaging';
import type { AuditConfig } from '../../audit.config';
import { AUDIT_CONFIG } from '../../audit.tokens';
import type { AgencyName, ShipmentTimes } from '../domain/clearance-steps';
import { evaluateSla, thresholdsFor } from '../domain/sla-rules';
import { SlaBreachRepository } from '../infrastructure/sla-breach.repository';

export const AUDIT_SOURCE = '/cuakhau/audit';

const AGENCY_PROTO: Record<AgencyName, commonV1.Agency> = {
  customs: commonV1.Agency.AGENCY_CUSTOMS,
  'border-guard': commonV1.Agency.AGENCY_BORDER_GUARD,
  quarantine: commonV1.Agency.AGENCY_QUARANTINE,
};

/**
 * Evaluates a shipment's SLA rules at `now` and, in the caller's transaction, records each
 * new breach and its `SlaBreached` alert in the outbox (a breach already recorded is not
 * alerted again).
 */
@Injectable()
export class SlaAlerter {
  constructor(
    private readonly breaches: SlaBreachRepository,
    private readonly outbox: OutboxWriter,
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
  ) {}

  async raise(tx: EntityManager, times: ShipmentTimes, now: number): Promise<number> {
    if (times.gateCode === '') return 0;
    const found = evaluateSla(
      times,
      thresholdsFor(this.config.AUDIT_SLA_RULES, times.gateCode),
      now,
    );
    let raised = 0;
    const detectedAt = new Date();
    for (const breach of found) {
      if (!(await this.breaches.insertIfNew(tx, breach, detectedAt))) continue;
      raised += 1;
      await this.outbox.append(tx, [
        {
          contract: EVENTS.auditSlaBreached,
          key: breach.shipmentId,
          source: AUDIT_SOURCE,
          message: {
            shipmentId: breach.shipmentId,
            gateCode: breach.gateCode,
            rule: breach.rule,
            agency:
              breach.agency === undefined
                ? commonV1.Agency.AGENCY_UNSPECIFIED
                : AGENCY_PROTO[breach.agency],
            thresholdMinutes: breach.thresholdMinutes,
            observedMinutes: breach.observedMinutes,
            startedAt: new Date(breach.startedAt).toISOString(),
            detectedAt: detectedAt.toISOString(),
          },
        },
      ]);
    }
    return raised;
  }
}
