import { Injectable } from '@nestjs/common';
import {
  CaseRepository,
  type CaseFilter,
  type StoredCase,
} from '../infrastructure/case.repository';
import { codedErrorOf } from './customs-coded-errors';

export interface ListCasesQuery {
  readonly filter: CaseFilter;
  /** 0: the default. */
  readonly pageSize: number;
  readonly pageToken: string;
}

export interface CasePage {
  readonly cases: readonly StoredCase[];
  readonly nextPageToken: string;
}

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The officer queue: cases in id order (UUIDv7, oldest first); the token is the last id. */
@Injectable()
export class ListCasesHandler {
  constructor(private readonly cases: CaseRepository) {}

  async execute(query: ListCasesQuery): Promise<CasePage> {
    const size = query.pageSize <= 0 ? DEFAULT_PAGE_SIZE : Math.min(query.pageSize, MAX_PAGE_SIZE);
    let after: string | undefined;
    if (query.pageToken !== '') {
      after = Buffer.from(query.pageToken, 'base64url').toString('utf8');
      if (!UUID.test(after)) {
        throw codedErrorOf('CUSTOMS.PAGE_TOKEN_INVALID', 'the page token is not one this API gave');
      }
    }
    const rows = await this.cases.list(query.filter, after, size + 1);
    const page = rows.slice(0, size);
    const last = page[page.length - 1];
    return {
      cases: page,
      nextPageToken:
        rows.length > size && last !== undefined
          ? Buffer.from(last.state.id, 'utf8').toString('base64url')
          : '',
    };
  }
}
