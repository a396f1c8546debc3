import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { LogisticsQueueConfig } from '../../logistics-queue.config';
import { QUEUE_CONFIG } from '../../logistics-queue.tokens';
import { LivePositions } from '../application/live-positions.port';
import type { PositionView } from '../application/position-view';

/** The pub/sub channel of a gate's position changes (read by the gateway's SSE stream). */
export function positionsChannel(gateCode: string): string {
  return `cuakhau:queue:${gateCode}`;
}

/** A published position change: the view plus its type, shape version and time. */
export interface PositionMessage extends PositionView {
  readonly type: 'queue.position';
  readonly version: 1;
  readonly at: string;
}

/** Seconds a departed / removed truck's last view stays readable. */
const GONE_TTL_SECONDS = 24 * 3600;

/**
 * Live positions in Redis:
 * - `<prefix>:position:<shipmentId>` — the view as JSON (no TTL while in the yard; 24 h after);
 * - `<prefix>:gate:<gate>` — sorted set of the gate's trucks, score = position (0 = called);
 * - every change PUBLISHed on `cuakhau:queue:<gate>` as a {@link PositionMessage}.
 * Rebuilt from PostgreSQL by the projector; nothing here is the source of truth.
 */
@Injectable()
export class RedisLivePositions extends LivePositions {
  private readonly prefix: string;

  constructor(
    private readonly redis: Redis,
    @Inject(QUEUE_CONFIG) config: LogisticsQueueConfig,
  ) {
    super();
    this.prefix = config.QUEUE_REDIS_PREFIX;
  }

  async write(
    gateCode: string,
    active: readonly PositionView[],
    gone: readonly PositionView[],
    changed: readonly PositionView[],
    rewriteAll: boolean,
  ): Promise<void> {
    const at = new Date().toISOString();
    const multi = this.redis.multi();
    const zset = `${this.prefix}:gate:${gateCode}`;
    multi.del(zset);
    if (active.length > 0) {
      multi.zadd(zset, ...active.flatMap((view) => [view.position, view.shipmentId]));
    }
    const goneIds = new Set(gone.map((view) => view.shipmentId));
    for (const view of rewriteAll ? [...active, ...gone] : changed) {
      const key = `${this.prefix}:position:${view.shipmentId}`;
      if (goneIds.has(view.shipmentId))
        multi.set(key, JSON.stringify(view), 'EX', GONE_TTL_SECONDS);
      else multi.set(key, JSON.stringify(view));
    }
    const channel = positionsChannel(gateCode);
    for (const view of changed) {
      const message: PositionMessage = { type: 'queue.position', version: 1, ...view, at };
      multi.publish(channel, JSON.stringify(message));
    }
    await multi.exec();
  }

  async read(shipmentId: string): Promise<PositionView | undefined> {
    const text = await this.redis.get(`${this.prefix}:position:${shipmentId}`);
    return text === null ? undefined : (JSON.parse(text) as PositionView);
  }
}
