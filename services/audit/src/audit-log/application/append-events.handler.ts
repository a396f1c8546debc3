import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { commonV1, EVENTS } from '@cuakhau/contracts';
import { OutboxWriter } from '@cuakhau/messaging';
import { TypeOrmTransactionRunner } from '@cuakhau/platform';
import type { PublishedKey } from '@cuakhau/signing';
import { AUDIT_LOGGER } from '../../audit.tokens';
import { factUpdateOf } from '../../clearance/application/clearance-fact.mapper';
import { AUDIT_SOURCE, SlaAlerter } from '../../clearance/application/sla-alerter';
import { replayFacts, type FactUpdate } from '../../clearance/domain/shipment-facts';
import { ShipmentFactRepository } from '../../clearance/infrastructure/shipment-fact.repository';
import {
  DECISION_TYPES,
  DecisionVerifier,
  type RecordedDecision,
} from '../../signatures/domain/decision-signature';
import { AgencyKeysSource } from '../../signatures/infrastructure/agency-keys.source';
import { linkEntries } from '../domain/hash-chain';
import {
  AuditEntryRepository,
  type IncomingEntry,
  type LinkedEntry,
} from '../infrastructure/audit-entry.repository';

interface SignatureOutcome {
  readonly agency: string;
  readonly agencyProto: commonV1.Agency;
  readonly decision: RecordedDecision;
  readonly status: 'VALID' | 'INVALID' | 'UNVERIFIED';
  readonly problem: string | null;
  readonly keyId: string | null;
}

function parseJson(payload: string | null): unknown {
  if (payload === null) return undefined;
  try {
    return JSON.parse(payload) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Appends a batch of received events to the hash chain, once each (ce_id unique), in
 * order, under the chain lock; in the same transaction records each decision's signature
 * check (and a `SignatureInvalid` alert), the clearance facts the events carry and any
 * SLA breach they reveal (a `SlaBreached` alert). A constant number of statements per batch
 * (about eight, whatever its size): the chain is one multi-row insert, hashed in JS.
 */
@Injectable()
export class AppendEventsHandler {
  private readonly verifier = new DecisionVerifier();

  constructor(
    private readonly transactions: TypeOrmTransactionRunner,
    private readonly entries: AuditEntryRepository,
    private readonly facts: ShipmentFactRepository,
    private readonly alerter: SlaAlerter,
    private readonly keys: AgencyKeysSource,
    private readonly outbox: OutboxWriter,
    @Inject(AUDIT_LOGGER) private readonly logger: Logger,
  ) {}

  async execute(incoming: readonly IncomingEntry[]): Promise<{ appended: number }> {
    // The agencies' keys are looked up before the lock (a fetch may call an agency); the
    // signatures are verified on the thread pool while the chain is written.
    const checks: Promise<readonly [string, SignatureOutcome]>[] = [];
    for (const entry of incoming) {
      const check = await this.checkSignature(entry);
      if (check !== undefined) {
        checks.push(check.outcome.then((outcome) => [entry.eventId, outcome] as const));
      }
    }
    const signatures = Promise.all(checks).then((done) => new Map(done));
    return this.transactions.inTransaction(async (tx) => {
      await this.entries.lockChain(tx);
      const existing = await this.entries.existingIds(
        tx,
        incoming.map((entry) => entry.eventId),
      );
      const fresh: IncomingEntry[] = [];
      for (const entry of incoming) {
        if (existing.has(entry.eventId)) continue;
        existing.add(entry.eventId);
        fresh.push(entry);
      }
      if (fresh.length === 0) return { appended: 0 };
      const linked = linkEntries(await this.entries.head(tx), fresh);
      await this.entries.insert(tx, linked);
      await this.recordSignatures(tx, linked, await signatures);
      await this.recordFacts(tx, linked);
      return { appended: linked.length };
    });
  }

  /**
   * The signature check of a decision (undefined for any other event): its agency's keys are
   * looked up now (fetched again when they lack the decision's key id: a rotation); `outcome`
   * is the verification, which runs on the thread pool and never rejects.
   */
  private async checkSignature(
    entry: IncomingEntry,
  ): Promise<{ readonly outcome: Promise<SignatureOutcome> } | undefined> {
    const known = DECISION_TYPES[entry.eventType];
    if (known === undefined) return undefined;
    const json = parseJson(entry.payload);
    let decision: RecordedDecision;
    try {
      decision =
        known.agency === 'customs'
          ? EVENTS.customsDecisionRecorded.fromJSON(json)
          : known.agency === 'border-guard'
            ? EVENTS.borderGuardDecisionRecorded.fromJSON(json)
            : EVENTS.quarantineDecisionRecorded.fromJSON(json);
    } catch {
      const unreadable: SignatureOutcome = {
        agency: known.agency,
        agencyProto: known.proto,
        decision: {
          shipmentId: entry.subject,
          caseId: '',
          decision: commonV1.AgencyDecision.AGENCY_DECISION_UNSPECIFIED,
          reason: '',
          caseVersion: 0,
          gateCode: '',
        },
        status: 'INVALID',
        problem: 'UNREADABLE_DECISION',
        keyId: null,
      };
      return { outcome: Promise.resolve(unreadable) };
    }
    const base = { agency: known.agency, agencyProto: known.proto, decision };
    const keyId =
      decision.signature?.keyId === undefined || decision.signature.keyId === ''
        ? null
        : decision.signature.keyId;
    let keys: readonly PublishedKey[];
    try {
      keys = await this.keys.keys(known.agency, false);
      if (keyId !== null && !DecisionVerifier.namesKnownKey(decision, keys)) {
        keys = await this.keys.keys(known.agency, true);
      }
    } catch (error) {
      this.logger.warn(
        { agency: known.agency, eventId: entry.eventId, error: String(error) },
        'agency keys unavailable: decision recorded as UNVERIFIED',
      );
      const unverified: SignatureOutcome = {
        ...base,
        status: 'UNVERIFIED',
        problem: 'KEYS_UNAVAILABLE',
        keyId,
      };
      return { outcome: Promise.resolve(unverified) };
    }
    const outcome = this.verifier
      .check(known.proto, decision, keys)
      .then((result): SignatureOutcome =>
        result.valid
          ? { ...base, status: 'VALID', problem: null, keyId: result.keyId }
          : { ...base, status: 'INVALID', problem: result.reason, keyId },
      );
    return { outcome };
  }

  /** The batch's signature checks (one statement) and a `SignatureInvalid` alert per invalid one. */
  private async recordSignatures(
    tx: EntityManager,
    linked: readonly LinkedEntry[],
    signatures: ReadonlyMap<string, SignatureOutcome>,
  ): Promise<void> {
    const checked = linked.flatMap((entry) => {
      const outcome = signatures.get(entry.eventId);
      return outcome === undefined ? [] : [{ entry, outcome }];
    });
    await this.entries.recordSignatureChecks(
      tx,
      checked.map(({ entry, outcome }) => ({
        eventId: entry.eventId,
        seq: entry.seq,
        agency: outcome.agency,
        status: outcome.status,
        problem: outcome.problem,
        keyId: outcome.keyId,
      })),
    );
    const detectedAt = new Date().toISOString();
    await this.outbox.append(
      tx,
      checked
        .filter(({ outcome }) => outcome.status === 'INVALID')
        .map(({ entry, outcome }) => {
          const shipmentId =
            outcome.decision.shipmentId === '' ? entry.subject : outcome.decision.shipmentId;
          return {
            contract: EVENTS.auditSignatureInvalid,
            key: shipmentId,
            source: AUDIT_SOURCE,
            message: {
              shipmentId,
              gateCode: outcome.decision.gateCode,
              agency: outcome.agencyProto,
              eventId: entry.eventId,
              eventType: entry.eventType,
              reason: outcome.problem ?? '',
              keyId: outcome.keyId ?? '',
              entrySeq: String(entry.seq),
              detectedAt,
            },
          };
        }),
    );
  }

  /**
   * The clearance facts the batch's events carry: the stored rows of their shipments are
   * read (and locked) once, the events replayed over them in chain order, each evaluated
   * against the SLA rules at its own time, and every shipment's merged facts written with one
   * upsert.
   */
  private async recordFacts(tx: EntityManager, linked: readonly LinkedEntry[]): Promise<void> {
    const updates: FactUpdate[] = [];
    const times: number[] = [];
    for (const entry of linked) {
      const json = parseJson(entry.payload);
      if (json === undefined || json === null || typeof json !== 'object') continue;
      const at = entry.eventTime === null ? Date.now() : Date.parse(entry.eventTime);
      let update: FactUpdate | undefined;
      try {
        update = factUpdateOf(entry.eventType, json, at);
      } catch {
        continue; // an unreadable payload is kept in the chain; it just carries no facts
      }
      if (update === undefined || update.shipmentId === '') continue;
      updates.push(update);
      times.push(at);
    }
    if (updates.length === 0) return;
    const stored = await this.facts.lockTimes(tx, [
      ...new Set(updates.map((update) => update.shipmentId)),
    ]);
    const { after, merged } = replayFacts(stored, updates);
    await this.facts.merge(tx, merged);
    await this.alerter.raise(
      tx,
      after.map((shipment, i) => ({ times: shipment, now: times[i] ?? Date.now() })),
    );
  }
}
