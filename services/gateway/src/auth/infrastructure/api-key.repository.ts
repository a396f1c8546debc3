import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { API_KEY_SCOPES, type ApiKeyScope } from '../domain/access-rules';

export interface ApiKeyRecord {
  readonly id: string;
  readonly name: string;
  readonly keyHash: string;
  readonly gateCode: string;
  readonly scopes: readonly ApiKeyScope[];
  readonly revoked: boolean;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

interface ApiKeyRow {
  id: string;
  name: string;
  key_hash: string;
  gate_code: string;
  scopes: string[];
  created_at: Date;
  revoked_at: Date | null;
}

const COLUMNS = 'id, name, key_hash, gate_code, scopes, created_at, revoked_at';

/** Camera API keys, stored as hashes only. */
@Injectable()
export class ApiKeyRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async findById(id: string): Promise<ApiKeyRecord | undefined> {
    const rows: ApiKeyRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM api_keys WHERE id = $1`,
      [id],
    );
    return rows[0] === undefined ? undefined : toRecord(rows[0]);
  }

  async findByName(name: string): Promise<ApiKeyRecord | undefined> {
    const rows: ApiKeyRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM api_keys WHERE name = $1`,
      [name],
    );
    return rows[0] === undefined ? undefined : toRecord(rows[0]);
  }

  async insert(key: {
    id: string;
    name: string;
    keyHash: string;
    gateCode: string;
    scopes: readonly ApiKeyScope[];
  }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO api_keys (id, name, key_hash, gate_code, scopes) VALUES ($1, $2, $3, $4, $5)`,
      [key.id, key.name, key.keyHash, key.gateCode, [...key.scopes]],
    );
  }

  /** Every key, newest first (hashes included: callers show only what they must). */
  async list(): Promise<ApiKeyRecord[]> {
    const rows: ApiKeyRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM api_keys ORDER BY created_at DESC, id`,
    );
    return rows.map(toRecord);
  }

  /** Revokes the key (the first revocation's time stays); undefined when there is no such key. */
  async revoke(id: string): Promise<ApiKeyRecord | undefined> {
    await this.dataSource.query(
      `UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`,
      [id],
    );
    return this.findById(id);
  }
}

function toRecord(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    keyHash: row.key_hash,
    gateCode: row.gate_code,
    scopes: row.scopes.filter((scope): scope is ApiKeyScope =>
      (API_KEY_SCOPES as readonly string[]).includes(scope),
    ),
    revoked: row.revoked_at !== null,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}
