import { Injectable } from '@nestjs/common';
import type { QuarantineCase } from '../domain/quarantine-case';
import { CaseRepository } from '../infrastructure/case.repository';
import { codedErrorOf } from './quarantine-coded-errors';

export interface GetCaseQuery {
  readonly shipmentId: string;
  /** When set, a case of another gate answers CASE_NOT_FOUND. */
  readonly gateCode?: string;
}

@Injectable()
export class GetCaseHandler {
  constructor(private readonly cases: CaseRepository) {}

  async execute(query: GetCaseQuery): Promise<QuarantineCase> {
    const found = await this.cases.findByShipment(query.shipmentId);
    if (
      found === null ||
      (query.gateCode !== undefined && found.declaration.gateCode !== query.gateCode)
    ) {
      throw codedErrorOf('QUARANTINE.CASE_NOT_FOUND', `no quarantine case for ${query.shipmentId}`);
    }
    return found;
  }
}
