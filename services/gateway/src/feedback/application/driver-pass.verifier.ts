import { Inject, Injectable } from '@nestjs/common';
import { CodedError } from '@cuakhau/platform';
import { AttemptLimiter } from '../../auth/infrastructure/attempt-limiter';
import type { GatewayConfig } from '../../gateway.config';
import { GATEWAY_CONFIG } from '../../gateway.tokens';
import { HttpProblemError } from '../../http/http-problem.error';
import { RegistryClient } from '../../shipments/infrastructure/registry.client';

export interface VerifiedDriver {
  readonly shipmentId: string;
  readonly gateCode: string;
  readonly normalisedPlate: string;
}

/**
 * A driver proves who they are with plate + pass code, exactly as for the queue position:
 * the registry matches the pair, a wrong pass code answers like an unknown plate (404) and
 * wrong guesses count against the same per-address budget (429 past the limit).
 */
@Injectable()
export class DriverPassVerifier {
  constructor(
    private readonly registry: RegistryClient,
    private readonly limiter: AttemptLimiter,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async verify(command: {
    plate: string;
    passCode: string;
    clientIp: string;
  }): Promise<VerifiedDriver> {
    const key = `pass-fail:ip:${command.clientIp}`;
    const limit = this.config.PASS_LOOKUP_MAX_FAILURES_PER_IP;
    const wait = await this.limiter.blocked(key, limit);
    if (wait !== undefined) throw tooManyGuesses(wait);
    let shipment;
    try {
      shipment = (
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
    if (shipment === undefined) throw notFound();
    return {
      shipmentId: shipment.shipmentId,
      gateCode: shipment.gateCode,
      normalisedPlate: shipment.normalisedPlate,
    };
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
