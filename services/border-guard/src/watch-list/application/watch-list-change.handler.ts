import { Injectable } from '@nestjs/common';
import { EVENTS, borderGuardV1 } from '@cuakhau/contracts';
import { OutboxWriter, outgoing, uuidv7 } from '@cuakhau/messaging';
import { TypeOrmTransactionRunner } from '@cuakhau/platform';
import { codedErrorOf } from '../../cases/application/border-guard-coded-errors';
import { actorToProto, BORDER_GUARD_SOURCE } from '../../cases/application/case-events';
import type { Actor } from '../../cases/domain/border-guard-case';
import type { WatchListEntry } from '../domain/watch-list';
import { WatchListRepository, type WatchListRecord } from '../infrastructure/watch-list.repository';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function entryToProto(entry: WatchListEntry): borderGuardV1.WatchListEntry {
  return {
    entryId: entry.id,
    subject:
      entry.subject === 'PERSON'
        ? borderGuardV1.WatchListSubject.WATCH_LIST_SUBJECT_PERSON
        : borderGuardV1.WatchListSubject.WATCH_LIST_SUBJECT_VEHICLE,
    fullName: entry.fullName,
    documentNumber: entry.documentNumber,
    nationality: entry.nationality,
    dateOfBirth: entry.dateOfBirth,
    plate: entry.plate,
    reason: entry.reason,
    expiresAt: entry.expiresAt ?? undefined,
  };
}

/**
 * Supervisors' watch-list changes: add, expire (kept, no longer screened), remove (recorded
 * in error). Each change and its event (with who and why) commit in one transaction.
 */
@Injectable()
export class WatchListChangeHandler {
  constructor(
    private readonly transactions: TypeOrmTransactionRunner,
    private readonly entries: WatchListRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  list(includeInactive: boolean): Promise<WatchListRecord[]> {
    return this.entries.list(includeInactive);
  }

  add(entry: Omit<WatchListEntry, 'id'>, actor: Actor): Promise<WatchListRecord> {
    const problems: string[] = [];
    if (entry.reason.trim() === '') problems.push('reason is required');
    if (actor.id === '') problems.push('actor.id is required');
    if (
      entry.subject === 'PERSON' &&
      entry.fullName.trim() === '' &&
      entry.documentNumber.trim() === ''
    ) {
      problems.push('a person needs a full name or a document number');
    }
    if (entry.subject === 'VEHICLE' && entry.plate.trim() === '')
      problems.push('a vehicle needs a plate');
    if (entry.dateOfBirth !== '' && !DATE.test(entry.dateOfBirth)) {
      problems.push('date_of_birth must be YYYY-MM-DD');
    }
    if (problems.length > 0) {
      throw codedErrorOf('BORDER_GUARD.VALIDATION_FAILED', problems.join('; '));
    }
    const at = new Date().toISOString();
    const record: WatchListRecord = {
      entry: { ...entry, id: uuidv7(), reason: entry.reason.trim() },
      state: 'ACTIVE',
      addedBy: actor,
      addedAt: at,
      endReason: '',
      endedAt: null,
    };
    return this.transactions.inTransaction(async (manager) => {
      await this.entries.insert(manager, record);
      const stored = (await this.entries.findById(record.entry.id, manager)) ?? record;
      await this.outbox.append(manager, [
        outgoing({
          contract: EVENTS.borderGuardWatchListEntryAdded,
          key: record.entry.id,
          source: BORDER_GUARD_SOURCE,
          message: { entry: entryToProto(stored.entry), actor: actorToProto(actor), addedAt: at },
        }),
      ]);
      return stored;
    });
  }

  end(
    entryId: string,
    state: 'EXPIRED' | 'REMOVED',
    reason: string,
    actor: Actor,
  ): Promise<WatchListRecord> {
    if (reason.trim() === '') {
      throw codedErrorOf('BORDER_GUARD.REASON_REQUIRED', `${state.toLowerCase()} needs a reason`);
    }
    const at = new Date().toISOString();
    return this.transactions.inTransaction(async (manager) => {
      const before = await this.entries.findById(entryId, manager);
      if (before === null) {
        throw codedErrorOf(
          'BORDER_GUARD.WATCH_LIST_ENTRY_NOT_FOUND',
          `there is no entry ${entryId}`,
        );
      }
      const ended = await this.entries.end(manager, entryId, state, reason.trim(), actor, at);
      if (ended === null) {
        throw codedErrorOf(
          'BORDER_GUARD.WATCH_LIST_ENTRY_INACTIVE',
          `entry ${entryId} is already ${before.state}`,
        );
      }
      const common = { entryId, reason: reason.trim(), actor: actorToProto(actor) };
      await this.outbox.append(manager, [
        state === 'EXPIRED'
          ? outgoing({
              contract: EVENTS.borderGuardWatchListEntryExpired,
              key: entryId,
              source: BORDER_GUARD_SOURCE,
              message: { ...common, expiredAt: at },
            })
          : outgoing({
              contract: EVENTS.borderGuardWatchListEntryRemoved,
              key: entryId,
              source: BORDER_GUARD_SOURCE,
              message: { ...common, removedAt: at },
            }),
      ]);
      return ended;
    });
  }
}
