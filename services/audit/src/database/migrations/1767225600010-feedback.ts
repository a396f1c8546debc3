import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The feedback channel: traders' and drivers' feedback and complaints on shipments and the
 * agencies' answers (one each). Submissions and answers are also chained through the outbox.
 */
export class Feedback1767225600010 implements MigrationInterface {
  readonly name = 'Feedback1767225600010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE feedback_item (
        id               uuid PRIMARY KEY,
        shipment_id      uuid NOT NULL,
        gate_code        text NOT NULL,
        kind             text NOT NULL CHECK (kind IN ('FEEDBACK', 'COMPLAINT')),
        agency           text NOT NULL
                           CHECK (agency IN ('customs', 'border-guard', 'quarantine', 'yard')),
        organisation_id  text NOT NULL DEFAULT '',
        author_kind      text NOT NULL,
        author_id        text NOT NULL,
        author_name      text NOT NULL DEFAULT '',
        message          text NOT NULL CHECK (length(message) BETWEEN 1 AND 2000),
        submitted_at     timestamptz NOT NULL,
        answer           text CHECK (length(answer) BETWEEN 1 AND 2000),
        answered_by_kind text,
        answered_by_id   text,
        answered_by_name text,
        answered_at      timestamptz,
        CONSTRAINT feedback_item_answer_complete CHECK (
          (answer IS NULL AND answered_by_id IS NULL AND answered_at IS NULL) OR
          (answer IS NOT NULL AND answered_by_id IS NOT NULL AND answered_at IS NOT NULL)
        )
      );
      CREATE INDEX feedback_item_gate_idx ON feedback_item (gate_code, submitted_at DESC, id DESC);
      CREATE INDEX feedback_item_open_idx ON feedback_item (gate_code, agency, submitted_at)
        WHERE answered_at IS NULL;
      CREATE INDEX feedback_item_organisation_idx
        ON feedback_item (organisation_id, submitted_at DESC, id DESC)
        WHERE organisation_id <> '';
      CREATE INDEX feedback_item_shipment_idx ON feedback_item (shipment_id);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE feedback_item`);
  }
}
