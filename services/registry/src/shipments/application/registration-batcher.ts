import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxWriter, type OutgoingEvent } from '@cuakhau/messaging';
import { CodedError, TypeOrmTransactionRunner } from '@cuakhau/platform';
import type { IdempotencyRecord } from '../domain/idempotency';
import type { Shipment } from '../domain/shipment';
import { ShipmentRepository } from '../infrastructure/shipment.repository';
import { codedErrorOf } from './registry-coded-errors';

/** A decided, not yet stored registration: the new shipment and the events announcing it. */
export interface PendingRegistration {
  readonly shipment: Shipment;
  readonly events: readonly OutgoingEvent<unknown>[];
  readonly idempotency?: IdempotencyRecord;
}

/** What became of one registration. */
export type RegistrationOutcome =
  /** Stored, with its events, in a committed transaction. */
  | { readonly kind: 'created' }
  /** Not stored: the organisation registered this very request under this key before. */
  | { readonly kind: 'replayed'; readonly shipment: Shipment }
  /** Not stored: a duplicate declaration, or the key reused for another request. */
  | { readonly kind: 'refused'; readonly error: CodedError };

/** Registrations written by one transaction at most. */
export const MAX_BATCH = 64;
/** Batch transactions in flight at once (connections of the pool they hold). */
export const MAX_BATCHES_IN_FLIGHT = 4;

interface Waiting {
  readonly registration: PendingRegistration;
  resolve(outcome: RegistrationOutcome): void;
  reject(error: unknown): void;
}

/**
 * Writes registrations in groups ("group commit"): every registration waiting while the
 * previous transactions are in flight is written by the next one — one multi-row INSERT
 * of the shipments, one multi-row INSERT of their outbox rows, one COMMIT — instead of
 * four round trips and a commit each. Nothing waits on a timer: with nothing in flight a
 * registration starts its own transaction at once, so a lone request pays no latency;
 * under load the groups form by themselves. (Profiled under bench/registry-register.bench.ts:
 * validation and the pass-code HMAC were a few per cent of the service's CPU; the five
 * PostgreSQL round trips per registration, each a socket write and a wake-up of the backend,
 * were the largest cost the service could avoid.)
 *
 * Every guarantee of one-transaction-per-registration holds for each registration:
 * - the shipment and its ShipmentRegistered commit together or not at all;
 * - a duplicate declaration (or reused idempotency key) is refused by the unique index
 *   itself (`ON CONFLICT DO NOTHING` skips the row, it is reported as refused, and its
 *   events are not written); the others of the group are stored;
 * - any other failure of the group's transaction (not expected: the rows are validated)
 *   is never blamed on all of them: each registration is retried alone, so only the
 *   one at fault fails, with its own error.
 *
 * One difference: the outbox rows of a group are encoded when the group is written, so the
 * `traceparent` they carry is the batch's active context, not each request's. The registry's
 * gRPC handlers run without an active span today (no instrumentation), so nothing is lost.
 */
@Injectable()
export class RegistrationBatcher {
  private readonly queue: Waiting[] = [];
  private inFlight = 0;

  constructor(
    private readonly transactions: TypeOrmTransactionRunner,
    private readonly shipments: ShipmentRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Resolves once the registration's transaction committed (or it was refused / replayed). */
  submit(registration: PendingRegistration): Promise<RegistrationOutcome> {
    return new Promise<RegistrationOutcome>((resolve, reject) => {
      this.queue.push({ registration, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    while (this.inFlight < MAX_BATCHES_IN_FLIGHT && this.queue.length > 0) {
      const group = this.queue.splice(0, MAX_BATCH);
      this.inFlight += 1;
      void this.run(group).finally(() => {
        this.inFlight -= 1;
        this.drain();
      });
    }
  }

  /** Writes `group` in one transaction; settles every member's promise. Never rejects. */
  private async run(group: readonly Waiting[]): Promise<void> {
    let outcomes: RegistrationOutcome[];
    try {
      outcomes = await this.transactions.inTransaction((manager) =>
        this.write(
          manager,
          group.map((waiting) => waiting.registration),
        ),
      );
    } catch (error) {
      const [only] = group;
      if (group.length === 1 && only !== undefined) {
        only.reject(error);
        return;
      }
      // Rolled back: none of the group is stored. Retry each alone, so that the error
      // reaches only the registration that caused it.
      await Promise.all(group.map((waiting) => this.run([waiting])));
      return;
    }
    group.forEach((waiting, index) => {
      const outcome = outcomes[index];
      if (outcome === undefined) waiting.reject(new Error('registration without an outcome'));
      else waiting.resolve(outcome);
    });
  }

  private async write(
    manager: EntityManager,
    group: readonly PendingRegistration[],
  ): Promise<RegistrationOutcome[]> {
    const inserted = await this.shipments.insertNew(manager, group);
    await this.outbox.append(
      manager,
      group.filter(({ shipment }) => inserted.has(shipment.id)).flatMap(({ events }) => events),
    );
    const skipped = group.filter(({ shipment }) => !inserted.has(shipment.id));
    // A skipped row met a unique index: its idempotency key (a retry, or the key reused for
    // another request) or, failing that, the live declaration number at its gate. The rows
    // it met are committed (ON CONFLICT waited for them) or are this group's own, so this
    // read sees them.
    const stored = await this.shipments.findByIdempotencyKeys(
      manager,
      skipped.flatMap(({ shipment, idempotency }) =>
        idempotency === undefined
          ? []
          : [{ organisationId: shipment.organisationId, key: idempotency.key }],
      ),
    );
    return group.map(({ shipment, idempotency }): RegistrationOutcome => {
      if (inserted.has(shipment.id)) return { kind: 'created' };
      const first =
        idempotency === undefined
          ? undefined
          : stored.find(
              (candidate) =>
                candidate.key === idempotency.key &&
                candidate.shipment.organisationId === shipment.organisationId,
            );
      if (first !== undefined && idempotency !== undefined) {
        return first.fingerprint === idempotency.fingerprint
          ? { kind: 'replayed', shipment: first.shipment }
          : {
              kind: 'refused',
              error: codedErrorOf(
                'REGISTRY.IDEMPOTENCY_KEY_REUSED',
                `idempotency key ${JSON.stringify(idempotency.key)} was already used by this organisation for a different registration (shipment ${first.shipment.id})`,
              ),
            };
      }
      return {
        kind: 'refused',
        error: codedErrorOf(
          'REGISTRY.DECLARATION_DUPLICATE',
          `declaration ${shipment.declarationNumber} is already registered at gate ${shipment.gateCode}`,
        ),
      };
    });
  }
}
