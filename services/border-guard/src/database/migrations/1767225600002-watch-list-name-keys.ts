import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rowsOf } from '@cuakhau/messaging';
import { nameIndexKeys } from '../../watch-list/domain/name-index-keys';

/**
 * Watch-list names found through index keys instead of trigram similarity.
 *
 * The pg_trgm pre-selection (`name_key % …`, similarity ≥ 0.3) was neither complete — Jaro–
 * Winkler alone accepts token pairs that share no trigram (abcdef / bacdfe) — nor fast at
 * 100,000 entries (22 screenings/s: the common trigrams of "nguyen", "van" hit most of the
 * list). The matcher now pairs tokens only when `tokensMayPair` (name-matching.ts). `name_keys` holds the
 * keys of name-index-keys.ts (prefix + length, and one-letter deletions near the start, of
 * every token and every run of adjacent tokens); the repository asks for entries that share a
 * key with each token of the screened name and pass the matcher's length rule, which provably
 * includes every name the matcher accepts (see that file). Existing rows are filled here with the same function.
 */
export class WatchListNameKeys1767225600002 implements MigrationInterface {
  readonly name = 'WatchListNameKeys1767225600002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE watch_list_entries ADD COLUMN name_keys text[] NOT NULL DEFAULT '{}'`,
    );
    const persons = rowsOf<{ id: string; full_name: string }>(
      await queryRunner.query(
        `SELECT id, full_name FROM watch_list_entries WHERE subject = 'PERSON'`,
      ),
    );
    for (let from = 0; from < persons.length; from += 1_000) {
      const chunk = persons.slice(from, from + 1_000);
      await queryRunner.query(
        `UPDATE watch_list_entries AS w SET name_keys = t.keys::text[]
         FROM unnest($1::uuid[], $2::text[]) AS t(id, keys) WHERE w.id = t.id`,
        [
          chunk.map((row) => row.id),
          chunk.map((row) => toArrayLiteral(nameIndexKeys(row.full_name))),
        ],
      );
    }
    await queryRunner.query(`DROP INDEX IF EXISTS watch_list_name_trgm_idx`);
    await queryRunner.query(
      `CREATE INDEX watch_list_name_keys_idx ON watch_list_entries USING gin (name_keys)
         WHERE state = 'ACTIVE' AND subject = 'PERSON'`,
    );
    // The name pre-selection: active persons sharing a key with every list (one list per row
    // of `key_lists`, padded with NULLs) whose letter count the matcher's length rule accepts. A function only to scope `enable_seqscan = off` to
    // this one statement: the planner costs `&&` on arrays of ~30 keys as cheap and, from about
    // 10,000 entries down, picks a sequential scan that evaluates every overlap on every row
    // (0.36 s at 10,000 entries against 0.6 ms through the index, measured).
    await queryRunner.query(`
      CREATE FUNCTION watch_list_name_candidates(key_lists text[], letters int, at timestamptz)
      RETURNS SETOF watch_list_entries LANGUAGE plpgsql STABLE
      SET enable_seqscan = off
      AS $fn$
      DECLARE
        shared text := '';
      BEGIN
        IF coalesce(array_length(key_lists, 1), 0) = 0 THEN
          RETURN;
        END IF;
        FOR i IN 1 .. array_length(key_lists, 1) LOOP
          shared := shared || format(' AND name_keys && $1[%s:%s]', i, i);
        END LOOP;
        RETURN QUERY EXECUTE
          'SELECT * FROM watch_list_entries WHERE state = ''ACTIVE'' AND subject = ''PERSON''
             AND (expires_at IS NULL OR expires_at > $3)
             AND abs(length(replace(name_key, '' '', '''')) - $2)
               <= 1 + greatest(length(replace(name_key, '' '', '''')), $2) / 12' || shared
          USING key_lists, letters, at;
      END
      $fn$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP FUNCTION IF EXISTS watch_list_name_candidates(text[], int, timestamptz)`,
    );
    await queryRunner.query(`DROP INDEX IF EXISTS watch_list_name_keys_idx`);
    await queryRunner.query(
      `CREATE INDEX watch_list_name_trgm_idx ON watch_list_entries
         USING gin (name_key gin_trgm_ops) WHERE state = 'ACTIVE' AND subject = 'PERSON'`,
    );
    await queryRunner.query(`ALTER TABLE watch_list_entries DROP COLUMN name_keys`);
  }
}

/** A text[] literal: keys are letters, digits, ':' and the tag — quoted anyway. */
function toArrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}
