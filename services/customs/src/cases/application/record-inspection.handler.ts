import { Injectable } from '@nestjs/common';
import type { PhotoReference } from '../domain/customs-case';
import type { StoredCase } from '../infrastructure/case.repository';
import { OfficerCommandRunner, type OfficerRequest } from './officer-command.runner';

export interface RecordInspectionCommand extends OfficerRequest {
  readonly expectedVersion: number;
  readonly findings: string;
  readonly seals: readonly string[];
  readonly photos: readonly PhotoReference[];
}

/** An officer records the physical inspection (findings, seals, photos). */
@Injectable()
export class RecordInspectionHandler {
  constructor(private readonly runner: OfficerCommandRunner) {}

  execute(command: RecordInspectionCommand): Promise<StoredCase> {
    return this.runner.run(command, (meta) => ({
      type: 'RecordInspection',
      meta,
      data: {
        expectedVersion: command.expectedVersion,
        findings: command.findings,
        seals: command.seals,
        photos: command.photos,
      },
    }));
  }
}
