import { Injectable } from '@nestjs/common';
import { TypeOrmTransactionRunner } from '@cuakhau/platform';
import { uuidv7 } from '@cuakhau/messaging';
import type { CaseCommand, CommandMeta } from '../domain/case.state-machine';
import type { Actor } from '../domain/customs-case';
import { CaseRepository, type StoredCase } from '../infrastructure/case.repository';
import { CaseWorkflow } from './case.workflow';
import { codedErrorOf } from './customs-coded-errors';

/** Who and which request: what every officer command carries. */
export interface OfficerRequest {
  readonly shipmentId: string;
  readonly actor: Actor;
  /** The client's idempotency id; empty: a fresh one (the request is never deduplicated). */
  readonly requestId: string;
}

/**
 * load → decide → save + outbox of an officer's command, in one transaction. The version
 * check is the domain's (expectedVersion) and again the UPDATE's `WHERE version = …`, so of
 * concurrent requests on the same version exactly one commits.
 */
@Injectable()
export class OfficerCommandRunner {
  constructor(
    private readonly transactions: TypeOrmTransactionRunner,
    private readonly cases: CaseRepository,
    private readonly workflow: CaseWorkflow,
  ) {}

  run(request: OfficerRequest, command: (meta: CommandMeta) => CaseCommand): Promise<StoredCase> {
    const meta: CommandMeta = {
      at: new Date().toISOString(),
      actor: request.actor,
      sourceEventId: request.requestId === '' ? `cmd-${uuidv7()}` : `req-${request.requestId}`,
    };
    return this.transactions.inTransaction(async (manager) => {
      const before = await this.cases.findByShipmentId(request.shipmentId, manager);
      if (before === null) {
        throw codedErrorOf(
          'CUSTOMS.CASE_NOT_FOUND',
          `shipment ${request.shipmentId} has no customs case`,
        );
      }
      return this.workflow.apply(manager, before, command(meta));
    });
  }
}
