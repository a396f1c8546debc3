import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../../gateway.config';
import { GATEWAY_CONFIG, GATEWAY_LOGGER } from '../../gateway.tokens';
import { DriverViewCache } from './driver-view.cache';
import { driverChangesChannel } from './queue-updates.subscriber';

/**
 * Tells every gateway process that a trader changed what a driver's pass opens (pass
 * reissued, shipment amended or cancelled): this process forgets at once, the others when
 * the Redis message reaches them (and within DRIVER_CACHE_TTL_MS at worst).
 */
@Injectable()
export class DriverViewChanges {
  constructor(
    @Inject(Redis) private readonly redis: Redis,
    private readonly cache: DriverViewCache,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(GATEWAY_LOGGER) private readonly logger: Logger,
  ) {}

  async announce(shipmentId: string): Promise<void> {
    this.cache.forget(shipmentId);
    await this.redis
      .publish(driverChangesChannel(this.config), shipmentId)
      .catch((error: unknown) => {
        this.logger.warn({ err: error, shipmentId }, 'could not announce a driver view change');
      });
  }
}
