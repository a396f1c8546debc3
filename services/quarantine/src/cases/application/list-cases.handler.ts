import { Injectable } from '@nestjs/common';
import { QUEUE_STATUSES, type CaseStatus, type QuarantineCase } from '../domain/quarantine-case';
import { CaseRepository, type CaseCursor } from '../infrastructure/case.repository';
import { codedErrorOf } from './quarantine-coded-errors';

export interface ListCasesQuery {
  readonly gateCode?: string;
  /** Empty: the officer queue (OPEN and HELD). */
  readonly statuses: readonly CaseStatus[];
  readonly pageSize: number;
  readonly pageToken: string;
}

export interface CasePage {
  readonly cases: readonly QuarantineCase[];
  readonly nextPageToken: string;
}

const DEFAULT_PAGE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_PAGE = 200;

/** A page of cases, oldest first, with an opaque cursor (base64url of opened at + shipment id). */
@Injectable()
export class ListCasesHandler {
  constructor(private readonly cases: CaseRepository) {}

  async execute(query: ListCasesQuery): Promise<CasePage> {
    const size = query.pageSize <= 0 ? DEFAULT_PAGE : Math.min(query.pageSize, MAX_PAGE);
    const cursor = query.pageToken === '' ? undefined : decodeCursor(query.pageToken);
    const rows = await this.cases.list(
      {
        ...(query.gateCode === undefined ? {} : { gateCode: query.gateCode }),
        statuses: query.statuses.length === 0 ? QUEUE_STATUSES : query.statuses,
      },
      cursor,
      size + 1,
    );
    const page = rows.slice(0, size);
    const last = page[page.length - 1];
    return {
      cases: page,
      nextPageToken:
        rows.length > size && last !== undefined
          ? encodeCursor({ openedAt: last.openedAt, shipmentId: last.shipmentId })
          : '',
    };
  }
}

function encodeCursor(cursor: CaseCursor): string {
  return Buffer.from(JSON.stringify([cursor.openedAt, cursor.shipmentId])).toString('base64url');
}

function decodeCursor(token: string): CaseCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string' &&
      UUID.test(parsed[1]) &&
      !Number.isNaN(Date.parse(parsed[0]))
    ) {
      return { openedAt: parsed[0], shipmentId: parsed[1] };
    }
  } catch {
    // fall through
  }
  throw codedErrorOf('QUARANTINE.PAGE_TOKEN_INVALID', 'the page token is not valid');
}
