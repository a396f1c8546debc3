import { Inject, Injectable } from '@nestjs/common';
import type { AuditConfig } from '../../audit.config';
import { AUDIT_CONFIG } from '../../audit.tokens';
import { AuditReadRepository } from '../../audit-log/infrastructure/audit-read.repository';
import { TypeOrmTransactionRunner } from '@cuakhau/platform';
import { ShipmentFactRepository } from '../infrastructure/shipment-fact.repository';
import { SlaBreachRepository } from '../infrastructure/sla-breach.repository';
import { SlaAlerter } from './sla-alerter';

/** Shipments evaluated per transaction by the periodic check. */
const CHECK_CHUNK = 500;

/** The periodic SLA check: open shipments evaluated at the wall clock. */
@Injectable()
export class CheckOpenShipmentsHandler {
  constructor(
    private readonly transactions: TypeOrmTransactionRunner,
    private readonly facts: ShipmentFactRepository,
    private readonly alerter: SlaAlerter,
  ) {}

  async execute(now = Date.now()): Promise<number> {
    const open = await this.facts.open(10_000);
    let raised = 0;
    for (let i = 0; i < open.length; i += CHECK_CHUNK) {
      const checks = open.slice(i, i + CHECK_CHUNK).map((times) => ({ times, now }));
      raised += await this.transactions.inTransaction((tx) => this.alerter.raise(tx, checks));
    }
    return raised;
  }
}

/**
 * Retention (Decree 13/2023): clearance facts, SLA breaches and the read log older than
 * AUDIT_RETENTION_DAYS are deleted. The hash chain is append-only and is kept (see README).
 */
@Injectable()
export class EnforceRetentionHandler {
  constructor(
    private readonly facts: ShipmentFactRepository,
    private readonly breaches: SlaBreachRepository,
    private readonly reads: AuditReadRepository,
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
  ) {}

  async execute(now = Date.now()): Promise<{ facts: number; breaches: number; reads: number }> {
    const cutoff = new Date(now - this.config.AUDIT_RETENTION_DAYS * 86_400_000);
    return {
      facts: await this.facts.deleteOlderThan(cutoff),
      breaches: await this.breaches.deleteOlderThan(cutoff),
      reads: await this.reads.deleteOlderThan(cutoff),
    };
  }
}
