import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { commonV1, EVENTS } from '@cuakhau/contracts';
import { OutboxWriter } from '@cuakhau/messaging';
import { TypeOrmTransactionRunner } from '@cuakhau/platform';
import { AUDIT_LOGGER } from '../../audit.tokens';
import { factUpdateOf } from '../../clearance/application/clearance-fact.mapper';
import { AUDIT_SOURCE, SlaAlerter } from '../../clearance/application/sla-alerter';
import { ShipmentFactRepository } from '../../clearance/infrastructure/shipment-fact.repository';
import {
  checkDecision,
  DECISION_TYPES,
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
 * SLA breach they reveal (a `SlaBreached` alert).
 */
@Injectable()
export class AppendEventsHandler {
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
    // Signatures are checked before the lock: a key fetch may call an agency.
    const signatures = new Map<string, SignatureOutcome>();
    for (const entry of incoming) {
      const outcome = await this.checkSignature(entry);
      if (outcome !== undefined) signatures.set(entry.eventId, outcome);
    }
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
      const linked = linkEntries(await this.entries.head(tx), fresh);
      await this.entries.insert(tx, linked);
      for (const entry of linked) {
        const signature = signatures.get(entry.eventId);
        if (signature !== undefined) await this.recordSignature(tx, entry, signature);
        await this.recordFacts(tx, entry);
      }
      return { appended: linked.length };
    });
  }

  private async checkSignature(entry: IncomingEntry): Promise<SignatureOutcome | undefined> {
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
      return {
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
    }
    const base = { agency: known.agency, agencyProto: known.proto, decision };
    const keyId =
      decision.signature?.keyId === undefined || decision.signature.keyId === ''
        ? null
        : decision.signature.keyId;
    try {
      let result = checkDecision(known.proto, decision, await this.keys.keys(known.agency, false));
      if (!result.valid && result.reason === 'UNKNOWN_KEY') {
        result = checkDecision(known.proto, decision, await this.keys.keys(known.agency, true));
      }
      return result.valid
        ? { ...base, status: 'VALID', problem: null, keyId: result.keyId }
        : { ...base, status: 'INVALID', problem: result.reason, keyId };
    } catch (error) {
      this.logger.warn(
        { agency: known.agency, eventId: entry.eventId, error: String(error) },
        'agency keys unavailable: decision recorded as UNVERIFIED',
      );
      return { ...base, status: 'UNVERIFIED', problem: 'KEYS_UNAVAILABLE', keyId };
    }
  }

  private async recordSignature(
    tx: EntityManager,
    entry: LinkedEntry,
    outcome: SignatureOutcome,
  ): Promise<void> {
    await this.entries.recordSignatureCheck(tx, {
      eventId: entry.eventId,
      seq: entry.seq,
      agency: outcome.agency,
      status: outcome.status,
      problem: outcome.problem,
      keyId: outcome.keyId,
    });
    if (outcome.status !== 'INVALID') return;
    const shipmentId =
      outcome.decision.shipmentId === '' ? entry.subject : outcome.decision.shipmentId;
    await this.outbox.append(tx, [
      {
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
          detectedAt: new Date().toISOString(),
        },
      },
    ]);
  }

  private async recordFacts(tx: EntityManager, entry: LinkedEntry): Promise<void> {
    const json = parseJson(entry.payload);
    if (json === undefined || json === null || typeof json !== 'object') return;
    const at = entry.eventTime === null ? Date.now() : Date.parse(entry.eventTime);
    let update;
    try {
      update = factUpdateOf(entry.eventType, json, at);
    } catch {
      return; // an unreadable payload is kept in the chain; it just carries no facts
    }
    if (update === undefined || update.shipmentId === '') return;
    const times = await this.facts.apply(tx, update);
    await this.alerter.raise(tx, times, at);
  }
}
