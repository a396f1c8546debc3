import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { commonV1, EVENTS } from '@cuakhau/contracts';
import { OutboxWriter, type OutgoingEvent } from '@cuakhau/messaging';
import type { AuditConfig } from '../../audit.config';
import { AUDIT_CONFIG } from '../../audit.tokens';
import type { AgencyName, ShipmentTimes } from '../domain/clearance-steps';
import { evaluateSla, thresholdsFor, type SlaBreach } from '../domain/sla-rules';
import { SlaBreachRepository } from '../infrastructure/sla-breach.repository';

export const AUDIT_SOURCE = '/cuakhau/audit';

const AGENCY_PROTO: Record<AgencyName, commonV1.Agency> = {
  customs: commonV1.Agency.AGENCY_CUSTOMS,
  'border-guard': commonV1.Agency.AGENCY_BORDER_GUARD,
  quarantine: commonV1.Agency.AGENCY_QUARANTINE,
};

/** One SLA evaluation: a shipment's times at `now` (epoch ms). */
export interface SlaCheck {
  readonly times: ShipmentTimes;
  readonly now: number;
}

function alertOf(breach: SlaBreach, detectedAt: Date): OutgoingEvent<unknown> {
  return {
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
  };
}

/**
 * Evaluates shipments' SLA rules and, in the caller's transaction, records each new breach
 * and its `SlaBreached` alert in the outbox (a breach already recorded, or found again later
 * in the same list, is not alerted again). Two statements for the whole list.
 */
@Injectable()
export class SlaAlerter {
  constructor(
    private readonly breaches: SlaBreachRepository,
    private readonly outbox: OutboxWriter,
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
  ) {}

  async raise(tx: EntityManager, checks: readonly SlaCheck[]): Promise<number> {
    const found = checks.flatMap(({ times, now }) =>
      times.gateCode === ''
        ? []
        : evaluateSla(times, thresholdsFor(this.config.AUDIT_SLA_RULES, times.gateCode), now),
    );
    if (found.length === 0) return 0;
    const detectedAt = new Date();
    const fresh = await this.breaches.insertNew(tx, found, detectedAt);
    await this.outbox.append(
      tx,
      fresh.map((breach) => alertOf(breach, detectedAt)),
    );
    return fresh.length;
  }
}
