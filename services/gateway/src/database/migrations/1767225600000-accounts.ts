import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisations, users with role/agency/gate, refresh tokens, idempotency records, API keys. */
export class Accounts1767225600000 implements MigrationInterface {
  readonly name = 'Accounts1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL UNIQUE,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('TRADER', 'CUSTOMS_OFFICER', 'BORDER_GUARD_OFFICER',
          'QUARANTINE_OFFICER', 'YARD_OPERATOR', 'SUPERVISOR', 'ADMIN')),
        organisation_id uuid REFERENCES organisations (id),
        gate_code text,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (role <> 'TRADER' OR organisation_id IS NOT NULL),
        CHECK (role NOT IN ('CUSTOMS_OFFICER', 'BORDER_GUARD_OFFICER', 'QUARANTINE_OFFICER',
          'YARD_OPERATOR', 'SUPERVISOR') OR gate_code IS NOT NULL)
      );
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY,
        family_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id),
        token_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz
      );
      CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
      CREATE TABLE idempotency_records (
        scope text NOT NULL,
        key text NOT NULL,
        fingerprint text NOT NULL,
        state text NOT NULL CHECK (state IN ('IN_PROGRESS', 'COMPLETED')),
        response_status integer,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (scope, key)
      );
      CREATE INDEX idempotency_records_expiry_idx ON idempotency_records (expires_at);
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        key_hash text NOT NULL,
        gate_code text NOT NULL,
        scopes text[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      );
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE api_keys;
      DROP TABLE idempotency_records;
      DROP TABLE refresh_tokens;
      DROP TABLE users;
      DROP TABLE organisations;
    `);
  }
}
