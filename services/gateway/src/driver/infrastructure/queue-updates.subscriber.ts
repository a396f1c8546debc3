import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../../gateway.config';
import { GATEWAY_CONFIG, GATEWAY_LOGGER } from '../../gateway.tokens';

type Listener = (message: string) => void;

/**
 * One Redis subscriber connection shared by every open driver stream: listeners per gate
 * on the logistics-queue's channel `cuakhau:queue:<gate>`.
 */
@Injectable()
export class QueueUpdatesSubscriber implements OnModuleDestroy {
  private subscriber: Redis | undefined;
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(
    @Inject(Redis) private readonly redis: Redis,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(GATEWAY_LOGGER) private readonly logger: Logger,
  ) {}

  /** Calls `listener` on every message of the gate's channel until the returned stop. */
  async subscribe(gateCode: string, listener: Listener): Promise<() => Promise<void>> {
    const channel = `${this.config.QUEUE_CHANNEL_PREFIX}${gateCode}`;
    const subscriber = this.connection();
    let set = this.listeners.get(channel);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(channel, set);
      await subscriber.subscribe(channel);
    }
    set.add(listener);
    return async () => {
      const current = this.listeners.get(channel);
      current?.delete(listener);
      if (current !== undefined && current.size === 0) {
        this.listeners.delete(channel);
        await subscriber.unsubscribe(channel).catch(() => undefined);
      }
    };
  }

  async onModuleDestroy(): Promise<void> {
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    if (subscriber !== undefined) await subscriber.quit().catch(() => subscriber.disconnect());
  }

  private connection(): Redis {
    if (this.subscriber === undefined) {
      const subscriber = this.redis.duplicate();
      subscriber.on('message', (channel: string, message: string) => {
        for (const listener of this.listeners.get(channel) ?? []) listener(message);
      });
      subscriber.on('error', (error: Error) => {
        this.logger.warn({ err: error }, 'queue updates subscriber error');
      });
      this.subscriber = subscriber;
    }
    return this.subscriber;
  }
}
