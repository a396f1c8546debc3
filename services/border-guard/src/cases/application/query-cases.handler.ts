import { Injectable } from '@nestjs/common';
import type { BorderGuardCase, CaseStatus } from '../domain/border-guard-case';
import { CaseRepository, type CaseCursor } from '../infrastructure/case.repository';
import { codedErrorOf } from './border-guard-coded-errors';

export interface CasePage {
  readonly cases: readonly BorderGuardCase[];
  readonly nextPageToken: string;
}

/** Officers' reads: one case, or a page of cases (most recently changed first). */
@Injectable()
export class QueryCasesHandler {
  constructor(private readonly cases: CaseRepository) {}

  async get(shipmentId: string): Promise<BorderGuardCase> {
    const found = await this.cases.findByShipment(shipmentId);
    if (found === null) {
      throw codedErrorOf(
        'BORDER_GUARD.CASE_NOT_FOUND',
        `there is no border-guard case for shipment ${shipmentId}`,
      );
    }
    return found;
  }

  async list(query: {
    statuses: readonly CaseStatus[];
    gateCode?: string;
    pageSize: number;
    pageToken: string;
  }): Promise<CasePage> {
    const limit = query.pageSize <= 0 ? 50 : Math.min(query.pageSize, 200);
    const cursor = decodeCursor(query.pageToken);
    const rows = await this.cases.list(query.statuses, query.gateCode, cursor, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      cases: page,
      nextPageToken:
        rows.length > limit && last !== undefined
          ? Buffer.from(
              JSON.stringify({ updatedAt: last.updatedAt, shipmentId: last.shipmentId }),
            ).toString('base64url')
          : '',
    };
  }
}

function decodeCursor(token: string): CaseCursor | undefined {
  if (token === '') return undefined;
  try {
    const parsed = JSON.parse(
      Buffer.from(token, 'base64url').toString('utf8'),
    ) as Partial<CaseCursor>;
    if (typeof parsed.updatedAt === 'string' && typeof parsed.shipmentId === 'string') {
      return { updatedAt: parsed.updatedAt, shipmentId: parsed.shipmentId };
    }
  } catch {
    // fall through
  }
  throw codedErrorOf(
    'BORDER_GUARD.VALIDATION_FAILED',
    'page_token is not a token this service issued',
  );
}
