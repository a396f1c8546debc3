import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { classify } from '../../controlled-goods/domain/controlled-goods';
import { ControlledGoodsRepository } from '../../controlled-goods/infrastructure/controlled-goods.repository';
import { decide, type CommandMeta } from '../domain/case.state-machine';
import type { Declaration } from '../domain/quarantine-case';
import { CaseRepository } from '../infrastructure/case.repository';
import { CaseChangeWriter } from './case-change.writer';
import type { RegistryEventOutcome } from './registry-event-outcome';

export interface OpenCaseCommand {
  readonly shipmentId: string;
  readonly declaration: Declaration;
  /** The registration's time (the list in force then applies), actor and ce_id. */
  readonly meta: CommandMeta;
}

/**
 * ShipmentRegistered: classifies the goods against the controlled-goods list and opens the
 * case (NOT_REQUIRED / HOLD published at once when the rules say so). Runs in the inbox
 * consumer's transaction.
 */
@Injectable()
export class OpenCaseHandler {
  constructor(
    private readonly cases: CaseRepository,
    private readonly controlledGoods: ControlledGoodsRepository,
    private readonly writer: CaseChangeWriter,
  ) {}

  async execute(command: OpenCaseCommand, manager: EntityManager): Promise<RegistryEventOutcome> {
    const before = await this.cases.findByShipment(command.shipmentId, manager);
    const list = await this.controlledGoods.all(manager);
    const decided = decide(before, {
      type: 'OpenCase',
      meta: command.meta,
      data: {
        caseId: randomUUID(),
        shipmentId: command.shipmentId,
        declaration: command.declaration,
        classification: classify(command.declaration.goods, list, command.meta.at),
      },
    });
    if (!decided.ok) return { applied: false, refusal: decided.error };
    await this.writer.save(manager, before, decided.value);
    return { applied: true };
  }
}
