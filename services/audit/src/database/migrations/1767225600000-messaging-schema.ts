import type { MigrationInterface, QueryRunner } from 'typeorm';
import { MESSAGING_SCHEMA_DOWN_SQL, MESSAGING_SCHEMA_UP_SQL } from '@cuakhau/messaging';

/** The transactional outbox and the idempotent inbox of the audit service (ADR 0002). */
export class MessagingSchema1767225600000 implements MigrationInterface {
  readonly name = 'MessagingSchema1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(MESSAGING_SCHEMA_UP_SQL);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(MESSAGING_SCHEMA_DOWN_SQL);
  }
}
