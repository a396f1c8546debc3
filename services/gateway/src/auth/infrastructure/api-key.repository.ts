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
}

interface ApiKeyRow {
  id: string;
  name: string;
  key_hash: string;
  gate_code: string;
  scopes: string[];
  revoked_at: Date | null;
}

/** Camera API keys, stored as hashes only. */
@Injectable()
export class ApiKeyRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async findById(id: string): Promise<ApiKeyRecord | undefined> {
    const rows: ApiKeyRow[] = await this.dataSource.query(
      `SELECT id, name, key_hash, gate_code, scopes, revoked_at FROM api_keys WHERE id = $1`,
      [id],
    );
    return rows[0] === undefined ? undefined : toRecord(rows[0]);
  }

  async findByName(name: string): Promise<ApiKeyRecord | undefined> {
    const rows: ApiKeyRow[] = await this.dataSource.query(
      `SELECT id, name, key_hash, gate_code, scopes, revoked_at FROM api_keys WHERE name = $1`,
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

  async revoke(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`,
      [id],
    );
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
  };
}
