import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface DailyRoot {
  readonly day: string;
  readonly lastSeq: number;
  readonly rootHash: string;
  readonly keyId: string;
  readonly algorithm: string;
  readonly signature: string;
}

interface RootRow {
  day: string;
  last_seq: string;
  root_hash: string;
  key_id: string;
  algorithm: string;
  signature: string;
}

@Injectable()
export class DailyRootRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(day: string): Promise<DailyRoot | undefined> {
    const rows = await this.dataSource.query<RootRow[]>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, last_seq, root_hash, key_id, algorithm, signature
       FROM daily_root WHERE day = $1`,
      [day],
    );
    const row = rows[0];
    return row === undefined
      ? undefined
      : {
          day: row.day,
          lastSeq: Number(row.last_seq),
          rootHash: row.root_hash,
          keyId: row.key_id,
          algorithm: row.algorithm,
          signature: row.signature,
        };
  }

  /** Keeps the first root signed for a day (a root never changes once published). */
  async save(root: DailyRoot): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO daily_root (day, last_seq, root_hash, key_id, algorithm, signature)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (day) DO NOTHING`,
      [root.day, root.lastSeq, root.rootHash, root.keyId, root.algorithm, root.signature],
    );
  }
}
