import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@cuakhau/messaging';
import { TypeOrmTransactionRunner } from '@cuakhau/platform';
import type { Actor } from '../../cases/domain/quarantine-case';
import { codedErrorOf, validationFailed } from '../../cases/application/quarantine-coded-errors';
import {
  isInForce,
  validateControlledGoods,
  type ControlledGoodsEntry,
  type ControlledGoodsInput,
} from '../domain/controlled-goods';
import { ControlledGoodsRepository } from '../infrastructure/controlled-goods.repository';
import { controlledGoodsChangedEvent } from './controlled-goods-change';

function requireReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed === '') {
    throw codedErrorOf('QUARANTINE.REASON_REQUIRED', 'a change of the list needs a reason');
  }
  return trimmed;
}

export interface ListControlledGoodsQuery {
  readonly at: string;
  readonly includeExpired: boolean;
}

/** The list in force at an instant (or all of it). */
@Injectable()
export class ListControlledGoodsHandler {
  constructor(private readonly repository: ControlledGoodsRepository) {}

  async execute(query: ListControlledGoodsQuery): Promise<ControlledGoodsEntry[]> {
    const all = await this.repository.all();
    return query.includeExpired ? all : all.filter((entry) => isInForce(entry, query.at));
  }
}

export interface AddControlledGoodsCommand {
  readonly input: Omit<ControlledGoodsInput, 'addedBy'>;
  readonly actor: Actor;
  readonly at: string;
}

/** Adds a prefix (or replaces one that is no longer in force); audit event in the same transaction. */
@Injectable()
export class AddControlledGoodsHandler {
  constructor(
    private readonly transactions: TypeOrmTransactionRunner,
    private readonly repository: ControlledGoodsRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(command: AddControlledGoodsCommand): Promise<ControlledGoodsEntry> {
    const validation = validateControlledGoods({ ...command.input, addedBy: command.actor.id });
    if (!validation.ok) throw validationFailed(validation.error);
    const entry = validation.value;
    return this.transactions.inTransaction(async (manager) => {
      const existing = await this.repository.findForUpdate(manager, entry.hsPrefix);
      if (
        existing !== null &&
        (isInForce(existing, command.at) || Date.parse(existing.validFrom) > Date.parse(command.at))
      ) {
        throw codedErrorOf(
          'QUARANTINE.CONTROLLED_PREFIX_EXISTS',
          `HS prefix ${entry.hsPrefix} is already on the list (${existing.kind})`,
        );
      }
      await this.repository.save(manager, entry);
      await this.outbox.append(manager, [
        controlledGoodsChangedEvent('ADDED', entry, command.actor, entry.reason, command.at),
      ]);
      return entry;
    });
  }
}

export interface ExpireControlledGoodsCommand {
  readonly hsPrefix: string;
  /** Default: `at`. */
  readonly validUntil?: string;
  readonly actor: Actor;
  readonly reason: string;
  readonly at: string;
}

/** Ends an entry; it stays on the list for the record. */
@Injectable()
export class ExpireControlledGoodsHandler {
  constructor(
    private readonly transactions: TypeOrmTransactionRunner,
    private readonly repository: ControlledGoodsRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(command: ExpireControlledGoodsCommand): Promise<ControlledGoodsEntry> {
    const reason = requireReason(command.reason);
    const until = new Date(command.validUntil ?? command.at);
    if (Number.isNaN(until.getTime())) {
      throw codedErrorOf('QUARANTINE.CONTROLLED_PREFIX_INVALID', 'validUntil must be an instant');
    }
    return this.transactions.inTransaction(async (manager) => {
      const existing = await this.repository.findForUpdate(manager, command.hsPrefix.trim());
      if (existing === null) {
        throw codedErrorOf(
          'QUARANTINE.CONTROLLED_PREFIX_NOT_FOUND',
          `HS prefix ${command.hsPrefix} is not on the list`,
        );
      }
      if (until.getTime() <= Date.parse(existing.validFrom)) {
        throw codedErrorOf(
          'QUARANTINE.CONTROLLED_PREFIX_INVALID',
          'validUntil must be after the entry’s validFrom',
        );
      }
      const entry: ControlledGoodsEntry = { ...existing, validUntil: until.toISOString() };
      await this.repository.save(manager, entry);
      await this.outbox.append(manager, [
        controlledGoodsChangedEvent('EXPIRED', entry, command.actor, reason, command.at),
      ]);
      return entry;
    });
  }
}

export interface RemoveControlledGoodsCommand {
  readonly hsPrefix: string;
  readonly actor: Actor;
  readonly reason: string;
  readonly at: string;
}

/** Deletes an entry (the audit event keeps what it was). */
@Injectable()
export class RemoveControlledGoodsHandler {
  constructor(
    private readonly transactions: TypeOrmTransactionRunner,
    private readonly repository: ControlledGoodsRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(command: RemoveControlledGoodsCommand): Promise<void> {
    const reason = requireReason(command.reason);
    await this.transactions.inTransaction(async (manager) => {
      const existing = await this.repository.findForUpdate(manager, command.hsPrefix.trim());
      if (existing === null) {
        throw codedErrorOf(
          'QUARANTINE.CONTROLLED_PREFIX_NOT_FOUND',
          `HS prefix ${command.hsPrefix} is not on the list`,
        );
      }
      await this.repository.remove(manager, existing.hsPrefix);
      await this.outbox.append(manager, [
        controlledGoodsChangedEvent('REMOVED', existing, command.actor, reason, command.at),
      ]);
    });
  }
}
