import { Injectable } from '@nestjs/common';
import type { Channel } from '../domain/declaration';
import type { StoredCase } from '../infrastructure/case.repository';
import { OfficerCommandRunner, type OfficerRequest } from './officer-command.runner';

export interface ChangeChannelCommand extends OfficerRequest {
  readonly expectedVersion: number;
  readonly channel: Channel;
  readonly reason: string;
}

/** An officer overrides the proposed channel, with a mandatory reason. */
@Injectable()
export class ChangeChannelHandler {
  constructor(private readonly runner: OfficerCommandRunner) {}

  execute(command: ChangeChannelCommand): Promise<StoredCase> {
    return this.runner.run(command, (meta) => ({
      type: 'ChangeChannel',
      meta,
      data: {
        expectedVersion: command.expectedVersion,
        channel: command.channel,
        reason: command.reason,
      },
    }));
  }
}
