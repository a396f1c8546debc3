import { Inject, Injectable } from '@nestjs/common';
import { CodedError } from '@cuakhau/platform';
import { AttemptLimiter } from '../../auth/infrastructure/attempt-limiter';
import type { GatewayConfig } from '../../gateway.config';
import { GATEWAY_CONFIG } from '../../gateway.tokens';
import { HttpProblemError } from '../../http/http-problem.error';
import { RegistryClient } from '../../shipments/infrastructure/registry.client';
import { statusName } from '../../shipments/transport/shipment.mapper';
import { positionView, type QueuePositionView, type QueueStanding } from '../domain/queue-position';
import { QueueClient } from '../infrastructure/queue.client';

/**
 * The driver's view from plate + pass code. A wrong pass code answers exactly like an
 * unknown plate (404), and wrong guesses are counted per address (429 past the limit).
 */
@Injectable()
export class ReadQueuePositionHandler {
  constructor(
    private readonly registry: RegistryClient,
    private readonly queue: QueueClient,
    private readonly limiter: AttemptLimiter,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async execute(command: {
    plate: string;
    passCode: string;
    clientIp: string;
  }): Promise<QueuePositionView> {
    const key = `pass-fail:ip:${command.clientIp}`;
    const limit = this.config.PASS_LOOKUP_MAX_FAILURES_PER_IP;
    const wait = await this.limiter.blocked(key, limit);
    if (wait !== undefined) throw tooManyGuesses(wait);
    let summary;
    try {
      summary = (
        await this.registry.lookupByPlateAndPass({
          plate: command.plate,
          passCode: command.passCode,
        })
      ).shipment;
    } catch (error) {
      if (error instanceof CodedError && (error.kind === 'NOT_FOUND' || error.kind === 'INVALID')) {
        const over = await this.limiter.hit(key, limit, this.config.PASS_LOOKUP_WINDOW_SECONDS);
        if (over !== undefined) throw tooManyGuesses(over);
        throw notFound();
      }
      throw error;
    }
    if (summary === undefined) throw notFound();
    return positionView(
      {
        shipmentId: summary.shipmentId,
        gateCode: summary.gateCode,
        status: statusName(summary.status),
      },
      await this.standingOf(summary.shipmentId),
    );
  }

  /**
   * The queue's own answer; undefined when the truck is not in the queue or the queue
   * service cannot answer (the driver then sees the registry status and its explanation).
   */
  private async standingOf(shipmentId: string): Promise<QueueStanding | undefined> {
    try {
      const { position } = await this.queue.getPosition({ shipmentId });
      if (position === undefined) return undefined;
      return {
        position: position.position > 0 ? position.position : null,
        etaMinutes: position.eta?.known === true ? position.eta.minutes : null,
        lane: position.laneId === '' ? null : position.laneId,
        explanation: position.explanation?.en || position.explanation?.vi || '',
      };
    } catch (error) {
      if (error instanceof CodedError) return undefined;
      throw error;
    }
  }
}

function notFound(): CodedError {
  return new CodedError(
    'QUEUE.PASS_NOT_FOUND',
    'NOT_FOUND',
    'no shipment matches this plate and pass code',
  );
}

function tooManyGuesses(retryAfterSeconds: number): HttpProblemError {
  return new HttpProblemError(
    429,
    'QUEUE.TOO_MANY_LOOKUPS',
    `too many wrong plate/pass-code lookups; try again in ${retryAfterSeconds} s`,
    { retryAfterSeconds },
  );
}
