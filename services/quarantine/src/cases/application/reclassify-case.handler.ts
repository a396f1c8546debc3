import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { classify } from '../../controlled-goods/domain/controlled-goods';
import { ControlledGoodsRepository } from '../../controlled-goods/infrastructure/controlled-goods.repository';
import { decide, type CommandMeta } from '../domain/case.state-machine';
import type { Declaration } from '../domain/quarantine-case';
import { CaseRepository } from '../infrastructure/case.repository';
import { CaseChangeWriter } from './case-change.writer';
import type { RegistryEventOutcome } from './registry-event-outcome';

export interface ReclassifyCaseCommand {
  readonly shipmentId: string;
  readonly declaration: Declaration;
  readonly meta: CommandMeta;
}

/** ShipmentAmended: classifies the new goods and documents again. Inbox transaction. */
@Injectable()
export class ReclassifyCaseHandler {
  constructor(
    private readonly cases: CaseRepository,
    private readonly controlledGoods: ControlledGoodsRepository,
    private readonly writer: CaseChangeWriter,
  ) {}

  async execute(
    command: ReclassifyCaseCommand,
    manager: EntityManager,
  ): Promise<RegistryEventOutcome> {
    const before = await this.cases.findByShipment(command.shipmentId, manager);
    const list = await this.controlledGoods.all(manager);
    const decided = decide(before, {
      type: 'ReclassifyCase',
      meta: command.meta,
      data: {
        declaration: command.declaration,
        classification: classify(command.declaration.goods, list, command.meta.at),
      },
    });
    if (!decided.ok) return { applied: false, refusal: decided.error };
    await this.writer.save(manager, before, decided.value);
    return { applied: true };
  }
}
