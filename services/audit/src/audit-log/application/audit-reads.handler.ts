import { Injectable } from '@nestjs/common';
import { CHAIN_START, verifyEntries } from '../domain/hash-chain';
import { maskPayloadText } from '../domain/masking';
import { AuditEntryRepository, type EntryRow } from '../infrastructure/audit-entry.repository';
import { AuditReadRepository } from '../infrastructure/audit-read.repository';
import { auditInvalid } from './audit-coded-errors';

export interface Reader {
  readonly kind: string;
  readonly id: string;
}

export type MaskedEntry = Omit<EntryRow, 'payload' | 'headers' | 'key'> & { payloadJson: string };

function requireReader(reader: Reader | undefined): Reader {
  if (reader === undefined || reader.id.trim() === '') {
    throw auditInvalid('reader', 'who reads the audit trail is required (it is logged)');
  }
  return reader;
}

/** ListAuditEntries: one shipment's entries, personal data masked; the read is logged. */
@Injectable()
export class ListAuditEntriesHandler {
  constructor(
    private readonly entries: AuditEntryRepository,
    private readonly reads: AuditReadRepository,
  ) {}

  async execute(query: {
    shipmentId: string;
    reader: Reader | undefined;
    pageSize: number;
    afterSeq: number;
  }): Promise<MaskedEntry[]> {
    const reader = requireReader(query.reader);
    if (query.shipmentId.trim() === '') throw auditInvalid('shipmentId', 'is required');
    const limit = query.pageSize <= 0 ? 200 : Math.min(query.pageSize, 1000);
    await this.reads.record({
      readerKind: reader.kind,
      readerId: reader.id,
      action: 'ListAuditEntries',
      shipmentId: query.shipmentId,
    });
    const rows = await this.entries.listForSubject(query.shipmentId, query.afterSeq, limit);
    return rows.map(({ payload, headers: _headers, key: _key, ...rest }) => ({
      ...rest,
      payloadJson: maskPayloadText(payload),
    }));
  }
}

export interface ChainVerification {
  readonly valid: boolean;
  readonly entries: number;
  readonly firstBrokenEntry: number;
  readonly headHash: string;
}

/** VerifyChain: walks the whole chain page by page; the read is logged. */
@Injectable()
export class VerifyChainHandler {
  constructor(
    private readonly entries: AuditEntryRepository,
    private readonly reads: AuditReadRepository,
  ) {}

  async execute(query: { reader: Reader | undefined }): Promise<ChainVerification> {
    const reader = requireReader(query.reader);
    await this.reads.record({
      readerKind: reader.kind,
      readerId: reader.id,
      action: 'VerifyChain',
      shipmentId: null,
    });
    let cursor = CHAIN_START;
    for (;;) {
      const page = await this.entries.page(cursor.lastSeq, 5_000);
      if (page.length === 0) break;
      cursor = verifyEntries(cursor, page);
    }
    return {
      valid: cursor.firstBroken === undefined,
      entries: cursor.entries,
      firstBrokenEntry: cursor.firstBroken ?? 0,
      headHash: cursor.lastHash,
    };
  }
}
