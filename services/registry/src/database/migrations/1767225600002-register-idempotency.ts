import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotent Register (the gateway's `Idempotency-Key` header, `idempotency_key` of
 * RegisterRequest).
 *
 * - `idempotency_key`: the client's key, NULL when it sent none; 1–200 characters.
 * - `idempotency_fingerprint`: hex SHA-256 of the organisation and the validated
 *   registration, so that a retry (same request) is told apart from a reuse of the key for
 *   a different request. Both set or both NULL.
 * - One shipment per (organisation, key), whatever its status — even a cancelled shipment
 *   keeps its key, so that a late retry replays it instead of registering again. This unique
 *   index, not application code, is what makes two concurrent calls with one key register
 *   once (`INSERT … ON CONFLICT DO NOTHING`, then the replay reads the winner).
 *
 * Existing rows keep NULL (no key): nothing to backfill.
 */
export class RegisterIdempotency1767225600002 implements MigrationInterface {
  readonly name = 'RegisterIdempotency1767225600002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE shipments
        ADD COLUMN idempotency_key text
          CHECK (char_length(idempotency_key) BETWEEN 1 AND 200),
        ADD COLUMN idempotency_fingerprint text
          CHECK (idempotency_fingerprint ~ '^[0-9a-f]{64}$'),
        ADD CONSTRAINT shipments_idempotency_pair
          CHECK ((idempotency_key IS NULL) = (idempotency_fingerprint IS NULL))`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX shipments_organisation_idempotency_key
        ON shipments (organisation_id, idempotency_key) WHERE idempotency_key IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS shipments_organisation_idempotency_key`);
    await queryRunner.query(`
      ALTER TABLE shipments
        DROP CONSTRAINT IF EXISTS shipments_idempotency_pair,
        DROP COLUMN IF EXISTS idempotency_fingerprint,
        DROP COLUMN IF EXISTS idempotency_key`);
  }
}
