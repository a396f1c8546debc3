import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface RefreshTokenRecord {
  readonly id: string;
  readonly familyId: string;
  readonly userId: string;
  readonly tokenHash: string;
  readonly expiresAt: Date;
  readonly used: boolean;
  readonly revoked: boolean;
}

interface RefreshTokenRow {
  id: string;
  family_id: string;
  user_id: string;
  token_hash: string;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}

/** Rotating refresh tokens, grouped in families (one family per login). */
@Injectable()
export class RefreshTokenRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insert(token: {
    id: string;
    familyId: string;
    userId: string;
    tokenHash: string;
    expiresAt: Date;
  }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, expires_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [token.id, token.familyId, token.userId, token.tokenHash, token.expiresAt],
    );
  }

  async findById(id: string): Promise<RefreshTokenRecord | undefined> {
    const rows: RefreshTokenRow[] = await this.dataSource.query(
      `SELECT id, family_id, user_id, token_hash, expires_at, used_at, revoked_at
         FROM refresh_tokens WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    return row === undefined
      ? undefined
      : {
          id: row.id,
          familyId: row.family_id,
          userId: row.user_id,
          tokenHash: row.token_hash,
          expiresAt: row.expires_at,
          used: row.used_at !== null,
          revoked: row.revoked_at !== null,
        };
  }

  /** Marks the token used if it still is fresh; false when someone used it first. */
  async markUsed(id: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `UPDATE refresh_tokens SET used_at = now()
        WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
        RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`,
      [familyId],
    );
  }
}
