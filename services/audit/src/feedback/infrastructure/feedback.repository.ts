import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { FeedbackAgency, FeedbackKind, FeedbackState, TimingSample } from '../domain/feedback';

interface FeedbackRow {
  id: string;
  shipment_id: string;
  gate_code: string;
  kind: FeedbackKind;
  agency: FeedbackAgency;
  organisation_id: string;
  author_kind: string;
  author_id: string;
  author_name: string;
  message: string;
  submitted_at: Date;
  answer: string | null;
  answered_by_kind: string | null;
  answered_by_id: string | null;
  answered_by_name: string | null;
  answered_at: Date | null;
}

export interface FeedbackFilter {
  /** undefined: every gate / agency / organisation / shipment / status. */
  readonly gateCode?: string | undefined;
  readonly agency?: FeedbackAgency | undefined;
  readonly status?: 'OPEN' | 'ANSWERED' | undefined;
  readonly organisationId?: string | undefined;
  readonly shipmentId?: string | undefined;
}

/** Keyset position of a page: items strictly older than this (newest first). */
export interface PageCursor {
  readonly submittedAt: Date;
  readonly id: string;
}

function stateOf(row: FeedbackRow): FeedbackState {
  return {
    id: row.id,
    shipmentId: row.shipment_id,
    gateCode: row.gate_code,
    kind: row.kind,
    agency: row.agency,
    organisationId: row.organisation_id,
    author: { kind: row.author_kind, id: row.author_id, displayName: row.author_name },
    message: row.message,
    submittedAt: row.submitted_at,
    answer:
      row.answer === null || row.answered_at === null
        ? undefined
        : {
            text: row.answer,
            by: {
              kind: row.answered_by_kind ?? '',
              id: row.answered_by_id ?? '',
              displayName: row.answered_by_name ?? '',
            },
            at: row.answered_at,
          },
  };
}

/** Conditions and parameters of a filter, from parameter number `first` on. */
function whereOf(filter: FeedbackFilter, first = 1): { sql: string[]; params: unknown[] } {
  const sql: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, value: unknown): void => {
    params.push(value);
    sql.push(condition.replace('?', `$${first + params.length - 1}`));
  };
  if (filter.gateCode !== undefined) add('gate_code = ?', filter.gateCode);
  if (filter.agency !== undefined) add('agency = ?', filter.agency);
  if (filter.organisationId !== undefined) add('organisation_id = ?', filter.organisationId);
  if (filter.shipmentId !== undefined) add('shipment_id = ?::uuid', filter.shipmentId);
  if (filter.status === 'OPEN') sql.push('answered_at IS NULL');
  if (filter.status === 'ANSWERED') sql.push('answered_at IS NOT NULL');
  return { sql, params };
}

/** The only code that touches the feedback_item table. */
@Injectable()
export class FeedbackRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: EntityManager, item: FeedbackState): Promise<void> {
    await tx.query(
      `INSERT INTO feedback_item (id, shipment_id, gate_code, kind, agency, organisation_id,
         author_kind, author_id, author_name, message, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        item.id,
        item.shipmentId,
        item.gateCode,
        item.kind,
        item.agency,
        item.organisationId,
        item.author.kind,
        item.author.id,
        item.author.displayName,
        item.message,
        item.submittedAt,
      ],
    );
  }

  /** The item, locked until the transaction ends (answers are serialised per item). */
  async findForUpdate(tx: EntityManager, id: string): Promise<FeedbackState | undefined> {
    const rows = await tx.query<FeedbackRow[]>(
      `SELECT * FROM feedback_item WHERE id = $1::uuid FOR UPDATE`,
      [id],
    );
    const row = rows[0];
    return row === undefined ? undefined : stateOf(row);
  }

  async saveAnswer(tx: EntityManager, item: FeedbackState): Promise<void> {
    const answer = item.answer;
    if (answer === undefined) throw new TypeError(`feedback ${item.id} has no answer to save`);
    await tx.query(
      `UPDATE feedback_item SET answer = $2, answered_by_kind = $3, answered_by_id = $4,
         answered_by_name = $5, answered_at = $6
       WHERE id = $1 AND answered_at IS NULL`,
      [item.id, answer.text, answer.by.kind, answer.by.id, answer.by.displayName, answer.at],
    );
  }

  /** Newest first, `limit` items after `cursor`. */
  async list(
    filter: FeedbackFilter,
    cursor: PageCursor | undefined,
    limit: number,
  ): Promise<FeedbackState[]> {
    const where = whereOf(filter);
    const params = [...where.params];
    if (cursor !== undefined) {
      params.push(cursor.submittedAt, cursor.id);
      where.sql.push(
        `(submitted_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
      );
    }
    params.push(limit);
    const rows = await this.dataSource.query<FeedbackRow[]>(
      `SELECT * FROM feedback_item
       ${where.sql.length === 0 ? '' : `WHERE ${where.sql.join(' AND ')}`}
       ORDER BY submitted_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(stateOf);
  }

  /** Submission and answer times of a gate's items submitted in [from, to). */
  async timings(
    gateCode: string | undefined,
    from: Date | undefined,
    to: Date | undefined,
  ): Promise<TimingSample[]> {
    const rows = await this.dataSource.query<
      { agency: FeedbackAgency; submitted_at: Date; answered_at: Date | null }[]
    >(
      `SELECT agency, submitted_at, answered_at FROM feedback_item
       WHERE ($1::text IS NULL OR gate_code = $1)
         AND ($2::timestamptz IS NULL OR submitted_at >= $2)
         AND ($3::timestamptz IS NULL OR submitted_at < $3)`,
      [gateCode ?? null, from ?? null, to ?? null],
    );
    return rows.map((row) => ({
      agency: row.agency,
      submittedAt: row.submitted_at,
      answeredAt: row.answered_at ?? undefined,
    }));
  }
}
