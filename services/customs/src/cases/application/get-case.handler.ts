import { Injectable } from '@nestjs/common';
import { CaseRepository, type StoredCase } from '../infrastructure/case.repository';
import { codedErrorOf } from './customs-coded-errors';

/** One case by its shipment id. */
@Injectable()
export class GetCaseHandler {
  constructor(private readonly cases: CaseRepository) {}

  async execute(shipmentId: string): Promise<StoredCase> {
    const found = await this.cases.findByShipmentId(shipmentId);
    if (found === null) {
      throw codedErrorOf('CUSTOMS.CASE_NOT_FOUND', `shipment ${shipmentId} has no customs case`);
    }
    return found;
  }
}
