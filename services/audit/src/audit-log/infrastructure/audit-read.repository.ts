import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Who read the audit trail, and what (Decree 13/2023: every read is itself logged). */
@Injectable()
export class AuditReadRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(read: {
    readerKind: string;
    readerId: string;
    action: string;
    shipmentId: string | null;
  }): Promise<void> {
    await this.dataSource.query(
      'INSERT INTO audit_read (reader_kind, reader_id, action, shipment_id) VALUES ($1, $2, $3, $4)',
      [read.readerKind, read.readerId, read.action, read.shipmentId],
    );
  }

  async deleteOlderThan(cutoff: Date): Promise<number> {
    const result = await this.dataSource.query<{ n: number }[]>(
      'WITH gone AS (DELETE FROM audit_read WHERE read_at < $1 RETURNING 1) SELECT count(*)::int AS n FROM gone',
      [cutoff],
    );
    return result[0]?.n ?? 0;
  }
}
