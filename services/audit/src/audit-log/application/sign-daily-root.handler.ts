import { Injectable } from '@nestjs/common';
import { dailyRootSigningInput } from '../domain/hash-chain';
import { AuditEntryRepository } from '../infrastructure/audit-entry.repository';
import { AuditKey } from '../infrastructure/audit-key.provider';
import { DailyRootRepository, type DailyRoot } from '../infrastructure/daily-root.repository';
import { auditInvalid, rootNotFound } from './audit-coded-errors';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The signed root of a UTC day: the hash of the last entry appended before the day ended,
 * signed with the audit key over `cuakhau.audit.root.v1|day|seq|hash`. A finished day's
 * root is stored once and never changes; today's is signed as of now and not stored.
 */
@Injectable()
export class SignDailyRootHandler {
  constructor(
    private readonly entries: AuditEntryRepository,
    private readonly roots: DailyRootRepository,
    private readonly auditKey: AuditKey,
  ) {}

  async execute(day: string, now = new Date()): Promise<DailyRoot> {
    if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
      throw auditInvalid('day', 'must be YYYY-MM-DD');
    }
    const stored = await this.roots.find(day);
    if (stored !== undefined) return stored;
    const end = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);
    const finished = end.getTime() <= now.getTime();
    const last = await this.entries.lastBefore(finished ? end : now);
    if (last === undefined) throw rootNotFound(day);
    const signature = this.auditKey.key.sign(dailyRootSigningInput(day, last.seq, last.hash));
    const root: DailyRoot = {
      day,
      lastSeq: last.seq,
      rootHash: last.hash,
      keyId: signature.keyId,
      algorithm: signature.algorithm,
      signature: signature.signature,
    };
    if (finished) await this.roots.save(root);
    return finished ? ((await this.roots.find(day)) ?? root) : root;
  }
}
