import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { StoredIdempotency } from '../domain/fingerprint';

interface IdempotencyRow {
  fingerprint: string;
  state: 'IN_PROGRESS' | 'COMPLETED';
  response_status: number | null;
  response_body: unknown;
}

/** Idempotency records (PostgreSQL), kept until `expires_at`. */
@Injectable()
export class IdempotencyRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Claims (scope, key) for this request; false when a live record already holds it. */
  async claim(scope: string, key: string, fingerprint: string, ttlHours: number): Promise<boolean> {
    await this.dataSource.query(
      `DELETE FROM idempotency_records WHERE scope = $1 AND key = $2 AND expires_at <= now()`,
      [scope, key],
    );
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_records (scope, key, fingerprint, state, expires_at)
       VALUES ($1, $2, $3, 'IN_PROGRESS', now() + make_interval(hours => $4))
       ON CONFLICT (scope, key) DO NOTHING RETURNING key`,
      [scope, key, fingerprint, ttlHours],
    );
    return rows.length > 0;
  }

  async find(scope: string, key: string): Promise<StoredIdempotency | undefined> {
    const rows: IdempotencyRow[] = await this.dataSource.query(
      `SELECT fingerprint, state, response_status, response_body FROM idempotency_records
        WHERE scope = $1 AND key = $2 AND expires_at > now()`,
      [scope, key],
    );
    const row = rows[0];
    return row === undefined
      ? undefined
      : {
          fingerprint: row.fingerprint,
          state: row.state,
          status: row.response_status,
          body: row.response_body,
        };
  }

  async complete(scope: string, key: string, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_records SET state = 'COMPLETED', response_status = $3,
              response_body = $4::jsonb WHERE scope = $1 AND key = $2`,
      [scope, key, status, JSON.stringify(body ?? null)],
    );
  }

  /** Frees the key after a failure, so that the client may retry with it. */
  async release(scope: string, key: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_records WHERE scope = $1 AND key = $2 AND state = 'IN_PROGRESS'`,
      [scope, key],
    );
  }

  async deleteExpired(): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `DELETE FROM idempotency_records WHERE expires_at <= now() RETURNING key`,
    );
    return rows.length;
  }
}
